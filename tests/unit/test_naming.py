"""What a thing is called: the name a sentence gives, not the whole sentence."""

from __future__ import annotations

import pytest

from rag.answer.naming import (
    apposed_name,
    asks_for_the_name,
    glossed_term,
    name_given,
    names_whom_asked,
    quoted_after_the_asked_word,
    source_named,
    the_one_name,
    the_one_place,
)
from rag.answer.verify import Verifier
from rag.schema import Answer, AnswerMode, Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder, quoted


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("¿Cómo se llama la ley que rige el coste de los chips?", True),
        ("¿Cómo se conocía el barrio antes de 1900?", True),
        ("¿Cuál es el apodo del estadio?", True),
        ("¿Qué nombre recibe esa técnica?", True),
        ("¿Cuál es el nombre del primer modelo?", True),
        ("What is the smallest version of the model called?", True),
        ("What was the nickname of the bridge?", True),
        ("What is model distillation often referred to as?", True),
        ("Which lab, known as the cradle of AI, built the first model?", False),
        ("¿Cómo se calcula el coste?", False),
        ("Nombre una técnica de ajuste fino.", False),  # "name one": an example
        ("Who named the bridge?", False),
    ],
)
def test_asks_for_the_name(question: str, asks: bool) -> None:
    assert asks_for_the_name(question) is asks


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ('El valle, conocido como "la Hondonada", tiene tres pueblos.', "la Hondonada"),
        ("Se cumple la denominada Ley de Moore según la cual los chips crecen.", "Ley de Moore"),
        ("Un modelo que imita a otro mayor se llama modelo destilado.", "modelo destilado"),
        ("El puente, llamado a menudo «el Viejo», cruza el río.", "el Viejo"),
        ("Allí el maestro se conoce como gurú y, en otras tradiciones, como lama.", "gurú"),
        ('Esa derivada es lo que llamamos "fuerza gravitacional".', "fuerza gravitacional"),
        ("The smallest version, known as Gemini Nano, runs on phones.", "Gemini Nano"),
        ("That way of sampling is called nucleus sampling, and it cuts tails.", "nucleus sampling"),
    ],
)
def test_the_name_a_sentence_gives(sentence: str, name: str) -> None:
    given = name_given(sentence, "¿Cómo se llama?")
    assert given is not None
    assert given.text == name
    assert sentence[given.start : given.end] == name


@pytest.mark.parametrize(
    "sentence",
    [
        "El horno (llamado de varias maneras: cámara o caldera) quema carbón.",  # no name
        "The fort was named after the king who paid for it.",
        "El modelo es conocido por su tamaño.",  # known for, not known as
        "El coste de los chips baja cada año.",
    ],
)
def test_no_name_given(sentence: str) -> None:
    assert name_given(sentence, "¿Cómo se llama?") is None


FLOWER = (
    "Cada flor tiene cinco hojas de color, llamadas pétalos, y en el centro unos hilos "
    "finos, llamados estambres."
)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("¿Cómo se llaman los hilos finos del centro de la flor?", "estambres"),
        ("¿Cómo se llaman las hojas de color de la flor?", "pétalos"),
    ],
)
def test_of_several_names_the_one_given_to_what_the_question_names(
    question: str, name: str
) -> None:
    given = name_given(FLOWER, question)
    assert given is not None
    assert given.text == name


NOTE = (
    "El coste del entrenamiento baja porque existe la denominada Ley de Rock según la cual "
    "el coste de los procesadores se reduce a la mitad cada cuatro años."
)


def verified(question: str, document: str, generated: str) -> Answer:
    """The verifier's answer from one document, given what the model said."""
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    metadata: dict[str, object] = {"source": "notes/doc.md", "title": "Doc", "lang": "es"}
    metadata |= {"start": 0, "end": len(document)}
    passage = Passage("c1", document, metadata, score=1.0)
    return verifier.verify(verifier.assess(question, "es", [passage]), generated)


@pytest.mark.parametrize(
    ("question", "sentence", "name"),
    [
        (
            "¿Cuál fue el primer cabaret literario de Varsovia?",
            "El complejo contó con el Momus ―el primer cabaret literario de Varsovia― y con "
            "el teatro musical Melodram de Leon Schiller.",
            "Momus",
        ),
        (
            "¿Cuál es el nombre de la última época?",
            "El Holoceno (la última época) es demasiado breve para verse en esta escala.",
            "Holoceno",
        ),
        (
            "¿Quién fue el primer estadounidense en ganar el Nobel de Economía?",
            "Enseñaron allí Paul Samuelson, el primer estadounidense en ganar el Nobel de "
            "Economía, y Milton Friedman.",
            "Paul Samuelson",
        ),
        (
            "Who was the first director of the museum?",
            "Henry Cole, the first director of the museum, chose the site.",
            "Henry Cole",
        ),
        # the capitalised article of a name, and the name it joins
        (
            "¿Cuál es el segundo aeropuerto más concurrido del país?",
            "La región alberga el Aeropuerto Internacional de Los Ángeles, el segundo "
            "aeropuerto más concurrido del país por pasajeros.",
            "Aeropuerto Internacional de Los Ángeles",
        ),
        # an English possessive opens the description
        (
            "What was Warsaw's first literary cabaret?",
            "The complex housed the Momus, Warsaw's first literary cabaret, and a theatre.",
            "Momus",
        ),
        # a copula sets the description beside the name
        (
            "¿Cuál es la ciudad más grande sin autopista interestatal?",
            "Fresno es la ciudad más grande del país sin autopista interestatal directa.",
            "Fresno",
        ),
        # the name a subject that holds most of the description is said to be
        (
            "¿Quién fue el colaborador musical más frecuente de la serie en sus primeros años?",
            "El colaborador musical más frecuente durante los primeros 15 años fue Dudley "
            "Simpson, quien también compuso para otras series.",
            "Dudley Simpson",
        ),
        # with the names "of" joins to it
        (
            "What was the title of Simpson's first score?",
            "Simpson's first score was Planet of Giants (1964), and he wrote many more.",
            "Planet of Giants",
        ),
        # a name that opens a phrase, and that a copula says holds most of the description
        (
            "¿Cuál es la ciudad famosa por sus autopistas?",
            "Fresno es famosa por sus autopistas.",
            "Fresno",
        ),
        (
            "¿Cómo se llamaba uno de los primeros geólogos persas, que vivió de 973 a 1048?",
            "Abu al-Rayhan al-Biruni (973-1048 d.C.) fue uno de los primeros geólogos persas, "
            "cuyas obras incluían los primeros escritos sobre la geología de la India.",
            "Abu al-Rayhan al-Biruni",
        ),
        (
            "¿Cómo se llaman las escuelas secundarias privadas en Alemania?",
            "Las Ergänzungsschulen son escuelas secundarias o postsecundarias privadas.",
            "Ergänzungsschulen",
        ),
        # a common word after an initial is part of the name
        (
            "¿Cómo se llama el puente que une partes del campus?",
            "El John W. Weeks Bridge es un puente peatonal que une partes del campus.",
            "John W. Weeks Bridge",
        ),
        (
            "What are private secondary schools in Germany called?",
            "Ergänzungsschulen are secondary or post-secondary private schools in Germany.",
            "Ergänzungsschulen",
        ),
        # a name set between commas after a stretch that holds most of the description
        (
            "Inspirada por Shelley, ¿cómo se llamaba la primera serie de Doctor Who?",
            "La primera serie de Doctor Who, Planet of Giants, se emitió en 1964.",
            "Planet of Giants",
        ),
        (
            "Who was the final Prime Minister of East Germany?",
            "The final Prime Minister of East Germany, Lothar de Maizière, signed the treaty.",
            "Lothar de Maizière",
        ),
    ],
)
def test_the_name_set_beside_the_questions_description(
    question: str, sentence: str, name: str
) -> None:
    found = apposed_name(question, sentence)
    assert found is not None
    assert sentence[found.start : found.end] == name


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # a clause, not an apposition: the comma opens the verb of the name before it
        (
            "¿Quién cantó el himno nacional estadounidense?",
            "Lady Gaga, ganadora del Óscar, cantó el himno nacional estadounidense.",
        ),
        # no article after the comma: the description goes with the name that follows
        (
            "¿Quién fue el fundador de Oracle Corporation?",
            "Estudiaron allí Satya Nadella, fundador de Oracle Corporation y rico Larry Ellison.",
        ),
        # the apposition lacks a word of the description
        (
            "¿Cuál fue el primer cabaret literario de Cracovia?",
            "El complejo contó con el Momus ―el primer cabaret literario de Varsovia―.",
        ),
        # what a copula says of the name holds only part of the description
        (
            "¿Cuál es la ciudad famosa por sus autopistas?",
            "Fresno es famosa por su clima.",
        ),
        # a capitalised pronoun is no name
        (
            "Who is the oldest quarterback to play in a Super Bowl?",
            "He is also the oldest quarterback ever to play in a Super Bowl.",
        ),
        # the name does not open a phrase: "Bridge" ends the one "Weeks" goes on
        (
            "¿Cómo se llama el puente que une partes del campus?",
            "El puente Weeks Bridge es un puente peatonal que une partes del campus.",
        ),
        # the stretch before the commas holds only part of the description
        (
            "¿Cómo se llama la primera serie de Doctor Who?",
            "Otra serie, Planet of Giants, se emitió en 1964.",
        ),
        # the subject before the copula holds only part of the description
        (
            "¿Quién fue el colaborador musical más frecuente de la serie en sus primeros años?",
            "El colaborador de la serie fue Dudley Simpson.",
        ),
        # the question does not ask what is described
        (
            "¿Qué abrió el primer cabaret literario de Varsovia?",
            "El complejo contó con el Momus ―el primer cabaret literario de Varsovia―.",
        ),
    ],
)
def test_no_name_set_beside_the_description(question: str, sentence: str) -> None:
    assert apposed_name(question, sentence) is None


CABARET = (
    "Durante el periodo de entreguerras, el complejo teatral también contó con el Momus "
    "―el primer cabaret literario de Varsovia― y con el teatro musical Melodram de Leon "
    "Schiller."
)


@pytest.mark.parametrize(
    ("question", "sentence", "quote"),
    [
        (
            "¿Qué himno escribió Lutero tras el martirio?",
            "Aquello le llevó a escribir el himno «Ein neues Lied wir heben an», que se cantó.",
            "Ein neues Lied wir heben an",
        ),
        (
            "¿Qué artículo fue publicado en 1937?",
            'En su artículo " Una máquina para acabar con la guerra", publicado en 1937, dijo:',
            "Una máquina para acabar con la guerra",
        ),
        (
            "¿Qué significa ctenóforo en griego?",
            'El nombre "ctenóforos" significa "con peine", del griego.',
            "con peine",
        ),
        (
            "What report gave the correct date?",
            'The date was quoted from the WWF report "Variations of Snow and Ice", in 2005.',
            "Variations of Snow and Ice",
        ),
    ],
)
def test_the_quote_right_after_the_word_the_question_asks_with(
    question: str, sentence: str, quote: str
) -> None:
    found = quoted_after_the_asked_word(question, sentence)
    assert found is not None
    assert sentence[found.start : found.end] == quote == found.text


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # a quote of the question's own words
        ("¿Qué himno se llama «Ein feste Burg»?", "Escribió el himno «Ein feste Burg» en 1529."),
        # the quote does not follow the asked word
        ("¿Qué himno escribió Lutero?", "Lutero escribió un himno; su lema era «Sola fide»."),
        # the question asks with no noun or verb
        ("¿Qué es un himno?", "Un himno «solemne» se canta en pie."),
        # the sentence also quotes the question's words: it asks for another of them
        (
            "¿Qué escuelas están clasificadas como independientes?",
            'La ley reconoce escuelas "públicas" (del estado) e "independientes" (privadas).',
        ),
    ],
)
def test_no_quote_after_the_asked_word(question: str, sentence: str) -> None:
    assert quoted_after_the_asked_word(question, sentence) is None


ACRONYMS = (
    "En el post, GPU significa 'Graphical Processing Unit' y TPU significa 'Tensor "
    "Processing Unit'."
)


@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ("¿Qué significa TPU?", "Tensor Processing Unit"),
        ("¿Qué significa GPU según el post?", "Graphical Processing Unit"),
        ("¿Qué significa FLOPS?", None),  # neither quote is said of it
    ],
)
def test_of_several_quotes_the_one_said_of_what_the_question_names(
    question: str, quote: str | None
) -> None:
    found = quoted_after_the_asked_word(question, ACRONYMS)
    assert (found and found.text) == quote


HYMN = (
    "La ejecución de dos monjes motivó a Lutero a escribir el himno «Ein neues Lied wir "
    "heben an», que se cantó en toda Alemania."
)


@pytest.mark.parametrize(
    ("question", "document", "generated", "expected"),
    [
        # what something is called, where the model did not say
        (
            "¿Cómo se llama la ley según la cual el coste de los procesadores se reduce?",
            NOTE,
            "No lo sé.",
            "Ley de Rock [1]",
        ),
        # the name beside the description, where the model named the theatre after it
        (
            "¿Cuál fue el primer cabaret literario de Varsovia?",
            CABARET,
            "El teatro musical Melodram de Leon Schiller.",
            "Momus [1]",
        ),
        # the quoted title of the asked work
        (
            "¿Qué himno escribió Lutero tras la ejecución de los monjes?",
            HYMN,
            "Alemania",
            "Ein neues Lied wir heben an [1]",
        ),
    ],
)
def test_the_name_a_sentence_gives_answers_whatever_the_model_said(
    question: str, document: str, generated: str, expected: str
) -> None:
    answer = verified(question, document, generated)
    assert answer.mode is AnswerMode.EXTRACTIVE
    assert answer.answer == expected
    assert answer.citations[0].quote == document


@pytest.mark.parametrize(
    ("question", "sentence", "name"),
    [
        (
            "¿Quién era el hijo de Ayurbarwada?",
            "El emperador Gegeen Khan, hijo y sucesor de Ayurbarwada, gobernó solo dos años.",
            "Gegeen Khan",
        ),
        (
            "Who was hired to produce the network's identity?",
            "The network hired the Troika Design Group to design and produce its identity.",
            "Troika Design Group",
        ),
        # a name that says where is none: "en Polonia"
        (
            "¿Quién ganó la liga en el año 2000?",
            "Su rival, el Polonia Varsovia, ganó la liga en el año 2000 en Polonia.",
            "Polonia Varsovia",
        ),
        # the other name it has in brackets is the same one's
        (
            "¿Quién promovió el uso de compuestos químicos como medicamentos?",
            "Zakarīya Rāzi (Rhazes), por ejemplo, actuó para promover los usos médicos de los "
            "compuestos químicos.",
            "Zakarīya Rāzi (Rhazes)",
        ),
    ],
)
def test_the_one_name_a_sentence_gives_besides_the_questions(
    question: str, sentence: str, name: str
) -> None:
    found = the_one_name(question, sentence, "es", {})
    assert found is not None
    assert found.text == name


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # two names besides the question's: which one is not said
        (
            "¿Quién ganó la final?",
            "En la final, Carlos Ruiz venció a Pedro Gil por tres sets a uno.",
        ),
        # only the question's names, and a place
        ("¿Quién controla a los discípulos?", "Los gurús son comunes en Occidente."),
        # what the opening phrase names is when, not who
        (
            "Who was responsible for the new building projects in the city?",
            "After World War II, the government of the city began to fund new projects.",
        ),
    ],
)
def test_no_one_name_besides_the_questions(question: str, sentence: str) -> None:
    assert the_one_name(question, sentence, "es", {}) is None


@pytest.mark.parametrize(
    ("question", "sentence", "place"),
    [
        (
            "¿Dónde tiene su sede Energiprojekt AB?",
            "La empresa Energiprojekt AB en Suecia ha progresado en el uso del vapor.",
            "Suecia",
        ),
        (
            "La peste negra asoló Europa durante tres años, seguida de ¿qué país?",
            "La Peste Negra devastó Europa durante tres años antes de continuar hacia Rusia.",
            "Rusia",
        ),
        # two places besides the question's: which one is not said
        (
            "¿Dónde nació Halford Mackinder?",
            "Ratzel de Alemania y Mackinder de Gran Bretaña.",
            None,
        ),
        # none besides the question's
        ("¿Dónde se legisla sobre el aborto?", "El aborto se legisla en otro parlamento.", None),
        # a place and its other name in brackets are one place
        (
            "¿Dónde se encontraba el Teatro de Verano?",
            "Muy cerca, en Ogród Saski (Jardín Sajón), se encontraba el Teatro de Verano.",
            "Ogród Saski (Jardín Sajón)",
        ),
        # but two places are two, whatever the brackets hold
        (
            "¿Dónde se encontraba el Teatro de Verano?",
            "El Teatro de Verano se encontraba en Varsovia (cerca de Cracovia).",
            None,
        ),
    ],
)
def test_the_one_place_a_sentence_gives_besides_the_questions(
    question: str, sentence: str, place: str | None
) -> None:
    found = the_one_place(question, sentence, "es")
    assert (found.text if found else None) == place


def test_a_quote_for_where_is_the_one_place_the_sentence_gives() -> None:
    document = (
        "Algunos académicos, como Fielding H. Garrison, opinan que el origen de la geología "
        "puede remontarse a Persia tras las conquistas."
    )
    found = quoted("¿Dónde cree Fielding H. Garrison que se puede rastrear la geología?", document)
    assert (found.answer, found.mode) == ("Persia [1]", AnswerMode.EXTRACTIVE)


@pytest.mark.parametrize(
    ("question", "sentence", "term"),
    [
        (
            "¿Cómo se llaman los tentáculos pequeños de los cidípidos?",
            'Tienen tentáculos rodeados de tentilla ("tentáculos pequeños") pegajosos.',
            "tentilla",
        ),
        (
            "¿Cómo se llaman los pelos de los ctenóforos?",
            "Usan cilios («pelos») para moverse.",
            "cilios",
        ),
        # a gloss that says more than the question does not name what it asks
        ("¿Cómo se llaman los pelos?", "Usan cilios (pelos largos) para moverse.", None),
        # single letters in brackets gloss nothing
        (
            "What is this expression set called?",
            "It is expressed as the set of triples (a, b, c) such that a × b = c holds.",
            None,
        ),
        # a date in brackets glosses nothing
        ("¿Cómo se llamaba el geólogo de 973?", "Fue al-Biruni (973) quien lo dijo.", None),
    ],
)
def test_the_term_a_sentence_glosses_with_the_question_s_words(
    question: str, sentence: str, term: str | None
) -> None:
    found = glossed_term(sentence, question)
    assert (found.text if found else None) == term


def test_a_quote_for_a_described_name_is_the_name_set_beside_the_description() -> None:
    document = (
        "Las Ergänzungsschulen son escuelas secundarias o postsecundarias privadas, que "
        "administran personas privadas u organizaciones religiosas."
    )
    found = quoted("¿Cómo se llaman las escuelas secundarias privadas en Alemania?", document)
    assert (found.answer, found.mode) == ("Ergänzungsschulen [1]", AnswerMode.EXTRACTIVE)


def test_a_quote_for_what_something_is_called_is_the_term_glossed_with_its_words() -> None:
    document = (
        "Los ctenóforos son los animales más grandes que utilizan cilios («pelos») para nadar."
    )
    found = quoted("¿Cómo se llaman los pelos de los ctenóforos?", document)
    assert (found.answer, found.mode) == ("Cilios [1]", AnswerMode.EXTRACTIVE)


def test_the_author_a_question_cites_as_its_source_is_not_the_one_name() -> None:
    question = "¿Según el post, quién controlará los modelos generativos?"
    sentence = "Esta nota comenta el libro 'Generative AI with LangChain' de Ben Auffarth."
    assert the_one_name(question, sentence, "es", {"book_author": "Ben Auffarth"}) is None
    assert the_one_name(question, sentence, "es", {}) is not None


def test_a_quote_for_who_is_the_one_name_the_sentence_gives() -> None:
    document = "El historiador Frederick W. Mote escribió que el término era engañoso."
    found = quoted("¿Quién pensó que el término era engañoso?", document)
    assert (found.answer, found.mode) == ("Frederick W. Mote [1]", AnswerMode.EXTRACTIVE)


@pytest.mark.parametrize(
    ("question", "answer", "named"),
    [
        # "who is <role>" is answered by a name the question does not give
        ("¿Quién fue el primer presidente del IPCC?", "Bert Bolin fue su primer presidente.", True),
        ("Who is the author of the blog?", "Because of this, the author concludes so.", False),
        ("¿Quién es el autor de Liber Servitoris?", "Su Liber servitoris es de interés.", False),
        # who wrote a work: a name the evidence gives as its author
        ("Who wrote the book?", "The book by Ben Auffarth came out in 2023.", True),
        ("¿Quién escribe el blog?", "El post comenta el libro de Ben Auffarth.", False),
        # a deed may be answered by a description
        ("Who confirms the concentration?", "The blogger says experience confirms it.", True),
    ],
)
def test_who_holds_a_role_or_wrote_a_work_is_answered_by_a_name(
    question: str, answer: str, named: bool
) -> None:
    assert names_whom_asked(question, answer, answer) is named


SOURCED = (
    "Las cifras de entrenamiento de GPT-4 y de Gemini 1.0 Ultra que da el post proceden de "
    "Epoch.ai."
)


@pytest.mark.parametrize(
    ("question", "sentence", "source"),
    [
        ("¿Qué fuente usa el post para las cifras de entrenamiento?", SOURCED, "Epoch.ai"),
        ("¿De dónde saca el post los datos de Gemini?", SOURCED, "Epoch.ai"),
        ("Where do the figures come from?", "According to Epoch.ai, GPT-4 cost more.", "Epoch.ai"),
        # a question that asks no source, or a sentence that gives none
        ("¿Qué modelo entrenó OpenAI?", SOURCED, None),
        ("¿Qué fuente usa el post?", "El post cita cifras de GPT-4 y de Gemini.", None),
    ],
)
def test_the_source_a_sentence_gives_where_the_question_asks_for_one(
    question: str, sentence: str, source: str | None
) -> None:
    found = source_named(question, sentence)
    assert (found and found.text) == source
