"""Whom a sentence or a phrase is about: the names a sentence names, and the name a
figure or a name belongs to. A true figure of the wrong subject is the commonest
recombination of a small model ("100 días" of Gemini given for GPT-4), and word
coverage cannot see it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rag.analyzer import ASKS_WHO, CAPITAL, fold, spelled_alike
from rag.answer.acronyms import (
    doubled_initials,
    doubles_an_initial,
    spells_out,
    writes_the_asked_acronym,
    writes_the_initials_of,
)
from rag.answer.answer_types import (
    BEFORE_THE_VERB,
    name_runs,
    name_words,
    names_in,
    question_names,
    whole_name,
)
from rag.answer.claims import clause_end
from rag.answer.evidence import Evidence, content_words, keys_of, word_keys
from rag.answer.language import question_language
from rag.answer.spans import asked_noun, locate
from rag.sentences import split_sentences

_OWNER_BEFORE_PARENTHESIS = re.compile(r"([\w.-]+)\s*\(\s*$")
_FIGURE_IN_PARENTHESES = re.compile(r"([\w.-]+)\s*\(\s*[^()]*?\d")
_OWNED_NAME_BEFORE = re.compile(r"([\w.-]+)\s+(?:de|del|of)\s+$")
_OWNED_NAME_AFTER = re.compile(r"^['’]s\s+([\w.-]+)")
_NAME_WORD = re.compile(rf"\S*[0-9{CAPITAL}]\S*")
_CAPITALIZED_WORD = re.compile(rf"[{CAPITAL}][\w.-]*")
_MAKING_VERBS = "creó desarrolló fabricó hizo elaboró produjo created made built developed produced"
# Who makes things, as a question names it: "¿Qué organización elaboró la gráfica?".
_MAKER_ROLES = (
    "empresa compañía organización organismo entidad institución fabricante desarrollador "
    "creador company firm organization institution maker developer creator"
)
# What a question asks of whoever owns a product: "¿Qué empresa desarrolló GPT-4?".
MAKER_KEYS = keys_of(f"{_MAKING_VERBS} lanzó launched {_MAKER_ROLES} propietario dueño owner owns")
# Verbs of making: a sentence that writes one ("una gráfica creada por Epoch.ai") says
# the others a "who" question may use ("¿Quién hizo la gráfica?"), and who the maker is.
MAKING_KEYS = keys_of(f"{_MAKING_VERBS} creada elaborada producida")
MAKER_ROLE_KEYS = keys_of(_MAKER_ROLES)
_MADE_BY_KEYS = MAKING_KEYS | MAKER_ROLE_KEYS
_WHO_DOES = re.compile(
    rf"\b(?:{ASKS_WHO}|(?:que|which|what) (?:empresa|compania|organizacion|organismo"
    r"|entidad|institucion|company|firm|organi[sz]ation|institution))"
    rf"{BEFORE_THE_VERB}(\w+)"
)
MIN_NAME_STEM = 5
# A name after "en / in / at / al / hacia / to" or a noun of place and "de / of", with the
# names listed beside it, says where or to whom, not whom the sentence is about: "…diez
# millones de personas en Irak y Siria, y … pequeñas áreas de Libia, Nigeria y
# Afganistán", "contrató al Troika Design Group". A Spanish noun of an area may take an
# adjective before "de" ("zonas costeras de Malindi"); a point of the compass does not, and
# "este" is also "this" ("este informe de la OMS" says nothing of where).
_AREA_NOUNS = (
    "[aá]reas?|zonas?|regi[oó]n|regiones|territorios?|partes?|ciudad|ciudades|provincias?|costas?"
)
_PLACE_NOUNS = (
    f"{_AREA_NOUNS}|norte|sur|este|oeste|centro|regions?|territor(?:y|ies)|parts?|north"
    "|south|east|west|city|cities|provinces?|coasts?"
)
_PLACED = re.compile(
    rf"\b(?:en|in|at|al|hacia|into|to|(?:(?:{_AREA_NOUNS})\s+[a-záéíóúñ]+|{_PLACE_NOUNS})"
    r"\s+(?:de|del|of))\s+"
    rf"(?:(?:el|la|los|las|the)\s+)?(?:[{CAPITAL}][\w.-]*(?:,|\s+(?:y|e|and))?\s+)*$"
)
_PLACED_REACH = 80  # characters before a name that may hold its preposition
# The verb after a name that reports what the rest of the sentence says: "UNICEF estimó
# que…", "the IPCC said that…".
_REPORTS_THAT = re.compile(
    r"\s+(?:estim[oó]|estima|calcul[oó]|calcula|afirm[oó]|afirma|inform[oó]|informa"
    r"|declar[oó]|declara|dijo|dice|señal[oó]|señala|asegur[oó]|asegura|report[oó]"
    r"|estimated|estimates|calculated|said|says|reported|reports|stated|states|claimed"
    r"|claims)\s+(?:que|that)\b"
)
# Lower-cased, not folded: "esta" refers back, "está" does not.
_BACK_WORDS = (
    "su sus este esta estos estas eso ello él ella ellos ellas its his her their this these "
    "he she it they"
)
BACK_WORDS = frozenset(_BACK_WORDS.split())
# What may stand around a word: "(Sus", "«Somos".
WORD_PUNCTUATION = ".,;:¿?¡!\"'«»“”()"
# A word that opens a sentence adding to what the one before it said, right before its
# verb ("También ganó…"); not before a comma, which opens a clause of its own ("Además,
# entre 1073 y 1074, 8000 de las tropas…"), nor as a preposition ("Además de la…").
_ADDS_BEFORE_A_VERB = re.compile(r"(?:también|además|asimismo)\s+(?!de\b|que\b)\w", re.IGNORECASE)
# "Por su parte" turns to another subject, which the sentence goes on to name.
_TURNS_TO_ANOTHER = re.compile(r"\W*por\s+su\s+parte\b", re.IGNORECASE)
_BACK_REACH = 3  # "Tres de sus obras…"
_OWN_NAME_REACH = 5  # "Su rival Gemini costó…"
# A clause that says more of what the one before it said, joined by a conjunction or a
# relative: ", y la Galería…", ", quien también…", " mientras que…".
_SAYS_MORE = re.compile(
    r"(?:[,;]\s*(?:y|e|pero|and|but|quien|quienes|cuyos?|cuyas?|who|whose|which)"
    r"|\s(?:mientras|while|whereas))\s",
    re.IGNORECASE,
)
_SUBJECTLESS_VERB_WORDS = "fue fueron es era eran son ha han había se"
_SUBJECTLESS_VERBS = frozenset(_SUBJECTLESS_VERB_WORDS.split())


@functools.lru_cache(maxsize=256)
def asked_name_keys(question: str) -> frozenset[str]:
    """The keys of the names the question asks about."""
    return keys_of(" ".join(names_in(question)))


def owned_by_another_name(question: str, text: str, start: int) -> bool:
    """A figure in parentheses right after a name belongs to that name: in "Gemini 1.0
    Ultra (100 días) duró más que GPT-4 (95 días)", 100 días is Gemini's."""
    owner = _OWNER_BEFORE_PARENTHESIS.search(text[:start])
    if owner is None or not owner.group(1)[:1].isupper():
        return False
    asked = asked_name_keys(question)
    # A question that names nothing ("¿Cuándo fue declarado este edicto?") may ask for
    # the figure of whatever name the sentence gives; and where only one name has a
    # figure in parentheses, it dates or measures what the sentence tells ("derrotó a
    # los mongoles en la Batalla de Bạch Đằng (1288)"), not one name among others.
    if not asked or _names_with_figures(text) < 2:
        return False
    first, last = whole_name(text, owner.start(1), owner.end(1))  # "Gerald Ratner … Center"
    return not keys_of(text[first:last]) & asked


def _names_with_figures(text: str) -> int:
    found = _FIGURE_IN_PARENTHESES.finditer(text)
    return sum(1 for m in found if m.group(1)[:1].isupper())


def owns_an_asked_name(question: str, text: str, start: int, end: int) -> bool:
    """The name at `text[start:end]` is the owner of a name the question asks about: "el
    modelo GPT-4 de OpenAI" and "OpenAI's GPT-4" say which company GPT-4 belongs to."""
    asked = asked_name_keys(question)
    owned = (_OWNED_NAME_BEFORE.search(text[:start]), _OWNED_NAME_AFTER.match(text[end:]))
    return any(found and keys_of(found.group(1)) & asked for found in owned)


def maker_words_said(question: str, text: str) -> frozenset[str]:
    """The words of making and owning, as said by a sentence that gives the owner of a name
    the question asks about: "el modelo GPT-4 de OpenAI" and "OpenAI's GPT-4" say which
    company made GPT-4, though they write neither "empresa" nor "developed". To a "who"
    question, a sentence that writes one verb of making says them all."""
    owners = _CAPITALIZED_WORD.finditer(text)
    if any(owns_an_asked_name(question, text, m.start(), m.end()) for m in owners):
        return MAKER_KEYS
    if asks_who_made(question) and keys_of(text) & MAKING_KEYS:
        return _MADE_BY_KEYS
    return frozenset()


@functools.lru_cache(maxsize=256)
def asks_who_made(question: str) -> bool:
    """ "¿Quién hizo la gráfica?", "Who made the chart?", "¿Qué organización la elaboró?":
    the verb asked of "who" (or of a maker) is one of making (not "Who may seek… where the
    building will be built?")."""
    found = _WHO_DOES.search(fold(question))
    return bool(found and word_keys(found.group(1)) & MAKING_KEYS)


@functools.lru_cache(maxsize=256)
def subject_names(question: str) -> tuple[str, ...]:
    """The question's names but the noun it asks with, where that noun is a whole name:
    "What GPU did OpenAI use?" is about OpenAI, and asks which GPU; "¿Qué Super Bowl…?"
    names the Super Bowl."""
    asked = asked_noun(question)
    whole = {fold(name) for name in question_names(question)}
    return tuple(name for name in names_in(question) if fold(name) != asked or asked not in whole)


def names_only_the_noun_asked_with(question: str, evidence: Evidence) -> bool:
    """The question asks with a noun it writes as a name, and the sentence is not about
    its other names: a note on GPUs in general, for "What GPU did OpenAI use?"."""
    asks_with_a_name = len(subject_names(question)) < len(names_in(question))
    return asks_with_a_name and not names_the_subject(question, evidence)


def names_the_subject(question: str, evidence: Evidence, answer: str = "") -> bool:
    """The sentence names one of the names of the question: a figure of a sentence about
    Gemini does not answer a question about GPT-4 (one, not all: a sentence rarely
    repeats every name of a long question). A name is written as one ("su gran tamaño"
    does not name the "Gran Los Ángeles"), but for a word its passage never capitalizes
    (`_written_names`). A sentence that names nothing ("It lists
    eleven of them", "Tenía el control…") but places and goals, or only part of an asked
    name as its passage writes it whole, speaks of what its passage names; one that
    refers back (`refers_back`), of what the sentence it refers to names. Every sentence
    also names what its document's front matter names (its book, its author). Read for an
    `answer`, its names are not another subject (a question cannot give the name it asks
    for: "aparte de «Somos mendigos»"), nor are those of the clauses after the answer's."""
    if not passage_gives_the_names(question, evidence):
        return False
    names = subject_names(question)
    passage = evidence.passage.text
    uncapitalized = _uncapitalized_names(question, passage)
    across = evidence.lang != _language_and_long_names(question)[0]
    named = (
        _written_names(evidence.text, uncapitalized)
        | _initialed_names(question, evidence.text)
        | evidence.front_matter_keys
        | (_names_spelled_alike(question, evidence.text) if across else frozenset())
    )
    if not names or _names_one(names, named):
        return True
    in_passage = _name_keys(passage) | uncapitalized
    if across:
        in_passage |= _names_spelled_alike(question, passage)
    if not _names_one(names, in_passage):
        return False
    if refers_back(evidence.text) and _names_one(
        names, _written_names(referent_sentence(evidence), uncapitalized)
    ):
        return True
    aliases = _whole_asked_names(question, passage) | keys_of(answer)
    read = _through_the_answer(evidence.text, answer)
    return all(keys_of(name) <= aliases for name in _unplaced_names(read))


def _through_the_answer(sentence: str, answer: str) -> str:
    """The sentence up to the end of the clause that holds `answer`, where a conjunction or
    a relative joins the next: the names of the clauses that say more speak of what they
    go on to say ("…asistieron 2000 invitados, y la Galería de Arte Laing tiene…"). Where
    the answer's clause opens the sentence's main one ("Cuando quedaban 17 segundos,
    Denver falló…"), or the sentence does not hold the answer, the whole sentence."""
    found = locate(answer, sentence) if answer else None
    if found is None:
        return sentence
    end = clause_end(sentence, found.end)
    return sentence[:end] if _SAYS_MORE.match(sentence, end) else sentence


def refers_back(sentence: str) -> bool:
    """The sentence opens on what the one before it named: a possessive, a demonstrative
    or a pronoun among its first words ("Tres de sus obras más conocidas…", "This
    work…"), a verb with no subject ("Fue inaugurado en cinco fases…"), or a word that
    adds to what was said right before its verb ("También ganó el campeonato…"); and it
    names no one of its own near its start ("Su rival Gemini costó…" speaks of Gemini), nor
    turns to another subject ("Por su parte, el entrenamiento de Gemini…")."""
    opening = sentence.split()[:_OWN_NAME_REACH]
    if _names_its_own(opening) or _TURNS_TO_ANOTHER.match(sentence):
        return False
    words = [word.lower().strip(WORD_PUNCTUATION) for word in opening[:_BACK_REACH]]
    return (
        opens_on_a_verb(sentence)
        or any(w in BACK_WORDS for w in words)
        or _ADDS_BEFORE_A_VERB.match(sentence) is not None
    )


def names_carried(evidence: Evidence) -> frozenset[str]:
    """The keys of the names that a sentence referring back, and naming nothing of its own,
    speaks of, as the sentence it refers to writes them: "También ganó el campeonato del
    país en 1946" is said of the "Polonia Varsovia" that the sentence before it names. A
    sentence that names something may speak of it instead: "Sus rivales, los Tigres,
    ganaron…" is not about the sentence before's club."""
    if _names_its_own(evidence.text.split()) or not refers_back(evidence.text):
        return frozenset()
    return _name_keys(referent_sentence(evidence))


def _names_its_own(words: list[str]) -> bool:
    """A word after the first is capitalized: the sentence names something of its own."""
    return any(_CAPITALIZED_WORD.match(word) for word in words[1:])


def opens_on_a_verb(sentence: str) -> bool:
    """The sentence's first word is a verb with no subject ("Fue crítico de…", "Es la sede
    del…"): it speaks of what the sentence before it named."""
    first = sentence.split(maxsplit=1)[:1]
    return bool(first) and first[0].lower().strip(WORD_PUNCTUATION) in _SUBJECTLESS_VERBS


def referent_sentence(evidence: Evidence) -> str:
    """The sentence that a sentence referring back speaks of: the nearest one before it in
    its passage that does not refer back itself ("Fue inaugurado en 1980. Sus estaciones…"
    both speak of what the sentence before them names); "" when there is none. Read once
    per sentence: relevance (`names_carried`) and `names_the_subject` both ask it."""
    return _referent_before(evidence.passage.text[: evidence.start], evidence.lang)


@functools.lru_cache(maxsize=1024)
def _referent_before(before: str, lang: str) -> str:
    spans = split_sentences(before, lang)
    return next((span.text for span in reversed(spans) if not refers_back(span.text)), "")


def passage_gives_the_names(question: str, evidence: Evidence) -> bool:
    """The sentence's passage writes some word of every name of two or more words that
    the question asks about, with a capital or not ("la última edad de hielo"): the
    Broncos' points against the Steelers do not answer how many they scored against
    "Kawann Short", whom the passage never names. Nor does a passage that never writes
    the acronym the question asks for ("What is the ISBN of…?") give it. Across
    languages a name may be translated ("Black Death", "peste negra"), so it is not asked
    there."""
    lang, names = _language_and_long_names(question)
    if evidence.lang != lang:
        return True
    passage = evidence.passage.text
    named = (
        _passage_keys(passage) | _initialed_names(question, passage) | evidence.front_matter_keys
    )
    return all(keys & named for keys in names) and writes_the_asked_acronym(
        question, evidence.passage.text
    )


@functools.lru_cache(maxsize=256)
def _passage_keys(text: str) -> frozenset[str]:
    return keys_of(text)


@functools.lru_cache(maxsize=1024)
def _initialed_names(question: str, text: str) -> frozenset[str]:
    """The keys of the question's names of several words that `text` writes by their
    initials ("US" for the "United States"), and of its acronyms that `text` writes out
    ("la Asociación Americana del Automóvil" for the "AAA", "Estados Unidos" for "EE.
    UU.")."""
    return frozenset().union(
        *(keys_of(run) for run in _long_names(question) if writes_the_initials_of(run, text)),
        *(
            keys_of(written)
            for written, acronym in _acronyms(question)
            if spells_out(acronym, text)
        ),
    )


@functools.lru_cache(maxsize=256)
def _acronyms(question: str) -> tuple[tuple[str, str], ...]:
    """The question's acronyms, as written and as the initials they stand for."""
    single = [
        (name, name)
        for name in question_names(question)
        if name.isalpha() and name.isupper() and not doubles_an_initial(name)
    ]
    return tuple(doubled_initials(question) + single)


@functools.lru_cache(maxsize=256)
def _language_and_long_names(question: str) -> tuple[str, tuple[frozenset[str], ...]]:
    """The question's language and the keys of its names of two or more words, read once
    per question rather than once per evidence sentence."""
    return question_language(question), tuple(keys_of(run) for run in _long_names(question))


@functools.lru_cache(maxsize=256)
def _long_names(question: str) -> tuple[str, ...]:
    """The question's names of two or more words."""
    return tuple(run for run in question_names(question) if len(name_words(run)) >= 2)


@functools.lru_cache(maxsize=1024)
def _unplaced_names(text: str) -> tuple[str, ...]:
    """The names of `text` but those of a place or a goal (`_PLACED`) and those that
    report what it says (`_REPORTS_THAT`): "En 2006, UNICEF estimó que hasta el 30 % de
    niñas en las zonas costeras de Malindi…" speaks of neither UNICEF nor Malindi. Cached,
    as the subject check reads the same evidence sentences for every decision of a
    question."""
    found = ((name, text.find(name)) for name in names_in(text))
    return tuple(
        name
        for name, start in found
        if not is_placed(text, start) and not _REPORTS_THAT.match(text, start + len(name))
    )


def is_placed(text: str, start: int) -> bool:
    """The name at `start` says where or to whom (`_PLACED`): "…en Irak y Siria"."""
    return bool(_PLACED.search(text[max(0, start - _PLACED_REACH) : start]))


@functools.lru_cache(maxsize=1024)
def _whole_asked_names(question: str, passage: str) -> frozenset[str]:
    """The keys of the passage's whole names that hold a name the question asks about:
    "New England" is part of the "New England Patriots" a question calls "los Patriots"."""
    names = names_in(question)
    holding = [keys_of(run) for run in name_runs(passage)]
    return frozenset().union(*(keys for keys in holding if _names_one(names, keys)))


@functools.lru_cache(maxsize=1024)
def _name_keys(text: str) -> frozenset[str]:
    """The keys of the words written as names: with a capital or a digit."""
    return keys_of(" ".join(_NAME_WORD.findall(text)))


@functools.lru_cache(maxsize=1024)
def _uncapitalized_names(question: str, passage: str) -> frozenset[str]:
    """The keys of the passage's words, never written with a capital, that make up a whole
    name of the question: its "Ctenophora" is the passage's "ctenophores", its "National
    Anthem" the "national anthem", no proper names there. A name beside another
    capitalized word is part of a longer one ("Greater" of "Greater Los Angeles Area", cut
    at "Los", is not "its great size")."""
    common = _passage_keys(passage) - _name_keys(passage)
    found: set[str] = set()
    for run in question_names(question):
        beside = rf"\s[{CAPITAL}]\S*\s+{re.escape(run)}\b|\b{re.escape(run)}\s+[{CAPITAL}]"
        words = content_words(run)
        if re.search(beside, question) or not all(_named(word, common) for word in words):
            continue
        found |= {key for key in common if any(_named(word, frozenset({key})) for word in words)}
    return frozenset(found)


@functools.lru_cache(maxsize=1024)
def _names_spelled_alike(question: str, text: str) -> frozenset[str]:
    """The keys of the question's names that `text`, in another language, spells alike:
    its "Parliament" is the "Parlamento" of a Spanish sentence."""
    said = keys_of(text)
    return frozenset(
        key
        for name in names_in(question)
        for key in keys_of(name)
        if any(spelled_alike(key, other) for other in said)
    )


def _written_names(text: str, uncapitalized: frozenset[str]) -> frozenset[str]:
    """The keys of `text`'s names, and of its words that are a name uncapitalized."""
    return _name_keys(text) | (keys_of(text) & uncapitalized)


def _names_one(names: Sequence[str], keys: frozenset[str]) -> bool:
    return any(all(_named(word, keys) for word in content_words(name)) for name in names)


def _named(word: str, keys: frozenset[str]) -> bool:
    """One stem of the word is, or begins, or is begun by one of `keys`: folding before
    stemming makes "Amazonía" "amazoni" and "Amazonas" "amazon"."""
    stems = word_keys(word)
    return bool(stems & keys) or any(
        len(short) >= MIN_NAME_STEM and long.startswith(short)
        for stem in stems
        for key in keys
        for short, long in [sorted((stem, key), key=len)]
    )
