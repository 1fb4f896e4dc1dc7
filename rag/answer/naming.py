"""What a thing is called.

"¿Cómo se llama…?", "¿Cuál es el apodo…?" and "What is … called?" ask for the name a
sentence gives after "conocido como", "llamado", "la denominada", "known as": quoting
the whole sentence ("Es Patrimonio de la Humanidad de la UNESCO (2002) y conocido como
"el Rin Romántico", …") buries the answer, "el Rin Romántico".

"¿Cuál fue el primer cabaret literario de Varsovia?" describes what it asks for, and a
sentence may name it with the same description set beside the name: "el Momus ―el
primer cabaret literario de Varsovia―", or "Fresno es la ciudad más grande…". A
question that asks with a noun may find the name quoted right after it: "el himno «Ein
neues Lied wir heben an»".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rag.analyzer import ARTICLES, STOP_WORDS, fold
from rag.answer.answer_types import (
    AnswerType,
    candidate_spans,
    name_spans,
    question_names,
    whole_name,
)
from rag.answer.claims import opening_adjunct_end
from rag.answer.evidence import QUOTED, keys_of, word_keys
from rag.answer.spans import COPULAS, asked_noun
from rag.answer.subjects import BACK_WORDS, is_placed
from rag.answer.works import (
    WHICH_AUTHOR,
    asks_for_a_source,
    authored_kinds,
    given_as_source,
    is_cited_author,
    not_given_in_the_asked_role,
)
from rag.sentences import Span

# "¿Cómo se llama…?" and "What is … called?", whose verbs ask for a name.
_HOW_CALLED = r"como se (?:le |les |lo |la )?(?:llam|conoc|denomin)"
_WHAT_CALLED = r"\bwhat (?:is|was|are|were)\b.*\bcalled\b"
_ASKS_NAME = re.compile(
    rf"\b(?:{_HOW_CALLED}|como se (?:le |les |lo |la )?apod)\w*"
    r"|\b(?:apodo|sobrenombre|otro nombre|que nombre)\b|\bnombre (?:de|del|que|para|recibe)\b"
    rf"|{_WHAT_CALLED}|\bwhat (?:is|was) (?:the|its|their) (?:nick)?name\b"
    r"|\bnickname\b|\bwhat name\b|\b(?:known|referred to) as\W*$"
)
_GIVES_NAME = re.compile(
    r"\b(?:conocid[oa]s?(?:\s+\w+){0,3}?\s+como"
    r"|(?:llamad|denominad|apodad)[oa]s?(?:\s+(?:tambi[eé]n|a menudo|com[uú]nmente))?"
    r"|se (?:le |les |lo |la )?(?:llaman?|conocen? como|denominan?)|llamamos"
    r"|(?:recibe|reciben|recibi[oó]|recibieron) el (?:nombre|apodo) de|(?:con|bajo) el nombre de"
    r"|(?:also |commonly |often )?(?:known|referred to) as"
    r"|called|named(?! after)|nicknamed|dubbed)\s+",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"(?:el|la|los|las|the|an?)\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w-]*")
_PHRASE_END = re.compile(r"[,.;:()\[\]]|\s(?:y|e|o|u|que|and|or|which|that)\b")
# A name given in ordinary words is a term, not a clause: "se llama número compuesto".
MAX_TERM_WORDS = 4
_COPULA = rf"(?:{'|'.join(COPULAS)})"
# "¿Cuál fue…?", "Who was…?": the question describes what it asks for.
_ASKS_WHAT_IS_DESCRIBED = re.compile(
    rf"\W*(?:cual(?:es)?|que|quien(?:es)?|what|which|who)\s+{_COPULA}\s"
)
# "¿Cómo se llamaba el episodio de…?", "What are private schools in Germany called?": the
# question describes what it asks the name of.
_ASKS_WHAT_IS_CALLED = re.compile(rf"\W*{_HOW_CALLED}\w*\W|.*{_WHAT_CALLED}")
# A description set beside a name opens with a dash or a bracket, or with a comma or a
# copula and an article ("Fresno es la ciudad más grande…") or an English possessive
# ("the Momus, Warsaw's first literary cabaret,"), and runs to the next mark.
_POSSESSIVE = r"\w+['’]s\s"
_APPOSITION = re.compile(
    rf"\s*(?:[―—–(]|(?:,|\s{_COPULA})(?=\s*(?:{_ARTICLE.pattern}|{_POSSESSIVE})))"
    r"\s*([^,;:()―—–.]+)",
    re.IGNORECASE,
)
# A term and its gloss in brackets, quoted or not: 'tentilla ("tentáculos pequeños")'.
_GLOSSED = re.compile(r"([^\W\d_][\w-]*)\s*\(\s*[\"«“]?([^()\"«»“”]+?)[\"»”]?\s*\)")
# The words that ask for the name, which describe nothing.
_THE_WORD_NAME = keys_of("nombre name llama llaman llamaba llamaban conoce conocen conocia called")
_LAST_WORD = re.compile(r"(\w+)\s*$")
# "Los Ángeles" inside a sentence: an article written with a capital belongs to the name.
_NAME_ARTICLE = re.compile(r"(?<=\s)(?:El|La|Los|Las)\s+$")
# The words that join two names into one: "Aeropuerto Internacional de Los Ángeles"
# (before a capitalised Spanish article, only Spanish ones), "Planet of Giants".
_JOINING_ES = r"de|del"
_JOINING_OF = re.compile(rf"\s+(?:{_JOINING_ES})\s+$")
_JOINING = re.compile(rf"\s+(?:{_JOINING_ES}|of|of the)\s+")
_COPULA_BEFORE = re.compile(rf"\s{_COPULA}\s+$")
_COPULA_AFTER = re.compile(rf"\s*(?:\([^()]*\)\s*)?,?\s*{_COPULA}\s+[^,;:.]+", re.IGNORECASE)
_OPENING_BRACKET = re.compile(r"\s*\(\s*")
_CLOSING_BRACKET = re.compile(r"\s*\)")
_PHRASE_OPENING = re.compile(r"(?:^|[,;]\s*|(?:^|\s)(?:el|la|los|las|the)\s+)$", re.IGNORECASE)


# "¿Quién es el autor…?", "Who was the first president…?", "¿Qué autor…?": the person
# who holds a role, which only a name answers. Folded.
_ASKS_WHO_IS = re.compile(
    r"\W*(?:quien(?:es)?\s+(?:es|son|fue|fueron|era|eran)\s+(?:el|la|los|las|un|una|su|sus)"
    rf"|who\s+(?:is|are|was|were)\s+(?:the|an?|this|that|his|her|its|their)|{WHICH_AUTHOR})\b"
)


def names_whom_asked(question: str, answer: str, evidence: str) -> bool:
    """An answer to "who is <role>" or to who wrote a work names someone the question does
    not, and for a work someone its evidence gives as that work's author: "…the author
    concludes that…" does not say who the blog's author is. Other "who" questions may be
    answered by a description ("The blogger says that experience confirms…")."""
    if not (_ASKS_WHO_IS.match(fold(question)) or authored_kinds(question)):
        return True
    given = {word for name in question_names(question) for word in fold(name).split()}
    return any(
        set(fold(span.text).split()) - given
        and not not_given_in_the_asked_role(question, span.text, evidence)
        for span in name_spans(answer)
        # a sentence's first word is capitalised, name or not ("Because of these volumes…")
        if span.start > 0 or " " in span.text or span.text.isupper()
    )


def asks_for_the_name(question: str) -> bool:
    return bool(_ASKS_NAME.search(fold(question)))


def name_given(sentence: str, question: str) -> Span | None:
    """The name `sentence` gives after a naming phrase: a quoted one without its quotes,
    a capitalised one whole ("la denominada Ley de Rock"), or a term of a few words up to
    the clause's end ("se llama número compuesto"); not a phrase opened by a preposition
    ("llamado de varias maneras"). Of several, the one given to what the question names:
    the words since the previous name hold most of the question's ("ocho tiras, llamadas
    filas de panales, que … llevan bandas de cilios …, llamadas "ctenes"" for the bands)."""
    asked = keys_of(question)
    best: tuple[int, Span] | None = None
    named_from = 0
    for cue in _GIVES_NAME.finditer(sentence):
        found = _name_at(sentence, cue.end())
        if found is None:
            continue
        shared = len(keys_of(sentence[named_from : cue.start()]) & asked)
        if best is None or shared > best[0]:
            best = (shared, found)
        named_from = found.end
    return best[1] if best else None


def _name_at(sentence: str, start: int) -> Span | None:
    quoted = QUOTED.match(sentence, start)
    if quoted:  # every quote mark is one character
        return Span(quoted.start() + 1, quoted.end() - 1, quoted.group()[1:-1])
    article = _ARTICLE.match(sentence, start)
    first = _WORD.match(sentence, article.end() if article else start)
    if first is None:
        return None
    if first.group()[0].isupper():
        begin, end = whole_name(sentence, first.start(), first.end())
        return Span(begin, end, sentence[begin:end])
    stop = _PHRASE_END.search(sentence, first.start())
    end = stop.start() if stop else len(sentence)
    words = _WORD.findall(sentence[first.start() : end])
    if not words or len(words) > MAX_TERM_WORDS or fold(words[0]) in STOP_WORDS - ARTICLES:
        return None
    begin = article.start() if article else first.start()
    return Span(begin, end, sentence[begin:end].rstrip())


def source_named(question: str, sentence: str) -> Span | None:
    """The name `sentence` gives as the source of what it says ("Las cifras … proceden de
    Epoch.ai", "according to Epoch.ai"), when the question asks where something comes from
    ("¿Qué fuente usa el post para las cifras…?", which Gemma answers "la fuente de GPT-4")."""
    if not asks_for_a_source(question):
        return None
    return next(
        (name for name in name_spans(sentence) if given_as_source(sentence, name.start)), None
    )


def asks_what_is_described(question: str) -> bool:
    folded = fold(question)
    asked = folded[folded.rfind("¿") + 1 :]  # after an opening clause: "Inspirada por…, ¿cómo…?"
    return bool(_ASKS_WHAT_IS_DESCRIBED.match(folded) or _ASKS_WHAT_IS_CALLED.match(asked))


def apposed_name(question: str, sentence: str) -> Span | None:
    """The name `sentence` sets beside the description the question gives of what it
    asks for: "Momus" of "el Momus ―el primer cabaret literario de Varsovia―" for "¿Cuál
    fue el primer cabaret literario de Varsovia?", "Paul Samuelson, el primer
    estadounidense en ganar el Premio Nobel…". The apposition holds every word of the
    question ("nombre" aside), the name none. Or, where most of the description is said:
    the name the sentence says its subject is ("…fue Dudley Simpson"); a name that opens
    a phrase and that a copula says it is ("Abu al-Rayhan al-Biruni (973-1048 d.C.) fue
    uno de los primeros geólogos persas"); or a name set between commas after it ("El
    último Primer Ministro de Alemania del Este, Lothar de Maizière, firmó…")."""
    if not asks_what_is_described(question):
        return None
    described = keys_of(question) - _THE_WORD_NAME
    if len(described) < 2:
        return None
    names = name_spans(sentence)
    for name in names:
        if not keys_of(name.text).isdisjoint(keys_of(question)):
            continue
        apposition = _APPOSITION.match(sentence, name.end)
        if apposition is not None and described <= keys_of(apposition.group(1)):
            return _with_its_article(sentence, name, names)
        if _described_as_subject(sentence, name, described):
            return _joined_by_of(sentence, name, names)
        whole = _joined_by_of(sentence, name, names)
        if _opens_a_phrase(sentence, whole) and (
            _described_by_copula(sentence, whole, described)
            or _set_after_the_description(sentence, whole, described)
        ):
            return whole
    return None


def _most_of(described: frozenset[str], text: str) -> bool:
    return 2 * len(described & keys_of(text)) > len(described)


def _said_since_the_last_mark(sentence: str, end: int, described: frozenset[str]) -> bool:
    """The stretch of `sentence` before `end`, since its last comma or semicolon, holds
    most of the description."""
    opening = max(sentence.rfind(",", 0, end), sentence.rfind(";", 0, end))
    return _most_of(described, sentence[opening + 1 : end])


def _opens_a_phrase(sentence: str, name: Span) -> bool:
    """The name opens the sentence or a clause, or follows an article, and is no pronoun
    written with a capital ("He is also the oldest quarterback…")."""
    return bool(_PHRASE_OPENING.search(sentence, 0, name.start)) and (
        name.text.lower() not in BACK_WORDS
    )


def _described_by_copula(sentence: str, name: Span, described: frozenset[str]) -> bool:
    """A copula after the name (and its dates in brackets) says what holds most of the
    description: "Las Ergänzungsschulen son escuelas secundarias o postsecundarias…"."""
    said = _COPULA_AFTER.match(sentence, name.end)
    return said is not None and _most_of(described, said.group())


def _set_after_the_description(sentence: str, name: Span, described: frozenset[str]) -> bool:
    """The name stands between commas right after a stretch that holds most of the
    description: "El último Primer Ministro de Alemania del Este, Lothar de Maizière,
    firmó…"."""
    before = sentence[: name.start].rstrip()
    if not before.endswith(",") or not sentence[name.end :].lstrip().startswith(","):
        return False
    return _said_since_the_last_mark(sentence, len(before) - 1, described)


def _described_as_subject(sentence: str, name: Span, described: frozenset[str]) -> bool:
    """The name follows a copula whose subject holds most of the description: "El
    colaborador musical más frecuente durante los primeros 15 años fue Dudley Simpson"."""
    copula = _COPULA_BEFORE.search(sentence, 0, name.start)
    if copula is None:
        return False
    return _said_since_the_last_mark(sentence, copula.start(), described)


def _joined_by_of(sentence: str, name: Span, names: list[Span]) -> Span:
    """The name with the names that "of" or "de" join to it: "Planet of Giants"."""
    end = name.end
    for following in names:
        if following.start > end and _JOINING.fullmatch(sentence, end, following.start):
            end = following.end
    return Span(name.start, end, sentence[name.start : end])


def _with_its_article(sentence: str, name: Span, names: list[Span]) -> Span:
    """The name with the capitalised article it is written with, and the name that
    article joins it to: "Aeropuerto Internacional de Los Ángeles", not "Ángeles"."""
    article = _NAME_ARTICLE.search(sentence, 0, name.start)
    if article is None:
        return name
    start = article.start()
    joined = _JOINING_OF.search(sentence, 0, start)
    before = next((found for found in names if joined and found.end == joined.start()), None)
    start = before.start if before else start
    return Span(start, name.end, sentence[start : name.end])


def the_one_name(
    question: str, sentence: str, lang: str, metadata: Mapping[str, object]
) -> Span | None:
    """Who a sentence answers a "who" question with when it names one person or body
    besides the question's own names, its places, what its opening phrase names ("After
    World War II, the government…") and the author the question cites as its source
    ("¿Según el post, quién…?", as its document's `metadata` names them): "Gegeen Khan" of
    "El emperador Gegeen Khan, hijo y sucesor de Ayurbarwada, gobernó…" for "¿Quién era el
    hijo de Ayurbarwada?"; None where it names none, or several."""
    opening = opening_adjunct_end(sentence)
    found = [
        span
        for span in candidate_spans(sentence, AnswerType.PERSON, question, lang)
        if span.start >= opening
        and not is_placed(sentence, span.start)
        and not is_cited_author(question, span.text, metadata)
    ]
    return _the_only(found, sentence)


def the_one_place(question: str, sentence: str, lang: str) -> Span | None:
    """Where a sentence answers a "where" question with when it names one place besides
    the question's own names: "Persia" of "Algunos académicos, como Fielding H. Garrison,
    opinan que el origen de la geología puede remontarse a Persia…" for "¿Dónde cree
    Fielding H. Garrison que se puede rastrear la geología?"; None where it names none, or
    several."""
    return _the_only(candidate_spans(sentence, AnswerType.PLACE, question, lang), sentence)


def _the_only(found: list[Span], sentence: str) -> Span | None:
    """The one phrase found, with the other name it has in brackets right after it
    ("Ogród Saski (Jardín Sajón)"); None where there are none, or several to choose from."""
    others = [span for span in found if any(_bracket_end(sentence, of, span) for of in found)]
    named = [span for span in found if span not in others]
    if len(named) != 1:
        return None
    [name] = named
    end = next((end for other in others if (end := _bracket_end(sentence, name, other))), None)
    return name if end is None else Span(name.start, end, sentence[name.start : end])


def _bracket_end(sentence: str, name: Span, other: Span) -> int | None:
    """Where the brackets close that hold `other` alone right after `name` ("Rāzi
    (Rhazes)"); None where `other` stands elsewhere."""
    if _OPENING_BRACKET.fullmatch(sentence, name.end, other.start) is None:
        return None
    closing = _CLOSING_BRACKET.match(sentence, other.end)
    return closing.end() if closing else None


def glossed_term(sentence: str, question: str) -> Span | None:
    """The word a sentence glosses in brackets with the question's own words: "tentilla"
    of 'rodeados de tentilla ("tentáculos pequeños")' for "¿Cómo se llaman los tentáculos
    pequeños de los cidípidos?"."""
    asked = keys_of(question)
    for glossed in _GLOSSED.finditer(sentence):
        gloss = keys_of(glossed.group(2))
        worded = _WORD.search(glossed.group(2)) is not None
        if gloss and worded and gloss <= asked and not keys_of(glossed.group(1)) & asked:
            return Span(glossed.start(1), glossed.end(1), glossed.group(1))
    return None


def quoted_after_the_asked_word(question: str, sentence: str) -> Span | None:
    """The quote `sentence` writes right after the word the question asks with: the title
    of the asked work ("el himno «Ein neues Lied wir heben an»" for "¿Qué himno escribió
    Lutero…?"), or what the asked verb says ("significa «con peine»"); never a quote of
    the question's own words, nor one the sentence follows with a quote of them (escuelas
    "públicas" e "independientes", asked which are independent). Of several, the one
    whose words since the one before hold most of the question's others ("GPU significa
    '…' y TPU significa '…'" for TPU), and none where two hold as many."""
    asked = asked_noun(question)
    if asked is None:
        return None
    question_keys = keys_of(question)
    others = question_keys - word_keys(asked)
    quotes = list(QUOTED.finditer(sentence))
    # the question's own words quoted after a quote: it asks for another of the things
    # quoted, not the first ("escuelas "públicas" (…) e "independientes"")
    asked_after = [
        quote.start()
        for quote in quotes
        if (said := keys_of(quote.group())) and said <= question_keys
    ]
    found: list[tuple[int, Span]] = []
    since = 0
    for quote in quotes:
        before = _LAST_WORD.search(sentence, 0, quote.start())
        inner = quote.group()[1:-1]
        if (
            before is not None
            and word_keys(fold(before.group(1))) & word_keys(asked)
            and keys_of(inner).isdisjoint(question_keys)
            and not any(start > quote.start() for start in asked_after)
        ):
            start = quote.start() + 1 + len(inner) - len(inner.lstrip())
            text = inner.strip()
            shared = len(keys_of(sentence[since : before.start()]) & others)
            found.append((shared, Span(start, start + len(text), text)))
            since = quote.end()
    if not found:
        return None
    most = max(shared for shared, _ in found)
    best = [span for shared, span in found if shared == most]
    return best[0] if len(best) == 1 else None
