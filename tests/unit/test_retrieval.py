"""Hybrid retrieval: fusion, overlap removal, filters and the LangChain adapter.

Unit tier: the word-vector fake embedder over a real Chroma in a temporary directory.
The real MiniLM over the ingested corpus: tests/pipeline/test_retrieval_real.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from rag.answer.retrieval import (
    Candidate,
    HybridRetriever,
    LangChainRetriever,
    chroma_where,
    drop_overlapping,
    fuse,
)
from rag.components import Components
from rag.errors import ConfigError
from rag.schema import Passage
from tests.support.fakes import add_document, fake_components

GEMINI = "El entrenamiento de Gemini 1.0 Ultra costó 30 millones de dólares."
GPT4 = "El entrenamiento de GPT-4 costó 41 millones de dólares y duró 95 días."
COFFEE = "El café llegó a Europa en el siglo XVII a través de Venecia."


ENGLISH = "The training of Gemini 1.0 Ultra cost 30 million dollars."


def passage(chunk_id: str, source: str, start: int, end: int, score: float = 0.0) -> Passage:
    return Passage(
        chunk_id, "x" * (end - start), {"source": source, "start": start, "end": end}, score
    )


def test_fusion_normalises_bm25_by_the_best_score() -> None:
    candidates = [
        Candidate("a", lexical=10.0, dense=0.1),
        Candidate("b", lexical=5.0, dense=0.9),
        Candidate("c", lexical=0.0, dense=0.95),
    ]
    ranked = fuse(candidates, lexical_weight=0.5)
    assert [c.chunk_id for c in ranked] == ["b", "a", "c"]
    assert ranked[0].fused == pytest.approx(0.5 * 0.5 + 0.5 * 0.9)


@pytest.mark.parametrize(("weight", "first"), [(1.0, "a"), (0.0, "c")])
def test_fusion_weight_ends_are_pure_lexical_and_pure_dense(weight: float, first: str) -> None:
    candidates = [Candidate("a", lexical=3.0, dense=0.1), Candidate("c", lexical=1.0, dense=0.8)]
    assert fuse(candidates, weight)[0].chunk_id == first


def test_a_chunk_mostly_inside_a_better_one_is_dropped_and_a_neighbour_stays() -> None:
    ranked = [
        passage("a1", "a.md", 0, 100, 0.9),
        passage("a1bis", "a.md", 10, 110, 0.85),  # 90 of its 100 characters are a1's
        passage("a2", "a.md", 80, 180, 0.8),  # shares only the splitter's overlap with a1
        passage("b1", "b.md", 0, 100, 0.7),  # same span, other document
        passage("a3", "a.md", 100, 170, 0.6),  # 70 characters, 70 of them a2's
    ]
    kept = drop_overlapping(ranked, limit=10)
    assert [p.chunk_id for p in kept] == ["a1", "a2", "b1"]
    assert [p.chunk_id for p in drop_overlapping(ranked, limit=2)] == ["a1", "a2"]


def test_filters_become_a_chroma_where_clause() -> None:
    assert chroma_where(None) is None
    assert chroma_where({"source": "a.md"}) == {"source": "a.md"}
    assert chroma_where({"source": "a.md", "lang": "es"}) == {
        "$and": [{"lang": "es"}, {"source": "a.md"}]
    }
    with pytest.raises(ConfigError, match="unknown filter 'author'"):
        chroma_where({"author": "x"})


@pytest.fixture
def fake_store(tmp_path: Path) -> Components:
    components = fake_components(tmp_path)
    add_document(components, "notes/gemini.md", GEMINI)
    add_document(components, "notes/gpt4.md", GPT4)
    add_document(components, "notes/cafe.md", COFFEE)
    add_document(components, "notes/summary-en.md", ENGLISH, lang="en")
    return components


def test_search_ranks_the_matching_chunk_first(fake_store: Components) -> None:
    found = HybridRetriever(fake_store).search("¿Cuánto costó el entrenamiento de Gemini?", top_k=2)
    assert found[0].source == "notes/gemini.md"
    assert found[0].text == GEMINI
    assert len(found) == 2
    assert found[0].score >= found[1].score


def test_search_filters_by_source_and_lang(fake_store: Components) -> None:
    retriever = HybridRetriever(fake_store)
    only_gpt = retriever.search(
        "entrenamiento Gemini", top_k=5, filters={"source": "notes/gpt4.md"}
    )
    assert {p.source for p in only_gpt} == {"notes/gpt4.md"}
    english = retriever.search("Gemini training cost", top_k=5, filters={"lang": "en"})
    assert {p.source for p in english} == {"notes/summary-en.md"}


@pytest.mark.parametrize(
    ("second", "found_chunks"),
    [
        ((5, len(GEMINI) - 5), 1),  # inside the first chunk
        ((len(GEMINI) - 9, len(GEMINI) + 1 + len(GPT4)), 2),  # a neighbour sharing 10 chars
    ],
)
def test_search_drops_a_chunk_inside_a_better_one_and_keeps_a_neighbour(
    tmp_path: Path, second: tuple[int, int], found_chunks: int
) -> None:
    components = fake_components(tmp_path)
    text = f"{GEMINI} {GPT4}"
    add_document(components, "post.md", text, spans=[(0, len(GEMINI) + 1), second])
    found = HybridRetriever(components).search("Gemini GPT-4 entrenamiento costó", top_k=5)
    assert len(found) == found_chunks


def test_top_k_above_candidate_k_widens_the_candidates(tmp_path: Path) -> None:
    components = fake_components(tmp_path, candidate_k=1)
    for index, text in enumerate([GEMINI, GPT4, COFFEE]):
        add_document(components, f"doc{index}.md", text)
    assert len(HybridRetriever(components).search("entrenamiento café", top_k=3)) == 3


def test_search_on_an_empty_store_finds_nothing(tmp_path: Path) -> None:
    assert HybridRetriever(fake_components(tmp_path)).search("¿Algo?", top_k=3) == []


def test_langchain_adapter_returns_documents(fake_store: Components) -> None:
    retriever = LangChainRetriever(hybrid=HybridRetriever(fake_store), top_k=1)
    documents = retriever.invoke("coste del entrenamiento de Gemini")
    assert len(documents) == 1
    assert isinstance(documents[0], Document)
    assert documents[0].page_content == GEMINI
    assert documents[0].metadata["source"] == "notes/gemini.md"
    assert documents[0].metadata["chunk_id"] == documents[0].id
