"""The one rule for which embedding model may write or query a collection.

A query vector is only comparable with chunk vectors of the same model: another
model's vectors give cosines that look valid and rank at random, and another
dimension fails deep inside Chroma. So a collection records its model (rag/store.py,
`Store.embedding_model`) and every writer and reader checks it here first, and is
refused with one line that names both models and the fix.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rag import model_files
from rag.errors import ConfigError
from rag.store import ModelRecord, Store

if TYPE_CHECKING:
    from rag.components import Components
    from rag.embedder import EmbedderIdentity

REINDEX_FIX = "run `rag ingest --reindex` to re-embed it"


class EmbeddingModelError(ConfigError):
    """The collection's vectors are not the current model's (the API answers 409)."""


def check_model(store: Store, current: EmbedderIdentity) -> ModelRecord | None:
    """Refuse a collection whose chunks another model embedded, or whose reindex has not
    finished; return its record (None: empty and unrecorded, the next write adopts the
    current model). An empty collection takes any model, so it is never refused."""
    record = store.embedding_model()
    if record is not None and not record.complete:
        raise EmbeddingModelError(unfinished_reindex_message(store.name, record.identity))
    if record is not None and record.identity == current:
        return record
    if store.count() == 0:
        return record
    raise EmbeddingModelError(mismatch_message(store.name, record, current))


def records_configured_model(components: Components) -> bool:
    """True if the collection's finished record names the configured model, judged from
    its files without loading it: the same name and fingerprint are the same model, so
    the same dimension. An unchanged corpus then syncs without loading a model that takes
    seconds to load. False when an embedder is loaded or given: `check_model` compares
    its identity at no cost."""
    if "embedder" in components.loaded():
        return False
    record = components.store.embedding_model()
    if record is None or not record.complete:
        return False
    settings = components.settings
    fingerprint = model_files.model_dir_fingerprint(model_files.embedding_model_dir(settings))
    recorded = record.identity
    return (recorded.name, recorded.fingerprint) == (
        model_files.embedding_model_name(settings),
        fingerprint,
    )


def adopt_model(store: Store, current: EmbedderIdentity) -> None:
    """Record `current` for a collection that has no record yet: called before its
    first chunks are written."""
    if store.embedding_model() is None:
        store.record_embedding_model(ModelRecord(current))


def mismatch_message(collection: str, record: ModelRecord | None, current: EmbedderIdentity) -> str:
    if record is None:
        return (
            f"collection {collection!r} was embedded with an unrecorded model, "
            f"not {current.describe()}: {REINDEX_FIX}"
        )
    recorded = record.identity
    switch_back = (
        f", or set RAG_EMBEDDING_MODEL={recorded.name}" if recorded.name != current.name else ""
    )
    return (
        f"collection {collection!r} was embedded with {recorded.describe()}, "
        f"not {current.describe()}: {REINDEX_FIX}{switch_back}"
    )


def unfinished_reindex_message(collection: str, target: EmbedderIdentity) -> str:
    return (
        f"collection {collection!r} is being re-embedded with {target.name} and that "
        f"reindex has not finished: run `rag ingest --reindex` to finish it"
    )


class ModelGuard:
    """`check_model` for the query path, run once per store version: the lexical index
    already follows the store's stamp (re-read at most once a second), and every record
    change moves the stamp, so a query pays one comparison. A refusal is kept for its
    version too, so a refused collection costs no store call per query either. One guard
    per `Components` (`model_guard`), shared by retrieval and the health checks."""

    def __init__(self, components: Components) -> None:
        self._components = components
        self._lock = threading.Lock()
        self._checked: str | None = None
        self._refusal: str | None = None

    @property
    def refusal(self) -> str | None:
        """The last check's refusal, without checking again (None: none seen)."""
        return self._refusal

    def check(self) -> None:
        lexical = self._components.lexical
        lexical.ensure_fresh()
        version = lexical.version
        if version is None or version != self._checked:
            with self._lock:
                try:
                    check_model(self._components.store, self._components.embedder.identity)
                    self._refusal = None
                except EmbeddingModelError as exc:
                    self._refusal = str(exc)
                self._checked = version
        refusal = self._refusal
        if refusal is not None:
            raise EmbeddingModelError(refusal)


_GUARDS: WeakKeyDictionary[Components, ModelGuard] = WeakKeyDictionary()
_GUARDS_LOCK = threading.Lock()


def model_guard(components: Components) -> ModelGuard:
    with _GUARDS_LOCK:
        guard = _GUARDS.get(components)
        if guard is None:
            guard = _GUARDS[components] = ModelGuard(components)
        return guard
