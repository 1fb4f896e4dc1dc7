"""Where a short answer sits in an evidence sentence.

A concise answer ("41 millones de dólares") is only kept when its words are a contiguous
run of one evidence sentence's words, compared folded (case and accents), with figures
in one spelling ("2,1" == "2.1") and articles aside ("los" for "las"). The answer shown
is then the document's own text at that place, so it is a quote, checkable at
`start:end`, whatever spelling the model used.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rag.analyzer import ARTICLE_PATTERN, ARTICLES, STOP_WORDS, fold, spelled_stems
from rag.answer.claims import NUMBER_WORDS, spelled_figure
from rag.answer.evidence import NUMBER_PATTERN, keys_of, normalize_number, word_keys

_TOKEN = re.compile(rf"{NUMBER_PATTERN}|\w+")


_FINAL_PUNCTUATION = {"", ".", "!", "?"}
# Articles a small model may get wrong in gender or number; not "a", which is also the
# Spanish preposition.
_SWAPPABLE_ARTICLES = ARTICLES - {"a"}
_QUOTE_PAIRS = (("'", "'"), ('"', '"'), ("«", "»"), ("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"))
COPULAS = ("es", "son", "fue", "fueron", "era", "eran", "is", "are", "was", "were")
_COPULA = re.compile(rf"\s+(?:{'|'.join(COPULAS)})\s")
_COPULA_COMPLEMENT = re.compile(rf"{_COPULA.pattern}\s*([^.;]+)")
_OPENING_NOUN = re.compile(
    r"\W*(?:el|la|los|las|the)\s+(\w+)\s+(?:que|which|that)\b", re.IGNORECASE
)
# A phrase does not begin with the verb or the conjunction that joins it to what the
# model said before it: "are easier to manage" of "They are easier to manage" is none.
_NO_PHRASE_START = frozenset(COPULAS) | {"y", "o", "and", "or"}
_OF = frozenset({"de", "del", "of"})
# Nor does it end on a word that needs what follows it: "doubles every" is no phrase.
_NO_PHRASE_END = STOP_WORDS | {"every", "each", "cada", "per", "very", "such", "between"}
_ASKED_NOUN = re.compile(
    r"\b(?:que|cual|cuales|what|which)\s+(?:(?:tipo|clase|kind|type)\s+(?:de|of)\s+)?(\w+)"
)
_NOUN_START = rf"\b(?:{ARTICLE_PATTERN}|de|del|al|of)\s+(\w+)"
# The asked noun right before the answer ("la conjetura de Polignac"), else one word
# further back: a noun of its complement ("el linaje de cloroplasto verde") or the word
# that numbers it ("el puesto número 139").
_NOUN_BEFORE = (
    re.compile(rf"{_NOUN_START}(?:\s+(?:de|del|of))?\s+$", re.IGNORECASE),
    re.compile(rf"{_NOUN_START}\s+(?:de|del|of)\s+(\w+)\s+$", re.IGNORECASE),
    re.compile(rf"{_NOUN_START}\s+(?:número|numero|nº|number)\s+$", re.IGNORECASE),
)


# "¿Qué dos órganos…?", "¿Qué moléculas…?", "¿Cuáles son…?", "Which three…?": the
# question asks for more than one thing; "¿Qué tipo de grabaciones…?" asks for one kind.
_LIST_SIZES = "|".join(word for word, value in NUMBER_WORDS.items() if 2 <= int(value) <= 10)
_ASKS_A_LIST = re.compile(
    rf"\W*(?:(?:que|cuales|what|which)\s+(?:{_LIST_SIZES})\b"
    r"|cuales\s+(?:son|fueron|eran)\b|(?:what|which)\s+(?:are|were)\b)"
)
# "What causes…" asks with a verb: only "which" takes a noun for sure in English.
_ASKED_WITH_A_NOUN = re.compile(r"\W*(?:que|cuales|which)\s+(\w+)")
_SINGULAR_ENDINGS = ("is", "us", "ss")
_KIND_WORDS = frozenset({"tipos", "clases", "kinds", "types", "sorts"})
# The other members of a list the phrase belongs to: ", Y y Z" after it, "el X y " before
# it. A member runs to a mark or a relative pronoun, and holds no other article before it.
_CONJUNCTION = r"\s(?:y|e|o|u|and|or)\s+"
_MEMBER = r"[^,;:.()]{1,60}?"
_MEMBER_END = r"(?=\s*(?:[,;:.()]|$)|\s(?:que|which|that|who)\s)"
_MEMBERS_AFTER = re.compile(rf"(?:\s*,\s*{_MEMBER})*,?{_CONJUNCTION}{_MEMBER}{_MEMBER_END}")
_MEMBER_BEFORE = re.compile(
    rf"\b(?:el|la|los|las|the)\s+(?:(?!\b(?:el|la|los|las|the)\b)[^,;:.()]){{1,60}}?{_CONJUNCTION}$",
    re.IGNORECASE,
)


# An article and a noun right before a phrase: "el conocimiento " of "el conocimiento
# recogido en…".
_ARTICLE_AND_NOUN = re.compile(rf"\b({ARTICLE_PATTERN})\s+(\w+)\s+$", re.IGNORECASE)


# The article a sentence writes right before a phrase: "la " of "…aunque la Comisión…".
_ARTICLE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_SWAPPABLE_ARTICLES))})\s+$", re.IGNORECASE)


class Located(NamedTuple):
    start: int
    end: int


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(comparable form, start, end) of each word or figure of `text`; a number written
    in words is its figure ("diez años" is "10 años"), but the "ciento" of "por ciento"."""
    found: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        key = normalize_number(raw) if raw[0].isdigit() else fold(raw)
        key = spelled_figure(key, found[-1][0] if found else "") or key
        found.append((key, match.start(), match.end()))
    return found


def locate(answer: str, sentence: str) -> Located | None:
    """The span of `sentence` whose words are the answer's words, in order, or None; the
    sentence may hold articles the answer left out ("GPUs y TPUs" is found in "las GPUs
    y las TPUs"). A span that ends the sentence keeps its final punctuation."""
    wanted = [key for key, _, _ in tokens(answer)]
    if not wanted:
        return None
    have = tokens(sentence)
    for first in range(len(have)):
        last = _match_from(wanted, have, first)
        if last is not None:
            start, end = have[first][1], have[last][2]
            if sentence[end:].strip() in _FINAL_PUNCTUATION:
                end = len(sentence.rstrip())
            return _whole_quote(sentence, start, end)
    return None


def with_its_article(phrase: str, sentence: str) -> str:
    """The phrase with the article the sentence writes right before it, as the document
    words the noun phrase: "la Comisión" for "Comisión", "la década de 1970" for "Década
    de 1970". A figure, in digits or in words ("17" of "los 17 segundos", "seis" of "la
    seis veces ganadora"), or a phrase the sentence does not write stays as it is. The
    article and the phrase's first letter are as the sentence writes them."""
    figure = not phrase[:1].isalpha() or fold(phrase.split()[0]) in NUMBER_WORDS
    found = None if figure else locate(phrase, sentence)
    article = _ARTICLE_BEFORE.search(sentence, 0, found.start) if found else None
    if found is None or article is None:
        return phrase
    return sentence[article.start() : found.start + 1] + phrase[1:]


def copula_complement(sentence: str, end: int) -> Located | None:
    """What the subject ending at `end` is said to be: "la incorporación de bases de
    conocimiento" in "La técnica que el post asocia con reducir las alucinaciones es la
    incorporación de bases de conocimiento."; None when no copula follows."""
    found = _COPULA_COMPLEMENT.match(sentence, end)
    if found is None:
        return None
    return Located(found.start(1), found.start(1) + len(found.group(1).rstrip()))


def restated_subject_complement(question: str, sentence: str) -> Located | None:
    """What the sentence says the asked thing is, where it opens on the noun the question
    asks with and a relative clause on it: "la incorporación de bases de conocimiento" of
    "La técnica que el post asocia con reducir las alucinaciones es la incorporación de
    bases de conocimiento." for "¿Qué técnica reduce las alucinaciones?". The copula is
    the main verb's, not one that opens the relative clause ("La técnica que es…")."""
    opening = _opening_on_the_asked_noun(question, sentence)
    if opening is None:
        return None
    for copula in _COPULA.finditer(sentence, opening.end()):
        if copula.start() > opening.end():
            return copula_complement(sentence, copula.start())
    return None


def asked_noun(question: str) -> str | None:
    """The noun the question asks with, folded: "mercado" of "¿Qué mercado…?", "region"
    of "¿Qué tipo de región…?"; None where the interrogative takes a verb or a function
    word ("¿Qué es…?", "What is…?")."""
    asked = _ASKED_NOUN.search(fold(question))
    return None if asked is None or asked.group(1) in STOP_WORDS else asked.group(1)


def modifies_a_word_asked_with(question: str, sentence: str, end: int, lang: str) -> bool:
    """ "The Epoch.ai" of "The Epoch.ai chart plots time…" for "What is plotted on the
    horizontal axis of the chart?": in English a phrase right before a noun the question
    says, or before its "'s" and that noun, says which one the question speaks of. Not
    where the question asks with a noun ("Which university's study…?"), whose modifier
    may be the answer."""
    if lang != "en" or asked_noun(question) is not None:
        return False
    after = _NEXT_WORD.match(sentence, end)
    return after is not None and bool(word_keys(fold(after.group(1))) & keys_of(question))


_NEXT_WORD = re.compile(r"(?:['’]s)?\s+([a-z]\w*)")


def in_a_subject_of_the_asked_noun(question: str, sentence: str, start: int) -> bool:
    """The sentence opens with the noun the question asks with and a relative clause on
    it, before `start`: the phrase at `start` is part of a subject that restates what is
    asked ("La técnica que el post asocia con el 'transfer learning' es…" for "¿Qué
    técnica…?"), unlike the name the noun is given ("La conjetura de Polignac es…")."""
    opening = _opening_on_the_asked_noun(question, sentence)
    return opening is not None and opening.end() <= start


def _opening_on_the_asked_noun(question: str, sentence: str) -> re.Match[str] | None:
    """The sentence's opening article, noun and relative pronoun, where the noun is the
    one the question asks with ("La técnica que…" for "¿Qué técnica…?")."""
    asked = asked_noun(question)
    opening = _OPENING_NOUN.match(sentence)
    if asked is None or opening is None:
        return None
    return opening if word_keys(fold(opening.group(1))) & word_keys(asked) else None


def asked_noun_start(question: str, sentence: str, start: int) -> int:
    """Where the answer at `start` begins with the noun the question asks with, when the
    sentence writes it before it after an article or a preposition: "conjetura de
    Polignac" for "¿Qué conjetura…?", "región metropolitana" for "¿Qué tipo de región…?",
    "linaje de cloroplasto verde" for "¿Qué linaje…?". `start` when it does not."""
    asked = asked_noun(question)
    if asked is None:
        return start
    for pattern in _NOUN_BEFORE:
        before = pattern.search(sentence, 0, start)
        # the second group, where a pattern has one, is the noun of the complement
        if before is None or any(fold(word) in STOP_WORDS for word in before.groups()[1:]):
            continue
        if word_keys(fold(before.group(1))) & word_keys(asked):
            return before.start(1)
    return start


def asks_for_a_list(question: str) -> bool:
    """The question asks for several things: a number of them ("¿Qué dos órganos…?"), a
    plural noun ("¿Qué moléculas…?") or a plural copula ("¿Cuáles son…?")."""
    folded = fold(question)
    if _ASKS_A_LIST.match(folded):
        return True
    noun = _ASKED_WITH_A_NOUN.match(folded)
    word = noun.group(1) if noun else ""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(_SINGULAR_ENDINGS)
        and word not in STOP_WORDS | _KIND_WORDS
    )


def whole_list(sentence: str, start: int, end: int) -> Located:
    """The span widened to the list it is one member of: "la filosofía yin-yang y wuxing"
    for "filosofía yin-yang", "el Parlamento Europeo y el Consejo de la Unión Europea" for
    the Council. A span that already joins members is left as it is."""
    if re.search(_CONJUNCTION, sentence[start:end]):
        return Located(start, end)
    after = _MEMBERS_AFTER.match(sentence, end)
    before = _MEMBER_BEFORE.search(sentence, 0, start)
    return Located(before.start() if before else start, after.end() if after else end)


def in_brackets(sentence: str, at: int) -> bool:
    """`at` is inside an aside in brackets: "(which includes private schools)"."""
    return sentence.count("(", 0, at) > sentence.count(")", 0, at)


def reworded_noun_start(short: str, part: str, sentence: str, start: int) -> int:
    """Where the sentence's noun begins, with its article, when the part of the model's
    answer quoted at `start` qualifies a noun the model reworded: "el conocimiento
    recogido en fuentes relevantes" for the part "recogida en fuentes relevantes" of "la
    información recogida en fuentes relevantes". `start` when the part begins with a
    word of no content ("la inmunología" of "el campo de la inmunología") or no article
    and noun stand before it, in the answer and in the sentence."""
    at = short.find(part)
    first = tokens(part)[:1]
    if at <= 0 or not first or first[0][0] in STOP_WORDS:
        return start
    said = _ARTICLE_AND_NOUN.search(short, 0, at)
    written = _ARTICLE_AND_NOUN.search(sentence, 0, start)
    if said is None or written is None or fold(written.group(2)) in STOP_WORDS:
        return start
    return written.start()


def parts(answer: str) -> list[str]:
    """The answer's runs of two or more words shorter than itself, longest first, then
    its single words: where the model reworded part of its answer ("el campo de la
    inmunología" for "La inmunología comprende…"), the rest may still be quoted. A run
    ends on a word that says something: "la obtención de datasets y" is no phrase; nor
    does it begin with a copula, a conjunction or the "de" of a noun's complement."""
    found = tokens(answer)
    runs = []
    for size in range(len(found) - 1, 0, -1):
        for first in range(len(found) - size + 1):
            last_word, _, end = found[first + size - 1]
            if (
                last_word not in _NO_PHRASE_END
                and found[first][0] not in _NO_PHRASE_START
                and not _complements_a_noun(found[first : first + size])
            ):
                runs.append(answer[found[first][1] : end])
    return runs


def _complements_a_noun(run: list[tuple[str, int, int]]) -> bool:
    """ "de los bits usados…" of "la reducción de los bits usados…": the complement of the
    model's noun, no phrase of its own. A range ("de 100 a 150 especies") is one."""
    return len(run) > 1 and run[0][0] in _OF and not run[1][0][:1].isdigit()


# How many words the sentence may write between the part of the model's answer it quotes
# and the rest of that answer: "of the training data" for the model's "of the data".
_BRIDGED_WORDS = 2


def bridged(short: str, part: str, sentence: str, found: Located) -> Located:
    """The span of the part quoted from the model's answer, run on to the rest of that
    answer where the sentence writes it after the part, with a word or two more and no
    mark between: "Improving the quality of the training data" for the model's "By
    improving the quality of the data", whose part "improving the quality" the sentence
    writes as the model did."""
    rest = [key for key, _, _ in tokens(short[short.find(part) + len(part) :])]
    wanted = [key for key in rest if key not in STOP_WORDS]
    if not wanted or rest[-1] in STOP_WORDS:
        return found
    end, inserted = found.end, 0
    for key, start, stop in tokens(sentence[found.end :]):
        if re.search(r"[,;:.()]", sentence[end : found.end + start]):
            return found
        if _same_word(wanted[0], key):
            wanted.pop(0)
            end = found.end + stop
            if not wanted:
                return Located(found.start, end)
        elif key not in rest:
            inserted += 1
            if inserted > _BRIDGED_WORDS:
                return found
    return found


def _whole_quote(sentence: str, start: int, end: int) -> Located:
    """The span with the quote mark or bracket of a quote it opens ("el 'transfer
    learning'", "RAG ('Retrieval Augmented Generation')") or closes ("'Generative AI with
    LangChain' de Ben Auffarth"), when the sentence writes it right beside the span."""
    text = sentence[start:end]
    for opening, closing in _QUOTE_PAIRS:
        if opening == closing:
            opened = closed = text.count(opening) % 2 == 1
        else:
            opened = text.count(opening) > text.count(closing)
            closed = text.count(closing) > text.count(opening)
        if opened and sentence[end : end + 1] == closing:
            return _whole_quote(sentence, start, end + 1)
        if closed and sentence[start - 1 : start] == opening:
            return _whole_quote(sentence, start - 1, end)
    return Located(start, end)


def _match_from(wanted: list[str], have: list[tuple[str, int, int]], first: int) -> int | None:
    """The index of the sentence token that ends the match starting at `first`. A word of
    the answer may be another form of the sentence's ("reducing" for "reduces"); an
    article of the answer stands for another one of the sentence ("los grandes empresas"
    is "las grandes empresas"), or for none ("el huracán" is found in "huracán")."""
    position = first
    matched = False
    for index, key in enumerate(wanted):
        while (
            index > 0
            and position < len(have)
            and not _same_word(key, have[position][0])
            and have[position][0] in ARTICLES
        ):
            position += 1
        here = have[position][0] if position < len(have) else None
        if key in _SWAPPABLE_ARTICLES and here not in _SWAPPABLE_ARTICLES:
            continue
        if here is None or (not _same_word(key, here) and not {key, here} <= _SWAPPABLE_ARTICLES):
            return None
        matched = matched or _same_word(key, here)
        position += 1
    return position - 1 if matched else None


def _same_word(key: str, here: str) -> bool:
    """Two forms of one word as the stemmer reads them; not any two of one dictionary
    form: the model's "que se usan para…" is no quote of "bits usados para…"."""
    return key == here or (
        key.isalpha() and here.isalpha() and bool(spelled_stems(key) & spelled_stems(here))
    )


def short_answer(generated: str) -> str:
    """The model's answer as a bare phrase: first line, no marker, no final period."""
    line = generated.strip().split("\n", 1)[0]
    line = re.sub(r"\s*\[\d+(?:\s*,\s*\d+)*\]", "", line).strip()
    return line.rstrip(" .;:").strip(" \"'«»“”")
