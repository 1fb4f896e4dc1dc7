"""Which side of a comparison a phrase stands on, and which name a comparison favours.

"¿Qué modelo fue más caro de entrenar?" over "el entrenamiento de GPT-4 (41 millones de
dólares) fue más caro que el de Gemini 1.0 Ultra": both names are in the sentence, every
word of either answer is too, and the small model picked the wrong one. The phrase after
the "que / than" of the comparison the question makes ("más caro que", "took longer
than") is what the winner is compared with, so it is not the answer.

A comparison is read from word order alone: "más / menos / more / less / fewer" beside
the word it grades ("más caro", "duró más"), and in English a word in "-er" right before
"than". The question's comparative must be the sentence's, graded either way: "¿Cuál fue
menos caro?", "¿Cuál fue más barato?" and "Which was cheaper?" are answered by the phrase
after "más caro que" / "more expensive than", and "¿Cuál duró menos?" by the one after
"duró más que".

The favoured name is the answer (`favoured_name`); where no sentence compares the names a
question offers, each name's own figure of the compared measure does (`favoured_by_figures`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rag.analyzer import STOP_WORDS
from rag.answer.answer_types import name_runs, question_names
from rag.answer.claims import (
    UNITS,
    Quantity,
    clause_end,
    clause_start,
    measured_kinds,
    quantities,
    states_a_period,
)
from rag.answer.evidence import keys_of, word_keys
from rag.answer.spans import asked_noun, tokens
from rag.sentences import Span

# How each grade orders its scale: "-er" is an English "more".
_DIRECTIONS = {"mas": 1, "more": 1, "-er": 1, "menos": -1, "less": -1, "fewer": -1}
_THAN = frozenset({"que", "than"})
# ", que", "lo que" open a relative clause ("modelos más sencillas, que facilitan…", "más
# sencillas lo que facilita…"), no comparison.
_RELATIVE_BEFORE = re.compile(r"(?:,|\b(?:lo|la|el|los|las))\s*$", re.IGNORECASE)
# "…, GPT-4 o Gemini?", "…, GPT-4 or Gemini?": the question offers the names to choose from.
_ALTERNATIVES = re.compile(r"\s(?:o|u|or)\s")
_MODEL_NUMBER = re.compile(r"(?:-\w+)+")
_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?)(?:x10\^(-?\d+))?")
# Words that may stand between a comparative and its "que": "más caro de entrenar que".
_WINDOW = 4
# Stems of words that grade a scale the other way than the word they stand for: "más
# barato" is "menos caro", "shorter" is "less long".
_ANTONYM_STEMS = {"barat": "car", "cheap": "expens", "short": "long", "cort": "larg"}
# Words that grade the same scale as another: what "tardó más" or took "más tiempo" is what
# "duró más" lasted, "more time" or "more days" is "longer", "more compute" or "more
# FLOPs" is "more operations", and what "costó menos" / "cost less" is what "más caro" /
# "more expensive" is not. Whole words, not stems ("más tarde" is "later"), but for
# compute, whose stem English writes alone.
_SYNONYMS = {
    "tardo": "duro",
    "tardaron": "duraron",
    "tarda": "dura",
    "tardan": "duran",
    "tiempo": "duro",
    "time": "long",
    "comput": "oper",
    "costo": "car",
    "costaron": "car",
    "cuesta": "car",
    "cuestan": "car",
    "cost": "expens",
    "days": "long",
    "hours": "long",
    "weeks": "long",
    "months": "long",
    "years": "long",
    "flops": "oper",
}


class Comparison(NamedTuple):
    than: int  # where the sentence's "que / than" stands
    reversed: bool  # the sentence grades the question's scale the other way


def comparison_at(question: str, sentence: str) -> Comparison | None:
    """The comparison the question makes, as `sentence` makes it (graded either way);
    None when the sentence does not make it."""
    asked = _asked_comparatives(question)
    if not asked:
        return None
    opposite = {(-direction, key) for direction, key in asked}
    words = tokens(sentence)
    keys = [key for key, _, _ in words]
    for index, (key, start, _) in enumerate(words):
        if key not in _THAN or _RELATIVE_BEFORE.search(sentence, 0, start):
            continue
        made = _scaled(_comparatives(keys[max(0, index - _WINDOW) : index + 1]))
        if made & asked:
            return Comparison(start, reversed=False)
        if made & opposite:
            return Comparison(start, reversed=True)
    return None


def on_the_favoured_side(question: str, sentence: str, start: int) -> bool:
    """The phrase at `sentence[start:]` stands on the side of the question's comparison,
    which `sentence` makes, that the question asks for: before its "que / than", or after
    it when the sentence grades the other way. On the other side stands what the answer
    is compared with; a sentence that compares nothing ("GPT-4 duró 95 días") does not
    say which is more."""
    made = comparison_at(question, sentence)
    return made is not None and (start < made.than) != made.reversed


def favoured_name(question: str, sentence: str) -> Span | None:
    """The name that `sentence`'s comparison favours, as the question asks it: the first
    name of the favoured side of its "que / than" within that clause, none of a bracket
    ("GPT-4" of "el entrenamiento de GPT-4 (41 millones de dólares) fue más caro que el de
    Gemini 1.0 Ultra"). Where the question offers names to choose from ("…, GPT-4 o
    Gemini?"), it must be one of them; None when no name stands there."""
    made = comparison_at(question, sentence)
    if made is None:
        return None
    if made.reversed:
        start, end = made.than, clause_end(sentence, made.than)
    else:
        start, end = clause_start(sentence, made.than), made.than
    # a name in brackets ("(5,0 x 10^25 FLOPs)") measures the name before it
    unbracketed = (
        name
        for name in _names_in(sentence, start, end)
        if sentence.count("(", 0, name.start) <= sentence.count(")", 0, name.start)
    )
    name = next(unbracketed, None)
    offered = _offered_names(question)
    if name is None or (offers_names(question) and not _names_one_of(name.text, offered)):
        return None
    return name


def favoured_by_figures(
    question: str, sentences: Sequence[tuple[str, str]]
) -> tuple[int, str] | None:
    """Where no sentence makes the comparison a question asks ("¿Qué modelo consumió más
    energía?"), the sentences that each give one name a figure of the measure it compares
    ("consumió 2,2 x 10^4 Kilowatios" of GPT-4, "2,4 x 10^4" of Gemini) make it: the index
    of the sentence of the name the figures favour, and that name as the sentence writes
    it. The names compared are those the question offers ("…, GPT-4 o Gemini?"), every one
    of which must have a figure; or, where it offers none and asks with a noun ("¿Qué
    modelo…?"), two or more that sentences name alone (`_compared_name`), only those the
    sentences write beside that noun where two or more are ("modelo GPT-4", "modelo
    Gemini", not the "Ley de Rock" of a sentence that states a period). Each name's figure
    is taken from the first sentence that names it alone and states one figure of that
    kind, no period ("every eight months" says how often, not how long); None unless all
    are in one unit. `sentences`: (text, language)."""
    if not compares_by_figures(question):
        return None
    kinds = measured_kinds(question)
    offered = _offered_names(question)
    stated: dict[str, tuple[int, str, Quantity]] = {}
    headed: set[str] = set()
    for index, (sentence, lang) in enumerate(sentences):
        figures = [
            q
            for q in quantities(sentence, lang)
            if q.kind in kinds and not states_a_period(sentence, q)
        ]
        named = _compared_name(question, sentence, offered)
        if named is not None and len(figures) == 1 and named.key not in stated:
            stated[named.key] = (index, named.written, figures[0])
            if named.headed:
                headed.add(named.key)
    enough = max(2, len(offered))
    if len(headed) >= enough:
        stated = {key: found for key, found in stated.items() if key in headed}
    if len(stated) < enough:
        return None
    if len({figure.unit for *_, figure in stated.values()}) > 1:
        return None
    sizes = {option: _magnitude(figure) for option, (*_, figure) in stated.items()}
    if None in sizes.values() or len(set(sizes.values())) < len(sizes):
        return None
    direction = _one_direction(question)
    assert direction is not None  # compares_by_figures made sure of one
    chosen = max(sizes, key=lambda option: direction * (sizes[option] or 0.0))
    index, written, _ = stated[chosen]
    return index, written


def compares_by_figures(question: str) -> bool:
    """The question asks which name a measure it names favours, one way: "¿Qué modelo
    consumió más energía?", "…, GPT-4 o Gemini?"."""
    if _one_direction(question) is None or not measured_kinds(question):
        return False
    return offers_names(question) or _asks_which(question)


def _one_direction(question: str) -> int | None:
    """The way the question's comparatives grade, where they all grade one way."""
    directions = {direction for direction, _ in _asked_comparatives(question)}
    return next(iter(directions)) if len(directions) == 1 else None


def _asks_which(question: str) -> bool:
    """The question asks which of some named things a grade word sets apart: "¿Qué modelo
    consumió más energía?"; not "¿Durante qué década … más moderno?", which asks for a
    time, nor "Which Super Bowl…?", whose "-er" grades nothing."""
    noun = asked_noun(question)
    grades = {grade for grade, _ in _question_comparatives(question)}
    return noun is not None and noun not in UNITS and bool(grades - {"-er"})


class _Compared(NamedTuple):
    key: str  # what identifies the name
    written: str  # how the sentence writes it
    headed: bool  # beside the asked noun: "modelo GPT-4", "GPT-4 model" for "¿Qué modelo…?"


def _compared_name(question: str, sentence: str, offered: list[str]) -> _Compared | None:
    """The one name `sentence` gives: of the names the question offers, when it offers
    some; else a name the question does not write, the one right after or before the
    asked noun where the sentence has more ("modelo GPT-4 de OpenAI" for "¿Qué modelo…?",
    "OpenAI's GPT-4 model" for "Which model…?")."""
    if offered:
        named = [option for option in offered if _writes_name(sentence, option)]
        written = _written_name(sentence, named[0]) if len(named) == 1 else None
        return None if written is None else _Compared(named[0], written, headed=True)
    noun = word_keys(asked_noun(question) or "")
    asked = keys_of(question)
    names = [name for name in _names_in(sentence) if not keys_of(name.text) <= asked]
    headed = [
        name
        for name in names
        if noun
        & keys_of(_word_before(sentence, name.start) + " " + _word_after(sentence, name.end))
    ]
    chosen = headed or names
    if len(chosen) != 1:
        return None
    return _Compared(" ".join(sorted(keys_of(chosen[0].text))), chosen[0].text, bool(headed))


def _word_before(sentence: str, start: int) -> str:
    words = sentence[:start].split()
    return words[-1] if words else ""


def _word_after(sentence: str, end: int) -> str:
    words = sentence[end:].split()
    return words[0] if words else ""


def offers_names(question: str) -> bool:
    """The question offers two names or more to choose from ("…, GPT-4 o Gemini?")."""
    return len(_offered_names(question)) >= 2


def _offered_names(question: str) -> list[str]:
    """The names a question offers to choose from ("…, GPT-4 o Gemini 1.0 Ultra?")."""
    if not _ALTERNATIVES.search(question):
        return []
    return list(question_names(question))


def _names_one_of(name: str, options: Iterable[str]) -> bool:
    return any(keys_of(option) & keys_of(name) for option in options)


def _writes_name(sentence: str, name: str) -> bool:
    return keys_of(name) <= keys_of(sentence)


def _written_name(sentence: str, name: str) -> str | None:
    """The whole name of `sentence` that holds the question's `name`: its "Gemini" is the
    sentence's "Gemini 1.0 Ultra", its "GPT" the "GPT-4"."""
    holding = (found.text for found in _names_in(sentence) if _names_one_of(found.text, [name]))
    return next(holding, None)


def _names_in(sentence: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The names of `sentence[start:end]`, each whole with its model number ("GPT-4")."""
    end = len(sentence) if end is None else end
    found: list[Span] = []
    at = start
    for run in name_runs(sentence[start:end]):
        first = sentence.index(run, at, end)
        numbered = _MODEL_NUMBER.match(sentence, first + len(run))
        at = numbered.end() if numbered else first + len(run)
        found.append(Span(first, at, sentence[first:at]))
    return found


def _magnitude(figure: Quantity) -> float | None:
    found = _MAGNITUDE.fullmatch(figure.value)
    if found is None:
        return None
    power = int(found.group(2) or 0) + (figure.scale or 0)
    return float(found.group(1)) * 10.0**power


def comparison_words_said(question: str, sentence: str) -> frozenset[str]:
    """The keys of the question's comparative ("barato", "menos", "cheaper"), which a
    sentence that makes its comparison says, graded either way: "fue más caro que" says
    which was cheaper."""
    if comparison_at(question, sentence) is None:
        return frozenset()
    return _asked_words(question)


@functools.lru_cache(maxsize=256)
def _question_comparatives(question: str) -> frozenset[tuple[str, str]]:
    return frozenset(
        _comparatives(_up_to_a_result([key for key, _, _ in tokens(question)]), asked=True)
    )


# Verbs whose object may be followed by what they make of it: "makes deployment cheaper",
# "hace los modelos más fáciles de gestionar".
_CAUSATIVES = frozenset(
    {
        "make",
        "makes",
        "made",
        "making",
        "render",
        "renders",
        "hace",
        "hacen",
        "hizo",
        "hicieron",
        "vuelve",
        "vuelven",
    }
)


def _up_to_a_result(words: list[str]) -> list[str]:
    """The words of a question up to a causative verb that has an object: the grade after
    it says what the verb makes of its object ("Which technique makes deployment
    cheaper?"), not which of two things is more ("Which model made more operations?")."""
    for index, word in enumerate(words[:-2]):
        if word in _CAUSATIVES and words[index + 1] not in _DIRECTIONS:
            return words[: index + 1]
    return words


@functools.lru_cache(maxsize=256)
def _asked_comparatives(question: str) -> frozenset[tuple[int, str]]:
    return _scaled(_question_comparatives(question))


@functools.lru_cache(maxsize=256)
def _asked_words(question: str) -> frozenset[str]:
    found = _question_comparatives(question)
    grades = (word_keys(grade) for grade, _ in found if grade != "-er")
    return frozenset(key for _, key in found).union(*grades)


def _scaled(found: Iterable[tuple[str, str]]) -> frozenset[tuple[int, str]]:
    """(direction, stem) of each comparative, an antonym read as its partner reversed and
    a synonym as its partner."""
    return frozenset(
        (-_DIRECTIONS[grade], _ANTONYM_STEMS[key])
        if key in _ANTONYM_STEMS
        else (_DIRECTIONS[grade], _SYNONYMS.get(key, key))
        for grade, key in found
    )


def _comparatives(words: list[str], asked: bool = False) -> set[tuple[str, str]]:
    """(grade, key) for the content words beside each grade ("mas", "caro") for "más
    caro", ("mas", "duro") for "duró más", both ("mas", "realizo") and ("mas", "flops")
    for "realizó más FLOPs"; and ("-er", "longer") for an English word in "-er" right
    before "than" or, in a question (`asked`), anywhere: "Which model trained longer?"."""
    found: set[tuple[str, str]] = set()
    for index, word in enumerate(words):
        if word in _DIRECTIONS:
            for other in (index - 1, index + 1):
                graded = words[other] if 0 <= other < len(words) else None
                if graded and graded not in STOP_WORDS and graded not in _DIRECTIONS:
                    found |= {(word, key) for key in word_keys(graded)}
        elif len(word) > 4 and word.endswith("er") and word not in STOP_WORDS:
            before_than = words[index + 1 : index + 2] == ["than"]
            if asked or before_than:
                found |= {("-er", key) for key in word_keys(word)}
    return found
