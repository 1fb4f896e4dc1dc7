"""A sentence that names a work's author says who wrote it, in either language, though it
writes neither "escribió" nor "author" (rag/answer/authorship.py)."""

from __future__ import annotations

import pytest

from rag.answer.authorship import AUTHORSHIP_KEYS, authored_works, authorship_said
from rag.answer.evidence import keys_of
from rag.answer.verify import Assessment, Verifier
from rag.schema import Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder


@pytest.mark.parametrize(
    ("sentence", "work"),
    [
        ("El post comenta el libro 'Generative AI with LangChain' de Ben Auffarth.", "libro"),
        ('The note reviews the book "Generative AI with LangChain" by Ben Auffarth.', "langchain"),
        ("El poema de Percy Shelley protesta contra la masacre.", "poema"),
        ("'Cien años de soledad' de Gabriel García Márquez se publicó en 1967.", "soledad"),
        ("El autor del post advierte que el panorama ha cambiado.", None),  # names no one
        ("Un libro de historia del arte.", None),  # lower case: no name
        ("Temujin fue el hijo de Yesugei Bagatur.", None),  # a son is no work
    ],
)
def test_a_work_followed_by_its_author_s_name_speaks_of_its_authorship(
    sentence: str, work: str | None
) -> None:
    works = authored_works(sentence)
    said = authorship_said(["quien", work or "libro"], works)
    assert (said == AUTHORSHIP_KEYS) is (work is not None)
    assert keys_of("escribió autor wrote author") <= AUTHORSHIP_KEYS
    # of another work than the question names, it says nothing of authorship
    assert not authorship_said(["blog", "post"], works)


NOTES = {
    "es": (
        "El autor del post advierte que, desde la publicación del libro, el panorama ha "
        "cambiado. El post comenta el libro 'Generative AI with LangChain' de Ben Auffarth."
    ),
    "en": (
        "The author of the post warns that the landscape has changed since the book came "
        'out. The post reviews the book "Generative AI with LangChain" by Ben Auffarth.'
    ),
}


QUESTIONS = [
    ("¿Quién es el autor del libro?", "es"),
    ("¿Quién escribió el libro?", "es"),
    ("Who wrote the book?", "en"),
    ("Who is the author of the book?", "en"),
]


def assessed(question: str, lang: str) -> Assessment:
    text = NOTES[lang]
    passage = Passage("c1", text, {"source": "notes/nota.md", "start": 0, "end": len(text)})
    return Verifier(WordEmbedder(), THRESHOLDS).assess(question, lang, [passage])


@pytest.mark.parametrize(("question", "lang"), QUESTIONS)
def test_the_sentence_naming_the_book_s_author_covers_the_question(
    question: str, lang: str
) -> None:
    by_author = next(s for s in assessed(question, lang).ranked if "Auffarth" in s.evidence.text)
    assert by_author.coverage == 1.0


def test_the_book_s_author_is_not_the_blog_s() -> None:
    question = "¿Cómo se llama el autor del blog que escribió el post?"
    by_author = next(s for s in assessed(question, "es").ranked if "Auffarth" in s.evidence.text)
    assert by_author.coverage < 0.5


@pytest.mark.parametrize(("question", "lang"), QUESTIONS[:3])
def test_the_book_s_author_is_not_the_post_s(question: str, lang: str) -> None:
    assessment = assessed(question, lang)
    answer = Verifier(WordEmbedder(), THRESHOLDS).verify(assessment, "el autor del post")
    assert answer.answer == "Ben Auffarth [1]"
