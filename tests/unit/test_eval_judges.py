"""The pipeline's own checks as the evaluator uses them: the real `AnswerPipeline` and
its `Verifier` with a deterministic embedder (every text the same unit vector, so the
cosine is 1 and a support is w * word overlap + (1 - w))."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluation.aggregate import abstention_score, tradeoff_curve
from evaluation.grounding import LexicalJudge
from evaluation.judges import (
    VerifierJudge,
    abstention_threshold,
    evidence_probe,
    own_judge,
)
from rag.components import Components
from rag.embedder import Embedder
from rag.schema import Passage
from rag.settings import load_settings
from tests.support.fake_evaluation import record


class ConstantEmbedder(Embedder):
    name = "constant"
    dimension = 2
    max_tokens = 256

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def real_pipeline(tmp_path: Path) -> Any:
    from rag.answer.pipeline import AnswerPipeline

    components = Components(load_settings(data_dir=tmp_path / "data"), embedder=ConstantEmbedder())
    return AnswerPipeline(components)


def test_verifier_judge_scores_like_the_pipeline(tmp_path: Path) -> None:
    pipeline = real_pipeline(tmp_path)
    judge = own_judge(pipeline)
    assert isinstance(judge, VerifierJudge)
    assert judge.threshold == pipeline.settings.verify_support
    passage = "El entrenamiento de GPT-4 costó 41 millones de dólares. Otra frase aparte."
    # every content word of the claim is in the first sentence: w * 1 + (1 - w) * 1
    assert judge.score("GPT-4 costó 41 millones.", [passage]) == pytest.approx(1.0)
    # a number the evidence lacks makes the support 0, whatever the overlap
    assert judge.score("GPT-4 costó 50 millones.", [passage]) == 0.0
    assert judge.score("GPT-4 costó 41 millones.", []) == 0.0


def test_verifier_judge_reads_an_english_sentence_as_english(tmp_path: Path) -> None:
    judge = own_judge(real_pipeline(tmp_path))
    quote = "In much of the U.S. South, many white students migrated to the academies."
    assert judge.score(quote, [f"It began in 1954. {quote}"]) == pytest.approx(1.0)


def test_own_judge_and_probe_are_found_on_the_pipeline_or_fall_back(tmp_path: Path) -> None:
    pipeline = real_pipeline(tmp_path)
    assert abstention_threshold(pipeline) == pipeline.settings.verify_answerable
    probe = evidence_probe(pipeline)
    assert probe is not None
    passages = [Passage("c1", "GPT-4 costó 41 millones de dólares.", {"source": "a.md"})]
    assert 0.0 < probe("¿Cuánto costó GPT-4?", passages) <= 1.0
    bare = object()
    assert isinstance(own_judge(bare), LexicalJudge)
    assert evidence_probe(bare) is None and abstention_threshold(bare) is None


def test_tradeoff_uses_the_abstention_score_only_when_every_record_has_it() -> None:
    probed = [
        record("a", support=0.9),
        record("u", unanswerable=True, support=0.8),
    ]
    probed[0].evidence, probed[1].evidence = 0.7, 0.3
    assert abstention_score(probed) == "evidence"
    # evidence 0.7 (answerable) and 0.3 (unanswerable): at t = 0.7 only the latter abstains
    assert tradeoff_curve(probed)[1] == {
        "threshold": 0.7,
        "answerable_abstained": 0.0,
        "unanswerable_answered": 0.0,
    }
    probed[1].evidence = None
    assert abstention_score(probed) == "support"
    assert [p["threshold"] for p in tradeoff_curve(probed)][:2] == [0.8, 0.9]
