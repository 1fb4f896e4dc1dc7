"""Crash safety: SIGKILL a real `rag ingest` at many points, then ingest again.

The re-run must reach exactly the state of a clean ingest in another data dir: the
same chunk ids, texts and metadata, the same catalogue, records that match Chroma and
a BM25 index built from exactly Chroma's ids. Named fault points hit the narrow
windows between two writes; external kills land wherever the process happens to be.

A data dir is only ever opened by one process at a time: subprocesses write it, and
the test opens it only after they are dead (Chroma's embedded client caches state).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ingest import faults
from ingest.catalogue import records_collection_name
from ingest.report import DocStatus
from ingest.sync import Ingestor
from tests.support.documents import copy_corpus, generated_corpus
from tests.support.ingest_checks import SMALL_CHUNKS, open_components, snapshot
from tests.support.paths import REPO

Poll = Callable[[Path], bool]


def build_corpora(root: Path) -> tuple[Path, Path]:
    """v1, and v2 = v1 with edits, deletions, a rename and new documents."""
    v1 = copy_corpus(root / "v1")
    generated_corpus(v1 / "generado", 40)
    v2 = root / "v2"
    shutil.copytree(v1, v2)
    for name in ("nota-0001", "nota-0007", "nota-0013"):
        path = next((v2 / "generado").rglob(f"{name}.md"))
        path.write_text(path.read_text(encoding="utf-8") + "\nUn párrafo añadido.\n", "utf-8")
    (v2 / "notes/conclusiones.md").unlink()
    next((v2 / "generado").rglob("nota-0002.md")).unlink()
    (v2 / "posts/tendencias-modelos-generativos.md").rename(v2 / "posts/renombrado.md")
    generated_corpus(v2 / "nuevo", 15, seed=11)
    return v1, v2


def start_ingest(corpus: Path, data_dir: Path, fault: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(
        RAG_CORPUS_DIR=str(corpus),
        RAG_DATA_DIR=str(data_dir),
        RAG_CHUNK_TOKENS=str(SMALL_CHUNKS["chunk_tokens"]),
        RAG_CHUNK_OVERLAP_TOKENS=str(SMALL_CHUNKS["chunk_overlap_tokens"]),
        HF_HUB_OFFLINE="1",
    )
    if fault:
        env[faults.FAULT_ENV] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest", "--json"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run_ingest(corpus: Path, data_dir: Path) -> None:
    process = start_ingest(corpus, data_dir)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr.decode()


def records_where(data_dir: Path, condition: str = "1") -> int:
    """Records a running ingest has written, read from Chroma's own SQLite file (the
    test must not open the data dir with a Chroma client while the ingest runs)."""
    path = data_dir / "chroma" / "chroma.sqlite3"
    if not path.is_file():
        return 0
    query = (
        "SELECT COUNT(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
        f"JOIN collections c ON s.collection = c.id WHERE c.name = ? AND {condition}"
    )
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.05) as connection:
            row = connection.execute(query, (records_collection_name("corpus"),)).fetchone()
            return int(row[0])
    except sqlite3.Error:  # not created yet, or busy mid-write: ask again
        return 0


def any_records(data_dir: Path) -> bool:
    return records_where(data_dir) > 0


def new_documents_recorded(data_dir: Path) -> bool:
    return (
        records_where(
            data_dir,
            "EXISTS (SELECT 1 FROM embedding_metadata m WHERE m.id = e.id "
            "AND m.key = 'group_id' AND m.string_value LIKE 'nuevo/%')",
        )
        > 0
    )


def kill_when(process: subprocess.Popen[bytes], data_dir: Path, poll: Poll) -> None:
    deadline = time.monotonic() + 600
    while not poll(data_dir):
        assert process.poll() is None, "the ingest finished before the kill point"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_corpora(tmp_path_factory.mktemp("crash-corpora"))


@pytest.fixture(scope="module")
def base_v1(corpora: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean ingest of v1 by a real `rag ingest`, never opened by this process."""
    data_dir = tmp_path_factory.mktemp("base-v1") / "data"
    run_ingest(corpora[0], data_dir)
    return data_dir


@pytest.fixture(scope="module")
def references(
    corpora: tuple[Path, Path],
    base_v1: Path,
    embedder: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, Any]]:
    """The clean state of each corpus version, each in its own data dir."""
    v1_dir = tmp_path_factory.mktemp("ref-v1") / "data"
    shutil.copytree(base_v1, v1_dir)
    v2_dir = tmp_path_factory.mktemp("ref-v2") / "data"
    clean_v2 = open_components(v2_dir, corpora[1], embedder)
    assert Ingestor(clean_v2).sync().errors == []
    return {
        "v1": snapshot(open_components(v1_dir, corpora[0], embedder)),
        "v2": snapshot(clean_v2),
    }


SCENARIOS = [
    # (what the data dir holds before, corpus to ingest, fault point, external kill)
    ("empty", "v1", faults.AFTER_CHROMA_WRITE, None),
    ("empty", "v1", faults.AFTER_RECORDS, None),
    ("empty", "v1", faults.AFTER_FIRST_GROUP, None),
    ("empty", "v1", None, any_records),
    ("v1", "v2", faults.AFTER_CHROMA_DELETE, None),
    ("v1", "v2", faults.AFTER_CHROMA_WRITE, None),
    ("v1", "v2", faults.AFTER_RECORDS, None),
    ("v1", "v2", None, new_documents_recorded),
]


@pytest.mark.parametrize(("before", "version", "fault", "poll"), SCENARIOS)
def test_sigkill_then_reingest_equals_a_clean_ingest(
    before: str,
    version: str,
    fault: str | None,
    poll: Poll | None,
    corpora: tuple[Path, Path],
    base_v1: Path,
    references: dict[str, dict[str, Any]],
    embedder: Any,
    tmp_path: Path,
) -> None:
    corpus = corpora[0] if version == "v1" else corpora[1]
    data_dir = tmp_path / "data"
    if before == "v1":
        shutil.copytree(base_v1, data_dir)
    process = start_ingest(corpus, data_dir, fault)
    if poll is not None:
        kill_when(process, data_dir, poll)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == -signal.SIGKILL, stderr.decode()

    components = open_components(data_dir, corpus, embedder)
    report = Ingestor(components).sync()
    assert report.errors == []
    assert report.count(DocStatus.ERROR) == 0
    if fault == faults.AFTER_CHROMA_WRITE:  # the crash did leave chunks no record owns
        assert report.chunks_deleted >= report.count(DocStatus.DELETED) + 1
    recovered = snapshot(components)
    assert recovered["catalogue"] == references[version]["catalogue"]
    assert recovered["chunks"] == references[version]["chunks"]
    assert Ingestor(components).sync().chunks_embedded == 0  # and it stays converged


def test_a_crash_during_recovery_still_converges(
    corpora: tuple[Path, Path],
    base_v1: Path,
    references: dict[str, dict[str, Any]],
    embedder: Any,
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(base_v1, data_dir)
    for fault in (faults.AFTER_CHROMA_DELETE, faults.AFTER_CHROMA_WRITE, faults.AFTER_RECORDS):
        process = start_ingest(corpora[1], data_dir, fault)
        process.communicate(timeout=600)
        assert process.returncode == -signal.SIGKILL
    run_ingest(corpora[1], data_dir)  # the recovery is a real `rag ingest` too
    components = open_components(data_dir, corpora[1], embedder)
    assert snapshot(components) == references["v2"]
