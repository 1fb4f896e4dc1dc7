"""Splitting, measured with the real tokenizer of the default embedder
(multilingual-e5-small, which reads 512 word pieces): no chunk is ever truncated."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from typing import Any

import pytest

from ingest.chunks import chunk_documents
from ingest.corpus import resolve_targets, scan
from ingest.loaders import LoadedDocument, parse_document, read_file
from ingest.splitter import ChunkSpan, Splitter, heading_sections
from rag.schema import ChunkKey
from rag.sentences import split_sentences
from tests.support.paths import CORPUS

MODEL_WORD_PIECES = 512  # multilingual-e5-small reads no more


def corpus_documents() -> list[LoadedDocument]:
    files = scan(CORPUS, resolve_targets(CORPUS, None))
    return [parse_document(source, read_file(path, 10_000_000)) for source, path in files.items()]


def adversarial_text(seed: int = 3) -> str:
    """Everything a splitter can trip on: an enormous sentence with no punctuation, a
    single 5,000-character word, accented filler, a line of 300 sentences, a long list,
    headings inside fenced code and a huge table row."""
    rng = random.Random(seed)
    words = [
        "modelo",
        "lenguaje",
        "datos",
        "entrenamiento",
        "cuantización",
        "eficiencia",
        "inferencia",
        "GPU",
    ]
    say = lambda n: " ".join(rng.choice(words) for _ in range(n))  # noqa: E731
    return "\n\n".join(
        [
            "# Documento hostil",
            say(6000),
            "x" * 5000 + " " + "ñá" * 3000 + " " + "🙂" * 400,
            ". ".join(say(30) for _ in range(300)) + ".",
            "\n".join(f"- {say(9)}" for _ in range(300)),
            "## Código\n\n```\n# no es un título\n" + say(400) + "\n```",
            "| " + " | ".join(say(3) for _ in range(500)) + " |",
        ]
    )


def check_chunks(text: str, spans: list[ChunkSpan], count: Any, limit: int) -> None:
    assert spans
    for span in spans:
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
        assert count(piece) <= limit <= MODEL_WORD_PIECES
    covered = bytearray(len(text))
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    lost = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert lost == [], f"text dropped at offsets {lost[:5]}"


@pytest.mark.parametrize(("chunk_tokens", "overlap"), [(200, 30), (250, 120), (48, 16)])
def test_real_corpus_chunks_fit_the_model_and_quote_exactly(
    embedder: Any, chunk_tokens: int, overlap: int
) -> None:
    splitter = Splitter(embedder.count_tokens, chunk_tokens, overlap, embedder.max_tokens)
    documents = corpus_documents()
    assert len(documents) >= 5
    for document in documents:
        spans = splitter.split(document.text, document.lang, document.pages)
        check_chunks(document.text, spans, embedder.count_tokens, chunk_tokens)


def test_adversarial_document_never_exceeds_the_model_limit(embedder: Any) -> None:
    text = adversarial_text()
    splitter = Splitter(embedder.count_tokens, 250, 60, embedder.max_tokens)
    spans = splitter.split(text, "es")
    check_chunks(text, spans, embedder.count_tokens, 250)
    assert embedder.max_tokens == MODEL_WORD_PIECES
    assert max(embedder.count_tokens(text[s.start : s.end]) for s in spans) > 200  # packed


def test_chunk_limit_is_capped_by_the_model(embedder: Any) -> None:
    splitter = Splitter(embedder.count_tokens, 10_000, 0, embedder.max_tokens)
    assert splitter.limit == MODEL_WORD_PIECES
    spans = splitter.split(adversarial_text(5), "es")
    text = adversarial_text(5)
    assert all(embedder.count_tokens(text[s.start : s.end]) <= MODEL_WORD_PIECES for s in spans)


def test_consecutive_chunks_overlap_by_whole_sentences(embedder: Any) -> None:
    sentences = [f"La frase número {n} habla de modelos generativos y de datos." for n in range(60)]
    text = " ".join(sentences)
    overlap = 30
    splitter = Splitter(embedder.count_tokens, 100, overlap, embedder.max_tokens)
    spans = splitter.split(text, "es")
    assert len(spans) > 3
    starts = {text.index(s) for s in sentences}
    ends = {text.index(s) + len(s) for s in sentences}
    for before, after in itertools.pairwise(spans):
        assert after.start in starts and before.end in ends
        assert after.start < before.end  # they do overlap
        shared = text[after.start : before.end]
        assert embedder.count_tokens(shared) - 2 <= overlap
        assert [s.text for s in split_sentences(shared)] == [s for s in sentences if s in shared]


def test_chunks_never_cross_a_heading(embedder: Any) -> None:
    document = next(d for d in corpus_documents() if d.source.startswith("posts/"))
    splitter = Splitter(embedder.count_tokens, 200, 30, embedder.max_tokens)
    boundaries = [s.start for s in heading_sections(document.text)][1:]
    for span in splitter.split(document.text, document.lang):
        assert not any(span.start < b < span.end for b in boundaries)


def test_pdf_chunks_name_their_page(embedder: Any) -> None:
    from tests.support.documents import make_pdf

    pages = [" ".join(["Primera página sobre cuantización de modelos."] * 40), "Página final."]
    document = parse_document("informe.pdf", make_pdf(pages))
    splitter = Splitter(embedder.count_tokens, 120, 20, embedder.max_tokens)
    spans = splitter.split(document.text, document.lang, document.pages)
    assert document.pages is not None
    for span in spans:
        page = next(p for p in document.pages if p.start <= span.start and span.end <= p.end)
        assert span.page == page.number
    assert {s.page for s in spans} == {1, 2}


def test_every_chunk_carries_the_metadata_contract(embedder: Any, tmp_path: Path) -> None:
    document = next(d for d in corpus_documents() if d.source == "notes/conclusiones.md")
    splitter = Splitter(embedder.count_tokens, 200, 30, embedder.max_tokens)
    chunks = chunk_documents(document, splitter.split(document.text, document.lang))
    required = {key.value for key in ChunkKey} - {ChunkKey.PAGE.value}
    assert [c.metadata[ChunkKey.CHUNK_INDEX] for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert required <= set(chunk.metadata)
        assert chunk.metadata[ChunkKey.SOURCE] == "notes/conclusiones.md"
        assert chunk.metadata["book_author"] == "Ben Auffarth"  # front matter travels
        assert re.fullmatch(r"[0-9a-f]{32}", chunk.id or "")
    again = chunk_documents(document, splitter.split(document.text, document.lang))
    assert [c.id for c in again] == [c.id for c in chunks]
    assert len({c.id for c in chunks}) == len(chunks)


def test_repeated_text_gets_distinct_ids(embedder: Any) -> None:
    paragraph = "Un párrafo que se repite palabra por palabra. " * 30
    data = f"# Uno\n\n{paragraph}\n\n# Dos\n\n{paragraph}\n".encode()
    document = parse_document("repetido.md", data)
    splitter = Splitter(embedder.count_tokens, 200, 0, embedder.max_tokens)
    chunks = chunk_documents(document, splitter.split(document.text, document.lang))
    texts = [c.page_content for c in chunks]
    assert len(set(texts)) < len(texts)
    assert len({c.id for c in chunks}) == len(chunks)
