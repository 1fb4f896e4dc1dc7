"""Sentence-level evidence: which passage sentence supports a claim, and how well.

Verification works on sentences, not chunks, so that a citation quotes the exact
sentence that backs an answer sentence. Two signals are combined, because each
fails alone: content-word overlap misses paraphrases and cross-language matches, and
the small embedding model scores fluent but wrong sentences as similar. Numbers are
a hard constraint: a claim whose numbers its evidence does not contain is unsupported,
which catches the commonest hallucination of a small model (a wrong figure).
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from rag.analyzer import QUESTION_WORDS, fold, spelled_alike, word_stems, words
from rag.answer.acronyms import defined_acronyms, singular_acronyms
from rag.answer.works import WorkMention, work_mentions
from rag.embedder import Embedder
from rag.schema import ChunkKey, Passage
from rag.sentences import split_sentences

# A figure as written: "41", "2,1", "2.1 x 10^25", "10^4" (one unit, so that a wrong
# mantissa cannot hide behind a shared exponent).
# Thousands grouped by spaces, as Spanish writes them ("17 786 419"), are one figure.
NUMBER_PATTERN = (
    r"(?<!\d)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:,\d+)?"
    r"|\d+(?:[.,]\d+)*(?:\s*[x×*]\s*10\s*\^\s*[-−]?\d+|\^[-−]?\d+)?"
)
_NUMBER = re.compile(NUMBER_PATTERN)
_SPACE = re.compile(r"\s+")
_MARKUP_PREFIX = re.compile(r"^(?:[#>*+\-]+|\d+[.)])\s+")
# Text that addresses the model instead of informing the reader: it is never evidence,
# so an answer that obeys it finds no support and cannot be quoted.
_INSTRUCTION = re.compile(
    r"\b(ignor\w*|olvid\w*|forget|disregard|omit\w*|override)\b.{0,60}?"
    r"\b(instruc\w*|anterior\w*|previous|above|prior|todo lo|everything)\b"
    r"|\b(system prompt|prompt del sistema)\b",
    re.IGNORECASE,
)
MIN_CONTENT_WORDS = 2
# A name and its number joined by a hyphen ("GPT-4", "COVID-19"), and that word as one.
_NUMBERED_NAME = re.compile(r"\b([^\W\d_]{2,})-(\d+)\b")
_NAME_AND_NUMBER = re.compile(r"([^\W\d_]{2,})(\d+)")
# A word the sentence implies without writing it counts for part of one it writes: a name
# its document's front matter gives (what the whole document is about), or a word with which
# the evidence defines an acronym the sentence writes; but less than what it says.
IMPLIED_SHARE = 0.5
# A word of a question in another language than the sentence, spelled alike to one the
# sentence says ("nations" / "naciones"), counts for this share of one it writes.
COGNATE_SHARE = 0.5
VECTOR_CACHE_SIZE = 20_000
# A quoted term or title: "'transfer learning'", «Tendencias…», "Doctor Who".
QUOTED = re.compile(r"(?<!\w)'[^']+'(?!\w)|\"[^\"]+\"|«[^»]+»|“[^”]+”|‘[^’]+’")


@lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """The word's stems in every supported language: matching by any of them makes
    Spanish and English inflections meet without guessing a sentence's language."""
    return word_stems(word)


def first_word_of(text: str, stems: frozenset[str]) -> re.Match[str] | None:
    """The first word of `text` that shares a stem with `stems`: the asked verb in any
    inflection ("construyeron" for "¿Dónde se construyeron…?", "reduce" for "reducen")."""
    return next(words_of(text, stems), None)


def words_of(text: str, stems: frozenset[str]) -> Iterator[re.Match[str]]:
    """The words of `text` that share a stem with `stems`, in order; none inside quotes,
    which write a term or a title, not the sentence's own words: "transfer" of "usa el
    'transfer learning' para transferir conocimiento" is no verb."""
    quoted = [m.span() for m in QUOTED.finditer(text)]
    words = re.finditer(r"\w+", text)
    return (
        word
        for word in words
        if word_keys(fold(word.group())) & stems
        and not any(start <= word.start() < end for start, end in quoted)
    )


def content_words(text: str) -> list[str]:
    """Folded words without stop words or single letters (numbers are kept), an
    acronym's plural read as the acronym, a numbered name as one word ("GPT-5" is
    "gpt5": no sentence about GPT-4 that writes a 5 names it)."""
    text = _NUMBERED_NAME.sub(r"\1\2", singular_acronyms(text))
    return [w for w in words(text) if len(w) > 1 or w.isdigit()]


def question_terms(text: str) -> list[str]:
    """The question's content words minus its interrogatives ("cuántos", "much")."""
    return [w for w in content_words(text) if w not in QUESTION_WORDS]


def numbers(text: str) -> frozenset[str]:
    """Numbers with the decimal comma and point unified ("2,1" == "2.1")."""
    return frozenset(normalize_number(n) for n in _NUMBER.findall(text))


def normalize_number(figure: str) -> str:
    """One spelling per figure: "2,1 x 10^25" -> "2.1x10^25"."""
    return _SPACE.sub("", figure).replace(",", ".").replace("×", "x").replace("*", "x")


def is_instruction(text: str) -> bool:
    return bool(_INSTRUCTION.search(text))


@dataclass
class Evidence:
    """One sentence of a retrieved passage, located in its document."""

    passage: Passage
    start: int  # offsets within the passage (chunk) text
    end: int
    keys: frozenset[str] = field(default_factory=frozenset)
    numbers: frozenset[str] = field(default_factory=frozenset)
    works: tuple[WorkMention, ...] = ()  # whose author or title it gives
    front_matter_keys: frozenset[str] = field(default_factory=frozenset)
    glossed: frozenset[str] = field(default_factory=frozenset)  # see `gloss_acronyms`
    vector: np.ndarray | None = None

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]

    @property
    def lang(self) -> str:
        return str(self.passage.metadata.get(ChunkKey.LANG, "es"))

    @property
    def doc_start(self) -> int:
        return self.passage.start + self.start

    @property
    def doc_end(self) -> int:
        return self.passage.start + self.end


def passage_sentences(passage: Passage) -> list[Evidence]:
    """The passage's quotable sentences: markup prefixes trimmed, headings, fragments
    and instruction-like text left out."""
    lang = str(passage.metadata.get(ChunkKey.LANG, "es"))
    described = front_matter_name_keys(passage.front_matter)
    found: list[Evidence] = []
    for span in split_sentences(passage.text, lang):
        if span.text.startswith("#") or is_instruction(span.text):
            continue
        prefix = _MARKUP_PREFIX.match(span.text)
        start = span.start + (prefix.end() if prefix else 0)
        text = passage.text[start : span.end]
        if len(content_words(text)) < MIN_CONTENT_WORDS:
            continue
        found.append(
            Evidence(
                passage,
                start,
                span.end,
                keys_of(text),
                numbers(text),
                works=work_mentions(text),
                front_matter_keys=described,
            )
        )
    return found


def front_matter_name_keys(front_matter: Sequence[str]) -> frozenset[str]:
    """The keys of the capitalised words of a document's front matter ("book_author: Ben
    Auffarth"): what every sentence of the document is about, though few repeat it."""
    named = (w for value in front_matter for w in value.split() if w != w.lower())
    return keys_of(" ".join(named))


def keys_of(text: str) -> frozenset[str]:
    """The stems a text says; a numbered name also says its parts, as a question may
    write them apart ("GPT 4")."""
    said = content_words(text)
    parts = (
        part
        for word in said
        if (found := _NAME_AND_NUMBER.fullmatch(word))
        for part in found.groups()
    )
    return frozenset(key for word in itertools.chain(said, parts) for key in word_keys(word))


class EvidencePool:
    """Every sentence of the retrieved passages with its vector, and inverse sentence
    frequencies so rare words (names, figures) weigh more than common ones. Vectors come
    from `stored` (computed at ingest, keyed by chunk id and span); a sentence without
    one (chunks written before they were stored) is embedded here."""

    def __init__(
        self,
        passages: Sequence[Passage],
        embedder: Embedder,
        stored: Mapping[tuple[str, int, int], np.ndarray] | None = None,
    ) -> None:
        self.embedder = embedder
        self.sentences = dedupe(s for p in passages for s in passage_sentences(p))
        gloss_acronyms(self.sentences)
        stored = stored or {}
        for sentence in self.sentences:
            sentence.vector = stored.get((sentence.passage.chunk_id, sentence.start, sentence.end))
        missing = [s for s in self.sentences if s.vector is None]
        self.embedded_here = len(missing)
        vectors = sentence_vectors(embedder, [s.text for s in missing])
        for sentence, vector in zip(missing, vectors, strict=True):
            sentence.vector = vector
        self._count = len(self.sentences)
        self._idf: dict[str, float] = {}
        self._cognates: dict[str, frozenset[str]] = {}

    def idf(self, word: str) -> float:
        if word not in self._idf:
            keys = word_keys(word)
            frequency = sum(1 for s in self.sentences if keys & s.keys)
            self._idf[word] = math.log(1.0 + (self._count + 1) / (frequency + 0.5))
        return self._idf[word]

    @cached_property
    def said(self) -> frozenset[str]:
        """Every stem the evidence says (read only to look for cognates)."""
        return frozenset().union(*(s.keys for s in self.sentences))

    def cognates(self, word: str) -> frozenset[str]:
        """The stems of the evidence spelled alike to one of `word`'s and not the same."""
        if word not in self._cognates:
            keys = word_keys(word)
            self._cognates[word] = frozenset(
                key for key in self.said - keys if any(spelled_alike(key, other) for other in keys)
            )
        return self._cognates[word]

    def vector(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(text), dtype=np.float32)

    def coverage(
        self,
        terms: Sequence[str],
        sentence: Evidence,
        weighted: bool,
        also_said: frozenset[str] = frozenset(),
        across: bool = False,
    ) -> float:
        """Share of `terms` found in `sentence` (by stem), optionally weighted by rarity, the
        sentence read as saying `also_said` too; a name its document's front matter gives
        ("book_author: Ben Auffarth") counts for `IMPLIED_SHARE` of one the sentence writes,
        as does a word of the definition of an acronym it writes (`gloss_acronyms`); and,
        `across` languages, a word spelled alike to one it writes for `COGNATE_SHARE`."""
        unique = list(dict.fromkeys(terms))
        if not unique:
            return 0.0
        weights = [self.idf(w) if weighted else 1.0 for w in unique]
        said = sentence.keys | also_said
        implied = sentence.front_matter_keys | sentence.glossed
        hits = sum(
            weight * self._found(word, said, implied, across)
            for word, weight in zip(unique, weights, strict=True)
        )
        return hits / sum(weights)

    def _found(
        self, word: str, said: frozenset[str], implied: frozenset[str], across: bool
    ) -> float:
        """1 when the sentence says the word, a share when it only implies it or (`across`
        languages) says a cognate, else 0."""
        keys = word_keys(word)
        if keys & said:
            return 1.0
        if keys & implied:
            return IMPLIED_SHARE
        return COGNATE_SHARE if across and self.cognates(word) & said else 0.0


def gloss_acronyms(sentences: Sequence[Evidence]) -> None:
    """Give each sentence the words with which another sentence of the evidence defines an
    acronym it writes: "GPT-4 performed 2.1 x 10^25 FLOPs" implies "floating point
    operations" and "operaciones en coma flotante" when another sentence says "Los FLOPS
    ('Floating Point OPerations') miden el número de operaciones con números en coma
    flotante"."""
    definitions = [
        (keys_of(acronym), sentence.keys - keys_of(acronym), sentence)
        for sentence in sentences
        for acronym, _ in defined_acronyms(sentence.text)
    ]
    for sentence in sentences:
        sentence.glossed = frozenset().union(
            *(
                words
                for acronym, words, defining in definitions
                if defining is not sentence and acronym & sentence.keys
            )
        )


_VECTORS: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_VECTORS_LOCK = threading.Lock()


def sentence_vectors(embedder: Embedder, texts: Sequence[str]) -> list[np.ndarray]:
    """Embeddings of passage sentences, cached: the same passages come back for
    related questions, and embedding them is most of verification's cost."""
    keys = [(embedder.name, text) for text in texts]
    with _VECTORS_LOCK:
        missing = [key[1] for key in dict.fromkeys(keys) if key not in _VECTORS]
    fresh = embedder.embed_documents(missing) if missing else []
    with _VECTORS_LOCK:
        for text, vector in zip(missing, fresh, strict=True):
            _VECTORS[(embedder.name, text)] = np.asarray(vector, dtype=np.float32)
        found = {key: _VECTORS.get(key) for key in keys}
        for key in keys:
            if key in _VECTORS:
                _VECTORS.move_to_end(key)
        while len(_VECTORS) > VECTOR_CACHE_SIZE:
            _VECTORS.popitem(last=False)
    vectors = [found[key] for key in keys]
    if any(v is None for v in vectors):  # evicted meanwhile by another thread: recompute
        return [np.asarray(v, dtype=np.float32) for v in embedder.embed_documents(list(texts))]
    return [v for v in vectors if v is not None]


def cosine(a: np.ndarray, b: np.ndarray | None) -> float:
    return float(np.dot(a, b)) if b is not None else 0.0


def dedupe(sentences: Iterable[Evidence]) -> list[Evidence]:
    """The same sentence in overlapping chunks or in two documents counts once (first
    seen, i.e. from the better-ranked passage)."""
    seen: set[str] = set()
    kept: list[Evidence] = []
    for sentence in sentences:
        key = " ".join(sentence.text.lower().split())
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept
