"""A persisted BM25 index derived from the chunks in Chroma.

It is rebuilt only when the store's version stamp differs from the one it was built
from, never per query. Writes go to a fresh directory that is renamed into place, so
a crash mid-build leaves the previous index (or none), never a torn one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from rag.analyzer import ANALYZER_VERSION, document_tokens, query_tokens
from rag.schema import ChunkKey
from rag.store import Store

log = logging.getLogger(__name__)
MANIFEST = "manifest.json"
# Re-read the store's stamp at most this often per process: a cheap bound on how stale
# another process's ingest can look, without a store round-trip on every query.
STAMP_CHECK_SECONDS = 1.0


@dataclass
class LexicalHit:
    chunk_id: str
    score: float


def top_indices(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the `k` best positive scores, best first. A partial sort: a full
    argsort costs more per query as the index grows (docs/performance.md,
    optimization 4)."""
    if k <= 0:
        return []
    whole = k >= len(scores)
    candidates = np.arange(len(scores)) if whole else np.argpartition(-scores, k - 1)[:k]
    ordered = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [int(i) for i in ordered if scores[i] > 0]


class LexicalIndex:
    def __init__(self, store: Store, index_dir: Path) -> None:
        self._store = store
        self._dir = index_dir
        self._lock = threading.Lock()
        self._version: str | None = None
        self._bm25: bm25s.BM25 | None = None
        self._ids: list[str] = []
        self._fields: dict[str, np.ndarray] = {}
        self._checked_at = 0.0

    @property
    def version(self) -> str | None:
        return self._version

    @property
    def size(self) -> int:
        return len(self._ids)

    def search(
        self, question: str, k: int, where: dict[str, str] | None = None
    ) -> list[LexicalHit]:
        self.ensure_fresh()
        bm25, ids = self._bm25, self._ids
        tokens = query_tokens(question)
        if bm25 is None or not ids or not tokens:
            return []
        scores = bm25.get_scores(tokens)
        if where:
            scores = scores * self._mask(where)
        return [LexicalHit(ids[i], float(scores[i])) for i in top_indices(scores, k)]

    def _mask(self, where: dict[str, str]) -> np.ndarray:
        mask = np.ones(len(self._ids), dtype=np.float32)
        for key, wanted in where.items():
            values = self._fields.get(key)
            mask *= (values == wanted) if values is not None else 0.0
        return mask

    def ensure_fresh(self, force_check: bool = False) -> None:
        now = time.monotonic()
        if (
            not force_check
            and self._bm25 is not None
            and now - self._checked_at < STAMP_CHECK_SECONDS
        ):
            return
        with self._lock:
            self._checked_at = now
            current = self._store.version()
            if current == self._version:
                return
            if not self._load(current):
                self._build(current)

    def _load(self, wanted: str) -> bool:
        manifest_path = self._dir / MANIFEST
        if not manifest_path.is_file():
            return False
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("version") != wanted or manifest.get("analyzer") != ANALYZER_VERSION:
            return False
        self._install(
            manifest,
            bm25s.BM25.load(str(self._dir), show_progress=False) if manifest["ids"] else None,
        )
        return True

    def _build(self, version: str) -> None:
        started = time.perf_counter()
        ids: list[str] = []
        corpus: list[list[str]] = []
        fields: dict[str, list[str]] = {ChunkKey.SOURCE: [], ChunkKey.LANG: []}
        for chunk_id, text, metadata in self._store.iter_chunks():
            ids.append(chunk_id)
            lang = str(metadata.get(ChunkKey.LANG, "es"))
            title = str(metadata.get(ChunkKey.TITLE, ""))
            corpus.append(document_tokens(f"{title}\n{text}" if title else text, lang))
            fields[ChunkKey.SOURCE].append(str(metadata.get(ChunkKey.SOURCE, "")))
            fields[ChunkKey.LANG].append(lang)
        manifest: dict[str, Any] = {
            "version": version,
            "analyzer": ANALYZER_VERSION,
            "ids": ids,
            "fields": fields,
        }
        bm25 = None
        staging = self._dir.with_name(self._dir.name + f".tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(corpus, show_progress=False)
            bm25.save(str(staging), show_progress=False)
        (staging / MANIFEST).write_text(json.dumps(manifest))
        self._swap_in(staging)
        self._install(manifest, bm25)
        log.info(
            "lexical index rebuilt: %d chunks in %.2fs", len(ids), time.perf_counter() - started
        )

    def _swap_in(self, staging: Path) -> None:
        old = self._dir.with_name(self._dir.name + f".old-{os.getpid()}")
        if self._dir.exists():
            os.replace(self._dir, old)
        os.replace(staging, self._dir)
        shutil.rmtree(old, ignore_errors=True)

    def _install(self, manifest: dict[str, Any], bm25: bm25s.BM25 | None) -> None:
        self._bm25 = bm25
        self._ids = list(manifest["ids"])
        self._fields = {key: np.array(values) for key, values in manifest["fields"].items()}
        self._version = manifest["version"]
