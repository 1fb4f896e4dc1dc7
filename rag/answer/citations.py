"""The `[n]` citation markers, by which an answer points at its sources.

The verifier writes them (`cited_answer`); the terminal, evaluation and its grounding
judges read them, all with this one pattern.
"""

from __future__ import annotations

import re

# "[1]" or "[1, 2]", with the spaces before it; the group holds the numbers.
CITATION_MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


def strip_markers(text: str) -> str:
    """`text` without its citation markers."""
    return CITATION_MARKER.sub("", text).strip()


def marker_numbers(text: str) -> list[int]:
    """The citation numbers in `text`, in order of appearance, repeats kept."""
    return [int(n) for group in CITATION_MARKER.findall(text) for n in group.split(",")]
