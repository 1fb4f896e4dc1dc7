"""Quiet by default, `-v` for the details.

Without `-v` no library progress bar and no llama.cpp log line reaches the terminal
(rag/__init__.py and rag/generator_llamacpp.py keep them out). With `-v`, library logs
go to stderr and each command prints one line per phase with its milliseconds.
"""

from __future__ import annotations

import logging
import os
import sys

from rag.generator_llamacpp import LLAMA_CPP_LOGGER
from rag.schema import Answer

_verbose = False


def configure(verbose: bool) -> None:
    global _verbose
    _verbose = verbose
    if verbose:
        os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "0"
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)
        logging.getLogger(LLAMA_CPP_LOGGER).setLevel(logging.DEBUG)


def enabled() -> bool:
    return _verbose


def phase(name: str, ms: float, parts: dict[str, float] | None = None) -> None:
    """One line on stderr: `load 2310 ms: embedder 1500 ms, gguf 600 ms, …`."""
    if not _verbose:
        return
    detail = ", ".join(f"{part} {part_ms:.0f} ms" for part, part_ms in (parts or {}).items())
    print(f"{name} {ms:.0f} ms" + (f": {detail}" if detail else ""), file=sys.stderr, flush=True)


def answer_phases(answer: Answer) -> None:
    """retrieve, generate and verify, as the pipeline timed them."""
    for key, ms in answer.timings.items():
        phase(key.removesuffix("_ms"), ms)
