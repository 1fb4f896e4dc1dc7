"""Is each answer sentence supported by the passages it cites? Two judges, and ALCE-style
citation recall and precision (Gao et al., 2023, "Enabling Large Language Models to
Generate Text with Citations"), with a support judge in place of ALCE's NLI model.

A judge scores a sentence against a list of passage texts taken together; the sentence
is supported when the score reaches the judge's threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rag.analyzer import CAPITAL, fold
from rag.answer.citations import CITATION_MARKER, marker_numbers
from rag.schema import Answer
from rag.sentences import split_sentences

# The lexical judge's threshold: at least 3 in 4 content words of the sentence must occur
# in the cited passages. Documented in docs/evaluation.md.
LEXICAL_THRESHOLD = 0.75
STEM_CHARS = 5

# A marker followed by a capital ends its sentence, though the quote before it has no
# period of its own ("… 30 millones de dólares [1] A modo de curiosidad, …").
_QUOTE_END = re.compile(rf"(?<=\])\s+(?=[{CAPITAL}¿¡])")
_LEADING = re.compile(rf"^(?:{CITATION_MARKER.pattern})+[\s.,;:]*")
_WORD = re.compile(r"\w+")
# Function words of Spanish and English, kept apart from the pipeline's analyzer so the
# lexical judge stays independent of the retrieval and verification code it checks.
_STOP_WORDS = """a al algo alguna algunas alguno algunos ante antes aun aunque cada como
con contra cual cuales cuando de del desde donde durante e el ella ellas ello ellos en
entre era eran es esa esas ese eso esos esta estaba estan estas este esto estos fue fueron
ha habia han hasta hay la las le les lo los mas me mi mismo muy ni no nos o os otra otras
otro otros para pero por porque que quien se segun ser si sin sobre son su sus tambien tan
te tiene tienen todo todos tras u un una uno unos unas y ya
an and are as at be been but by can could did do does for from had has have how i if in
into is it its of on or so than that the their them then there these they this those to
was were what when where which who whom why will with would you"""
_STOP = frozenset(_STOP_WORDS.split())


class Judge(Protocol):
    name: str
    threshold: float

    def score(self, sentence: str, passages: Sequence[str]) -> float:
        """Support of `sentence` by all of `passages` together, higher is better."""
        ...


def content_stems(text: str) -> set[str]:
    """Folded words that are not function words; alphabetic words cut to their first
    `STEM_CHARS` characters (a crude stem: "millones"/"millón" -> "millo"), numbers kept
    whole so that "2024" never matches "2025"."""
    stems: set[str] = set()
    for word in _WORD.findall(fold(text)):
        if word in _STOP or (len(word) < 2 and not word.isdigit()):
            continue
        stems.add(word if any(ch.isdigit() for ch in word) else word[:STEM_CHARS])
    return stems


class LexicalJudge:
    """The independent judge: the share of a sentence's content words found in the
    passages. A sentence without content words is vacuously supported (score 1)."""

    name = "lexical"

    def __init__(self, threshold: float = LEXICAL_THRESHOLD) -> None:
        self.threshold = threshold

    def score(self, sentence: str, passages: Sequence[str]) -> float:
        wanted = content_stems(sentence)
        if not wanted:
            return 1.0
        found: set[str] = set()
        for passage in passages:
            found |= content_stems(passage)
        return len(wanted & found) / len(wanted)


@dataclass(frozen=True)
class CitedSentence:
    text: str  # without its markers
    citations: tuple[int, ...]  # citation numbers, in order of appearance, no repeats


def cited_sentences(answer_text: str, lang: str = "es") -> list[CitedSentence]:
    """The answer's sentences with the `[n]` / `[n, m]` markers each carries. Markers
    that open a piece (a sentence splitter cuts "... dólares. [1] Otra" after the period)
    belong to the sentence before it; a marker before a capital ends its sentence."""
    pieces: list[tuple[str, list[int]]] = []
    spans = (span for part in _QUOTE_END.split(answer_text) for span in split_sentences(part, lang))
    for span in spans:
        leading = _LEADING.match(span.text)
        rest = span.text
        if leading and pieces:
            pieces[-1][1].extend(marker_numbers(leading.group()))
            rest = span.text[leading.end() :]
        text = " ".join(CITATION_MARKER.sub(" ", rest).split())
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)
        if any(ch.isalnum() for ch in text):
            pieces.append((text, marker_numbers(rest)))
    return [CitedSentence(text, tuple(dict.fromkeys(numbers))) for text, numbers in pieces]


def citation_texts(answer: Answer) -> dict[int, str]:
    """Citation number -> the text of the passage it cites (its quote if the passage is
    not among the answer's passages)."""
    passages = {p.chunk_id: p.text for p in answer.passages}
    return {c.n: passages.get(c.chunk_id, c.quote) for c in answer.citations}


@dataclass
class SentenceJudgement:
    text: str
    citations: list[int]
    own_score: float | None  # None: the sentence cites nothing the answer lists
    own_supported: bool
    lexical_score: float | None
    lexical_supported: bool


@dataclass
class CitationScores:
    """ALCE-style scores of one answer by one judge."""

    recall: float | None  # supported sentences / sentences
    precision: float | None  # precise citations / citations (None: no citations)
    supported: list[bool] = field(default_factory=list)
    scores: list[float | None] = field(default_factory=list)


def alce_scores(
    sentences: Sequence[CitedSentence], texts: dict[int, str], judge: Judge
) -> CitationScores:
    """Recall: a sentence counts when it has citations and all its cited passages
    together support it. Precision: a citation counts when its sentence is supported and
    the citation either supports the sentence alone or cannot be removed without the
    rest losing support. A marker whose number the answer does not list counts as an
    imprecise citation."""
    result = CitationScores(recall=None, precision=None)
    precise = total = 0
    for sentence in sentences:
        total += len(sentence.citations)
        cited = [n for n in sentence.citations if n in texts]
        if not cited:
            result.scores.append(None)
            result.supported.append(False)
            continue
        joint = judge.score(sentence.text, [texts[n] for n in cited])
        supported = joint >= judge.threshold
        result.scores.append(joint)
        result.supported.append(supported)
        if supported:
            precise += sum(1 for n in cited if _needed(sentence.text, n, cited, texts, judge))
    if sentences:
        result.recall = sum(result.supported) / len(sentences)
    if total:
        result.precision = precise / total
    return result


def _needed(sentence: str, n: int, cited: list[int], texts: dict[int, str], judge: Judge) -> bool:
    if len(cited) == 1 or judge.score(sentence, [texts[n]]) >= judge.threshold:
        return True
    rest = [texts[m] for m in cited if m != n]
    return judge.score(sentence, rest) < judge.threshold


@dataclass
class Grounding:
    sentences: list[SentenceJudgement]
    own: CitationScores
    lexical: CitationScores


def answer_sentences(answer: Answer, lang: str = "es") -> list[CitedSentence]:
    """The answer's cited sentences. An answer that lists citations but carries no
    marker in its text cites them as a whole: every sentence cites every citation."""
    sentences = cited_sentences(answer.answer, lang)
    if answer.citations and not any(s.citations for s in sentences):
        every = tuple(c.n for c in answer.citations)
        sentences = [CitedSentence(s.text, every) for s in sentences]
    return sentences


def judge_answer(answer: Answer, own: Judge, lexical: Judge, lang: str = "es") -> Grounding:
    """Both judges on every sentence of a non-abstained answer."""
    sentences = answer_sentences(answer, lang)
    texts = citation_texts(answer)
    own_scores = alce_scores(sentences, texts, own)
    lexical_scores = alce_scores(sentences, texts, lexical)
    judged = [
        SentenceJudgement(
            text=s.text,
            citations=list(s.citations),
            own_score=own_scores.scores[i],
            own_supported=own_scores.supported[i],
            lexical_score=lexical_scores.scores[i],
            lexical_supported=lexical_scores.supported[i],
        )
        for i, s in enumerate(sentences)
    ]
    return Grounding(judged, own_scores, lexical_scores)
