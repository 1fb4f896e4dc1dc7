"""`rag ingest` as a user runs it: real subprocesses, real models, real Chroma."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.corpus import resolve_targets, scan
from ingest.lock import LOCK_NAME, ingest_lock
from tests.support.cli import run_rag
from tests.support.documents import copy_corpus
from tests.support.paths import CORPUS, REPO

CORPUS_DOCS = len(scan(CORPUS, resolve_targets(CORPUS, None)))


REPORT_KEYS = {
    "added",
    "updated",
    "deleted",
    "unchanged",
    "chunks_embedded",
    "chunks_deleted",
    "errors",
    "seconds",
    "dry_run",
    "documents",
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "malo.md").write_bytes(b"# binario\x00\x01")
    return {
        "RAG_CORPUS_DIR": str(corpus),
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "HF_HUB_OFFLINE": "1",
    }


def test_json_report_strict_exit_and_one_line_errors(env: dict[str, str]) -> None:
    first = run_rag("ingest", "--json", env=env)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert set(report) == REPORT_KEYS
    assert report["added"] == CORPUS_DOCS and report["chunks_embedded"] > 0
    assert report["errors"] == [{"source": "malo.md", "error": "binary file (contains NUL bytes)"}]
    assert isinstance(report["seconds"], float) and report["dry_run"] is False

    strict = run_rag("ingest", "--strict", env=env)
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == ["error: malo.md: binary file (contains NUL bytes)"]
    summary = strict.stdout.splitlines()
    assert len(summary) == 1
    assert summary[0].startswith(
        f"ingested: 0 added, 0 updated, 0 deleted, {CORPUS_DOCS} unchanged, 1 failed"
    )
    assert "\x1b[" not in strict.stdout + strict.stderr  # no bar, no colours without a TTY

    Path(env["RAG_CORPUS_DIR"], "malo.md").unlink()
    clean = run_rag("ingest", "--strict", "--json", env=env)
    assert clean.returncode == 0 and json.loads(clean.stdout)["errors"] == []


def test_dry_run_lists_changes_and_writes_nothing(env: dict[str, str]) -> None:
    result = run_rag("ingest", "--dry-run", env=env, own_models=True)  # nothing lent either
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "added    notes/conclusiones.md" in lines
    assert lines[
        -1
    ] == f"dry run, nothing written: would be {CORPUS_DOCS} added, 0 updated, 0 deleted, " + (
        "0 unchanged, 1 failed"
    )
    assert not Path(env["RAG_DATA_DIR"]).exists()


def test_usage_errors_are_one_line_without_traceback(env: dict[str, str], tmp_path: Path) -> None:
    outside = run_rag("ingest", str(tmp_path), env=env)
    assert outside.returncode == 2
    assert outside.stderr.splitlines() == [
        f"error: {tmp_path} is outside the corpus dir {Path(env['RAG_CORPUS_DIR']).resolve()} "
        "(RAG_CORPUS_DIR)"
    ]
    missing = run_rag("ingest", str(Path(env["RAG_CORPUS_DIR"]) / "nada.md"), env=env)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == ["error: not in the corpus dir nor ingested: nada.md"]


def test_second_ingest_waits_for_the_first(env: dict[str, str]) -> None:
    data_dir = Path(env["RAG_DATA_DIR"])
    with ingest_lock(data_dir / LOCK_NAME, timeout=1):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "ingest", "--json"],
            cwd=REPO,
            env={**{k: v for k, v in os.environ.items() if not k.startswith("RAG_")}, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(8)  # long enough to start, load and reach the lock
        assert waiting.poll() is None
        assert not (data_dir / "chroma").exists()  # nothing written while it waits
    stdout, stderr = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, stderr
    assert json.loads(stdout)["added"] == CORPUS_DOCS


def test_terminal_shows_a_progress_bar_then_a_summary(env: dict[str, str]) -> None:
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest"],
        cwd=REPO,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("RAG_")}, **env},
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
    )
    os.close(secondary)
    shown = b""
    while True:  # read until the child closes the terminal (EIO) or exits
        try:
            ready = select.select([primary], [], [], 0.2)[0]
            chunk = os.read(primary, 65536) if ready else b""
        except OSError:
            break
        if ready and not chunk:
            break
        shown += chunk
        if not ready and process.poll() is not None:
            break
    os.close(primary)
    stdout, _ = process.communicate(timeout=600)
    assert process.returncode == 0
    terminal = shown.decode("utf-8", "replace")
    assert "files" in terminal and "chunks" in terminal
    assert "━" in terminal  # the bar itself
    assert "error: malo.md: binary file" in terminal
    assert stdout.startswith(
        f"ingested: {CORPUS_DOCS} added, 0 updated, 0 deleted, 0 unchanged, 1 failed"
    )
