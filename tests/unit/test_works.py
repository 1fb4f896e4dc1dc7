"""A sentence that names a work's author says who wrote it, and one that quotes its title
says what it is called, in either language, though it writes neither "escribió" nor
"author", "título" nor "title" (rag/answer/works.py)."""

from __future__ import annotations

import pytest

from rag.answer.assessment import Assessment
from rag.answer.evidence import keys_of
from rag.answer.verify import Verifier, topic_answer
from rag.answer.works import (
    AUTHORSHIP_KEYS,
    TITLE_KEYS,
    asked_detail_kind,
    asked_title_kind,
    asked_topic_kind,
    authored_kinds,
    bare_work,
    gives_an_asked_author,
    is_cited_author,
    named_as_source,
    not_given_in_the_asked_role,
    of_another_work,
    said_of_works,
    title_given,
    titles_another_work,
    work_kinds,
    work_mentions,
    works_spoken_of,
)
from rag.schema import AnswerMode, Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder, verified


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
        # a name and then "su libro": the person's own work
        (
            "El post se basa en la argumentación que hace Ben Auffarth al final de su libro.",
            "libro",
        ),
        ("El post comenta su libro.", None),  # whose, it does not say
    ],
)
def test_a_work_followed_by_its_author_s_name_speaks_of_its_authorship(
    sentence: str, work: str | None
) -> None:
    works = work_mentions(sentence)
    said = said_of_works(f"¿Quién escribió {work or 'el libro'}?", works)
    assert (said >= AUTHORSHIP_KEYS) is (work is not None)
    assert keys_of("escribió autor wrote author") <= AUTHORSHIP_KEYS
    # of another work than the question names, it says nothing of authorship
    assert not said_of_works("¿Quién escribe el blog?", works) & AUTHORSHIP_KEYS


POST_NOTE = (
    "Esta nota procede del post «Tendencias en el desarrollo de modelos generativos», que "
    "comenta el libro 'Generative AI with LangChain' de Ben Auffarth."
)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # "which author" and no work whose author it asks: any work's author is one
        ("¿Qué autor se comenta en el blog?", True),
        ("¿Qué autor comenta el post?", True),
        ("Which author is mentioned in the post?", True),
        ("¿De qué autor habla el post?", True),
        ("About which author is the post?", True),
        # the author of the work it names
        ("¿Qué autor escribió el libro?", True),
        # the author of another work than the one it names
        ("¿Qué autor escribió el post?", False),
        ("¿Quién escribe el blog?", False),
        # no author asked
        ("¿Qué técnica se comenta en el blog?", False),
    ],
)
def test_a_which_author_question_naming_no_authored_work_takes_any_work_s_author(
    question: str, says: bool
) -> None:
    said = said_of_works(question, work_mentions(POST_NOTE))
    assert (said >= AUTHORSHIP_KEYS) is says


@pytest.mark.parametrize(
    ("question", "name", "gives"),
    [
        ("¿De qué autor habla el post?", "Ben Auffarth", True),
        ("¿Qué autor se comenta en el blog?", "Ben Auffarth", True),
        ("¿Quién escribió el libro?", "Ben Auffarth", True),
        ("¿Quién escribe el blog?", "Ben Auffarth", False),  # another work's author
        ("¿De qué autor habla el post?", "Generative AI", False),  # no author's name
    ],
)
def test_a_name_given_as_the_author_of_a_work_whose_author_is_asked(
    question: str, name: str, gives: bool
) -> None:
    start = POST_NOTE.index(name)
    assert gives_an_asked_author(question, POST_NOTE, start, start + len(name)) is gives


@pytest.mark.parametrize(
    ("question", "titled"),
    [
        ("¿Cuál es el título del libro?", True),
        ("What is the book called?", True),  # the kind of work is the same in either language
        ("¿Cómo se llama el post?", True),
        ("¿Cuál es el título del blog?", False),  # the note gives no title of the blog
        # the name asked is a person's, though the question names the post
        ("¿Cómo se llama el autor del blog que escribió el post?", False),
    ],
)
def test_a_work_followed_by_a_quoted_title_says_what_it_is_called(
    question: str, titled: bool
) -> None:
    said = said_of_works(question, work_mentions(POST_NOTE))
    assert (said >= TITLE_KEYS) is titled
    assert keys_of("título title llama called") <= TITLE_KEYS


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("¿Cuál es el título del post?", "post"),
        ("¿Cómo se llama el libro que comenta el post?", "book"),
        ("What is the title of the book?", "book"),
        ("What is the book called?", "book"),
        ("¿Cómo se llama el autor del blog?", None),  # a person's name, not a title
        ("¿Cuándo se publicó el libro?", None),
    ],
)
def test_the_kind_of_work_whose_title_is_asked(question: str, kind: str | None) -> None:
    assert asked_title_kind(question) == kind


def test_the_title_of_another_work_is_no_answer() -> None:
    book, post = (
        "Generative AI with LangChain",
        "Tendencias en el desarrollo de modelos generativos",
    )
    assert titles_another_work("¿Cuál es el título del post?", book, POST_NOTE)
    assert not titles_another_work("¿Cuál es el título del post?", post, POST_NOTE)
    assert not titles_another_work("What is the title of the book?", book, POST_NOTE)
    assert titles_another_work("What is the title of the book?", post, POST_NOTE)
    # a question that asks no title is not checked
    assert not titles_another_work("¿Qué libro comenta el post?", book, POST_NOTE)


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


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("¿De qué trata el post?", "post"),
        ("¿Cuál es el tema del libro?", "book"),
        ("What is the post about?", "post"),
        ("What is the topic of the book?", "book"),
        ("¿De qué trata la segunda parte?", None),  # no work
        ("¿Qué trata de reducir el post?", None),  # asks no topic
    ],
)
def test_the_kind_of_work_whose_topic_is_asked(question: str, kind: str | None) -> None:
    assert asked_topic_kind(question) == kind


def test_the_title_a_sentence_gives_a_kind_of_work() -> None:
    post = title_given("post", POST_NOTE)
    book = title_given("book", POST_NOTE)
    assert post is not None and POST_NOTE[post[0] : post[1]].startswith("Tendencias")
    assert book is not None and POST_NOTE[book[0] : book[1]] == "Generative AI with LangChain"
    assert title_given("song", POST_NOTE) is None


def test_a_topic_question_the_evidence_cannot_rank_gets_the_work_s_title() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    metadata: dict[str, object] = {"source": "notes/nota.md", "start": 0, "end": len(POST_NOTE)}
    assessment = verifier.assess(
        "¿De qué trata el post?", "es", [Passage("n", POST_NOTE, metadata)]
    )
    answer = topic_answer(assessment)
    assert answer is not None
    assert answer.answer == "Tendencias en el desarrollo de modelos generativos [1]"
    assert answer.citations[0].quote == POST_NOTE


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("¿De qué trata el post?", "Tendencias en el desarrollo de modelos generativos [1]"),
        # the post speaks of itself; a question about the book does not get the post's title
        ("¿De qué trata el libro?", None),
    ],
)
def test_a_work_that_speaks_of_itself_in_its_title_s_words_says_its_topic(
    question: str, topic: str | None
) -> None:
    post = (
        "En este post, y basándome en la misma fuente, comentaré algunas tendencias en el "
        "desarrollo de modelos generativos que identifica el mismo autor."
    )
    metadata: dict[str, object] = {
        "source": "posts/post.md",
        "title": "Tendencias en el desarrollo de modelos generativos",
        "start": 0,
        "end": len(post),
    }
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    answer = topic_answer(verifier.assess(question, "es", [Passage("p", post, metadata)]))
    assert (answer.answer if answer else None) == topic
    if answer is not None:
        assert answer.citations[0].quote == post


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("What does the post say about training time?", set()),
        ("¿Qué dice el post sobre el tiempo de entrenamiento?", set()),
        ("Según el post, ¿qué se reduce a la mitad?", set()),
        ("According to the book, the training time of models doubles", set()),
        # the work a question asks about, or a clause speaks of
        ("¿Cuándo se publicó el post del blog?", {"post"}),
        ("que el libro está publicado en Diciembre de 2023", {"book"}),
    ],
)
def test_a_work_named_as_the_source_is_no_work_spoken_of(text: str, kinds: set[str]) -> None:
    assert works_spoken_of(text) == kinds


def test_the_kinds_of_work_a_text_names_count_bookish_ones_as_one() -> None:
    assert work_kinds("¿Cuándo se publicó el post del blog?") == {"post"}
    assert work_kinds("The novel, the book and the essays") == {"book"}
    assert work_kinds("que el libro está publicado en 2023") == {"book"}
    assert work_kinds("Nada que ver.") == frozenset()


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much does the book cost?", "book"),
        ("How much is the book?", "book"),
        ("¿Cuántas páginas tiene el libro?", "book"),
        ("¿Cuál es el precio de la novela?", "book"),
        # the work as the source of a figure about something else
        ("¿Cuántas técnicas enumera el post?", None),
        ("How much did GPT-4's training cost according to the book?", None),
    ],
)
def test_a_detail_of_the_work_itself(question: str, kind: str | None) -> None:
    assert asked_detail_kind(question) == kind


FRONT_MATTER = {"source": "notes/conclusiones.md", "book_author": "Ben Auffarth"}


@pytest.mark.parametrize(
    ("question", "phrase", "cited"),
    [
        ("Who will control generative models according to the author?", "Ben Auffarth", True),
        ("Según el autor, ¿quién dominará el sector?", "Auffarth", True),
        ("Según el autor, ¿quién dominará el sector?", "OpenAI", False),
        # by the role, as the model may say it
        ("Según el autor, ¿quién dominará el sector?", "el autor", True),
        # the work a question cites: its author is the source too
        ("According to the post, who will control generative models?", "Ben Auffarth", True),
        ("¿Según el post, quién controlará los modelos generativos?", "el autor", True),
        ("¿Según el post, quién controlará los modelos generativos?", "OpenAI", False),
        # a question for the author himself
        ("¿Quién es el autor del libro?", "Ben Auffarth", False),
        ("Who wrote the book?", "Ben Auffarth", False),
        ("¿Quién escribió el libro, según el post?", "Ben Auffarth", False),
    ],
)
def test_the_author_a_question_cites_as_its_source_is_not_its_answer(
    question: str, phrase: str, cited: bool
) -> None:
    assert is_cited_author(question, phrase, FRONT_MATTER) is cited


def test_a_topic_question_gets_the_work_s_title_however_likely_an_answer_is() -> None:
    """Asked what the post is about, the model names some sentence's subject ("La relación
    entre desempeño y escala"); the title a sentence gives the post says it."""
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    metadata: dict[str, object] = {"source": "notes/nota.md", "start": 0, "end": len(POST_NOTE)}
    assessment = verifier.assess(
        "What is the post about?", "en", [Passage("n", POST_NOTE, metadata)]
    )
    assessment.probability = 0.99
    answer = verifier.verify(assessment, "La relación entre desempeño y escala.")
    assert answer.answer == "Tendencias en el desarrollo de modelos generativos [1]"


FIGURES_SOURCE = (
    "Las cifras de entrenamiento de GPT-4 y de Gemini 1.0 Ultra que da el post proceden de "
    "Epoch.ai."
)


@pytest.mark.parametrize(
    ("question", "sentence", "source"),
    [
        ("¿Quién entrenó Gemini 1.0 Ultra?", FIGURES_SOURCE, True),
        ("Who trained GPT-4?", "According to Epoch.ai, GPT-4 took 95 days.", True),
        # the question asks where the figures come from
        ("¿De dónde proceden las cifras de Gemini?", FIGURES_SOURCE, False),
        ("¿Qué fuente dan las notas para las cifras?", FIGURES_SOURCE, False),
        # made by it, not reported by it; nor does a verb of coming name a source
        ("¿Quién hizo la gráfica?", "La gráfica fue creada por Epoch.ai.", False),
        ("¿Quién visita el post?", "Mañana vienen Epoch.ai y otros.", False),
    ],
)
def test_a_name_given_as_the_source_of_figures_did_not_do_what_they_measure(
    question: str, sentence: str, source: bool
) -> None:
    assert named_as_source(question, sentence, sentence.index("Epoch.ai")) is source


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("¿Quién escribe el blog?", {"post"}),
        ("Who is the author of the book?", {"book"}),
        ("Who wrote the paper the graph was based on?", {"article"}),
        ("¿Quién escribió sobre la destilación del agua?", set()),  # names no work
        ("¿Qué libro comenta el post?", set()),  # asks no author
        ("¿Qué autor se comenta en el blog?", set()),  # the blog speaks of the author
        ("Which author is mentioned in the post?", set()),
        ("¿Quién escribe en el blog?", {"post"}),
        ("¿Qué autor comenta el post?", set()),
        ("¿Qué autor escribió el libro?", {"book"}),
        ("Which author wrote the post?", {"post"}),
        ("¿Quién es el autor del libro que se comenta en el blog?", {"book"}),
        # whose work it is
        ("¿De quién es el libro Generative AI with LangChain?", {"book"}),
        ("Whose book is Generative AI with LangChain?", {"book"}),
        ("¿De quién es el blog?", {"post"}),
        ("¿De quién habla el post?", set()),
    ],
)
def test_the_kinds_of_work_whose_author_is_asked(question: str, kinds: set[str]) -> None:
    assert authored_kinds(question) == kinds


SUMMARY = (
    'This note summarises the blog post "Tendencias", which reviews the book "Generative '
    'AI with LangChain" by Ben Auffarth.'
)


@pytest.mark.parametrize(
    ("question", "phrase", "sentence", "refused"),
    [
        # the book's author, not the blog's
        ("¿Quién escribe el blog?", "Ben Auffarth", SUMMARY, True),
        ("Who wrote the book?", "Ben Auffarth", SUMMARY, False),
        # a sentence that says nothing of authorship
        (
            "Who is the author of the blog?",
            "Ben Auffarth",
            "The blog post is based on the argument that Ben Auffarth makes in his book.",
            True,
        ),
        # "by" a name with its initials, or a word of authorship, gives the author
        (
            "Who wrote the paper?",
            "Michael E. Mann",
            "The graph is based on a 1999 paper by Michael E. Mann and others.",
            False,
        ),
        ("¿Quién escribió el poema?", "Percy Shelley", "Percy Shelley escribió el poema.", False),
        # "his book": the book's author, asked of the book
        (
            "Who wrote the book?",
            "Ben Auffarth",
            "The blog post is based on the argument that Ben Auffarth makes in his book.",
            False,
        ),
        (
            "¿Quién es el autor del libro en el que se basa el post?",
            "Ben Auffarth",
            "El post se basa en la argumentación que hace Ben Auffarth al final de su libro.",
            False,
        ),
        # a book's author is not who made a chart, nor who will control the models
        ("¿Quién hizo la gráfica?", "Ben Auffarth", SUMMARY, True),
        ("¿Quiénes controlarán los modelos?", "Ben Auffarth", SUMMARY, True),
        # asked who wrote a work the question names by its title only
        ("Who wrote Generative AI with LangChain?", "Ben Auffarth", SUMMARY, False),
        ("¿Quién es el autor de Generative AI with LangChain?", "Ben Auffarth", SUMMARY, False),
        # asked who did something else to a work, its author is not the one who did it
        ("Who reviewed the book?", "Ben Auffarth", SUMMARY, True),
        ("¿Quién comenta el libro en el blog?", "Ben Auffarth", SUMMARY, True),
        ("Who reviewed the book?", "Ana Ruiz", "Ana Ruiz reviewed the book.", False),
    ],
)
def test_a_work_s_author_is_named_only_where_its_authorship_is_asked(
    question: str, phrase: str, sentence: str, refused: bool
) -> None:
    assert not_given_in_the_asked_role(question, phrase, sentence) is refused


@pytest.mark.parametrize(
    "question",
    ["¿Quién escribe el blog?", "Who is the author of the blog?", "Who writes the blog?"],
)
def test_the_blog_s_author_is_not_found_in_the_book_s(question: str) -> None:
    text = SUMMARY + " The author concludes that big companies will hold these models."
    lang = "es" if question.startswith("¿") else "en"
    answer = verified(question, text, "Ben Auffarth", lang)
    assert answer.mode is AnswerMode.ABSTAINED


@pytest.mark.parametrize(
    ("question", "clause", "another"),
    [
        ("¿Cuándo se publicó el post?", "que el libro está publicado en 2023", True),
        ("¿Cuándo se publicó el libro?", "que el libro está publicado en 2023", False),
        # a clause that names no work, or also the asked one
        ("¿Cuándo se publicó el post?", "que se publicó en 2023", False),
        ("¿Cuándo se publicó el post?", "el post sobre el libro salió en 2023", False),
        # a question that names no work is not checked
        ("¿Cuándo se publicó?", "que el libro está publicado en 2023", False),
    ],
)
def test_a_clause_about_another_kind_of_work(question: str, clause: str, another: bool) -> None:
    assert of_another_work(question, clause) is another


@pytest.mark.parametrize(
    ("phrase", "bare"),
    [
        ("The post", True),
        ("el libro", True),
        ("este blog", True),
        ("the post lists eleven", False),
        ("En el post", False),  # where something is said
        ("Ben Auffarth", False),
    ],
)
def test_a_phrase_that_only_names_a_kind_of_work(phrase: str, bare: bool) -> None:
    assert bare_work(phrase) is bare


def test_the_document_naming_itself_is_no_answer() -> None:
    text = (
        "Incorporating knowledge bases with factual information reduces hallucinations. "
        "The book lists techniques that help, and the post lists eleven of them."
    )
    answer = verified("Which technique helps with hallucinations?", text, "the post", "en")
    assert not answer.answer.startswith("The post")


@pytest.mark.parametrize(
    "question", ["¿De qué autor habla el post?", "¿Qué autor comenta el post?"]
)
def test_the_author_whom_the_post_speaks_of_is_the_reviewed_book_s(question: str) -> None:
    text = "El autor del post advierte que el panorama ha cambiado. " + POST_NOTE
    answer = verified(question, text, "Ben Auffarth", "es")
    assert (answer.answer, answer.mode) == ("Ben Auffarth [1]", AnswerMode.GENERATED)
