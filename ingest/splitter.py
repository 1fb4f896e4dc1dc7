"""Structure-aware splitting, measured in the embedding model's own tokens.

Headings bound sections; within a section whole paragraphs are packed; a paragraph too
big for one chunk is cut into sentences, and a sentence too big into runs of words (a
single enormous word into runs of characters). Consecutive chunks of a section overlap
by whole sentences. Chunks are spans of the normalized text, never rewritten, so that
`text[start:end]` is exactly what was embedded and what a citation quotes.

Sizes come from the embedder's tokenizer with its special tokens, so no chunk is ever
truncated by the model. Counting is additive over units (whitespace separates them and
WordPiece never joins across whitespace); every closed chunk is counted once exactly.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import islice

from ingest.loaders import PageSpan
from rag.sentences import split_sentences

# pysbd slows down quadratically with line length; it only ever sees this much at once.
SENTENCE_WINDOW_CHARS = 1000
# A unit longer than this many characters per allowed token cannot be natural text that
# fits; it is split without being counted, which keeps huge strings off the tokenizer.
MAX_CHARS_PER_TOKEN = 16

_HEADING_LINE = re.compile(r"(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*\s")
_WORD = re.compile(r"\S+")


class UnitKind(Enum):
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"
    PIECE = "piece"  # part of a sentence too long for one chunk


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    tokens: int  # special tokens excluded, so units add up
    kind: UnitKind


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    path: str  # "Heading > Subheading"
    page: int | None


@dataclass(frozen=True)
class ChunkSpan:
    start: int
    end: int
    section: str
    page: int | None


class Splitter:
    def __init__(
        self,
        count_tokens: Callable[[str], int],
        chunk_tokens: int,
        overlap_tokens: int,
        max_tokens: int,
    ) -> None:
        self._count = count_tokens
        self.limit = min(chunk_tokens, max_tokens)
        self.overlap = overlap_tokens
        self._special = count_tokens("")
        self._char_cap = self.limit * MAX_CHARS_PER_TOKEN

    def split(self, text: str, lang: str, pages: list[PageSpan] | None = None) -> list[ChunkSpan]:
        return [
            ChunkSpan(start, end, section.path, section.page)
            for section in sections(text, pages)
            for start, end in self._pack(text, lang, section)
        ]

    def _pack(self, text: str, lang: str, section: Section) -> list[tuple[int, int]]:
        """Greedy packing; `carried` counts the leading units repeated from the previous
        chunk, which must never make up a chunk on their own."""
        queue = deque(
            self._unit(text, start, end, UnitKind.PARAGRAPH)
            for start, end in paragraphs(text, section.start, section.end)
        )
        chunk: list[Unit] = []
        carried = 0
        spans: list[tuple[int, int]] = []
        while queue or len(chunk) > carried:
            unit = queue.popleft() if queue else None
            if unit is not None:
                if unit.tokens + self._special > self.limit:
                    queue.extendleft(reversed(self._smaller(text, lang, unit)))
                    continue
                if self._special + sum(u.tokens for u in chunk) + unit.tokens <= self.limit:
                    chunk.append(unit)
                    continue
                queue.appendleft(unit)
            if len(chunk) > carried:
                closed = self._close(text, chunk, carried, queue)
                spans.append((closed[0].start, closed[-1].end))
                chunk = self._overlap_tail(text, lang, closed) if queue else []
                carried = len(chunk)
            else:  # the overlap alone leaves no room: give up its oldest sentence
                del chunk[0]
                carried -= 1
        return spans

    def _close(self, text: str, chunk: list[Unit], carried: int, queue: deque[Unit]) -> list[Unit]:
        """Count the chunk exactly; in the rare case the additive estimate was short,
        hand its last units back to the queue, then drop the overlap."""
        units = list(chunk)
        while self._count(text[units[0].start : units[-1].end]) > self.limit:
            if len(units) - carried > 1:
                queue.appendleft(units.pop())
            elif carried:
                units, carried = units[carried:], 0
            else:  # a lone unit was counted exactly when it was made
                break
        return units

    def _overlap_tail(self, text: str, lang: str, closed: list[Unit]) -> list[Unit]:
        """Whole sentences from the end of the closed chunk, up to the overlap budget."""
        tail: list[Unit] = []
        total = 0
        for unit in reversed(closed):
            if unit.kind is UnitKind.PIECE:
                break
            parts = [unit] if unit.kind is UnitKind.SENTENCE else self._sentences(text, lang, unit)
            for sentence in reversed(parts):
                if total + sentence.tokens > self.overlap:
                    return tail
                tail.insert(0, sentence)
                total += sentence.tokens
        return tail

    def _smaller(self, text: str, lang: str, unit: Unit) -> list[Unit]:
        if unit.kind is UnitKind.PARAGRAPH:
            sentences = self._sentences(text, lang, unit)
            if len(sentences) > 1:
                return sentences
        return self._pieces(text, unit.start, unit.end)

    def _unit(self, text: str, start: int, end: int, kind: UnitKind) -> Unit:
        if end - start > self._char_cap:
            return Unit(start, end, self.limit + 1, kind)
        return Unit(start, end, self._count(text[start:end]) - self._special, kind)

    def _sentences(self, text: str, lang: str, unit: Unit) -> list[Unit]:
        units: list[Unit] = []
        for window_start, window_end in sentence_windows(text, unit.start, unit.end):
            for span in split_sentences(text[window_start:window_end], lang):
                start = window_start + span.start
                units.append(self._unit(text, start, start + len(span.text), UnitKind.SENTENCE))
        return units

    def _pieces(self, text: str, start: int, end: int) -> list[Unit]:
        """Runs of whole words, each the longest that fits, found by binary search over
        at most `limit` words (every word costs at least one token)."""
        pieces: list[Unit] = []
        budget = self.limit - self._special
        position = start
        while words := list(islice(_WORD.finditer(text, position, end), budget)):
            first = words[0].start()
            ends = [w.end() for w in words if w.end() - first <= self._char_cap]
            fit = self._longest_fit(text, first, ends)
            if fit is None:  # the first word alone is too long: cut inside it
                fit = self._longest_fit(text, first, self._char_ends(first, words[0].end()))
            assert fit is not None, "a single character always fits"
            piece_end, tokens = fit
            pieces.append(Unit(first, piece_end, tokens - self._special, UnitKind.PIECE))
            position = piece_end
        return pieces

    def _char_ends(self, start: int, word_end: int) -> list[int]:
        return list(range(start + 1, min(word_end, start + self._char_cap) + 1))

    def _longest_fit(self, text: str, start: int, ends: list[int]) -> tuple[int, int] | None:
        """The largest end whose span fits, with its exact token count."""
        low, high = -1, len(ends) - 1
        best: tuple[int, int] | None = None
        while low < high:
            middle = (low + high + 1) // 2
            tokens = self._count(text[start : ends[middle]])
            if tokens <= self.limit:
                low, best = middle, (ends[middle], tokens)
            else:
                high = middle - 1
        return best


def sections(text: str, pages: list[PageSpan] | None) -> list[Section]:
    if pages is not None:
        return [Section(page.start, page.end, "", page.number) for page in pages]
    return heading_sections(text)


def heading_sections(text: str) -> list[Section]:
    """Cut before each Markdown heading that follows body text; consecutive headings
    stay together, so no chunk is a bare heading. Fenced code is not scanned."""
    found: list[Section] = []
    titles: list[tuple[int, str]] = []
    section_start, path, has_body, in_fence = 0, "", False, False
    for line_start, line in _lines(text):
        heading = None if in_fence else _HEADING_LINE.match(line)
        if _FENCE.match(line):
            in_fence, has_body = not in_fence, True
        elif heading:
            if has_body:
                found.append(Section(section_start, line_start, path, None))
                section_start, has_body = line_start, False
            level = len(heading.group(1))
            titles = [(lvl, title) for lvl, title in titles if lvl < level]
            titles.append((level, heading.group(2).strip()))
            path = " > ".join(title for _, title in titles)
        elif line.strip():
            has_body = True
    found.append(Section(section_start, len(text), path, None))
    return [_trimmed(text, s) for s in found if text[s.start : s.end].strip()]


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for gap in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield from _stripped_span(text, cursor, gap.start())
        cursor = gap.end()
    yield from _stripped_span(text, cursor, end)


def sentence_windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut long text for the sentence splitter at a line end, else a sentence end, else
    a space, else anywhere: only text with no punctuation for a whole window is cut
    at a place that is not a real sentence boundary."""
    while end - start > SENTENCE_WINDOW_CHARS:
        cut = _window_cut(text, start, start + SENTENCE_WINDOW_CHARS)
        yield start, cut
        start = cut
    yield start, end


def _window_cut(text: str, start: int, limit: int) -> int:
    newline = text.rfind("\n", start + 1, limit)
    if newline > 0:
        return newline + 1
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text, start + 1, limit)]
    if sentence_ends:
        return sentence_ends[-1]
    space = text.rfind(" ", start + 1, limit)
    return space + 1 if space > 0 else limit


def _lines(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    while position <= len(text):
        newline = text.find("\n", position)
        line_end = len(text) if newline < 0 else newline
        yield position, text[position:line_end]
        position = line_end + 1


def _stripped_span(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + piece.index(stripped)
        yield offset, offset + len(stripped)


def _trimmed(text: str, section: Section) -> Section:
    start, end = next(_stripped_span(text, section.start, section.end))
    return Section(start, end, section.path, section.page)
