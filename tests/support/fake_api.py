"""The real FastAPI app over deterministic stand-ins for the answering pipeline, the
ingestor and the store (`fake_app`).

The stand-ins honour the same contracts as `rag.answer.pipeline.AnswerPipeline` and
`ingest.sync.Ingestor`, so the API cannot tell them apart.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.report import DocStatus, DocumentRecord, FileError, IngestReport
from ingest.sync import IngestProgress
from rag.components import Components
from rag.errors import NotFoundError
from rag.schema import Answer, AnswerMode, Citation, Passage, Question
from rag.settings import Settings, load_settings
from tests.support.fake_store import FakeStore
from tests.support.fakes import WordEmbedder

SOURCE = "posts/tendencias.md"
QUOTE = "La destilación entrena un modelo pequeño para imitar a uno grande."
PASSAGE = Passage("c1", QUOTE, {"source": SOURCE, "title": "Tendencias"}, score=0.9)
CITATION = Citation(1, SOURCE, "Tendencias", "c1", 0, len(QUOTE), QUOTE)
PIECES = ["La destilación ", "entrena un modelo ", "pequeño [1]."]


def scripted_answer(text: str = "".join(PIECES), mode: AnswerMode = AnswerMode.GENERATED) -> Answer:
    return Answer(
        answer=text,
        mode=mode,
        support=0.8,
        citations=[CITATION],
        passages=[PASSAGE],
        timings={"retrieve_ms": 3.0, "generate_ms": 20.0},
    )


class FakePipeline:
    """Streams scripted pieces, then a scripted answer. `gate`, when given, must be set
    before each piece (to hold a generation open); `endless` streams until closed."""

    def __init__(
        self,
        pieces: list[str] | None = None,
        answer: Answer | None = None,
        gate: threading.Event | None = None,
        endless: bool = False,
        fail: Exception | None = None,
    ) -> None:
        self.pieces = PIECES if pieces is None else pieces
        self.final = answer or scripted_answer()
        self.gate = gate
        self.endless = endless
        self.fail = fail
        self.questions: list[Question] = []
        self.started = threading.Event()
        self.closed = threading.Event()

    def stream(self, question: Question) -> Iterator[str | Answer]:
        self.questions.append(question)
        self.started.set()
        try:
            yield from self._pieces()
            if self.fail is not None:
                raise self.fail
            yield self.final
        finally:
            self.closed.set()

    def _pieces(self) -> Iterator[str]:
        while True:
            for piece in self.pieces:
                if self.gate is not None:
                    self.gate.wait(30)
                yield piece
            if not self.endless:
                return
            threading.Event().wait(0.02)

    def answer(self, question: Question) -> Answer:
        *_, last = self.stream(question)
        assert isinstance(last, Answer)
        return last

    def retrieve(self, question: Question) -> list[Passage]:
        self.questions.append(question)
        return [PASSAGE]


class FakeIngestor:
    """Keeps a catalogue in memory; a file containing `BROKEN` fails to ingest."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.records: dict[str, DocumentRecord] = {}
        self.texts: dict[str, str] = {}
        self.syncs: list[list[Path] | None] = []

    def sync(
        self,
        paths: list[Path] | None = None,
        dry_run: bool = False,
        progress: Callable[..., Any] | None = None,
    ) -> IngestReport:
        self.syncs.append(paths)
        files = paths if paths is not None else sorted(self.corpus_dir.rglob("*.md"))
        report = IngestReport(dry_run=dry_run)
        for done, path in enumerate(files, start=1):
            self._ingest(path, report)
            if progress is not None:
                progress(IngestProgress("ingesting", files_total=len(files), files_done=done))
        return report

    def _ingest(self, path: Path, report: IngestReport) -> None:
        source = path.relative_to(self.corpus_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if "BROKEN" in text:
            report.documents[source] = DocStatus.ERROR
            report.errors.append(FileError(source, "cannot parse"))
            return
        digest = hashlib.sha256(text.encode()).hexdigest()
        known = self.records.get(source)
        if known is not None and known.doc_hash == digest:
            report.documents[source] = DocStatus.UNCHANGED
            return
        report.documents[source] = DocStatus.UPDATED if known else DocStatus.ADDED
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.records[source] = DocumentRecord(
            source, path.stem, "es", digest, 1, len(text.encode()), now, now
        )
        self.texts[source] = text
        report.chunks_embedded += 1

    def delete_document(self, source: str) -> int:
        self.get_document(source)
        del self.records[source], self.texts[source]
        return 1

    def list_documents(self) -> list[DocumentRecord]:
        return list(self.records.values())

    def get_document(self, source: str) -> DocumentRecord:
        if source not in self.records:
            raise NotFoundError(f"document not found: {source}")
        return self.records[source]

    def document_text(self, source: str) -> str:
        self.get_document(source)
        return self.texts[source]


@dataclass
class FakeApp:
    app: FastAPI
    settings: Settings
    pipeline: FakePipeline
    ingestor: FakeIngestor
    components: Components

    def client(self, **options: Any) -> TestClient:
        return TestClient(self.app, **options)


def fake_app(
    tmp_path: Path,
    pipeline: FakePipeline | None = None,
    not_loaded: Iterable[str] = (),
    **overrides: Any,
) -> FakeApp:
    """`not_loaded` names parts (embedder, generator, store) the components lack, as
    while they are still loading."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    settings = load_settings(data_dir=tmp_path / "data", corpus_dir=corpus, **overrides)
    parts = {"embedder": WordEmbedder(), "generator": object(), "store": FakeStore()}
    for name in not_loaded:
        del parts[name]
    components = Components(settings, **parts)  # type: ignore[arg-type]
    pipeline = pipeline or FakePipeline()
    ingestor = FakeIngestor(corpus)
    app = create_app(settings, components=components, pipeline=pipeline, ingestor=ingestor)
    return FakeApp(app, settings, pipeline, ingestor, components)
