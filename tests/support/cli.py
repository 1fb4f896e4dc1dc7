"""Run the real `rag` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cli.display import VERIFIED_LABEL
from harness.servers import share_models
from rag.components import Components
from tests.support.live_api import ingested_components, live_settings
from tests.support.llm import LLM_THREADS
from tests.support.paths import REPO

# What the libraries print unless told not to: llama.cpp's log lines (`llama_context:`,
# `ggml_…`), transformers' `Loading weights` bar, any tqdm bar.
LIBRARY_NOISE = re.compile(r"llama_|ggml_|Loading weights|it/s\]")
# Tests that read generated text pin llama.cpp's threads, as tests/conftest.py does in
# process: the default follows the machine's load, and a verdict must not.
# The lines of `rag ask` (cli/display.py) by kind; any other line is answer text.
LINE_KINDS = [
    ("verified", f"{VERIFIED_LABEL}.+"),
    ("mode", r"mode: (generated|extractive|abstained)  support: \d\.\d\d"),
    ("sources", "sources:"),
    ("source", r"  \[\d+\] \S+( \(.*\))? \d+-\d+"),
    ("quote", "      «.+»"),
]
# The draft (or the answer), the verified answer when it differs, the mode, the
# sources with their quotes.
ASK_SHAPE = r"(answer )+(verified )?mode sources( source quote)+"


# The session's assembled models (tests/conftest.py `models_dir`), lent to every data dir
# a `rag` subprocess starts on, as compose lends its models volume: assembling the
# embedder again per test costs seconds and 465 MiB each.
session_models: list[Path] = []


def run_rag(
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    input: str | None = None,
    own_models: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`input`: what is typed on standard input (none by default); `own_models`: let the
    process assemble the models in its data dir instead of lending it the session's."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    full_env.update(env or {})
    data_dir = Path(full_env["RAG_DATA_DIR"]) if "RAG_DATA_DIR" in full_env else None
    lend = session_models and data_dir is not None and not own_models
    if lend and data_dir is not None and not (data_dir / "models").exists():
        share_models(session_models[0], data_dir)
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


def ingested_settings(root: Path, models_dir: Path, shared: Components) -> dict[str, str]:
    """The `RAG_*` variables of a data dir in `root` holding a copy of the corpus,
    ingested in this process with the session's models: a `rag` subprocess then
    finds it ready, without a `rag ingest` of its own."""
    settings = live_settings(root, models_dir)
    ingested_components(settings, shared)
    return {
        "RAG_DATA_DIR": str(settings.data_dir),
        "RAG_CORPUS_DIR": str(settings.corpus_dir),
        "RAG_LLM_MODEL_PATH": str(settings.llm_model_path),
        "RAG_LLM_THREADS": str(LLM_THREADS),
    }


def answer_shape(stdout: str) -> str:
    """The kind of each line `rag ask` printed, e.g. `answer mode sources source quote`."""
    return " ".join(
        next((kind for kind, line_re in LINE_KINDS if re.fullmatch(line_re, line)), "answer")
        for line in stdout.splitlines()
    )
