"""Who or what does the asked deed, for "¿Quién <verbo>…?" and "¿Qué <nombre> <verbo>…?",
and what does not do it, for "What <verb>s…?".

The sentence names the doer before its verb: "En el laboratorio, los estratigrafistas
analizan muestras de secciones estratigráficas…" gives "los estratigrafistas" for "¿Quién
analiza las secciones estratigráficas…?", and "Groenlandia firmó un Tratado en 1985…"
gives "Groenlandia" for "¿Qué país firmó en 1985 un tratado…?".
"""

from __future__ import annotations

import re

from rag.analyzer import ARTICLE_PATTERN, SPANISH_ARTICLES, STOP_WORDS, fold
from rag.answer.claims import LINKING_START, clause_end, clause_start, trimmed
from rag.answer.evidence import first_word_of, keys_of, word_keys
from rag.answer.spans import COPULAS

# "¿Quién analiza…?", "¿Qué país firmó…?", "¿Qué fluye entre…?"
_ASKS_DOER = re.compile(r"^\W*(?:qui[eé]n(?:es)?|qu[eé](?:\s+(\w+))?)\s+(\w+)\b", re.IGNORECASE)
# whose subject may be the answer or what is said of it: "¿Qué es…?", "¿Quién fue…?"
_NOT_DEEDS = frozenset(COPULAS) | {"hay", "ha", "han"}
_MAX_DOER_WORDS = 6
# A pronoun the verb takes before it is not part of its doer: "cada modelo concreto se" of
# "…cada modelo concreto se representa mediante…".
_PRONOUN_BEFORE_VERB = re.compile(r"\s+(?:se|le|les)\s*$", re.IGNORECASE)
# A Spanish infinitive, with its pronoun if any ("dar", "recibirlos"): its doer is not the
# phrase right before it ("se le suele dar prioridad", "candidatos a recibir préstamos").
_INFINITIVE = re.compile(r"\w+[aeií]r(?:se|lo|la|le|los|las|les)?")
# "What doubles…?", "Who founded…?": a verb inflected after the interrogative
_ASKS_DOER_EN = re.compile(r"^\W*(?:what|who)\s+([a-z]+(?:s|ed))\b")
_AUXILIARIES = frozenset({"is", "was", "has", "does"})
_ARTICLE_BEFORE = re.compile(rf"\b(?:{ARTICLE_PATTERN})\s+$", re.IGNORECASE)
# "Smoking is the cause of…": the phrase before a copula is what the noun says of it
_COPULA_THEN_ARTICLE = re.compile(
    rf"^\W*(?:{'|'.join(COPULAS)})\s+(?:{ARTICLE_PATTERN})\s+$", re.IGNORECASE
)


def asked_doer(question: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` names who or what does the verb the question asks the doer of: the
    words that open the verb's clause up to the verb, where the clause goes on with some of
    the words the question puts after the verb. None where the verb is not written in
    lowercase after its doer, is an infinitive or a noun after its article, or the doer is
    long, opens with a preposition or holds a copula."""
    verb = _asked_verb(question)
    if verb is None:
        return None
    found = first_word_of(sentence, word_keys(fold(question[verb[0] : verb[1]])))
    if (
        found is None
        or not found.group()[:1].islower()
        or _INFINITIVE.fullmatch(found.group().lower())
        # "evitar la concentración de poder" for "¿Quién concentrará…?": a noun of the verb
        or _ARTICLE_BEFORE.search(sentence, 0, found.start())
    ):
        return None
    said_after = keys_of(sentence[found.end() : clause_end(sentence, found.end())])
    if not said_after & keys_of(question[verb[1] :]):
        return None
    start, end = trimmed(sentence, clause_start(sentence, found.start()), found.start())
    pronoun = _PRONOUN_BEFORE_VERB.search(sentence, start, end)
    end = pronoun.start() if pronoun else end
    words = sentence[start:end].split()
    if not words or LINKING_START.match(words[0]) or len(words) > _MAX_DOER_WORDS:
        return None
    # "El aprendizaje federado es un modelo descentralizado": a clause, not its doer
    return None if any(fold(word) in COPULAS for word in words) else (start, end)


def _asked_verb(question: str) -> tuple[int, int] | None:
    """Where the question writes the verb whose doer it asks for. After "qué" and a word, an
    article means that word is the verb and its object is asked ("¿Qué reduce la
    cuantización?"), "de" that the word is a noun with its complement ("¿Qué tipo de…?"),
    another function word that the word is the verb ("¿Qué fluye entre…?"), and a
    capital that a name is the verb's subject ("¿Qué presentó Stiglitz…?")."""
    asked = _ASKS_DOER.match(question)
    if asked is None:
        return None
    word = fold(asked.group(2))
    group = 2
    if asked.group(1) is not None:
        if word in SPANISH_ARTICLES or word in ("de", "del") or not asked.group(2)[:1].islower():
            return None
        if word in STOP_WORDS:
            group, word = 1, fold(asked.group(1))
    if word in STOP_WORDS or word in _NOT_DEEDS:
        return None
    return asked.start(group), asked.end(group)


def names_the_deed_only_as_a_noun(question: str, sentence: str, start: int, end: int) -> bool:
    """For "What <verb>s…?", the phrase at `start:end` comes before the asked verb in the
    sentence, which writes it only as another word's form after an article: "Rock's law
    does not offset the doubling of training time every eight months" does not say that
    Rock's law doubles. Not where a copula ties the phrase to that noun ("Smoking is the
    cause of cancer")."""
    asked = _ASKS_DOER_EN.match(fold(question))
    if asked is None or asked.group(1) in _AUXILIARIES:
        return False
    verb = asked.group(1)
    keys = word_keys(verb)
    written = [
        word for word in re.finditer(r"\w+", sentence[end:]) if word_keys(fold(word.group())) & keys
    ]
    if not written or any(fold(word.group()) == verb for word in written):
        return False
    if _COPULA_THEN_ARTICLE.match(sentence[end : end + written[0].start()]):
        return False
    return all(_ARTICLE_BEFORE.search(sentence[end : end + word.start()]) for word in written)
