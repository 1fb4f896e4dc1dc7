"""Who owns what a question asks about (rag/answer/subjects.py): a sentence that gives the
owner of an asked name says who made it, though it writes neither "empresa" nor "made"."""

from __future__ import annotations

import pytest

from rag.answer.evidence import Evidence, keys_of, passage_sentences
from rag.answer.subjects import (
    MAKER_KEYS,
    MAKER_ROLE_KEYS,
    MAKING_KEYS,
    maker_words_said,
    names_carried,
    names_only_the_noun_asked_with,
    names_the_subject,
    passage_gives_the_names,
    refers_back,
    subject_names,
)
from rag.schema import Passage


@pytest.mark.parametrize(
    ("question", "sentence", "says"),
    [
        (
            "¿Qué empresa desarrolló GPT-4?",
            "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días.",
            True,
        ),
        ("Which company made GPT-4?", "The training of OpenAI's GPT-4 model lasted 95 days.", True),
        # the owner of another name than the question asks about
        (
            "¿Qué empresa creó Gemini?",
            "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días.",
            False,
        ),
        # no owner: "de" before a word that is no name
        (
            "¿Qué empresa desarrolló GPT-4?",
            "El entrenamiento de GPT-4 costó 41 millones de dólares.",
            False,
        ),
    ],
)
def test_a_sentence_giving_the_owner_of_an_asked_name_says_who_made_it(
    question: str, sentence: str, says: bool
) -> None:
    assert (maker_words_said(question, sentence) == MAKER_KEYS) is says
    assert keys_of("empresa desarrolló company made developed") <= MAKER_KEYS


@pytest.mark.parametrize(
    ("question", "sentence", "says"),
    [
        ("¿Quién hizo la gráfica?", "El libro usa una gráfica creada por Epoch.ai.", True),
        ("Who made the chart?", "The book uses a chart created by Epoch.ai.", True),
        # nor only to "who": to the maker a question names, and that maker word too
        ("¿Qué organización elaboró la gráfica?", "Una gráfica creada por Epoch.ai.", True),
        ("Which organization produced the chart?", "A chart created by Epoch.ai.", True),
        # not to a question that asks for no one
        ("¿Qué produce la planta?", "La planta fue creada en 1950.", False),
        # nor from a sentence that writes no verb of making
        ("¿Quién hizo la gráfica?", "La gráfica muestra el tiempo en abscisas.", False),
        # nor when the verb asked of "who" is not one of making
        ("Who may seek changes where the building will be built?", "It was created.", False),
    ],
)
def test_to_a_who_question_one_verb_of_making_says_them_all_and_who_makes(
    question: str, sentence: str, says: bool
) -> None:
    assert (maker_words_said(question, sentence) == MAKING_KEYS | MAKER_ROLE_KEYS) is says


def note_sentences(text: str, lang: str = "es") -> list[Evidence]:
    """The sentences of a note that is one passage."""
    metadata = {"source": "notes/nota.md", "title": "Nota", "lang": lang, "start": 0}
    return passage_sentences(Passage("c1", text, metadata | {"end": len(text)}, score=1.0))


LEAGUE = (
    "Los Halcones ganaron la liga de 2015. Aquel año jugaron 30 partidos en Lisboa y en la "
    "región de Oporto. "
    "Aquel año ficharon al Club Norte a 12 jugadores. Aquel año los Tigres ganaron 25 partidos."
)


@pytest.mark.parametrize(
    ("sentence_index", "names"),
    [
        (0, True),  # names the Halcones
        (1, True),  # names only the places where: still about its passage's Halcones
        (2, True),  # and to whom: "al Club Norte"
        (3, False),  # about the Tigres
    ],
)
def test_a_sentence_naming_only_places_speaks_of_what_its_passage_names(
    sentence_index: int, names: bool
) -> None:
    question = "¿Cuántos partidos ganaron los Halcones aquel año?"
    assert names_the_subject(question, note_sentences(LEAGUE)[sentence_index]) is names


COAST = (
    "Kenia tiene una larga costa. "
    "En 2006, UNICEF estimó que hasta el 30 % de las niñas de las zonas costeras de Malindi y "
    "Mombasa trabajaban. "
    "Hasta el 30 % de las niñas de las zonas costeras de Malindi trabajaban. "
    "En 2007, UNICEF abrió 40 escuelas en las zonas costeras de Malindi. "
    "Hasta el 20 % de las niñas trabajaban según este informe de la OMS."
)


@pytest.mark.parametrize(
    ("sentence_index", "names"),
    [
        (1, True),  # UNICEF reports it, and Malindi and Mombasa are where
        (2, True),  # a place noun with its adjective before "de"
        (3, False),  # UNICEF is what this one speaks of
        (4, False),  # "este" is "this", no point of the compass: the OMS's report
    ],
)
def test_a_name_that_reports_what_the_sentence_says_is_not_its_subject(
    sentence_index: int, names: bool
) -> None:
    question = "¿Qué porcentaje de niñas trabajaban en las zonas costeras de Kenia?"
    assert names_the_subject(question, note_sentences(COAST)[sentence_index]) is names


DECLARATION = (
    "Lutero escribió su última declaración en un trozo de papel. "
    "La declaración estaba en latín, aparte de «Somos mendigos», que estaba en alemán."
)


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        ("Somos mendigos", True),  # the name asked for is no other subject
        ("", False),  # read for no answer, "Somos mendigos" is a name the question lacks
        ("alemán", False),  # another answer, after that name
    ],
)
def test_the_names_of_the_answer_a_sentence_is_read_for_are_no_other_subject(
    answer: str, names: bool
) -> None:
    question = "¿Qué parte de la última declaración de Lutero estaba en alemán?"
    sentence = note_sentences(DECLARATION)[1]
    assert names_the_subject(question, sentence, answer) is names


MARKET = (
    "El Mercado del Grainger se abrió en 1835. La inauguración se celebró con una gran "
    "cena a la que asistieron 2000 invitados, y la Galería de Arte Laing expone su historia."
)


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        ("2000 invitados", True),  # the Galería is named in a clause after the answer's
        ("", False),  # read whole, the sentence names the Galería, which the question lacks
        ("su historia", False),  # the answer's clause names it
    ],
)
def test_the_names_of_the_clauses_after_the_answers_are_no_other_subject(
    answer: str, names: bool
) -> None:
    question = "¿Cuántos invitados asistieron a la cena de inauguración del Mercado del Grainger?"
    assert names_the_subject(question, note_sentences(MARKET)[1], answer) is names


CLUBS = (
    "Los Halcones ganaron la liga de 2015. Fue el primer título de Luis Mora como entrenador. "
    "Su capitán marcó 20 goles y ganó el trofeo Pichichi. "
    "Los Tigres quedaron segundos. Sus mejores jugadores, Ana Ruiz y Eva Gil, marcaron 40 goles."
)


@pytest.mark.parametrize(
    ("sentence_index", "names"),
    [
        (0, True),
        (1, True),  # its verb has no subject: about the Halcones the sentence before names
        (2, True),  # and so is the next one that refers back
        (3, False),
        (4, False),  # "Sus": the Tigres' players
    ],
)
def test_a_sentence_that_refers_back_speaks_of_what_the_one_before_names(
    sentence_index: int, names: bool
) -> None:
    question = "¿Qué ganaron los Halcones en 2015?"
    assert names_the_subject(question, note_sentences(CLUBS)[sentence_index]) is names


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        ("Tres de sus obras más conocidas se publicaron en 1520.", True),
        ("Fue inaugurado en cinco fases entre 1980 y 1984.", True),
        ("This work appeared in 1520.", True),
        ("Los Broncos ganaron la final.", False),
        ("Su rival Gemini costó 191 millones de dólares.", False),  # it names its subject
        ("La ciudad está servida por el metro.", False),  # "está" is no "esta"
        ("Esta ciudad tiene metro.", True),
        ("The work of Luther appeared in 1520.", False),
        # a word that adds to what the sentence before said
        ("También ganó el campeonato del país en 1946.", True),
        ("It also won the league in 1946.", True),
        ("También Luis Mora ganó el campeonato.", False),  # it names its subject
        # before a comma, it opens a clause with a subject of its own
        ("Además, entre 1073 y 1074, 8000 de las tropas eran normandas.", False),
        ("Además de la infección bubónica, hubo otras formas de la plaga.", False),
        # "Por su parte" turns to the subject the sentence goes on to name
        ("Por su parte, el entrenamiento de Gemini duró 100 días.", False),
        ("El club también ganó la copa.", False),  # "también" after its subject
    ],
)
def test_refers_back(sentence: str, back: bool) -> None:
    assert refers_back(sentence) is back


TRAINING = (
    "El entrenamiento de GPT-4 duró 95 días. También consumió mucha energía eléctrica. "
    "Por su parte, el entrenamiento de Gemini duró 100 días. Fue el más caro de los dos. "
    "Sus rivales, los modelos de Meta, costaron menos."
)


def test_a_sentence_referring_back_carries_the_names_of_the_one_it_refers_to() -> None:
    sentences = note_sentences(TRAINING)
    assert keys_of("GPT-4") <= names_carried(sentences[1])
    assert names_carried(sentences[0]) == frozenset()  # it refers to nothing before it
    # "Por su parte" turns to another subject
    assert names_carried(sentences[2]) == frozenset()
    # "Fue…" speaks of the sentence before it, which names Gemini
    assert keys_of("Gemini") <= names_carried(sentences[3])
    assert not keys_of("GPT-4") & names_carried(sentences[3])
    # "Sus" refers back, but the sentence names Meta, which it may speak of instead
    assert names_carried(sentences[4]) == frozenset()


GAME = (
    "Los Broncos vencieron a los Pittsburgh Steelers al anotar 11 puntos en los últimos "
    "tres minutos del partido."
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("¿Cuántos puntos anotaron los Broncos contra los Pittsburgh Steelers?", True),
        # a name of two words of which the passage gives one word
        ("¿Cuántos puntos anotaron los Broncos contra los Steelers de Pittsburgh?", True),
        # a name of two words that the passage never gives
        ("¿Cuántos puntos anotaron los Broncos contra los Dallas Cowboys?", False),
        # nor does the sentence's own subject make up for it
        ("¿Cuántos puntos anotaron los Broncos contra Peyton Manning?", False),
        # across languages a name may be translated: not asked
        ("How many points did the Broncos score against the Dallas Cowboys?", True),
    ],
)
def test_the_passage_gives_every_name_of_several_words_the_question_asks_about(
    question: str, names: bool
) -> None:
    sentence = note_sentences(GAME)[0]
    assert passage_gives_the_names(question, sentence) is names
    assert names_the_subject(question, sentence) is names


def test_a_name_of_several_words_the_passage_never_capitalizes_is_named_by_its_words() -> None:
    sentence = note_sentences("Lady Gaga cantó el himno nacional; Marlee Matlin lo tradujo.")[0]
    assert names_the_subject("¿Quién cantó el Himno Nacional?", sentence)


COMB_JELLIES = (
    "Casi todos los ctenóforos son depredadores, de gran tamaño. El Atlas Marino cuenta 150 "
    "especies. "
    "La Barrera alberga muchas."
)


@pytest.mark.parametrize(
    ("question", "sentence_index", "names"),
    [
        # a word the passage never writes with a capital is no proper name there
        ("¿Cuántas especies de Ctenóforos se han validado?", 0, True),
        ("¿Cuántas especies de Ctenóforos se han validado?", 1, False),
        # a word beside another capitalized one is part of a longer name
        ("¿Cuántas especies viven en el Gran Los Arrecifes?", 0, False),
        # a name it capitalizes is still matched as a name only
        ("¿Cuántas especies viven en la Barrera?", 1, False),
        ("¿Cuántas especies viven en la Barrera?", 2, True),
    ],
)
def test_a_name_the_passage_never_capitalizes_is_named_by_its_common_word(
    question: str, sentence_index: int, names: bool
) -> None:
    assert names_the_subject(question, note_sentences(COMB_JELLIES)[sentence_index]) is names


OIL = (
    "At the time, Iran was the world's second-largest oil exporter and a close US ally. "
    "The European oil market was short of crude."
)


@pytest.mark.parametrize(
    ("question", "sentence_index", "names"),
    [
        ("Which oil producer is a close ally of the United States?", 0, True),  # "US"
        ("Which oil producer is a close ally of the United Kingdom?", 0, False),
        ("Which oil producer is a close ally of the United States?", 1, False),
    ],
)
def test_a_name_is_named_by_its_initials(question: str, sentence_index: int, names: bool) -> None:
    assert names_the_subject(question, note_sentences(OIL, "en")[sentence_index]) is names


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What GPU did OpenAI use?", ("OpenAI",)),
        ("¿Qué TPU diseñó Google?", ("Google",)),
        ("¿Qué empresa desarrolló GPT-4?", ("GPT-4",)),
        # a name longer than the noun asked with is still a name
        ("¿Qué Super Bowl ganaron los Broncos?", ("Super", "Bowl", "Broncos")),
    ],
)
def test_the_noun_a_question_asks_with_is_no_subject_it_names(
    question: str, names: tuple[str, ...]
) -> None:
    assert subject_names(question) == names


def test_a_sentence_naming_only_the_noun_asked_with_is_not_about_the_subject() -> None:
    text = (
        "Dedicated AI hardware accelerators means using specialized hardware, as GPUs and "
        "TPUs have been so far. The training of OpenAI's GPT-4 model performed 2.1 x 10^25 FLOPs."
    )
    general, of_openai = note_sentences(text, "en")
    assert not names_the_subject("What GPU did OpenAI use?", general)
    assert names_the_subject("What GPU did OpenAI use?", of_openai)
    assert names_only_the_noun_asked_with("What GPU did OpenAI use?", general)
    assert not names_only_the_noun_asked_with("What GPU did OpenAI use?", of_openai)
    # a question that asks with no name: the check does not apply
    assert not names_only_the_noun_asked_with("What did OpenAI use to train GPT-4?", general)


@pytest.mark.parametrize(
    ("question", "sentence", "names"),
    [
        (
            "Según la AAA, ¿qué porcentaje de gasolineras se quedó sin gasolina?",
            "La Asociación Americana del Automóvil informó que el 20 % se quedó sin gasolina.",
            True,
        ),
        (
            "¿Cuál es la ciudad más poblada de EE. UU.?",
            "Nueva York es la ciudad más poblada de Estados Unidos.",
            True,
        ),
        # initials that the sentence's words spell only in lower case name nothing
        (
            "Según la AAA, ¿qué porcentaje de gasolineras se quedó sin gasolina?",
            "Algunas asociaciones americanas anunciaron que el 20 % se quedó sin gasolina.",
            False,
        ),
        (
            "¿Cuál es la ciudad más poblada de EE. UU.?",
            "Toronto es la ciudad más poblada de Canadá.",
            False,
        ),
    ],
)
def test_a_sentence_that_writes_out_the_question_s_acronym_names_it(
    question: str, sentence: str, names: bool
) -> None:
    assert names_the_subject(question, note_sentences(sentence)[0]) is names
