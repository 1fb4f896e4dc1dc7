"""What the API needs from the answering pipeline and the ingestor.

Protocols rather than the concrete classes, so that the unit tier can inject fakes and
the API depends on behaviour, not on construction details.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from ingest.report import DocumentRecord, IngestReport
from rag.schema import Answer, Passage, Question


class AnswerPipelineLike(Protocol):
    def answer(self, question: Question, /) -> Answer: ...

    def stream(self, question: Question, /) -> Iterator[str | Answer]:
        """Text pieces as they are generated, then the final `Answer` last."""
        ...

    def retrieve(self, question: Question, /) -> list[Passage]: ...


class IngestorLike(Protocol):
    def sync(
        self,
        paths: list[Path] | None = None,
        dry_run: bool = False,
        progress: Callable[..., Any] | None = None,
    ) -> IngestReport: ...

    def delete_document(self, source: str) -> int: ...

    def list_documents(self) -> list[DocumentRecord]: ...

    def get_document(self, source: str) -> DocumentRecord: ...

    def document_text(self, source: str) -> str: ...
