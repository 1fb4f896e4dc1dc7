"""`rag ingest`: progress on a terminal, one summary line, JSON on request.

Output is for people on a terminal and for scripts otherwise: the bar appears only
when stderr is a terminal, `--json` prints the report alone on stdout, and every
failure ends as one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.report import DocStatus, IngestReport
from ingest.sync import Ingestor, IngestProgress
from rag.components import Components
from rag.errors import BackendError, RagError
from rag.settings import load_settings

# Model loading chatter (weight-loading bars, over-length notices from token counting)
# is noise to a user who asked for an ingest.
QUIET_ENV = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TRANSFORMERS_VERBOSITY": "error"}
STRICT_FAILURE_EXIT = 1


def ingest_command(
    paths: list[Path], dry_run: bool, as_json: bool, strict: bool, reindex: bool = False
) -> None:
    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    ingestor = Ingestor(Components(load_settings()))
    console = Console(stderr=True)
    try:
        if console.is_terminal and not as_json:
            report = _sync_with_bar(ingestor, paths, dry_run, console, reindex)
        else:
            report = ingestor.sync(paths or None, dry_run=dry_run, reindex=reindex)
    except RagError:
        raise
    except Exception as exc:  # a library failure still ends as one line
        reason = (str(exc).splitlines() or [""])[0]
        raise BackendError(f"ingest failed: {type(exc).__name__}: {reason}") from None
    _print_report(report, as_json)
    if strict and report.errors:
        raise typer.Exit(STRICT_FAILURE_EXIT)


def _sync_with_bar(
    ingestor: Ingestor, paths: list[Path], dry_run: bool, console: Console, reindex: bool
) -> IngestReport:
    with Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        files = bar.add_task("files", total=None)
        chunks = bar.add_task("chunks", total=None, visible=not dry_run)

        def show(event: IngestProgress) -> None:
            if event.phase == "done":
                return
            if event.phase == "waiting":
                bar.update(files, description=event.message)
                return
            bar.update(
                files, description="files", total=event.files_total, completed=event.files_done
            )
            bar.update(chunks, total=event.chunks_total, completed=event.chunks_done)

        return ingestor.sync(paths or None, dry_run=dry_run, progress=show, reindex=reindex)


def _print_report(report: IngestReport, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.public(), ensure_ascii=False, indent=2))
        return
    for error in report.errors:
        typer.echo(f"error: {error.source}: {error.error}", err=True)
    if report.dry_run:
        for source, status in sorted(report.documents.items()):
            if status not in (DocStatus.UNCHANGED, DocStatus.ERROR):
                typer.echo(f"{status:<8} {source}")
    typer.echo(summary_line(report))
    sys.stdout.flush()


def summary_line(report: IngestReport) -> str:
    counts = report.public()
    documents = ", ".join(
        f"{counts[key]} {key}" for key in ("added", "updated", "deleted", "unchanged")
    )
    errors = f", {len(report.errors)} failed" if report.errors else ""
    if report.dry_run:
        return f"dry run, nothing written: would be {documents}{errors}"
    return (
        f"ingested: {documents}{errors}; {report.chunks_embedded} chunks embedded, "
        f"{report.chunks_deleted} deleted in {report.seconds:.1f} s"
    )
