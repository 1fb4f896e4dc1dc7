"""Where the questions are asked: the user's ingested corpus, or an isolated temporary
one built from a SQuAD file's paragraphs.

The isolated workspace has its own data dir, corpus dir and embedded Chroma, so the
user's index (local or on a Chroma server) is never read or written; it shares the
user's already-loaded models so nothing loads twice.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rag import model_files
from rag.components import Components
from rag.errors import BackendError, ConfigError
from rag.schema import ChunkKey
from rag.settings import Settings

ISOLATED_COLLECTION = "eval"


@dataclass
class CorpusInfo:
    """What the questions were asked against, for the report's run section."""

    isolated: bool
    collection: str
    chunks: int
    documents: int | None = None
    ingest_seconds: float | None = None
    missing_sources: list[str] | None = None  # gold sources absent from the index

    def public(self) -> dict[str, Any]:
        return asdict(self)


def isolated_settings(user: Settings, root: Path) -> Settings:
    """The user's settings (models, chunking, retrieval) on a private store under `root`."""
    update: dict[str, Any] = {
        "data_dir": root / "data",
        "corpus_dir": root / "corpus",
        "collection": ISOLATED_COLLECTION,
        "chroma_url": None,
    }
    if user.llm_url is None:
        update["llm_model_path"] = model_files.llm_model_path(user)
    return user.model_copy(update=update)


@contextmanager
def isolated_components(
    user: Components, documents: dict[str, str], progress: Callable[..., None] | None = None
) -> Iterator[tuple[Components, CorpusInfo]]:
    """Write one file per document into a temporary corpus, ingest it with the real
    Ingestor, and yield components over it. Everything is deleted on exit."""
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp:
        root = Path(tmp)
        settings = isolated_settings(user.settings, root)
        settings.corpus_dir.mkdir(parents=True)
        for name, text in documents.items():
            path = settings.corpus_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        components = Components(settings, embedder=user.embedder, generator=user.generator)
        info = _ingest(components, len(documents), progress)
        yield components, info


def _ingest(
    components: Components, documents: int, progress: Callable[..., None] | None
) -> CorpusInfo:
    from ingest.sync import Ingestor

    report = Ingestor(components).sync(progress=progress)
    if report.errors:
        first = report.errors[0]
        raise BackendError(
            f"could not ingest the evaluation corpus: {first.source}: {first.error} "
            f"({len(report.errors)} file(s) failed)"
        )
    return CorpusInfo(
        isolated=True,
        collection=components.settings.collection,
        chunks=components.store.count(),
        documents=documents,
        ingest_seconds=round(report.seconds, 3),
    )


def user_corpus(components: Components, gold_sources: set[str]) -> CorpusInfo:
    """Check that the user's index has chunks, and list gold sources it lacks."""
    store = components.store
    chunks = store.count()
    if chunks == 0:
        raise ConfigError(
            f"the collection {store.name!r} is empty: run `rag ingest` first, "
            "or pass a SQuAD .json file to evaluate on an isolated corpus"
        )
    missing = [
        source
        for source in sorted(gold_sources)
        if not store.has_chunks({ChunkKey.SOURCE.value: source})
    ]
    return CorpusInfo(False, store.name, chunks, missing_sources=missing)
