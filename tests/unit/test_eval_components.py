"""Evaluation builds its own components: a metered generator on a derived
`Components`, and an isolated corpus sharing the user's loaded models. The caller's
components are never changed."""

from __future__ import annotations

from pathlib import Path

from evaluation.datasets import JSONL, SQUAD_V1, Dataset, EvalItem
from evaluation.evaluate import evaluate
from evaluation.runner import PipelineLike
from evaluation.workspace import isolated_components
from rag.answer.pipeline import AnswerPipeline
from rag.components import Components
from rag.generator import RecordingGenerator
from tests.support.fake_store import FakeStore
from tests.support.fakes import ScriptedGenerator, add_document, fake_components

FACT = "El faro de Punta Norte mide treinta metros."
QUESTION = EvalItem("q1", "¿Cuánto mide el faro?", ("treinta metros",), ("notes/faro.md",))


def test_the_run_meters_a_derived_components_and_leaves_the_callers_alone(
    tmp_path: Path,
) -> None:
    generator = ScriptedGenerator([FACT])
    components = fake_components(tmp_path / "data", generator, store=FakeStore())
    add_document(components, "notes/faro.md", FACT)
    seen: list[Components] = []

    def pipeline(given: Components) -> PipelineLike:
        seen.append(given)
        return AnswerPipeline(given)

    report = evaluate(
        components, Dataset("t", tmp_path / "q.jsonl", JSONL, [QUESTION]), pipeline_factory=pipeline
    )
    [used] = seen
    assert isinstance(used.generator, RecordingGenerator) and used.generator.inner is generator
    assert (used.embedder, used.store, used.lexical) == (
        components.embedder,
        components.store,
        components.lexical,
    )
    assert components.generator is generator
    assert report["run"]["generator"] == "scripted"
    assert [q["id"] for q in report["questions"]] == ["q1"]


def test_the_isolated_corpus_shares_the_users_models_not_their_store(tmp_path: Path) -> None:
    user = fake_components(tmp_path / "data", store=FakeStore())
    with isolated_components(user, {"notes/faro.md": FACT}) as (isolated, info):
        assert isolated.embedder is user.embedder and isolated.generator is user.generator
        assert isolated.store is not user.store
        assert isolated.settings.chroma_dir != user.settings.chroma_dir
        assert info.isolated and info.chunks == isolated.store.count() == 1
    assert user.store.count() == 0


def test_a_squad_run_asks_on_the_isolated_corpus(tmp_path: Path) -> None:
    user = fake_components(tmp_path / "data", ScriptedGenerator([FACT]), store=FakeStore())
    squad = Dataset(
        "s",
        tmp_path / "s.json",
        SQUAD_V1,
        [EvalItem("q1", "¿Cuánto mide el faro?", ("treinta metros",), ("faro.md",))],
        documents={"faro.md": FACT},
        hit_needs_answer=False,
    )
    report = evaluate(user, squad)
    assert report["run"]["corpus"]["isolated"] is True
    assert report["run"]["corpus"]["chunks"] == 1
    assert user.store.count() == 0
