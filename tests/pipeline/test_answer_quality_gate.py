"""How often answers state the gold fact, and the rest of answer quality: `rag eval`
on the whole project set (corpus/eval/questions.jsonl), with the real models, gated
with a margin.

llama.cpp is built for the CPU that builds it, so one answer's words may differ from
machine to machine; a rate over the 79 questions moves much less. Each gate sits a
margin below the figure measured when it was set (docs/evaluation.md, "Quality
gates"), so a machine that words a few answers differently still passes, and a change
that makes answers worse does not.
"""

from __future__ import annotations

from collections.abc import Callable

from evaluation.datasets import load_dataset
from evaluation.evaluate import evaluate
from evaluation.report import flatten, gate_failures
from ingest.sync import Ingestor
from rag.components import Components
from tests.support.paths import CORPUS

QUESTIONS = CORPUS / "eval" / "questions.jsonl"
MINIMUMS = {
    "retrieval.recall_at_5": 0.95,
    "answer.contains": 0.80,
    "answer.f1": 0.62,
    "answer.exact_match": 0.45,
    "faithfulness.supported_rate": 0.95,
    "citations.precision": 0.95,
    "citations.recall": 0.95,
    "abstention.unanswerable_abstained": 0.85,
}
MAXIMUMS = {
    "abstention.answerable_abstained": 0.10,
}


def bounds(gates: dict[str, float]) -> list[tuple[str, str, float]]:
    return [(path, path, value) for path, value in gates.items()]


def test_the_project_set_clears_the_quality_gates(
    make_components: Callable[..., Components],
) -> None:
    components = make_components(corpus_dir=CORPUS)
    assert not Ingestor(components).sync().errors
    report = evaluate(components, load_dataset(QUESTIONS), show_progress=False)
    figures = flatten(report["metrics"])
    shown = {path: figures.get(path) for path in [*MINIMUMS, *MAXIMUMS]}
    assert gate_failures(report["metrics"], bounds(MINIMUMS), bounds(MAXIMUMS)) == [], shown
