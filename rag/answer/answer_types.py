"""What kind of answer a question asks for, and the short phrases of a sentence that give it.

A small model answers with whole sentences, or recombines true words into a false
claim. Knowing that "¿Quién…?" wants a name, "¿Cuánto costó…?" a sum of money and
"What does RAG stand for?" the words whose initials spell RAG lets the pipeline offer
(or take) the few words that answer, check a short generated answer, and abstain when
the best evidence holds no phrase of the asked type ("¿Cuántas páginas…?" over the
publication-date sentence). The rules are shallow on purpose -- capitals, figures and
their units (rag/answer/claims.py), initials; no parser -- because they only rank
candidates and reject clear misfits: verification still checks whatever is said.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher
from enum import Enum
from itertools import pairwise

from rag.analyzer import (
    ARTICLES,
    ASKS_WHO,
    CAPITAL,
    NAME_ABBREVIATIONS,
    QUESTION_WORDS,
    STOP_WORDS,
    fold,
)
from rag.answer.acronyms import (
    LETTERS,
    acronym_in,
    asks_about_acronyms,
    expansion_spans,
)
from rag.answer.citations import strip_markers
from rag.answer.claims import (
    ASKS_DATE,
    MONTHS,
    MULTIPLIERS,
    NUMBER_WORDS,
    PHYSICAL_MAGNITUDES,
    POPULATION,
    ROLE_NAME,
    SCALES,
    UNITS,
    ClaimCheck,
    Kind,
    Quantity,
    asks_for_a_duration,
    asks_for_a_period,
    clauses,
    counted_nouns,
    expected_kinds,
    phrase_clause,
    quantities,
    without_interrogative,
)
from rag.answer.durations import frequency_spans, until_spans
from rag.answer.evidence import QUOTED, content_words, keys_of, word_keys
from rag.answer.works import AUTHOR_NOUNS
from rag.sentences import Span


class AnswerType(Enum):
    PERSON = "person"
    QUANTITY = "quantity"
    DATE = "date"
    EXPANSION = "expansion"
    PLACE = "place"
    EXAMPLES = "examples"
    OTHER = "other"


# "¿Qué jugador…?", "Which party…?": who or what holds the role is answered by a name.
_ROLE_WORDS = """
jugador jugadora poeta director directora presidente presidenta rey reina emperador
emperatriz cientifico cientifica arquitecto arquitecta compositor compositora escritor
escritora filosofo filosofa artista actor actriz lider cantante pintor pintora inventor
inventora explorador exploradora chaman monarca entrenador mariscal quimico quimica fisico
fisica matematico matematica economista medico medica ingeniero ingeniera partido equipo
entidad organismo universidad banda club agencia institucion
player poet president king queen emperor scientist architect composer writer philosopher
artist actress leader singer painter inventor explorer shaman monarch coach chemist
physicist mathematician economist physician engineer party team entity agency university
band institution
"""
_NAMED_ROLES = frozenset(_ROLE_WORDS.split())
_TITLED_ROLE = re.compile(rf"\b([{CAPITAL}][^\W\d_]+)\s+(?:(?:de|del|of)\s+)?$")
# A pronoun the verb after the words that ask who may take (folded): "¿Quién lo
# escribió?".
BEFORE_THE_VERB = r"\s+(?:(?:lo|la|los|las|se)\s+)?"
# The verb a "who" question asks the doer of.
_WHO_VERB = re.compile(rf"\b(?:{ASKS_WHO}){BEFORE_THE_VERB}([^\W\d_]+)")
_DOER_ENDINGS = ("ador", "edor", "idor", "er", "or")
_ROLE_CUE = re.compile(rf"\b(?:que|cual|what|which) ({'|'.join(sorted(_NAMED_ROLES))})\b")
# "¿Qué empresa…?", "Which organisation…?": a question that asks for an organization.
_WHICH_ORGANIZATION = (
    r"\b(?:que|cual|what|which) (?:editorial|empresa|compania|organizacion|publisher|company"
    r"|organi[sz]ation|firm)\b"
)
# The words that ask for examples, which a sentence that lists them need not write.
_EXAMPLE_WORDS = r"\b(?:ejemplos?|examples?)\b"
# How a query without an interrogative opens, before the noun of what it asks for:
# "autor del libro", "dime el tamaño del dataset", "tell me the author of…".
_QUERY_OPENING = r"^\W*(?:(?:dime|dame|indicame|tell me|give me)\s+)?(?:(?:el|la|the)\s+)?"
# Magnitudes a figure measures, whatever its unit; not the ages of history ("Edad Media").
_MAGNITUDES = (
    r"(?:(?:edad(?! media| de (?:oro|piedra|bronce|hierro|hielo))|eficiencia|age|efficiency)\b"
    rf"|{PHYSICAL_MAGNITUDES})"
)
# Interrogative phrases (folded question); the earliest one decides, so that a relative
# "who" or "cuando" later in the question does not override "How many…" / "¿Cuántos…".
_CUES = {
    # A person or an organization: both answer with a name.
    AnswerType.PERSON: rf"\bquien(?:es)?\b|\bwho(?:m|se)?\b|{_WHICH_ORGANIZATION}"
    r"|\b(?:que|cual|what|which) (?:autor|autora|autores|persona|author|authors|person)\b"
    # a query that is only the role asked: "autor del libro", "author of the book"
    rf"|{_QUERY_OPENING}(?:{AUTHOR_NOUNS})(?:e?s)? (?:de|del|of)\b"
    rf"|{_ROLE_CUE.pattern}"
    rf"|{ROLE_NAME.pattern}|\bname of the person\b",
    AnswerType.QUANTITY: r"\bcuant[oa]s?\b|\bhow (?:many|much|often|long)\b"
    r"|\bcon que frecuencia\b"
    rf"|{POPULATION.pattern}"
    r"|\b(?:que|what) (?:cantidad|amount|numero|number|porcentaje|percentage)\b"
    r"|\b(?:que|cual) (?:es |era |fue |sera )?(?:el )?tamano\b|\bhow (?:big|large)\b"
    r"|\bwhat (?:is |was |will be )?(?:the )?(?:average )?size\b"
    # a magnitude measured in a unit: "¿Qué edad tenía…?", "¿A qué velocidad…?"
    rf"|\b(?:que|cual|what) (?:es |era |fue |sera |is |was )?(?:la |el |the )?{_MAGNITUDES}"
    r"|\bhow (?:old|far|fast|high|tall|deep|hot)\b"
    # a query that is only the measure asked: "tamaño del dataset", "dime el número de…"
    rf"|{_QUERY_OPENING}(?:tamano|size|numero|number|cantidad|amount) (?:de|del|of)\b",
    AnswerType.DATE: ASKS_DATE,
    AnswerType.PLACE: r"\bdonde\b|\bwhere\b|\b(?:que|cual|what|which) (?:pais|ciudad|lugar"
    r"|region|continente|country|city|place|continent)\b",
    AnswerType.EXAMPLES: rf"{_EXAMPLE_WORDS}|\bsuch as\b",
}
_CUE_PATTERNS = {kind: re.compile(cue) for kind, cue in _CUES.items()}
# An English interrogative written with a capital right after a word is part of a name:
# "Doctor Who", "The Who".
_TITLE_INTERROGATIVE = re.compile(r"(?<=\w)\s+(?:Who|What|Where|When|Which|How)\b")
_ORGANIZATION = re.compile(
    rf"{_WHICH_ORGANIZATION}|\bpublisher\b"
    r"|\b(?:quien|quienes|who)\s+(?:(?:lo|la|los|las)\s+)?(?:publico|publicaron|edito|editaron"
    r"|published|issued)\b"
)
# English writes languages and nationalities with a capital: "an English summary" names
# no one and no place.
DEMONYMS = frozenset(
    [
        "english",
        "spanish",
        "french",
        "german",
        "italian",
        "portuguese",
        "dutch",
        "greek",
        "russian",
        "chinese",
        "japanese",
        "korean",
        "arabic",
        "indian",
        "american",
        "canadian",
        "mexican",
        "british",
        "european",
        "african",
        "asian",
        "latin",
    ]
)
# "GPT" of "GPT-4" is part of a model's name, not a name of its own.
_MODEL_NUMBER = re.compile(r"-\d")
_ORGANIZATION_WORDS = frozenset(
    [
        "press",
        "publishing",
        "publications",
        "books",
        "media",
        "labs",
        "lab",
        "inc",
        "ltd",
        "corp",
        "corporation",
        "group",
        "editorial",
        "ediciones",
        "editores",
        "company",
        # bodies of people: "Frente Nacional Islámico", "Labour Party"
        "frente",
        "partido",
        "movimiento",
        "liga",
        "union",
        "consejo",
        "comite",
        "asociacion",
        "fundacion",
        "federacion",
        "sociedad",
        "instituto",
        "universidad",
        "agencia",
        "front",
        "party",
        "movement",
        "league",
        "council",
        "committee",
        "association",
        "foundation",
        "federation",
        "society",
        "institute",
        "university",
        "agency",
    ]
)
# Where a "when" question (recognised by claims.expected_kinds) puts its interrogative.
_DATE_WORD = re.compile(r"\b(?:cuando|when|ano|fecha|mes|momento|siglo|year|date|month|century)\b")
_ASKS_YEAR = re.compile(r"\b(?:ano|year)\b")
_ASKS_MONTH = re.compile(r"\b(?:mes|month)\b")
_ASKS_CENTURY = re.compile(r"\ben (?:que|cual) siglo\b|\b(?:what|which) century\b")
# A word, with the apostrophes of names ("O'Brien") but not the possessive ("OpenAI's").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+|\.[a-z]{2,3}\b)*")
_NAME_GAP = re.compile(r"\s+")  # a name's words are separated by spaces only
_VERSION_GAP = re.compile(r"\s+\d+\.\d+\s+")  # or by a version: "Gemini 1.0 Ultra"
_INITIAL_GAP = re.compile(r"\.\s+")
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|as|ash|ibn|bin)-[A-Z]")
# "Miguel de Cervantes", "Mies van der Rohe", "Muhammad ibn Zakarīya Rāzi"
_PARTICLE_GAP = re.compile(r"\s+(?:de|del|de la|van|von|van der|von der|da|di|der|le|ibn|bin)\s+")
_PERSON_CUES = frozenset({"de", "del", "by", "por", "segun", "autor", "autora", "author"})
_PLACE_CUES = frozenset({"en", "in", "at", "desde", "from", "near", "cerca"})
_EXAMPLE_CUE = re.compile(
    r"\b(?:como|such as|like|including|incluid[oa]s?|por ejemplo|for example|e\.g\.|as)\s+",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;:()]|$")
_LIST_GAP = re.compile(r"\s*(?:,|\s(?:y|e|o|u|ni|and|or))\s+(?:(?:el|la|los|las|the)\s+)?")
# What bounds a figure is part of it: "más de la mitad" is not "la mitad".
_QUALIFIER = re.compile(
    r"\b(?:m[aá]s de|menos de|casi|cerca de|alrededor de|unos|unas|aproximadamente|hasta"
    r"|more than|less than|fewer than|about|around|nearly|almost|over|up to|some"
    r"|approximately)\s+$",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(r"\s+(?:(?:de|of)\s+)?([^\W\d_]+)(?:\s+([^\W\d_]+))?")
# The counted noun after a name that qualifies it: "two Major League Soccer teams".
_NAMED_FOLLOWING = re.compile(rf"(?:\s+[{CAPITAL}][^\W_]*){{1,4}}\s+([^\W\d_]+)")
_MONTH_NAMES = "|".join(sorted(MONTHS))
_CALENDAR = re.compile(
    rf"(?:\b\d{{1,2}}\s+(?:de\s+)?)?\b(?:{_MONTH_NAMES})\b(?:\s+\d{{1,2}},?)?"
    rf"(?:\s+(?:de|del|of)\s+|,?\s+)\d{{4}}\b",
    re.IGNORECASE,
)
# "siglo" before a Roman numeral: "XX" of "siglo XX" names no one.
_CENTURY_BEFORE = re.compile(r"\bsiglos?\s+$", re.IGNORECASE)
# Where in a span of time: "a mediados de", "al final de".
_PART_OF_A_TIME = r"final|finales|fines|principios|comienzos|inicios|mediados"
# A century, and where in it: "a mediados del siglo XVIII", "the late 19th century".
_CENTURY = re.compile(
    rf"\b(?:(?:al?\s+)?(?:{_PART_OF_A_TIME})\s+del\s+)?"
    r"(?P<siglo>siglo\s+[IVXL]+\b)(?:\s+[ad]\.\s?C\.)?"
    r"|\b(?:(?:early|mid|late)[-\s]+)?"
    r"(?P<century>(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty[-\s])?(?:first|second|third|fourth|fifth"
    r"|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
    r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth))[-\s]+century\b)",
    re.IGNORECASE,
)
_OPENS_WITH_WHEN = re.compile(r"\W*(?:cuando|when)\b")
_WHEN_CLAUSE = re.compile(r"\b(?:cuando|when)\s[^,;:.()]+", re.IGNORECASE)
_YEARS_JOINED = re.compile(r"\s+(?:y|e|and)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:entre|between)\s+$", re.IGNORECASE)
# Words that make a time a bound: "después de 1279", "after the Cold War".
_BOUND_WORDS = r"after|before|despu[eé]s\s+de|antes\s+de"
_DATE_BOUND = re.compile(rf"\b(?:{_BOUND_WORDS})\s+$", re.IGNORECASE)
# A time said by a named event it bounds: "al final de la Primera Guerra Mundial", "after
# the Cold War". The event is a name, so capitalised; the words before it are not.
# "durante / during" sets a scene more often than it dates what the question asks ("la
# recurrencia de brotes durante la Edad Media" is no time of the last outbreak).
# "del" is "de" with the article: "después del Concilio".
_EVENT_TIME = re.compile(
    rf"(?i:\b(?:al?\s+(?:{_PART_OF_A_TIME})\s+de"
    rf"|tras|at\s+the\s+(?:end|beginning|start)\s+of|{_BOUND_WORDS}))"
    r"(?:l\s+|\s+(?:(?:la|el|los|las|the)\s+)?)"
    rf"[{CAPITAL}][^\W\d_]*(?:\s+(?:(?:de|del|of)\s+)?[{CAPITAL}][^\W\d_]*)*"
)
# A month alone, where a preposition makes it the time of something: "empezaría en marzo".
_MONTH_ALONE = re.compile(
    rf"\b(?:en|in|desde|since|hasta|until)\s+(?:el\s+mes\s+de\s+)?(?P<month>{_MONTH_NAMES})\b"
    r"(?!\s+(?:de\s+|del\s+|of\s+)?\d)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# A span of time before now dates what happened then: "hace 66 millones de años", "about
# 22,000 years ago".
_AGO_BEFORE = re.compile(
    r"\bhace\s+(?:(?:unos|unas|aproximadamente|alrededor de|m[aá]s de|menos de|casi)\s+)?$",
    re.IGNORECASE,
)
_AGO_AFTER = re.compile(r"\s+ago\b", re.IGNORECASE)
# A year that names its decade: "la década de 1950" is no answer "1950".
_DECADE = re.compile(r"\b(?:d[eé]cadas? de(?: los)?|los años|decades? of)\s+$", re.IGNORECASE)
# The noun right after a figure counts what the question counts when spelled alike across
# languages: "nations" / "naciones" 0.80, "points" / "puntos" 0.67, but "chapters" /
# "capitulos" 0.59 and "parameters" / "puntos" 0.38 (difflib's ratio of the words). Looser
# than `spelled_alike` (rag/analyzer.py), which compares every word of the evidence.
COUNTED_NOUN_SIMILARITY = 0.65


def cue_text(question: str) -> str:
    """The folded question where its interrogatives are read, without those that are part
    of a name."""
    return fold(_TITLE_INTERROGATIVE.sub(" ", question))


def expected_type(question: str, lang: str = "es") -> AnswerType:
    """The type of phrase that answers `question` (Spanish or English, whatever `lang`
    says: a question's language is unreliable to detect, and the cues do not clash)."""
    text = cue_text(question)
    if acronym_in(question) and asks_about_acronyms(question):
        return AnswerType.EXPANSION
    found = [(m.start(), kind) for kind, cue in _CUE_PATTERNS.items() if (m := cue.search(text))]
    kinds = expected_kinds(question) or frozenset()
    if Kind.DATE in kinds:  # claims.py knows which "cuando / when" asks for a date
        date = _DATE_WORD.search(text)
        found.append((date.start() if date else len(text), AnswerType.DATE))
    # "¿Cuál es el precio…?", "¿Cuál fue la duración…?": a sum or a span, asked without
    # "cuánto"
    if kinds - {Kind.DATE, Kind.TIME} or asks_for_a_duration(question):
        found.append((len(text), AnswerType.QUANTITY))
    return min(found, key=lambda item: item[0])[1] if found else AnswerType.OTHER


_NAME_TOKEN = re.compile(rf"[\w.'’-]*[{CAPITAL}][\w.'’-]*")
_POSSESSIVE_END = re.compile(r"['’]s$")
OPENING_MARKS = "¿¡ \"'«“"  # what opens a question before its first word
_MEASURING = re.compile(r"(?:\d|\bpor|\bper|/)\s*$", re.IGNORECASE)  # "5 kWh", "por kWh"


@functools.lru_cache(maxsize=256)
def question_names(question: str) -> tuple[str, ...]:
    """The question's names, each whole ("Gemini 1.0 Ultra"); its opening mark is no part
    of one."""
    return tuple(name_runs(question.lstrip(OPENING_MARKS)))


def names_in(question: str) -> list[str]:
    """The names the question is about ("GPT-4", "Gemini 1.0 Ultra" gives "Gemini" and
    "Ultra", "RAG"): words with a capital letter, the question's first word only when it
    is not an ordinary capitalised word, and no unit a figure is measured in ("por
    kWh", "¿Cuántos FLOPs…?"). A short answer must come from a sentence that names them
    all, or it may be another model's figure."""
    text = question.lstrip(OPENING_MARKS)
    found = []
    for index, match in enumerate(_NAME_TOKEN.finditer(text)):
        word = _POSSESSIVE_END.sub("", match.group()).strip(".'’-")  # "Gemini's"
        if match.start() == 0 and index == 0 and not (word.isupper() or _DIGIT.search(word)):
            continue
        folded = fold(word)
        month = folded in MONTHS  # "As of January 2016"
        # "por kWh", "¿Cuántos FLOPs…?": the unit the figure is measured in
        unit = folded in UNITS and (
            _MEASURING.search(text, 0, match.start()) or folded in counted_nouns(question)
        )
        if word and content_words(word) and not month and not unit:
            found.append(word)
    return found


def asks_several(question: str) -> bool:
    """ "¿Cuánto costó y cuántos FLOPs realizó…?": two interrogatives of different types
    (or two of one) ask for more than one phrase, so no single span answers."""
    text = cue_text(question)
    cues = [m.group() for cue in _CUE_PATTERNS.values() for m in cue.finditer(text)]
    return len(cues) >= 2


def candidate_spans(
    sentence: str,
    answer_type: AnswerType,
    question: str,
    lang: str = "es",
    sentence_lang: str | None = None,
) -> list[Span]:
    """The shortest phrases of `sentence` that could answer, best first; offsets index
    `sentence`. None for OTHER, and none made only of the question's own words. A
    sentence in another language than the question (`lang`) is read in its own ("once
    técnicas" counts eleven), and the noun a figure counts is matched as a cognate
    ("naciones" for "nations", not "data points" for "parámetros")."""
    return _spans(
        sentence, answer_type, question, lang, whole_answer=False, text_lang=sentence_lang
    )


def span_fits(span_text: str, answer_type: AnswerType, question: str, lang: str = "es") -> bool:
    """A short (generated) answer is of the asked type: a name for "who", a quantity in
    a fitting unit for "how much", a date for "when", an expansion of the acronym."""
    if answer_type is AnswerType.OTHER:
        return True
    text = strip_markers(span_text)
    if answer_type in (AnswerType.PERSON, AnswerType.PLACE) and _DIGIT.search(text):
        return False
    if answer_type is AnswerType.EXPANSION and not acronym_in(question):
        return True
    return bool(_spans(text, answer_type, question, lang, whole_answer=True))


def _spans(
    text: str,
    answer_type: AnswerType,
    question: str,
    lang: str,
    whole_answer: bool,
    text_lang: str | None = None,
) -> list[Span]:
    asked = keys_of(question)
    text_lang = text_lang or lang
    named = keys_of(" ".join(names_in(question)))
    if answer_type is AnswerType.PERSON:
        roles, deed = _asked_roles(question), _asked_deed(question)
        found = _name_spans(text, asked, named, _PERSON_CUES, whole_answer, roles, deed)
        if asks_organization(question):
            found = [span for span in found if not _person_shaped(span.text)]
        found = [span for span in found if not _MODEL_NUMBER.match(text, span.end)]
    elif answer_type is AnswerType.PLACE:
        found = _name_spans(text, asked, named, _PLACE_CUES, whole_answer)
    elif answer_type is AnswerType.QUANTITY:
        found = _quantity_spans(text, question, lang, text_lang)
    elif answer_type is AnswerType.DATE:
        found = _date_spans(text, question, lang, text_lang)
    elif answer_type is AnswerType.EXPANSION:
        found = expansion_spans(text, acronym_in(question) or "")
    elif answer_type is AnswerType.EXAMPLES:
        found = _example_spans(text, asked, whole_answer)
    else:
        found = []
    closed = [_bracket_closed(text, span) for span in found]
    unique = {(s.start, s.end): s for s in closed if not keys_of(s.text) <= asked}
    return list(unique.values())


_BRACKET_CLOSE = re.compile(r"[^()]{0,40}\)")


def _bracket_closed(text: str, span: Span) -> Span:
    """A span that opens a bracket runs to its close: "74 000 (BP = Antes del Presente)"."""
    if span.text.count("(") <= span.text.count(")"):
        return span
    close = _BRACKET_CLOSE.match(text, span.end)
    end = close.end() if close else span.start + span.text.rindex("(")
    return Span(span.start, end, text[span.start : end].rstrip())


def asks_organization(question: str) -> bool:
    """ "¿Qué editorial…?", "Which company…?": a name is the answer, and only a name."""
    return bool(_ORGANIZATION.search(fold(question)))


def _person_shaped(name: str) -> bool:
    """ "Ben Auffarth": two or three capitalised words, no capital inside a word, no digit
    and no company word: the author of a book is no answer to which publisher issued it."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
        and not {fold(w) for w in words} & _ORGANIZATION_WORDS
    )


def _asked_roles(question: str) -> frozenset[str]:
    """The roles whose holder the question asks for ("¿Qué arquitecto…?": "arquitecto")."""
    return frozenset(m.group(1) for m in _ROLE_CUE.finditer(fold(question)))


def _asked_deed(question: str) -> frozenset[str]:
    """The stems of the verb whose doer a "who" question asks for ("founded" of "Who
    founded McKinsey?")."""
    found = _WHO_VERB.search(fold(question))
    return word_keys(found.group(1)) if found else frozenset()


def _does(word: str, deed: frozenset[str]) -> bool:
    """The word names the doer of the deed: "founder" / "fundador" of "founded" / "fundó",
    "discoverer" of "discovered", "co-founder" too."""
    word = word.removeprefix("co-")
    return any(
        word_keys(word.removesuffix(ending)) & deed
        for ending in _DOER_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 3
    )


def _name_spans(
    text: str,
    asked: frozenset[str],
    named: frozenset[str],
    cues: frozenset[str],
    whole_answer: bool,
    roles: frozenset[str] = frozenset(),
    deed: frozenset[str] = frozenset(),
) -> list[Span]:
    """Runs of capitalised words, outside quotes (titles), best first: right after the
    asked role ("el arquitecto alemán Gottfried Semper") or the doer of the asked deed
    where the clause names what it is done to ("McKinsey & Company founder James O.
    McKinsey", not "Morningstar founder Joe Mansueto"), after a cue word ("de Ben
    Auffarth", "en Madrid"), shaped like names, several words, not leading the sentence
    (whose first word is capitalised anyway; alone it is dropped); a language or
    nationality alone is none."""
    quoted = [m.span() for m in QUOTED.finditer(text)]
    first = _WORD.search(text)
    scored: list[tuple[int, int, int, Span]] = []
    for run in _capitalized_runs(text, asked, quoted, named):
        leading = first is not None and run[0].start() == first.start()
        if leading and len(run) == 1 and not whole_answer:
            continue
        if len(run) == 1 and fold(run[0].group()) in DEMONYMS:
            continue  # "an English summary" names no one
        if len(run) == 1 and _CENTURY_BEFORE.search(text, 0, run[0].start()):
            continue
        before = [fold(w) for w in _WORD.findall(text[: run[0].start()])[-2:]]
        cued = bool(before) and (
            before[-1] in cues or (before[-1] in ARTICLES and before[0] in cues)
        )
        start, end = run[0].start(), run[-1].end()
        carried = keys_of(phrase_clause(text, start, end)) & asked
        # the doer of the asked deed, in a clause that names what the question asks about
        doer = any(_does(word, deed) for word in before) and bool(carried - deed)
        role = bool(roles.intersection(before)) or doer
        shaped = all(_name_shaped(m.group()) or _abbreviates(m.group()) for m in run)
        score = 3 * role + 2 * cued + shaped + (len(run) > 1) - leading
        titled = roles and _TITLED_ROLE.search(text, 0, start)
        if titled and fold(titled.group(1)) in roles:  # "el Partido Popular Europeo"
            start = titled.start(1)
        # then the one whose clause holds more of the question's words
        scored.append((-score, -len(carried), start, Span(start, end, text[start:end])))
    return [span for *_, span in sorted(scored, key=lambda item: item[:3])]


def whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` widened to the whole of a name it starts or ends inside: "Shelley"
    is "Percy Shelley" in "el poeta Percy Shelley escribió…"."""
    for run in _capitalized_runs(text, frozenset(), []):
        first, last = run[0].start(), run[-1].end()
        if first < end and start < last:
            start, end = min(start, first), max(end, last)
    return start, end


def whole_figure(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """`text[start:end]` widened to the whole of a figure it cuts and states: "5,3" is
    "5,3 %" and "30 millones" is "$30 millones" where the sentence writes them so."""
    stated = {figure.value for figure in quantities(text[start:end], lang)}
    for figure in quantities(text, lang):
        cut = figure.start < end < figure.end or figure.start < start < figure.end
        if cut and figure.value in stated:
            start, end = min(start, figure.start), max(end, figure.end)
    return start, end


def name_words(text: str) -> list[str]:
    """The words as the name reader reads them: "al-Turabi" and "O'Brien" are one word."""
    return _WORD.findall(text)


def name_runs(text: str) -> list[str]:
    """The names of `text`, each whole: "New England Patriots", "Percy Shelley"."""
    return [span.text for span in name_spans(text)]


def name_spans(text: str) -> list[Span]:
    """The names of `text`, each whole, where the text writes them."""
    runs = _capitalized_runs(text, frozenset(), [])
    return [
        Span(run[0].start(), run[-1].end(), text[run[0].start() : run[-1].end()]) for run in runs
    ]


def _capitalized_runs(
    text: str,
    asked: frozenset[str],
    quoted: list[tuple[int, int]],
    named: frozenset[str] = frozenset(),
) -> list[list[re.Match[str]]]:
    """The runs of name words of `text` outside `quoted`, without the words of `asked` (word
    keys) and without a run written right before a name the question gives (`named`): "Ben"
    of "Ben Auffarth" where the question names Auffarth, nor "Ultra" of "Gemini 1.0 Ultra"
    where it names Gemini."""
    runs: list[list[re.Match[str]]] = []
    asked_name_end = None  # where the last name word the question gives ends
    for word in _WORD.finditer(text):
        found = word.group()
        if asked_name_end is not None and _VERSION_GAP.fullmatch(
            text, asked_name_end, word.start()
        ):
            asked_name_end = word.end()
            continue
        inside = any(a <= word.start() < b for a, b in quoted)
        initial = _abbreviates(found) and text[word.end() :].startswith(".")
        last = runs[-1][-1] if runs else None
        gap = text[last.end() : word.start()] if last else ""
        # "Michael E. Mann", "río St. Johns"; the names after an initial are kept even if
        # the question names them ("James O. McKinsey" founded McKinsey & Company, "M.
        # Theo Kearney" named Kearney Boulevard), or are common words ("John W. Weeks").
        after_initial = bool(last and _abbreviates(last.group()) and _INITIAL_GAP.fullmatch(gap))
        initialed = after_initial or bool(
            last
            and _NAME_GAP.fullmatch(gap)
            and any(_abbreviates(w.group()) for w in runs[-1])
            and found[0].isupper()
        )
        keys = word_keys(fold(found))
        asked_word = bool(keys & asked) and not initialed
        if asked_word and keys & named and last and _NAME_GAP.fullmatch(gap):
            runs.pop()
        asked_name_end = word.end() if asked_word and keys & named else None
        if inside or not (_name_word(found) or initial or initialed) or asked_word:
            continue
        if (
            (last and (_NAME_GAP.fullmatch(gap) or _VERSION_GAP.fullmatch(gap)))
            or after_initial
            or (
                last
                and _PARTICLE_GAP.fullmatch(gap)
                and _name_shaped(last.group())
                and _name_shaped(word.group())
            )
        ):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _abbreviates(word: str) -> bool:
    """An initial ("E") or a title that names are written with ("St", "Dr")."""
    return (len(word) == 1 and word.isupper()) or word in NAME_ABBREVIATIONS


def _name_word(word: str) -> bool:
    if _ARABIC_ARTICLE.match(word):
        return True  # "Hassan al-Turabi"
    folded = fold(word)
    common = (STOP_WORDS, QUESTION_WORDS, MONTHS, UNITS, SCALES, NUMBER_WORDS)
    return word[0].isupper() and not any(folded in words for words in common)


def _name_shaped(word: str) -> bool:
    """ "Auffarth" or "McKinsey", not "AI" or "LangChain": a name is one capital then lower
    case."""
    return all(
        part[:1].isupper() and part[1:].islower()
        for part in LETTERS.findall(word.removeprefix("Mc"))
    )


# "¿Cuánto más pesado…?", "¿Cuántos días más duró…?", "How many more…?": a difference is
# asked, which a figure states only with the comparison after it ("un 12 % más pesado",
# "diez veces más", "120 m (390 pies) inferior al de hoy"); "Gemini 1.0 Ultra (100 días)
# duró más que el de GPT-4 (95 días)" states no difference.
_COMPARATIVES = (
    "longer|shorter|bigger|smaller|larger|higher|lower|cheaper|heavier|lighter|faster"
    "|slower|older|younger|greater|later|earlier|wider|deeper|taller"
)
_ASKS_DIFFERENCE = re.compile(
    r"\bcuant[oa]s?\s+(?:\w+\s+)?(?:mas|menos)\b"
    r"|\bhow (?:much|many)\s+(?:\w+\s+)?(?:more|less|fewer)\b"
    rf"|\bhow (?:much|many)\s+(?:{_COMPARATIVES})\b"
)
_DIFFERENCE_AFTER = re.compile(
    r"(?:\s+(?:\([^)]*\)|[^\s()]+)){0,3}?\s+(?:m[aá]s|menos|more|less|fewer|veces|times"
    r"|inferior|superior|mayor|menor|\w+er\s+than)\b",
    re.IGNORECASE,
)


def asks_a_difference(question: str) -> bool:
    return bool(_ASKS_DIFFERENCE.search(cue_text(question)))


def _quantity_spans(text: str, question: str, lang: str, text_lang: str) -> list[Span]:
    """Figures with their scale and unit, in a unit that fits the question, stating the
    difference it asks for if it asks one (`_ASKS_DIFFERENCE`); best first
    those whose unit is the asked one and whose clause holds most of the question's words;
    for how often, then the words that say it (`frequency_spans`); for how long, then the
    phrases that say when it ended (`until_spans`)."""
    check = ClaimCheck(question, lang)
    counted = [noun for noun in counted_nouns(question) if noun not in UNITS]
    carried = _words_carried(check, text, text_lang)
    asked = keys_of(question)
    figures = quantities(text, text_lang)
    across = text_lang != lang
    difference = asks_a_difference(question)
    fitting: dict[Quantity, tuple[int, int]] = {}
    for figure in figures:
        extent = _count_extent(text, figure, counted, bool(check.expected), across, asked)
        if (
            figure.value not in check.given
            and extent is not None
            and _kind_fits(figure.kind, check)
            and (not difference or _DIFFERENCE_AFTER.match(text, figure.end))
        ):
            fitting[figure] = extent
    joined = _ranges(text, figures) | _compound_times(text, figures)
    ranges = {high: found for high, found in joined.items() if high in fitting}
    lower_bounds = {low for _, low in ranges.values()}
    scored: list[tuple[tuple[bool, int, int, int], Span]] = []
    for figure, (end, rank) in fitting.items():
        if figure in lower_bounds:
            continue  # stated with the range it opens
        exact = bool(check.expected) and figure.kind in (check.expected or ())
        key = (not exact, -carried.get(figure, 0), rank, figure.start)
        qualifier = _QUALIFIER.search(text, 0, figure.start)
        start = qualifier.start() if qualifier else figure.start
        if figure in ranges:
            start = ranges[figure][0]
        scored.append((key, Span(start, end, text[start:end])))
    ranked = [span for _, span in sorted(scored, key=lambda item: item[0])]
    # a duration may be said by when it ended: "hasta el segundo cuarto del siglo XIX",
    # and how often by a word: "raras veces"
    if asks_for_a_period(question):
        ranked += frequency_spans(text)
    return ranked + until_spans(text) if check.duration else ranked


_RANGE_OPENING = re.compile(r"\b(?:de|del|entre|from|between)\s+$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s+(?:a|al|y|to|and)\s+|\s*[-–]\s*", re.IGNORECASE)
# "100–150 species", "five to ten years": a range with no opening word.
_BARE_RANGE_GAP = re.compile(r"\s+(?:a|to)\s+|\s*[-–]\s*", re.IGNORECASE)


def _ranges(text: str, figures: list[Quantity]) -> dict[Quantity, tuple[int, Quantity]]:
    """Each range's upper figure, with where the range starts and its lower figure: "de
    100 a 150 especies", "100–150 species" and "five to ten years" are one answer, and
    "100" alone is not the fact. With no opening word, the figures must rise: "won 24–10"
    is a score."""
    found = {}
    for low, high in pairwise(figures):
        opening = _RANGE_OPENING.search(text, 0, low.start)
        if opening and _RANGE_GAP.fullmatch(text, low.end, high.start):
            found[high] = (opening.start(), low)
        elif _BARE_RANGE_GAP.fullmatch(text, low.end, high.start) and _rises(low, high):
            found[high] = (low.start, low)
    return found


def _rises(low: Quantity, high: Quantity) -> bool:
    if low.unit not in (None, high.unit):
        return False
    try:
        return float(low.value) < float(high.value)
    except ValueError:
        return False


# A time written in several units, largest first ("3 min 8 s", "2 horas y 10 minutos").
_CLOCK_UNITS = ("hour", "minute", "second")
_CLOCK_GAP = re.compile(r"\s+(?:(?:y|and)\s+)?")


def _compound_times(text: str, figures: list[Quantity]) -> dict[Quantity, tuple[int, Quantity]]:
    """Each time's last figure with where the time starts and the figure before it, as
    `_ranges` gives them: "3 min 8 s" is one answer, and "3 min" alone is not the fact."""
    found: dict[Quantity, tuple[int, Quantity]] = {}
    for larger, smaller in pairwise(figures):
        if (
            larger.unit in _CLOCK_UNITS
            and smaller.unit in _CLOCK_UNITS
            and _CLOCK_UNITS.index(larger.unit) < _CLOCK_UNITS.index(smaller.unit)
            and _CLOCK_GAP.fullmatch(text, larger.end, smaller.start)
        ):
            start = found[larger][0] if larger in found else larger.start
            found[smaller] = (start, larger)
    return found


def is_range(phrase: str, lang: str) -> bool:
    """ "de cinco a diez años": a model that says either bound has said it."""
    figures = quantities(phrase, lang)
    return len(figures) == 2 and bool(_ranges(phrase, figures))


def _kind_fits(kind: Kind | None, check: ClaimCheck) -> bool:
    """claims.py's unit check, except that a year is no quantity unless a date is asked,
    and a bare figure is no answer when the question asks for a unit (a sum of money,
    an energy, a time): the answer names its unit."""
    expected = check.expected or frozenset()
    if kind is Kind.DATE and Kind.DATE not in expected:
        return False
    if kind is None and expected - {Kind.DATE}:
        return False
    return check.fits(kind)


def _count_extent(
    text: str,
    figure: Quantity,
    counted: list[str],
    unit_asked: bool,
    across: bool,
    asked: frozenset[str],
) -> tuple[int, int] | None:
    """Where the figure's phrase ends and how well it fits (0 best; None: it does not):
    "4 veces" is a multiplier, no sum of money, energy or pages; "300 páginas" counts
    pages (and is answered "300", the question names the pages), and "12 capítulos"
    something else, no answer to "¿Cuántas páginas…?"."""
    following = _FOLLOWING.match(text, figure.end)
    next_words = [fold(w) for w in following.groups() if w] if following else []
    if figure.unit is None and next_words and next_words[0] in MULTIPLIERS:
        if _counts_wins(next_words, counted, asked):
            return figure.end, 0
        if unit_asked or (counted and not set(counted) & MULTIPLIERS):
            return None
        end = following.end(1) if following else figure.end
        multiplied = None if counted else _MULTIPLIED.match(text, end)
        return (multiplied.end() if multiplied else end), 0
    unit = None if counted or figure.unit else _MEASURE_UNIT.match(text, figure.end)
    if unit:
        return unit.end(), 0  # "120 m", "0,6° C", "340 millas": the unit it is measured in
    if not counted or figure.unit is not None:
        return figure.end, 0
    for index, word in enumerate(next_words):
        if any(_same_noun(word, noun, across) for noun in counted):
            # "¿Cuántos puntos anotaron?": "11", not "11 puntos"; but the people a
            # population counts are named ("17 786 419 habitantes").
            if following is None or word_keys(word) & asked:
                return figure.end, 0
            end = following.end(index + 1)
            squared = _SQUARED.match(text, end)  # "km2"
            return (squared.end() if squared else end), 0
    named = _NAMED_FOLLOWING.match(text, figure.end)
    if named and any(_same_noun(fold(named.group(1)), noun, across) for noun in counted):
        return figure.end, 0  # "two Major League Soccer teams"
    if not next_words or next_words[0] in STOP_WORDS:
        return figure.end, 1
    return None


_SQUARED = re.compile(r"[23²³]\b")
# The unit of a length, area, mass, speed or temperature after the figure, as a symbol
# or a word ("340 millas").
_MEASURE_UNIT = re.compile(
    r"\s?(?:[kcmnµ]?m(?:[23²³]|/h)?|kg|mph|[°º]\s?[CF]?)(?![\w°º])"
    r"|\s+(?i:(?:millas?|kil[oó]metros?|metros?|cent[ií]metros?|mil[ií]metros?|pies|pulgadas?"
    r"|grados?|toneladas?|kilogramos?|litros?|hect[aá]reas?|nudos?|miles|mile|kilomet(?:er|re)s?"
    r"|met(?:er|re)s?|feet|foot|inch(?:es)?|degrees?|tons?|tonnes?|kilograms?|lit(?:er|re)s?"
    r"|hectares?|knots?)(?:\s+(?:cuadrad[oa]s|c[uú]bic[oa]s|por hora|per hour))?)\b"
)
# "la seis veces ganadora del Grammy" has won six of them: the multiplier counts wins.
_WINNER_WORDS = (
    "ganador ganadora ganadores ganadoras campeon campeona campeones campeonas vencedor "
    "vencedora winner winners champion champions"
)
_WINNERS = frozenset(_WINNER_WORDS.split())
_WINNING = keys_of("ganado ganó ganar gana won win wins")


def _counts_wins(next_words: list[str], counted: list[str], asked: frozenset[str]) -> bool:
    """The figure is followed by "veces ganadora / times winner", and the question counts
    what someone won ("¿Cuántos Grammys ha ganado Lady Gaga?")."""
    wins = len(next_words) > 1 and next_words[1] in _WINNERS
    return wins and bool(counted) and bool(asked & _WINNING)


# What a multiplier multiplies, when the question counts nothing: "diez veces su propio
# peso" answers "¿Cuánto come un ctenóforo en un día?".
_MULTIPLIED = re.compile(
    r"\s+(?:su|sus|el|la|los|las|their|its|his|her|the)\s+"
    r"(?:(?:propio|propia|propios|propias|own)\s+)?[^\W\d_]+",
    re.IGNORECASE,
)
# Units written short, as the nouns a question counts them by (folded).
_ABBREVIATED_UNITS = {
    "km": ("kilometers", "kilometres", "kilometros", "kilometer", "kilometre", "kilometro"),
    "m": ("meters", "metres", "metros", "meter", "metre", "metro"),
    "mi": ("miles", "mile", "millas", "milla"),
    "ft": ("feet", "foot", "pies"),
    "kg": ("kilograms", "kilogrammes", "kilogramos", "kilos"),
    "lb": ("pounds", "libras"),
    "lbs": ("pounds", "libras"),
}
# What "¿Cuántas veces…?" counts, in other words: "ganó la copa en dos ocasiones".
_OCCASIONS = frozenset({"ocasiones", "ocasion", "occasions", "occasion"})
_METRIC_PREFIX = re.compile(r"^(?:kilo|mega|giga|tera|mili|micro|nano)(?=\w{4})")


def _same_noun(word: str, noun: str, across: bool) -> bool:
    """ "gigatoneladas" counts "toneladas", "sq mi" square "miles"."""
    if word_keys(_METRIC_PREFIX.sub("", word)) & word_keys(noun):
        return True
    if noun in _ABBREVIATED_UNITS.get(word, ()) or (noun in MULTIPLIERS and word in _OCCASIONS):
        return True
    return across and SequenceMatcher(None, word, noun).ratio() >= COUNTED_NOUN_SIMILARITY


def _date_spans(text: str, question: str, lang: str, text_lang: str) -> list[Span]:
    """Calendar dates ("marzo de 2023", "December 2023"), a month a preposition places
    ("en marzo"), centuries ("a mediados del siglo XVIII"), or only the year when the
    question asks "¿En qué año…?" (not "in which month and year"), only the century when
    it asks "¿En qué siglo…?"; best first those whose
    clause holds most of the question's words ("…entró en Europa alrededor de noviembre de
    1347 …, llegando finalmente a Inglaterra en la primavera de 1349" for when it reached
    England). A period ("cada ocho meses") answers "cada cuánto / how often", a QUANTITY of
    time, never "when": there it would be a recombination."""
    folded = fold(question)
    centuries = _centuries(text, folded)
    if _ASKS_CENTURY.search(folded):
        return centuries
    given = {q.value for q in quantities(question, lang)}
    years = [q for q in quantities(text, text_lang) if q.kind is Kind.DATE and q.value not in given]
    found: list[Span] = []
    if not _ASKS_YEAR.search(folded) or _ASKS_MONTH.search(folded):
        dates = [m for m in _CALENDAR.finditer(text) if m.group()[-4:] not in given]
        found = [Span(m.start(), m.end(), m.group()) for m in dates]
        found += [
            Span(m.start("month"), m.end("month"), m.group("month"))
            for m in _MONTH_ALONE.finditer(text)
            if fold(m.group()) not in folded
        ]
        found += centuries
    inside = [(s.start, s.end) for s in found]
    joined = _joined_years(text, years)
    seconds = set(joined.values())
    for year in years:
        if year not in seconds and not any(a <= year.start < b for a, b in inside):
            decade = _DECADE.search(text, 0, year.start)
            start = decade.start() if decade else year.start
            second = joined.get(year)
            between = _BETWEEN.search(text, 0, start) if second else None
            start = between.start() if between else start
            end = second.end if second else year.end
            found.append(Span(start, end, text[start:end]))
    found = [_with_bound(text, span) for span in found]
    check = ClaimCheck(question, lang)
    found += _time_ago_spans(text, text_lang, check)
    if not found and _OPENS_WITH_WHEN.match(folded):
        # a sentence with no date says when by a condition ("cuando el sistema
        # inmunitario está menos activo de lo normal") or by a named event ("al final de
        # la Primera Guerra Mundial"); one with a figure dates something else ("cuando el
        # valle empezó a templarse hace 9000 años")
        found = [
            Span(m.start(), m.end(), m.group())
            for pattern in (_WHEN_CLAUSE, _EVENT_TIME)
            for m in pattern.finditer(text)
            if not _DIGIT.search(m.group())
        ]
    carried = _words_carried(check, text, text_lang)

    def clause_words(span: Span) -> int:
        inside = (words for q, words in carried.items() if span.start <= q.start < span.end)
        return max(inside, default=0)

    return sorted(found, key=clause_words, reverse=True)


def _joined_years(text: str, years: list[Quantity]) -> dict[Quantity, Quantity]:
    """Each year that "y / and" joins the next one to, with that one: "en 2011 y 2012" and
    "entre 2005 y 2010" are one answer to when, and "2011" alone is not the fact."""
    return {
        first: second
        for first, second in pairwise(years)
        if _YEARS_JOINED.fullmatch(text, first.end, second.start)
    }


def _with_bound(text: str, span: Span) -> Span:
    """The date with the word that makes it a bound: "after 1850" is not "1850"."""
    bound = _DATE_BOUND.search(text, 0, span.start)
    return span if bound is None else Span(bound.start(), span.end, text[bound.start() : span.end])


def _centuries(text: str, folded_question: str) -> list[Span]:
    """The centuries of `text` ("a mediados del siglo XVIII") but those the question names."""
    return [
        Span(century.start(), century.end(), century.group())
        for century in _CENTURY.finditer(text)
        if fold(century.group("siglo") or century.group("century")) not in folded_question
    ]


def _time_ago_spans(text: str, lang: str, check: ClaimCheck) -> list[Span]:
    """ "hace 22 000 años" dates only the clause it stands in: it answers "when" only
    where that clause holds the most of the question's words in its sentence."""
    scored = [(check.words_carried(clause.keys), clause) for clause in clauses(text, lang)]
    most = max((words for words, _ in scored), default=0)
    times = (q for words, clause in scored if words == most for q in clause.quantities)
    found = []
    for time in times:
        if time.kind is not Kind.TIME:
            continue
        before = _AGO_BEFORE.search(text, 0, time.start)
        after = _AGO_AFTER.match(text, time.end)
        if before or after:
            start = before.start() if before else time.start
            end = after.end() if after else time.end
            found.append(Span(start, end, text[start:end]))
    return found


def _words_carried(check: ClaimCheck, text: str, lang: str) -> dict[Quantity, int]:
    """Each figure of `text` with how many of the question's words its clause holds."""
    return {q: check.words_carried(c.keys) for c in clauses(text, lang) for q in c.quantities}


_EXAMPLES_ASKED = re.compile(_EXAMPLE_WORDS)
# how many words a noun may stand before the cue of its examples: "hardware especializado,
# como…"
_NOUN_BEFORE_CUE = 3


def example_words_said(question: str, sentence: str) -> frozenset[str]:
    """The keys of the question's "ejemplos" / "examples" where `sentence` gives examples
    of what the question asks them of: a cue ("como", "such as", "incluidos"…) a few words
    after one of its other words ("…hardware especializado, como … las GPUs y las TPUs" for
    "¿Qué ejemplos de hardware da el post?")."""
    text = fold(question)
    asked = _EXAMPLES_ASKED.findall(text)
    if not asked:
        return frozenset()
    nouns = keys_of(_EXAMPLES_ASKED.sub(" ", without_interrogative(text)))
    for cue in _EXAMPLE_CUE.finditer(sentence):
        before = sentence[: cue.start()].split()[-_NOUN_BEFORE_CUE:]
        if keys_of(" ".join(before)) & nouns:
            return frozenset(key for word in asked for key in word_keys(word))
    return frozenset()


def _example_spans(text: str, asked: frozenset[str], whole_answer: bool) -> list[Span]:
    """The list after "como / such as / like": capitalised items joined by "," "y"
    "and" ("GPUs y las TPUs"), the longest first; without capitals, up to six words to
    the clause's end, ending on one that says something ("parásito interno", not
    "parásito interno, y"). A short answer fits when it names anything the question does
    not."""
    if whole_answer:
        named = content_words(text) and not keys_of(text) <= asked
        return [Span(0, len(text), text)] if named else []
    scored: list[tuple[int, int, Span]] = []
    for cue in _EXAMPLE_CUE.finditer(text):
        stop = _CLAUSE_END.search(text, cue.end())
        end = stop.start() if stop else len(text)
        items = [
            run for run in _capitalized_runs(text[:end], asked, []) if run[0].start() >= cue.end()
        ]
        if items:
            chain = [items[0]]
            for run in items[1:]:
                if not _LIST_GAP.fullmatch(text[chain[-1][-1].end() : run[0].start()]):
                    break
                chain.append(run)
            start, stop_at = chain[0][0].start(), chain[-1][-1].end()
            scored.append((-len(chain), start, Span(start, stop_at, text[start:stop_at])))
        elif words := list(_WORD.finditer(text, cue.end(), end))[:6]:
            while words and fold(words[0].group()) in ARTICLES:
                words.pop(0)
            while words and fold(words[-1].group()) in STOP_WORDS:
                words.pop()
            if words:
                start, stop_at = words[0].start(), words[-1].end()
                scored.append((0, start, Span(start, stop_at, text[start:stop_at])))
    return [span for *_, span in sorted(scored, key=lambda item: item[:2])]
