"""Every test in this folder runs real models (MiniLM, the GGUF) over real embedded
Chroma, in process: the slow tier."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tiers import mark_slow_under


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_slow_under(Path(__file__).parent, items)
