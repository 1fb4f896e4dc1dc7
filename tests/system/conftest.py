"""Every test in this folder starts real servers or subprocesses on 127.0.0.1 (uvicorn,
`chroma run`, llama.cpp's server, the `rag` command, a browser): the slow tier."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tiers import mark_slow_under


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_slow_under(Path(__file__).parent, items)
