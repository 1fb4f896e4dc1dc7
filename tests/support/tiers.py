"""The slow marker follows the folder: everything under tests/pipeline and tests/system
is slow, so `pytest -m "not slow"` runs exactly tests/unit."""

from __future__ import annotations

from pathlib import Path

import pytest


def mark_slow_under(folder: Path, items: list[pytest.Item]) -> None:
    """Mark every collected item whose file lies under `folder` as slow."""
    for item in items:
        if item.path.is_relative_to(folder):
            item.add_marker(pytest.mark.slow)
