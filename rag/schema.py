"""Shapes shared by ingestion, retrieval, answering and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from rag.errors import BackendError

NO_FINAL_ANSWER = "the answer stream ended without an answer"


class ChunkKey(StrEnum):
    """Metadata keys every chunk carries in Chroma."""

    SOURCE = "source"  # path relative to the corpus root: the document id
    TITLE = "title"
    LANG = "lang"
    DOC_HASH = "doc_hash"
    CHUNK_HASH = "chunk_hash"
    CHUNK_INDEX = "chunk_index"
    START = "start"  # character offsets into the document's normalized text
    END = "end"
    SECTION = "section"  # heading path of the chunk, "" outside any heading
    PAGE = "page"  # PDFs only


@dataclass
class Passage:
    """A retrieved chunk."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float = 0.0

    @property
    def source(self) -> str:
        return str(self.metadata.get(ChunkKey.SOURCE, ""))

    @property
    def title(self) -> str:
        return str(self.metadata.get(ChunkKey.TITLE, ""))

    @property
    def front_matter(self) -> list[str]:
        """The document's own front-matter text ("book_author: Ben Auffarth"): every
        metadata string that is no key of ours."""
        ours = set(ChunkKey)
        return [v for k, v in self.metadata.items() if k not in ours and isinstance(v, str)]

    @property
    def start(self) -> int:
        return int(self.metadata.get(ChunkKey.START, 0))

    def public(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "chunk_id": self.chunk_id,
            "score": round(self.score, 4),
            "text": self.text,
        }


class AnswerMode(StrEnum):
    GENERATED = "generated"
    EXTRACTIVE = "extractive"
    ABSTAINED = "abstained"


@dataclass
class Citation:
    n: int
    source: str
    title: str
    chunk_id: str
    start: int
    end: int
    quote: str


@dataclass
class Answer:
    answer: str
    mode: AnswerMode
    support: float
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """The JSON shape of `rag ask --json` and `POST /chat`."""
        return {
            "answer": self.answer,
            "mode": str(self.mode),
            "support": round(self.support, 4),
            "citations": [asdict(c) for c in self.citations],
            "passages": [p.public() for p in self.passages],
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
        }


def final_answer(
    items: Iterable[str | Answer], on_piece: Callable[[str], None] | None = None
) -> Answer:
    """The `Answer` that ends an answer stream (the pipeline's or a server's), each text
    piece before it handed to `on_piece`. A stream without one broke its contract."""
    final: Answer | None = None
    for item in items:
        if isinstance(item, Answer):
            final = item
        elif on_piece is not None:
            on_piece(item)
    if final is None:
        raise BackendError(NO_FINAL_ANSWER)
    return final


@dataclass
class Turn:
    role: str  # "user" or "assistant"
    content: str


@dataclass
class Question:
    """One request to the answering pipeline."""

    text: str
    history: list[Turn] = field(default_factory=list)
    filters: dict[str, str] | None = None  # optional `source` / `lang` equality filters
    top_k: int | None = None
    max_tokens: int | None = None  # None: the settings' llm_max_tokens
    temperature: float | None = None  # None: the settings' llm_temperature
