"""The `[n]` citation markers, by which an answer points at its sources.

The verifier writes them (`cited_answer`); the terminal, evaluation and its grounding
judges read them, all with this one pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.schema import Answer, AnswerMode, Citation

if TYPE_CHECKING:
    from rag.answer.assessment import Scored
    from rag.answer.evidence import Evidence

# "[1]" or "[1, 2]", with the spaces before it; the group holds the numbers.
CITATION_MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


def strip_markers(text: str) -> str:
    """`text` without its citation markers."""
    return CITATION_MARKER.sub("", text).strip()


def marker_numbers(text: str) -> list[int]:
    """The citation numbers in `text`, in order of appearance, repeats kept."""
    return [int(n) for group in CITATION_MARKER.findall(text) for n in group.split(",")]


def cited_answer(sentences: Sequence[tuple[str, Scored]], mode: AnswerMode) -> Answer:
    """Number citations in order of first use; each sentence ends with its marker."""
    citations: list[Citation] = []
    numbered: dict[tuple[str, int, int], int] = {}
    parts: list[str] = []
    for text, scored in sentences:
        evidence = scored.evidence
        key = (evidence.passage.source, evidence.doc_start, evidence.doc_end)
        if key not in numbered:
            numbered[key] = len(citations) + 1
            citations.append(citation(numbered[key], evidence))
        # A marker already in a quoted or generated sentence would point at a source
        # that does not exist: only the one added here stays.
        parts.append(f"{strip_markers(text)} [{numbered[key]}]")
    support = min(scored.score for _, scored in sentences)
    return Answer(" ".join(parts), mode, support, citations)


def citation(number: int, evidence: Evidence) -> Citation:
    passage = evidence.passage
    return Citation(
        n=number,
        source=passage.source,
        title=passage.title,
        chunk_id=passage.chunk_id,
        start=evidence.doc_start,
        end=evidence.doc_end,
        quote=evidence.text,
    )
