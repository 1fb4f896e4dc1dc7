"""Sentence spans with exact character offsets, for Spanish and English.

Line breaks always end a sentence (headings, bullets); inside a line, pysbd's rules
decide, but for the abbreviations and continuations it cuts at (`_goes_on`). Offsets are
found by scanning forward, so `text[start:end] == sentence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from rag.analyzer import NAME_ABBREVIATIONS

_LINE = re.compile(r"[^\n]+")
# pysbd ends a sentence at some abbreviations: "…del Río St." | "Johns, a unas 25 millas…",
# "…no el Sr." | "Costa.". What follows one of these goes on with the same sentence, as
# does what follows a word of three letters or fewer and opens in lower case ("Y. pestis
# Y. p." | "orientalis…", "Jones y col." | "y las reconstrucciones…"), or what opens with a
# mark no sentence opens with ("Merit Network, Inc." | ", una corporación…"). A longer word
# before a sentence that opens in lower case is the writer's missing capital.
_ABBREVIATIONS = sorted(NAME_ABBREVIATIONS | {"Inc", "Ltd", "vs", "et al"})
_ABBREVIATION_END = re.compile(rf"(?:^|\s)(?:{'|'.join(_ABBREVIATIONS)})\.$")
_SHORT_WORD_END = re.compile(r"(?:^|\W)\w{1,3}\.$")
_LOWER_CASE_START = re.compile(r"[a-zà-ÿ]")
_MARK_START = re.compile(r"[,;)]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=4)
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang if lang in ("es", "en") else "es", clean=False)


def split_sentences(text: str, lang: str = "es") -> list[Span]:
    return list(_split(text, lang))


# The same passages come back question after question, and pysbd is slow enough to
# show in every answer's latency (docs/performance.md); spans are immutable, so share
# them.
@lru_cache(maxsize=4096)
def _split(text: str, lang: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        cursor = line.start()
        for piece in _segmenter(lang).segment(line.group()):
            sentence = piece.strip()
            if not sentence:
                continue
            start = text.find(sentence, cursor, line.end())
            if start < 0:  # pysbd changed the text; fall back to the whole line
                start, sentence = cursor, text[cursor : line.end()].strip()
            end = start + len(sentence)
            if spans and spans[-1].end >= line.start() and _goes_on(spans[-1].text, sentence):
                start = spans.pop().start
            spans.append(Span(start, end, text[start:end]))
            cursor = end
    return tuple(s for s in spans if s.text)


def _goes_on(sentence: str, following: str) -> bool:
    return bool(
        _ABBREVIATION_END.search(sentence)
        or _MARK_START.match(following)
        or (_SHORT_WORD_END.search(sentence) and _LOWER_CASE_START.match(following))
    )
