"""What a sentence says about a work, as documents write it.

- Who wrote it: "el libro 'Generative AI with LangChain' de Ben Auffarth", "the book … by
  Ben Auffarth". Such a sentence answers "¿Quién escribió el libro?" and "Who is the
  author of the book?" though it writes neither "escribió" nor "author", while "El autor
  del post advierte…" writes "autor" and names no one.
- What it is called: "el libro 'Generative AI with LangChain'", "the post «Tendencias…»"
  answer "¿Cuál es el título del libro?" and "What is the book called?".

The words of authorship are read as said by the sentence only for a work the question names
(the book, not the blog: "¿Cómo se llama el autor del blog?" is not Ben Auffarth), and those
of title only for the kind of work whose title the question asks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rag.analyzer import ARTICLES, ASKS_WHO, CAPITAL, fold, word_stems, words

# Each kind of work, named in Spanish or English.
_WORK_KINDS = {
    "book": "libros?|books?",
    "novel": "novelas?|novels?",
    "work": "obras?|works?",
    "poem": "poemas?|poems?",
    "essay": "ensayos?|essays?",
    "article": "art[ií]culos?|articles?|papers?",
    "song": "canci[oó]n|canciones|songs?",
    "post": "posts?|entradas?",
}
_WORKS = "|".join(_WORK_KINDS.values())
_WORD = re.compile(r"[^\W\d_]+")
_KIND_PATTERNS = {kind: re.compile(rf"^(?i:{nouns})$") for kind, nouns in _WORK_KINDS.items()}
_TITLE = r"['\"«“‘][^'\"»”’]{1,80}['\"»”’]"
_PERSON = rf"[{CAPITAL}][^\W\d_]+(?:\s+[{CAPITAL}][^\W\d_]+){{1,2}}\b"
_NAMING = r"titulad[oa]s?|llamad[oa]s?|titled|entitled|called|named"
_WORK_BY = re.compile(
    rf"\b(?P<work>(?i:{_WORKS}))\s+(?:(?P<title>{_TITLE})\s+)?(?:de|by)\s+{_PERSON}"
    rf"|(?P<quoted>{_TITLE})\s+(?:de|by)\s+{_PERSON}"
)
# "…que hace Ben Auffarth al final de su libro 'Generative AI with LangChain'": the
# person's own work.
_OWN_WORK = re.compile(
    rf"(?P<owner>{_PERSON})[^.;:]{{0,60}}?\b(?:su|sus|his|her)\s+(?P<work>(?i:{_WORKS}))\b"
    rf"(?:\s+(?P<title>{_TITLE}))?"
)
_WORK_TITLED = re.compile(rf"\b(?P<work>(?i:{_WORKS}))\s+(?:(?:{_NAMING})\s+)?(?P<title>{_TITLE})")
_ASKS_TITLE = re.compile(
    rf"\b(?:t[ií]tulo|title|nombre|name) (?:del?|of) (?:(?:el|la|the|this|that) )?(?P<a>{_WORKS})\b"
    rf"|\bc[oó]mo se (?:llama|titula)n? (?:el|la|este|esta|ese|esa) (?P<b>{_WORKS})\b"
    rf"|\bwhat (?:is|was) (?:the|this|that) (?P<c>{_WORKS}) (?:called|titled|named)\b",
    re.IGNORECASE,
)

# "¿De qué trata el post?", "What is the book about?": asked of folded text.
_ASKS_TOPIC = re.compile(
    rf"\bde que (?:trata|tratan|habla|hablan|va) (?:el|la|los|las|este|esta) (?P<a>{_WORKS})\b"
    rf"|\b(?:cual|que) es el tema (?:del?|de la|de este|de esta) (?P<b>{_WORKS})\b"
    rf"|\bsobre que (?:trata|es|habla) (?:el|la|este|esta) (?P<c>{_WORKS})\b"
    rf"|\bwhat (?:is|was) (?:the|this|that) (?P<d>{_WORKS}) about\b"
    rf"|\bwhat (?:is|was) the (?:topic|subject) of (?:the|this|that) (?P<e>{_WORKS})\b"
)

# "How much does the book cost?", "¿Cuántas páginas tiene el libro?": a detail of the work
# itself, which only a clause that names the work states. Asked of folded text.
_ASKS_DETAIL = re.compile(
    rf"\b(?:precio|coste|costo|price|cost|paginas|pages|capitulos|chapters) (?:del?|de la"
    rf"|of the|of this) (?P<a>{_WORKS})\b"
    rf"|\b(?:cuesta|cuestan|costo|vale|tiene|tienen) (?:el|la|este|esta) (?P<b>{_WORKS})\b"
    rf"|\b(?:does|did|do) (?:the|this) (?P<c>{_WORKS}) (?:cost|have)\b"
    rf"|\bhow (?:much|many pages|long) (?:is|was) (?:the|this) (?P<d>{_WORKS})\b"
)


# "Según el autor, …", "according to the author", "según el post": where the answer comes
# from. Asked of folded text.
AUTHOR_NOUNS = "autor|autora|author|escritor|escritora|writer"
_AUTHOR_NOUN_FORMS = rf"(?:{AUTHOR_NOUNS})(?:e?s)?"  # and their plurals
# "¿Qué autor…?", "Which author…?": asks to name an author. Folded.
WHICH_AUTHOR = rf"(?:que|cual(?:es)?|which|what)\s+{_AUTHOR_NOUN_FORMS}\b"
_CITES_AUTHOR = re.compile(
    r"\b(?:segun|de acuerdo con|para|according to|in the view of)\s+(?:el|la|the|su|its)\s+"
    rf"(?:{AUTHOR_NOUNS})\b"
)
_ACCORDING_TO = r"(?:segun|de acuerdo con|according to)"
_CITING = rf"\b{_ACCORDING_TO}\s+(?:el|la|the|su|its|this)\s+"
_CITES_WORK = re.compile(rf"{_CITING}(?:{_WORKS}|notas?|notes?|blog)\b")
# A work named as the source: "según el post", "¿Qué dice el post…?", "What does the
# post say…?". Folded.
_CITED_WORK = re.compile(
    rf"{_CITING}(?:{_WORKS})\b"
    rf"|\bque (?:dice|dicen|cuenta|cuentan|explica|explican) (?:el|la|los|las|este|esta) "
    rf"(?:{_WORKS})\b"
    rf"|\bwhat (?:does|do|did) (?:the|this) (?:{_WORKS}) (?:say|says|tell|explain)\b"
)
# The phrase that cites a work or its author as the source: no word of what is asked.
CITED_SOURCE = rf"{_CITING}(?:{_WORKS}|notas?|notes?|blog|{AUTHOR_NOUNS})\b"
# Where the question places what it asks about in the documents: "la gráfica que aparece
# en el post", "the chart shown in the book". The documents hold it; the sentence that
# states it need not say so. Folded.
_PLACING_VERB = (
    r"(?:(?:that|which) (?:is|are)|(?:(?:que|that|which) )?(?:aparecen?|salen?|figuran?"
    r"|se (?:muestran?|mencionan?|citan?|comentan?)|appears?))"
)
_PLACED = r"(?:(?:mencionad|citad|mostrad|descrit|comentad)[oa]s?|shown|mentioned|cited|described)"
_IN_A_WORK = (
    r"(?:en|in) (?:el|la|los|las|este|esta|estos|estas|the|this|these) "
    rf"(?:{_WORKS}|notas?|notes?|blog)\b(?!['’]s)"  # not "in the article's title"
)
PLACED_IN_A_WORK = rf"\b(?:{_PLACING_VERB} )?(?:{_PLACED} )?{_IN_A_WORK}"
# Placed there by a verb, which names no work as authored: "¿Qué autor se comenta en el
# blog?" asks about an author the blog speaks of; "¿Quién escribe en el blog?" still asks
# who writes it.
_PLACED_BY_A_VERB = re.compile(rf"\b(?:{_PLACING_VERB} (?:{_PLACED} )?|{_PLACED} ){_IN_A_WORK}")

# "…proceden de Epoch.ai", "según Epoch.ai": the name that follows is a source. Folded.
_GIVES_A_SOURCE = re.compile(
    rf"\b(?:(?:proceden?|provienen?|vienen?|salen?)\s+de|{_ACCORDING_TO}"
    r"|(?:comes?|came|taken)\s+from)\s+"
)
_SOURCE_BEFORE = re.compile(rf"{_GIVES_A_SOURCE.pattern}(?:(?:la|el|los|las|the)\s+)?$")
_SOURCE_WORDS = (
    "fuente|fuentes|source|sources|procede|proceden|provienen?|vienen?|segun quien"
    "|de donde|come from|comes from|according to whom"
)
_ASKS_SOURCE = re.compile(rf"\b(?:{_SOURCE_WORDS})\b")


def _keys(text: str) -> frozenset[str]:
    return frozenset(key for word in words(text) for key in word_stems(word))


# and the verbs a question asks where something is got with: "¿De dónde saca el post…?"
_SOURCE_KEYS = _keys(
    _SOURCE_WORDS.replace("|", " ") + " saca sacan obtiene obtienen toma toman get gets take takes"
)


def source_words_said(question: str, sentence: str) -> frozenset[str]:
    """The words that ask where something comes from, said by a sentence that says it ("Las
    cifras … proceden de Epoch.ai"), when the question asks it ("¿Qué fuente usa el post
    para las cifras…?"): no sentence need write "fuente"."""
    if asks_for_a_source(question) and _GIVES_A_SOURCE.search(fold(sentence)):
        return _SOURCE_KEYS
    return frozenset()


AUTHORSHIP_KEYS = _keys(
    "autor autora autores autoria escribir escribio escrito escrita escritos "
    "author authors authored authorship write wrote written writer"
)
_AUTHOR_ROLE_KEYS = _keys(AUTHOR_NOUNS.replace("|", " "))
TITLE_KEYS = _keys("titulo titulado titulada titula llama nombre title titled called name")


@dataclass(frozen=True)
class WorkMention:
    """A work a sentence mentions and what it gives of it: its author or its title."""

    work: frozenset[str]  # the keys of its noun and title, and its kind
    kind: str | None  # "book", "post"…; None for a title alone
    gives_author: bool  # else its title


def work_mentions(text: str) -> tuple[WorkMention, ...]:
    """The works whose author or title `text` gives."""
    found = [(m, True) for m in _WORK_BY.finditer(text)]
    found += [(m, True) for m in _OWN_WORK.finditer(text)]
    found += [(m, False) for m in _WORK_TITLED.finditer(text)]
    mentions = []
    for match, gives_author in found:
        noun = match.group("work")
        kind = _kind(noun) if noun else None
        parts = (part for group, part in match.groupdict().items() if part and group != "owner")
        named = _keys(" ".join(parts))
        mentions.append(WorkMention(named | {kind} if kind else named, kind, gives_author))
    return tuple(mentions)


def said_of_works(question: str, mentions: Iterable[WorkMention]) -> frozenset[str]:
    """The words a sentence is read as saying about the works it mentions: those of
    authorship for a work the question names, or for any work where it asks which author
    and names none whose author it asks ("¿Qué autor se comenta en el blog?": the author
    of the book the post reviews is one), those of title for the kind of work whose title
    the question asks."""
    named, titled = _asked_of_works(question)
    any_author = _asks_an_author_of_no_work(question)
    said: set[str] = set()
    for mention in mentions:
        if mention.gives_author and (any_author or any(keys & mention.work for keys in named)):
            said |= AUTHORSHIP_KEYS
        if not mention.gives_author and titled is not None and mention.kind == titled:
            said |= TITLE_KEYS
    return frozenset(said)


def gives_an_asked_author(question: str, text: str, start: int, end: int) -> bool:
    """The name at `text[start:end]` is given as the author of a work whose author the
    question asks (`said_of_works`): "…que comenta el libro 'Generative AI with LangChain'
    de Ben Auffarth" for "¿De qué autor habla el post?"."""
    return any(
        end == found.end()
        and _BY.search(text, found.start(), start)
        and said_of_works(question, work_mentions(found.group())) >= AUTHORSHIP_KEYS
        for found in _WORK_BY.finditer(text)
    )


_BY = re.compile(r"\b(?:de|by)\s+$")


@functools.lru_cache(maxsize=256)
def _asked_of_works(question: str) -> tuple[tuple[frozenset[str], ...], str | None]:
    """The question's side of `said_of_works`, read once per question, not per sentence:
    the keys (and kind of work) of each of its words, and the kind whose title it asks."""
    named = tuple(word_stems(word) | {_kind(word) or word} for word in words(question))
    return named, asked_title_kind(question)


@functools.lru_cache(maxsize=256)
def _asks_an_author_of_no_work(question: str) -> bool:
    return bool(_ASKS_WHICH_AUTHOR.match(fold(question))) and not authored_kinds(question)


def asked_title_kind(question: str) -> str | None:
    """The kind of work whose title the question asks ("¿Cuál es el título del post?"):
    "post"; None when it asks no title ("¿Cómo se llama el autor del blog?")."""
    return _asked_kind(_ASKS_TITLE, question)


def asked_topic_kind(question: str) -> str | None:
    """The kind of work whose topic the question asks ("¿De qué trata el post?"): "post"."""
    return _asked_kind(_ASKS_TOPIC, fold(question))


def asked_detail_kind(question: str) -> str | None:
    """The kind of work whose own detail (price, pages) the question asks: "book" for
    "How much does the book cost?"; None for "¿Cuántas técnicas enumera el post?"."""
    kind = _asked_kind(_ASKS_DETAIL, fold(question))
    return _bookish_as_one(kind) if kind else None


def _asked_kind(asking: re.Pattern[str], question: str) -> str | None:
    """The kind of the work noun that `asking` catches in the question."""
    found = asking.search(question)
    return _kind(next(noun for noun in found.groups() if noun)) if found else None


def title_given(kind: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` gives the title of a work of `kind`, inside its quote marks."""
    for found in _WORK_TITLED.finditer(sentence):
        if _kind(found.group("work")) == kind:
            return found.start("title") + 1, found.end("title") - 1
    return None


def names_a_work_of(kind: str, sentence: str) -> bool:
    """The sentence names a work of `kind`: "En este post, … comentaré…" names a post."""
    return any(_kind(word) == kind for word in _WORD.findall(sentence))


def is_cited_author(question: str, phrase: str, metadata: Mapping[str, object]) -> bool:
    """The phrase is the author the question cites as its source ("Who will control these
    models, according to the author?"), or of the work it cites, unless it asks who wrote
    ("…, according to the post?"), as the document's front matter names them
    ("book_author: Ben Auffarth") or by that role ("el autor"): the source of the answer,
    never the answer."""
    folded = fold(question)
    cites_work = bool(_CITES_WORK.search(folded)) and not _keys(folded) & AUTHORSHIP_KEYS
    if not (_CITES_AUTHOR.search(folded) or cites_work):
        return False
    authors = " ".join(str(v) for k, v in metadata.items() if "author" in str(k))
    said = _keys(phrase)
    return bool(said) and said <= _keys(authors) | _AUTHOR_ROLE_KEYS


def named_as_source(question: str, sentence: str, start: int) -> bool:
    """The name at `start` is where what the sentence gives comes from ("Las cifras…
    proceden de Epoch.ai", "according to Epoch.ai"): it says who reported it, not who did
    it ("¿Quién entrenó Gemini 1.0 Ultra?"), unless the question asks where it comes
    from."""
    return not asks_for_a_source(question) and given_as_source(sentence, start)


@functools.lru_cache(maxsize=256)
def asks_for_a_source(question: str) -> bool:
    """ "¿Qué fuente usa el post…?", "¿De dónde proceden las cifras?", "Where do the figures
    come from?"."""
    return bool(_ASKS_SOURCE.search(fold(question)))


def given_as_source(sentence: str, start: int) -> bool:
    """The words before `start` give what follows as a source: "proceden de", "según"."""
    return bool(_SOURCE_BEFORE.search(fold(sentence[:start])))


def titles_another_work(question: str, phrase: str, sentence: str) -> bool:
    """`phrase` is a title that `sentence` gives to another kind of work than the one whose
    title the question asks: in "el post «Tendencias…», que reseña el libro 'Generative AI
    with LangChain'", the book's title is no title of the post."""
    asked = asked_title_kind(question)
    if asked is None:
        return False
    wanted = fold(phrase).strip(" .'\"«»“”‘’")
    return any(
        wanted and wanted in fold(m.group("title")) and _kind(m.group("work")) != asked
        for m in _WORK_TITLED.finditer(sentence)
    )


_AUTHOR_AT_END = re.compile(rf"(?:de|by)\s+(?P<author>{_PERSON})$")
_BLOG = re.compile(r"\bblogs?\b")
_ASKS_WHO = re.compile(rf"\b(?:{ASKS_WHO}|whom)\b")
# "a 1999 paper by Michael E. Mann": a work and who wrote it, however their name is written
_WORK_BY_ANYONE = re.compile(
    rf"\b(?i:{_WORKS})\b[^.;:]{{0,80}}?\s(?:by|de)\s+(?P<first>[{CAPITAL}][^\W\d_]*)"
)


def _works_or_blog(folded: str) -> frozenset[str]:
    """The kinds of work a folded text names, a blog read as its posts: who writes the blog
    writes them, and "el blog" names no fact as "el post" names none."""
    return work_kinds(folded) | ({"post"} if _BLOG.search(folded) else frozenset())


_ASKS_WHICH_AUTHOR = re.compile(rf"\W*(?:(?:de|sobre|about|of)\s+)?{WHICH_AUTHOR}")
# A work said to be written: "autor del libro", "escribió el post", "wrote the book".
_AUTHORED_WORK = re.compile(
    rf"\b(?:{_AUTHOR_NOUN_FORMS} (?:de|del|of)|escrib\w*|wrote|writes?|written)"
    r"(?: (?:el|la|los|las|este|esta|the|this|su|its))? \w+"
)


# "¿De quién es el libro…?", "Whose book is…?": whose work it is, its author. Folded.
_ASKS_WHOSE_WORK = re.compile(
    rf"^\W*de quien(?:es)? (?:es|son|era|fue) (?:el|la|los|las|este|esta) (?:{_WORKS}|blog)\b"
    rf"|\bwhose (?:{_WORKS}|blog)\b"
)


def authored_kinds(question: str) -> frozenset[str]:
    """The kinds of work whose author the question asks: "post" for "¿Quién escribe el
    blog?", "book" for "¿De quién es el libro…?", none for "¿Quién escribió sobre la
    destilación…?", nor for "¿Qué autor se comenta en el blog?" or "¿Qué autor comenta el
    post?", which ask whom it speaks of."""
    folded = fold(question)
    if not (_keys(folded) & AUTHORSHIP_KEYS or _ASKS_WHOSE_WORK.search(folded)):
        return frozenset()
    folded = _PLACED_BY_A_VERB.sub(" ", folded)
    if _ASKS_WHICH_AUTHOR.match(folded):  # "¿Qué autor comenta el post?"
        folded = " ".join(found.group() for found in _AUTHORED_WORK.finditer(folded))
    return _works_or_blog(folded)


_DETERMINERS = ARTICLES | {"este", "esta", "estos", "estas", "ese", "esa", "this", "these"}


def bare_work(phrase: str) -> bool:
    """The phrase only names a kind of work ("the post", "el libro", "el blog"): where a
    document speaks of itself or what it reviews, that names no fact it states ("The
    post" for "Which technique helps with hallucinations?", from "…and the post lists
    eleven of them")."""
    said = [w for w in _WORD.findall(fold(phrase)) if w not in _DETERMINERS]
    return len(said) == 1 and bool(_works_or_blog(said[0]))


def of_another_work(question: str, clause: str) -> bool:
    """The clause speaks of another kind of work than the question, and not of the
    question's: "que el libro está publicado en Diciembre de 2023" dates the book, not the
    post that "¿Cuándo se publicó el post?" asks about."""
    asked = works_spoken_of(question)
    said = work_kinds(fold(clause))
    return bool(asked) and bool(said) and not said & asked


def not_given_in_the_asked_role(question: str, phrase: str, sentence: str) -> bool:
    """`sentence` does not give the name in `phrase` in the role the question asks of a
    work. Asked who wrote it: it names them as another kind of work's author ("the blog
    post … reviews the book … by Ben Auffarth" says who wrote the book, not who writes the
    blog), or says nothing of authorship ("The blog post is based on the argument that Ben
    Auffarth makes…"). Asked who did anything else, to a work ("Who reviewed the book?") or
    not ("¿Quiénes controlarán los modelos generativos?"): it names them as a work's
    author."""
    asked = authored_kinds(question)
    if not asked and not _asks_who_but_not_the_author(question):
        return False
    said = fold(phrase)
    authored = [work for author, work in _authored_works(sentence) if fold(author) in said]
    if not asked:
        return bool(authored)
    if authored:
        kinds = [_bookish_as_one(_kind(work) or "") if work else None for work in authored]
        return all(kind is not None and kind not in asked for kind in kinds)
    written_by = (fold(m.group("first")) for m in _WORK_BY_ANYONE.finditer(sentence))
    by_them = any(first in _WORD.findall(said) for first in written_by)
    return not (_keys(fold(sentence)) & AUTHORSHIP_KEYS or by_them)


def _authored_works(sentence: str) -> list[tuple[str, str | None]]:
    """The authors `sentence` gives, each with the noun of their work if it writes one: "el
    libro … de Ben Auffarth", "Ben Auffarth … su libro"."""
    found = [
        (author.group("author"), by.group("work"))
        for by in _WORK_BY.finditer(sentence)
        if (author := _AUTHOR_AT_END.search(by.group())) is not None
    ]
    return found + [(own.group("owner"), own.group("work")) for own in _OWN_WORK.finditer(sentence)]


@functools.lru_cache(maxsize=256)
def _asks_who_but_not_the_author(question: str) -> bool:
    """ "¿Quién hizo la gráfica?", not "Who wrote Generative AI with LangChain?"."""
    folded = fold(question)
    return bool(_ASKS_WHO.search(folded)) and not _keys(folded) & AUTHORSHIP_KEYS


# Kinds of work that a question about one may name by another ("la novela" / "el libro").
_BOOKISH = frozenset({"book", "novel", "work", "essay", "poem"})


def works_spoken_of(text: str) -> frozenset[str]:
    """The kinds of work `text` speaks of, not the one it names as the source of what it
    says: "What does the post say about training time?" and "According to the book, the
    training time…" speak of no work."""
    return work_kinds(_CITED_WORK.sub(" ", fold(text)))


def work_kinds(text: str) -> frozenset[str]:
    """The kinds of work `text` names, the bookish ones as one: "post", "book"…"""
    kinds = {_kind(word) for word in _WORD.findall(text)}
    return frozenset(_bookish_as_one(kind) for kind in kinds if kind)


def _bookish_as_one(kind: str) -> str:
    return "book" if kind in _BOOKISH else kind


def _kind(noun: str) -> str | None:
    return next((kind for kind, noun_is in _KIND_PATTERNS.items() if noun_is.match(noun)), None)
