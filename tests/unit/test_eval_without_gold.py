"""`rag eval --without-gold`: every answerable question asked again with its gold
sources withheld from retrieval, where abstaining is right. The withheld askings count
in `abstention.without_gold_abstained` (and the run's cost) only (unit tier)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evaluation.aggregate import counts_of, metrics_of, worst_questions
from evaluation.datasets import JSONL, Dataset, EvalItem
from evaluation.evaluate import evaluate
from evaluation.grounding import LexicalJudge
from evaluation.report import flatten, write_report
from evaluation.runner import Checks, RunningScore, askings, score_item
from evaluation.withhold import WithholdingRetriever, gold_withheld, require_retriever
from rag.answer.pipeline import AnswerPipeline
from rag.errors import ConfigError
from tests.support.fake_evaluation import (
    KeywordJudge,
    RankedRetriever,
    RetrievingPipeline,
    ScriptedPipeline,
    cited_answer,
    passage,
    records,
    with_withheld,
    withheld,
)
from tests.support.fake_store import FakeStore
from tests.support.fakes import ScriptedGenerator, add_document, fake_components

QUESTION = "¿Cuánto costó GPT-4?"
GOLD_1 = passage("g0", "gold.md", "El entrenamiento de GPT-4 costó 41 millones de dólares.")
GOLD_2 = passage("g1", "gold.md", "GPT-4 fue entrenado por OpenAI en 2022.")
OTHERS = [passage(f"o{i}", f"other-{i}.md", f"Texto {i} sin el dato.") for i in range(5)]
# the gold paragraph is split in two chunks, both near the top
RANKING = [GOLD_1, OTHERS[0], GOLD_2, *OTHERS[1:]]

COST = EvalItem("es-1", QUESTION, ("41 millones",), ("gold.md",), False, "es")
NONE = EvalItem("un-1", "¿Quién ganó el Mundial?", (), (), True, "es")
NO_SOURCES = EvalItem("es-2", "¿Qué es RAG?", ("retrieval",), (), False, "es")


def retriever() -> RankedRetriever:
    return RankedRetriever({QUESTION: list(RANKING)})


def checks() -> Checks:
    return Checks(own=KeywordJudge(), lexical=LexicalJudge())


# -- the withholding retriever --------------------------------------------------------


def test_withheld_sources_are_never_returned_and_top_k_others_remain() -> None:
    inner = retriever()
    found = WithholdingRetriever(inner, ["gold.md"]).search(QUESTION, 3)
    assert [p.chunk_id for p in found] == ["o0", "o1", "o2"]
    # 3 deep left one other passage; asked again deeper by the two missing
    assert inner.depths == [3, 5]


def test_the_default_depth_is_the_inner_retrievers_own() -> None:
    inner = retriever()
    found = WithholdingRetriever(inner, ["gold.md"]).search(QUESTION)
    assert [p.chunk_id for p in found] == ["o0", "o1", "o2", "o3", "o4"]
    assert inner.depths == [None, 7]


def test_a_retriever_with_nothing_more_is_not_asked_again_and_again() -> None:
    inner = RankedRetriever({QUESTION: [GOLD_1, OTHERS[0]]})
    found = WithholdingRetriever(inner, ["gold.md"]).search(QUESTION, 3)
    assert found == [OTHERS[0]] and inner.depths == [3]
    assert WithholdingRetriever(inner, ["gold.md"]).search("nothing", 3) == []


def test_nothing_to_withhold_costs_one_search() -> None:
    inner = retriever()
    found = WithholdingRetriever(inner, ["absent.md"]).search(QUESTION, 2)
    assert found == RANKING[:2] and inner.depths == [2]


def test_the_pipelines_own_retriever_is_put_back_even_after_a_failure() -> None:
    own = retriever()
    scripted = RetrievingPipeline(own, {})
    with pytest.raises(RuntimeError), gold_withheld(scripted, ["gold.md"]):
        assert isinstance(scripted.retriever, WithholdingRetriever)
        raise RuntimeError("boom")
    assert scripted.retriever is own


def test_a_pipeline_without_a_retriever_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="--without-gold needs a pipeline"):
        require_retriever(ScriptedPipeline({}, {}))


# -- asking --------------------------------------------------------------------------


def test_every_answerable_question_with_gold_sources_is_asked_again() -> None:
    asks = askings([COST, NONE, NO_SOURCES], without_gold=True)
    assert [(item.id, withheld) for item, withheld in asks] == [
        ("es-1", False),
        ("un-1", False),
        ("es-2", False),
        ("es-1", True),
    ]
    assert askings([COST, NONE], without_gold=False) == [(COST, False), (NONE, False)]


def test_asked_without_gold_the_gold_is_never_retrieved_and_answers_are_not_scored() -> None:
    scripted = RetrievingPipeline(
        retriever(), {QUESTION: cited_answer("41 millones [1].", [GOLD_1])}
    )
    asked = score_item(COST, scripted, checks())
    assert asked.mode == "generated" and asked.hit_rank == 1 and asked.f1 == 1.0

    withheld = score_item(COST, scripted, checks(), without_gold=True)
    assert withheld.without_gold and withheld.abstained
    given = scripted.given[-1]
    assert given and all(p.source != "gold.md" for p in given)  # what the answer saw
    assert withheld.retrieved and all(r["source"] != "gold.md" for r in withheld.retrieved)
    assert not any(r["hit"] for r in withheld.retrieved)
    assert not withheld.scored_retrieval and withheld.hit_rank is None
    assert (withheld.exact_match, withheld.f1, withheld.contains) == (None, None, None)
    assert withheld.gold_answers == ["41 millones"]  # kept for the reader
    assert isinstance(scripted.retriever, RankedRetriever)  # put back


def test_a_failure_without_gold_is_an_error_record_marked_as_such() -> None:
    withheld = score_item(COST, ScriptedPipeline({}, {}), checks(), without_gold=True)
    assert withheld.mode == "error" and withheld.without_gold
    assert withheld.error is not None and "--without-gold" in withheld.error


# -- the metric ----------------------------------------------------------------------


def test_the_metric_is_the_share_abstained_with_gold_withheld() -> None:
    metrics = metrics_of(with_withheld(), 10.0)
    assert metrics["abstention"]["without_gold_abstained"] == pytest.approx(2 / 3)
    counts = counts_of(with_withheld())
    assert (counts["questions"], counts["without_gold"], counts["answerable"]) == (5, 3, 3)
    assert counts["sentences"] == counts_of(records())["sentences"]


def test_the_withheld_askings_change_no_other_metric_but_the_cost() -> None:
    plain = flatten(metrics_of(records(), 10.0))
    both = flatten(metrics_of(with_withheld(), 10.0))
    changed = {path for path in plain if plain[path] != both[path]}
    assert changed == {
        "abstention.without_gold_abstained",
        "cost.generation_tokens_per_s",
        "cost.overall_tokens_per_s",
        "cost.generated_tokens",
        "cost.seconds_per_question",
    }
    assert both["cost.generated_tokens"] == 60.0  # the run's cost holds every asking


def test_a_failed_withheld_asking_is_counted_as_an_error_not_in_the_metric() -> None:
    failed = withheld("r7", "error")
    failed.error = "ValueError: boom"
    recs = [*with_withheld(), failed]
    assert metrics_of(recs, 10.0)["abstention"]["without_gold_abstained"] == pytest.approx(2 / 3)
    counts = counts_of(recs)
    assert (counts["questions"], counts["errors"], counts["without_gold"]) == (5, 1, 3)


def test_an_answer_given_without_its_gold_is_among_the_worst() -> None:
    questions = [r.public() for r in with_withheld()]
    worst = worst_questions(questions, 3)
    # quality 0 for all three; one unsupported sentence each for the first two, which
    # go by support (0.8, then 0.6)
    assert [(q["id"], q["without_gold"]) for q in worst] == [
        ("r1", True),  # answered without its gold
        ("r5", False),  # an unanswerable question answered
        ("r3", False),  # abstained on an answerable question
    ]


def test_the_three_files_show_the_metric_and_the_withheld_askings(tmp_path: Path) -> None:
    from evaluation.report import build_report

    run = {"dataset": "hand", "format": "squad-1.1", "generator": "g", "embedder": "e"}
    paths = write_report(build_report(with_withheld(), run, 10.0), tmp_path)
    saved = json.loads(paths[0].read_text())
    assert saved["metrics"]["abstention"]["without_gold_abstained"] == pytest.approx(2 / 3)
    assert sum(q["without_gold"] for q in saved["questions"]) == 3
    markdown = paths[1].read_text()
    assert "| `abstention.without_gold_abstained` | 0.6667 |" in markdown
    assert "3 asked again without their gold" in markdown
    html = paths[2].read_text()
    assert "abstention.without_gold_abstained" in html
    assert "(withheld: abstaining is right)" in html


# -- a whole run, through the real pipeline on fake models ---------------------------

FACT = "El faro de Punta Norte mide treinta metros."
HARBOUR = "El puerto de Punta Norte recibe barcos de pesca cada mañana."
TOWER = EvalItem("q1", "¿Cuánto mide el faro de Punta Norte?", ("treinta metros",), ("faro.md",))
BUILDER = EvalItem("u1", "¿Quién construyó el faro?", (), (), True)


def test_a_run_with_the_option_adds_the_withheld_askings_and_nothing_else(
    tmp_path: Path,
) -> None:
    components = fake_components(tmp_path / "data", ScriptedGenerator([FACT]), store=FakeStore())
    add_document(components, "faro.md", FACT)
    add_document(components, "puerto.md", HARBOUR)
    dataset = Dataset("t", tmp_path / "q.jsonl", JSONL, [TOWER, BUILDER], hit_needs_answer=True)

    def pipeline(given: Any) -> AnswerPipeline:
        return AnswerPipeline(given)

    plain = evaluate(components, dataset, pipeline_factory=pipeline)
    both = evaluate(components, dataset, pipeline_factory=pipeline, without_gold=True)

    assert both["run"]["without_gold"] is True and plain["run"]["without_gold"] is False
    assert [(q["id"], q["without_gold"]) for q in both["questions"]] == [
        ("q1", False),
        ("u1", False),
        ("q1", True),
    ]
    again = both["questions"][-1]
    assert again["retrieved"] and {r["source"] for r in again["retrieved"]} == {"puerto.md"}
    assert again["mode"] == "abstained"
    assert both["metrics"]["abstention"]["without_gold_abstained"] == 1.0
    assert plain["metrics"]["abstention"]["without_gold_abstained"] is None
    for group in ("retrieval", "answer", "faithfulness", "citations"):
        assert both["metrics"][group] == plain["metrics"][group]
    abstention = dict(both["metrics"]["abstention"], without_gold_abstained=None)
    assert abstention == plain["metrics"]["abstention"]
    answers = ("id", "answer", "mode", "support", "f1", "contains", "hit_rank", "retrieved")
    assert [[q[key] for key in answers] for q in both["questions"][:2]] == [
        [q[key] for key in answers] for q in plain["questions"]
    ]


def test_the_progress_line_shows_the_share_abstained_without_gold() -> None:
    score = RunningScore()
    for r in with_withheld()[-3:]:
        score.add(r)
    # the withheld askings: no rank, no F1, their sentences left out
    assert score.text() == "w/o gold abstained 0.67"
