"""Tokens for lexical matching: lower-cased, accent-folded, stop words out, Snowball stems.

Spanish and English share one index. A document is stemmed in its own language; a
query, whose language is unreliable to detect from a few words, is stemmed in both
and keeps each distinct stem once.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

import Stemmer
from simplemma.strategies import LOW_MEMORY_DICTIONARY_FACTORY, DictionaryLookupStrategy

LANGUAGES = {"es": "spanish", "en": "english"}
# Bump when tokens change, so that a lexical index built with older tokens is rebuilt.
ANALYZER_VERSION = 2
_WORD = re.compile(r"\w+")
# British spellings written as American ones before English stemming: "decentralised",
# "favours", "analysed", "centre" and "travelled" meet "decentralized", "favors",
# "analyzed", "center" and "traveled". The letters required before an ending keep short
# words ("rise", "four", "calling") as they are.
_BRITISH_SPELLINGS = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=\w{3})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=\w{3}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
)
# The stressed "ie" / "ue" of a Spanish root whose unstressed forms write "e" / "o".
_DIPHTHONG = re.compile(r"(?<![aeiou])ie(?=[^aeiou])|(?<![aeiougq])ue(?=[^aeiou])")

_STOP_ES = [
    "a",
    "al",
    "algo",
    "algunas",
    "algunos",
    "ante",
    "antes",
    "como",
    "con",
    "contra",
    "cual",
    "cuando",
    "de",
    "del",
    "desde",
    "donde",
    "durante",
    "e",
    "el",
    "ella",
    "ellas",
    "ellos",
    "en",
    "entre",
    "era",
    "es",
    "esa",
    "esas",
    "ese",
    "eso",
    "esos",
    "esta",
    "estas",
    "este",
    "esto",
    "estos",
    "fue",
    "fueron",
    "ha",
    "han",
    "hay",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "mas",
    "me",
    "mi",
    "mucho",
    "muy",
    "ni",
    "no",
    "nos",
    "o",
    "os",
    "otra",
    "otro",
    "para",
    "pero",
    "poco",
    "por",
    "porque",
    "que",
    "quien",
    "se",
    "ser",
    "si",
    "sin",
    "sobre",
    "son",
    "su",
    "sus",
    "tambien",
    "te",
    "tiene",
    "un",
    "una",
    "uno",
    "unos",
    "unas",
    "y",
    "ya",
    "yo",
]
_STOP_EN = [
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "so",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "to",
    "was",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "you",
]
STOP_WORDS = frozenset(_STOP_ES) | frozenset(_STOP_EN)
# The capital letters of the languages asked in: "Álvaro", "Óscar", "Los Ángeles".
CAPITAL = "A-ZÀ-ÖØ-Þ"
# The words that ask who (folded): "¿Quién fundó…?", "Who founded…?".
ASKS_WHO = r"quien(?:es)?|who"
# The articles of both languages: skipped where a phrase may hold them or not.
SPANISH_ARTICLES = frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas"})
ARTICLES = SPANISH_ARTICLES | {"the", "a", "an"}
# The articles as a regular expression's alternation: "el|la|…|the|a|an".
ARTICLE_PATTERN = "|".join(sorted(ARTICLES))
# Titles written before or after a name, with a full stop that ends no sentence:
# "St. Johns", "el Sr. Costa", "Martin Luther King Jr.".
NAME_ABBREVIATIONS = frozenset(
    {"St", "Mt", "Ft", "Dr", "Dra", "Mr", "Mrs", "Ms", "Sr", "Sra", "Srta", "Sto", "Sta"}
    | {"Gral", "Jr"}
)
# Words that shape a question but name nothing a passage would contain ("¿Cuántos
# días...?", "How much..."): matching answers and follow-ups ignore them.
QUESTION_WORDS = frozenset(
    [
        "cuanto",
        "cuanta",
        "cuantos",
        "cuantas",
        "quien",
        "quienes",
        "cual",
        "cuales",
        "segun",
        "ademas",
        "tipo",
        "much",
        "many",
        "often",
        "whose",
        "kind",
        "besides",
        "according",
        # what an acronym question asks, not what its answer says
        "acronimo",
        "acronimos",
        "sigla",
        "siglas",
        "significa",
        "significan",
        "acronym",
        "stand",
        "stands",
    ]
)


def fold(text: str) -> str:
    """Lower-case and strip accents ("Qué" -> "que"), keeping ñ distinct from n is not
    worth the misses it causes on unaccented queries."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(LANGUAGES.get(lang, "spanish"))


def american(word: str) -> str:
    """A folded word with its British spelling written the American way
    (`_BRITISH_SPELLINGS`)."""
    for british, spelling in _BRITISH_SPELLINGS:
        word = british.sub(spelling, word)
    return word


@lru_cache(maxsize=65536)
def word_stems(word: str) -> frozenset[str]:
    """A folded word's stems as spelled and those of its dictionary forms
    (`stem_spellings`), so that the forms a stemmer leaves apart meet too: "murió" /
    "morir", "usa" / "usan" / "usó", "redujo" / "reduce", "took" / "take"."""
    return frozenset().union(*stem_spellings(word))


def stem_spellings(word: str) -> tuple[frozenset[str], ...]:
    """The stems of a folded word as spelled (`spelled_stems`), then those of each of its
    dictionary forms in every language, each set apart."""
    return (spelled_stems(word), *(spelled_stems(lemma) for lemma in all_lemmas(word)))


def spelled_stems(word: str) -> frozenset[str]:
    """A folded word's stem in every supported language; the Spanish one also with its
    stressed diphthong undone, so that the forms of a verb whose root vowel changes meet:
    "pierde" / "perdiendo", "muestra" / "mostrar", "tiene" / "tener"."""
    stems = {_stemmer(lang).stemWord(_spelled_for(word, lang)) for lang in LANGUAGES}
    spanish = _stemmer("es").stemWord(word)
    found = _DIPHTHONG.search(spanish)
    if found is not None:
        plain = "e" if found.group() == "ie" else "o"
        stems.add(spanish[: found.start()] + plain + spanish[found.end() :])
    return frozenset(stems)


# A folded Spanish verb form may have lost the accent that tells it apart: "murio" is
# "murió", "tenia" "tenía", "sera" "será".
_SPANISH_ACCENTS = (
    (re.compile(r"o$"), "ó"),
    (re.compile(r"a$"), "á"),
    (re.compile(r"ia(n?)$"), r"ía\1"),
    (re.compile(r"an$"), "án"),
)
# A reflexive infinitive ("usarse") is its verb's dictionary form ("usar").
_REFLEXIVE = re.compile(r"(?<=[aei]r)se$")
# Verbs that carry no meaning of their own in a question ("¿Qué precio tuvo…?", "¿Qué
# hizo…?"): their forms meet no other by their dictionary form.
_LIGHT_VERBS = frozenset(
    {"ser", "estar", "haber", "tener", "hacer", "poder", "be", "have", "do", "get", "can"}
)


def load_dictionaries() -> None:
    """Load each language's dictionary of word forms now rather than at the first word
    looked up."""
    for lang in LANGUAGES:
        _dictionary_form("a", lang)


# simplemma's frugal dictionaries: the same forms for a small part of the memory
# (docs/performance.md).
_DICTIONARY = DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)


def _dictionary_form(form: str, lang: str) -> str | None:
    """simplemma's dictionary form of a word form, or None for a form it does not know:
    one lookup, where `is_known` and then `lemmatize` made two."""
    return _DICTIONARY.get_lemma(form, lang)


def all_lemmas(word: str) -> frozenset[str]:
    """The folded dictionary forms of a folded word in every supported language."""
    return frozenset().union(*(lemmas(word, lang) for lang in LANGUAGES))


def lemmas(word: str, lang: str) -> frozenset[str]:
    """The folded dictionary forms of a folded word in `lang` (simplemma's dictionary),
    reading it with each accent folding may have taken from it; none for a word the
    dictionary does not know, nor for a stop word ("la" is a form of "el")."""
    if word in STOP_WORDS:
        return frozenset()
    forms = [word]
    if lang == "es":
        forms += [pattern.sub(accented, word) for pattern, accented in _SPANISH_ACCENTS]
    found = (_dictionary_form(form, lang) for form in dict.fromkeys(forms))
    return frozenset(_REFLEXIVE.sub("", fold(lemma)) for lemma in found if lemma) - _LIGHT_VERBS


def document_tokens(text: str, lang: str) -> list[str]:
    lang = lang if lang in LANGUAGES else "es"
    return list(_stemmer(lang).stemWords([_spelled_for(w, lang) for w in words(text)]))


def query_tokens(text: str) -> list[str]:
    plain = words(text)
    stems: dict[str, None] = {}
    for lang in LANGUAGES:
        stems.update(
            dict.fromkeys(_stemmer(lang).stemWords([_spelled_for(w, lang) for w in plain]))
        )
    return list(stems)


def _spelled_for(word: str, lang: str) -> str:
    """The word as its language's stemmer reads it: English in American spelling."""
    return american(word) if lang == "en" else word


# Stems this alike are one word spelled in each language ("nation" / "nacion",
# "universiti" / "universidad"), when long enough that a few shared letters are no accident.
COGNATE_SIMILARITY = 0.8
COGNATE_MIN_LETTERS = 5
# Spanish writes an "e" before an opening "s" and consonant ("estudiante", "student").
_PROSTHETIC_E = re.compile(r"^e(?=s[^aeiou])")
# Letters English writes where Spanish writes others for the same sound: "ph" / "f",
# "th" / "t", "ch" and "qu" / "c" ("technique" / "técnica"), "y" / "i" ("system" /
# "sistema"), and "mm" / "nm" ("immune" / "inmune"); doubled letters read once.
_SPELLINGS = (("ph", "f"), ("th", "t"), ("ch", "c"), ("qu", "c"), ("y", "i"), ("nm", "m"))
_DOUBLED = re.compile(r"(.)\1")


def _cognate_spelling(stem: str) -> str:
    """`stem` spelled as either language would spell the sounds they share."""
    stem = _PROSTHETIC_E.sub("", stem)
    for english, spanish in _SPELLINGS:
        stem = stem.replace(english, spanish)
    return _DOUBLED.sub(r"\1", stem)


def spelled_alike(a: str, b: str) -> bool:
    """Two folded stems spelled alike: the same two first letters and most of their
    letters in order, each spelled as `_cognate_spelling` reads it."""
    a, b = _cognate_spelling(a), _cognate_spelling(b)
    if min(len(a), len(b)) < COGNATE_MIN_LETTERS or a[:2] != b[:2]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= COGNATE_SIMILARITY
