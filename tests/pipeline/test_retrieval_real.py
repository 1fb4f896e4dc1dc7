"""Hybrid retrieval with the real MiniLM over the ingested corpus: the passage with the
fact is found, without overlapping chunks (with fakes: tests/unit/test_retrieval.py)."""

from __future__ import annotations

import pytest

from ingest.sync import Ingestor
from rag.answer.retrieval import (
    HybridRetriever,
)
from rag.components import Components
from tests.support.paths import CORPUS


@pytest.fixture(scope="module")
def corpus_components(
    shared_components: Components, tmp_path_factory: pytest.TempPathFactory
) -> Components:
    settings = shared_components.settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("retrieval-data"), "corpus_dir": CORPUS}
    )
    components = Components(settings, embedder=shared_components.embedder)
    Ingestor(components).sync()
    return components


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("¿Cuánto costó el entrenamiento de Gemini 1.0 Ultra?", "30 millones"),
        ("How much energy did the training of GPT-4 consume?", "2.2 x 10^4"),
        ("¿Qué técnica reduce las alucinaciones de los modelos?", "bases de conocimiento"),
    ],
)
def test_real_models_find_the_passage_with_the_fact(
    corpus_components: Components, question: str, fact: str
) -> None:
    found = HybridRetriever(corpus_components).search(question, top_k=3)
    assert any(fact.lower() in p.text.lower() for p in found)
    spans = [(p.source, p.start, int(p.metadata["end"])) for p in found]
    for i, (source, start, end) in enumerate(spans):
        for other_source, other_start, other_end in spans[i + 1 :]:
            assert source != other_source or end <= other_start or other_end <= start
