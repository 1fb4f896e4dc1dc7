"""The answer type a question asks for, the short spans of an evidence sentence that give
it, and the type check of a short answer (rag/answer/answer_types.py): names for "who",
figures in the asked unit for "how much", dates for "when", expansions for "stand for",
and no span at all when the sentence does not hold the asked fact (abstention's input)."""

from __future__ import annotations

import pytest

from rag.answer.answer_types import (
    AnswerType,
    asks_organization,
    asks_several,
    candidate_spans,
    example_words_said,
    expected_type,
    names_in,
    span_fits,
    whole_name,
)

PERSON, QUANTITY, DATE = AnswerType.PERSON, AnswerType.QUANTITY, AnswerType.DATE
EXPANSION, PLACE, EXAMPLES = AnswerType.EXPANSION, AnswerType.PLACE, AnswerType.EXAMPLES
OTHER = AnswerType.OTHER

GPT4_ES = "El entrenamiento de GPT-4 costó más de 100 millones de dólares y consumió 50 GWh."
GEMINI_ES = (
    "El entrenamiento de Gemini 1.0 Ultra duró 100 días, consumió 2,4 x 10^4 Kilowatios y "
    "costó 30 millones de dólares."
)
PUBLISHED_ES = "El libro está publicado en Diciembre de 2023, por lo que el panorama ha cambiado."
PUBLISHED_EN = 'The book "Generative AI with LangChain" was published in December 2023.'
ACCELERATORS_ES = (
    "Los aceleradores hardware para IA dedicados consisten en desarrollar y usar hardware "
    "especializado, como han sido hasta la fecha las GPUs y las TPUs."
)
ACCELERATORS_EN = (
    "Dedicated AI hardware accelerators means developing and using specialized hardware, "
    "as GPUs and TPUs have been so far."
)
ROCK_ES = (
    "La denominada Ley de Rock dice, según el post, que el coste de los procesadores GPU o "
    "TPU se reduce a la mitad cada cuatro años."
)


def texts(sentence: str, question: str, lang: str = "es") -> list[str]:
    """The candidate spans' texts, checking that each is the sentence at its offsets."""
    spans = candidate_spans(sentence, expected_type(question, lang), question, lang)
    for span in spans:
        assert sentence[span.start : span.end] == span.text
    return [span.text for span in spans]


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("¿Quién escribió el libro que reseña el post?", "es", PERSON),
        ("¿Quiénes fundaron OpenAI?", "es", PERSON),
        ("Who wrote Generative AI with LangChain?", "en", PERSON),
        ("Whose book does the post review?", "en", PERSON),
        ("¿Qué autor escribió el libro?", "es", PERSON),
        ("What is the name of the author of the book?", "en", PERSON),
        ("¿Cómo se llama el autor del libro?", "es", PERSON),
        ("What is the author's name?", "en", PERSON),
        # a query that is only the role asked
        ("autor del libro", "es", PERSON),
        ("author of the book", "en", PERSON),
        ("dime el autor del libro", "es", PERSON),
        ("Tell me the author of the book", "en", PERSON),
        # a query that is only the measure asked
        ("Dime el tamaño del dataset de Gemini", "es", QUANTITY),
        ("tamaño del dataset de GPT-4", "es", QUANTITY),
        ("number of FLOPs of GPT-4", "en", QUANTITY),
        ("¿Cuánto costó entrenar GPT-4?", "es", QUANTITY),
        ("¿Cuántas páginas tiene el libro?", "es", QUANTITY),
        ("How many FLOPs did GPT-4 take?", "en", QUANTITY),
        ("How much energy did the training use?", "en", QUANTITY),
        ("¿Qué cantidad de energía consumió?", "es", QUANTITY),
        ("¿Cuál es el precio del libro?", "es", QUANTITY),  # money, asked without "cuánto"
        ("¿Cuál fue la duración del entrenamiento de GPT-4?", "es", QUANTITY),  # a span of time
        ("What was the duration of GPT-4 training?", "en", QUANTITY),
        ("Under Rock's law, how often does the cost of GPUs halve?", "en", QUANTITY),
        ("¿De qué tamaño era el dataset de GPT-4?", "es", QUANTITY),
        ("¿Cuál era el tamaño medio de las familias?", "es", QUANTITY),
        # a magnitude, whatever its unit
        ("¿Qué edad tenía Manning cuando jugó la final?", "es", QUANTITY),
        ("¿Cuál es la temperatura de entrada de la turbina?", "es", QUANTITY),
        ("¿A qué distancia está Jacksonville de Miami?", "es", QUANTITY),
        ("How old was Manning when he played the final?", "en", QUANTITY),
        ("What is the speed of the turbine?", "en", QUANTITY),
        ("¿Qué edad media estudió el autor?", "es", OTHER),  # the Middle Ages
        ("¿Qué masa de agua estaba al oeste?", "es", OTHER),  # a body of water
        ("How big was the training dataset?", "en", QUANTITY),
        ("What was the size of the training dataset?", "en", QUANTITY),
        ("¿Qué datos da sobre el tamaño de las empresas?", "es", OTHER),  # a topic, no size
        ("¿Cuándo se publicó el libro?", "es", DATE),
        ("¿En qué año se publicó?", "es", DATE),
        ("What year was the book published?", "en", DATE),
        ("¿Qué fecha tiene el post?", "es", DATE),
        ("¿En qué siglo se fundó la escuela?", "es", DATE),
        ("In which century was the school founded?", "en", DATE),
        # the date named as what is asked, with a copula
        ("¿Cuál es la fecha de publicación del post?", "es", DATE),
        ("¿Cuál fue el año de la batalla?", "es", DATE),
        ("What is the publication date of the book?", "en", DATE),
        ("What is the post's publication date?", "en", DATE),
        ("What was the year of the battle?", "en", DATE),
        ("What does RAG stand for?", "en", EXPANSION),
        ("¿Qué significa la sigla RAG?", "es", EXPANSION),
        ("¿Qué significan las siglas LLM?", "es", EXPANSION),
        ("¿De qué es acrónimo RAG?", "es", EXPANSION),
        ("What does the acronym LLM mean?", "en", EXPANSION),
        ("¿Dónde se fundó la empresa?", "es", PLACE),
        ("¿En qué país nació el autor?", "es", PLACE),
        ("In which city was it founded?", "en", PLACE),
        ("¿Qué aceleradores de hardware pone como ejemplo?", "es", EXAMPLES),
        ("Which hardware accelerators does the post give as examples?", "en", EXAMPLES),
        ("¿Con qué frecuencia se publica el blog?", "es", QUANTITY),
        ("¿Cuál era la población de Madrid en 1900?", "es", QUANTITY),
        ("What is the population of Madrid?", "en", QUANTITY),
        ("Cuando se detiene a mucha gente, ¿cuál es su táctica?", "es", OTHER),  # a scene
        ("¿Qué arquitecto diseñó el edificio?", "es", PERSON),  # the holder of a role
        ("Which team won the final?", "en", PERSON),
        ("¿Qué partido ganó las elecciones?", "es", PERSON),
        ("¿Qué es RAG?", "es", OTHER),  # a definition, not the expansion
        ("¿Qué significa que un modelo sea abierto?", "es", OTHER),  # no acronym
        ("Why is the training of large models so expensive?", "en", OTHER),
        ("¿Qué pasa cuando se duplica el tamaño del modelo?", "es", OTHER),  # "cuando" relative
        ("¿Qué canal emite Doctor Who?", "es", OTHER),  # "Who" of a name
        ("What did the cast of Doctor Who record?", "en", OTHER),
    ],
)
def test_expected_type(question: str, lang: str, expected: AnswerType) -> None:
    assert expected_type(question, lang) is expected


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("¿Cuánto costó y cuántos FLOPs realizó GPT-4?", True),
        ("Who wrote the book and how many pages does it have?", True),
        ("¿Quién compuso la música de Doctor Who en sus primeros años?", False),
        ("Who composed the music of Doctor Who?", False),
    ],
)
def test_a_question_asks_several_phrases_with_two_interrogatives(
    question: str, several: bool
) -> None:
    assert asks_several(question) is several


def test_the_earliest_interrogative_decides() -> None:
    """A relative "who" does not turn a count into a name."""
    assert expected_type("How many people who work at OpenAI wrote the paper?", "en") is QUANTITY
    assert expected_type("¿Quién escribió el libro y cuántas páginas tiene?", "es") is PERSON


@pytest.mark.parametrize(
    ("question", "sentence", "lang", "first"),
    [
        (
            "¿Quién escribió el libro que reseña el post?",
            "Generative AI with LangChain, de Ben Auffarth, explica las tendencias.",
            "es",
            "Ben Auffarth",
        ),
        (  # the quoted title is no name
            "¿Quién escribió el libro que reseña el post?",
            "Esta nota comenta el libro 'Generative AI with LangChain' de Ben Auffarth.",
            "es",
            "Ben Auffarth",
        ),
        (
            "Who wrote the book the post reviews?",
            "It reviews the book Generative AI with LangChain by Ben Auffarth.",
            "en",
            "Ben Auffarth",
        ),
        (
            "¿Quién formuló la ley?",
            "La ley la formuló Miguel de Cervantes en 1605.",
            "es",
            "Miguel de Cervantes",
        ),
        (
            "¿Quién diseñó el edificio?",
            "El edificio fue diseñado por Ludwig Mies van der Rohe en 1955.",
            "es",
            "Ludwig Mies van der Rohe",
        ),
        (
            "¿Quién promovió los compuestos químicos como medicamentos?",
            "Por ejemplo, Muhammad ibn Zakarīya Rāzi promovió los usos médicos de esos compuestos.",
            "es",
            "Muhammad ibn Zakarīya Rāzi",
        ),
        (
            "What does RAG stand for?",
            "RAG (Retrieval-Augmented Generation) combines both.",
            "en",
            "Retrieval-Augmented Generation",
        ),
        (
            "What does RAG stand for?",
            "Retrieval-Augmented Generation (RAG) combines both.",
            "en",
            "Retrieval-Augmented Generation",
        ),
        (
            "¿Qué significa RAG?",
            "RAG ('Retrieval Augmented Generation') enriquece la generación de texto.",
            "es",
            "Retrieval Augmented Generation",
        ),
        (
            "¿Qué significan las siglas LLM?",
            "Los Large Language Models (LLM) no dejan de crecer.",
            "es",
            "Large Language Models",
        ),
        (  # a hyphenated tail may be skipped
            "What does GPT stand for?",
            "GPT means Generative Pre-trained Transformer.",
            "en",
            "Generative Pre-trained Transformer",
        ),
        (  # no initials to match: the bracketed words after the acronym
            "¿Qué significa LLM?",
            "Un LLM (modelo de lenguaje grande) predice la siguiente palabra.",
            "es",
            "modelo de lenguaje grande",
        ),
        (
            "¿Qué aceleradores de hardware pone como ejemplo?",
            ACCELERATORS_ES,
            "es",
            "GPUs y las TPUs",
        ),
        (
            "Which hardware accelerators does the post give as examples?",
            ACCELERATORS_EN,
            "en",
            "GPUs and TPUs",
        ),
        ("¿Cuánto costó entrenar GPT-4?", GPT4_ES, "es", "más de 100 millones de dólares"),
        ("¿Cuánta energía consumió el entrenamiento de GPT-4?", GPT4_ES, "es", "50 GWh"),
        ("¿Cuánta energía consumió Gemini 1.0 Ultra?", GEMINI_ES, "es", "2,4 x 10^4 Kilowatios"),
        ("¿Cuánto duró el entrenamiento de Gemini 1.0 Ultra?", GEMINI_ES, "es", "100 días"),
        (
            "How many FLOPs did GPT-4 take?",
            "Training GPT-4 took 2.1 × 10^25 FLOPs.",
            "en",
            "2.1 × 10^25 FLOPs",
        ),
        (
            "Según la Ley de Rock, ¿cada cuánto se reduce a la mitad el coste de la GPU?",
            ROCK_ES,
            "es",
            "cada cuatro años",
        ),
        (
            "¿Cuántas veces más grande es el modelo?",
            "El modelo es cuatro veces más grande.",
            "es",
            "cuatro veces",
        ),
        # what a multiplier multiplies, when the question counts nothing
        (
            "¿Cuánto pueden comer los ctenóforos en un día?",
            "Los ctenóforos pueden comer diez veces su propio peso en un día.",
            "es",
            "diez veces su propio peso",
        ),
        (
            "How much can ctenophores eat in a day?",
            "Ctenophores can eat ten times their own weight in a day.",
            "en",
            "ten times their own weight",
        ),
        (
            "¿Cuántas veces ganó la copa el club?",
            "El club ganó tres veces la copa.",
            "es",
            "tres veces",
        ),
        # "N veces ganadora" counts what was won
        (
            "¿Cuántos premios Grammy ha ganado la cantante?",
            "La cantante, tres veces ganadora del Grammy, abrió el concierto.",
            "es",
            "tres",
        ),
        (
            "¿Cuántas páginas tiene el libro?",
            "El libro tiene 12 capítulos y 450 páginas.",
            "es",
            "450",
        ),
        ("¿En qué año se publicó el libro?", PUBLISHED_ES, "es", "2023"),
        # years joined by "y" are one answer to when, with the "entre" that opens them
        (
            "¿Cuándo alcanzaron su máximo los ataques a docentes?",
            "Los ataques a docentes alcanzaron su máximo absoluto entre 2005 y 2010.",
            "es",
            "entre 2005 y 2010",
        ),
        (
            "¿Cuándo pidió la Junta a los metodistas que se abstuvieran?",
            "Además, en 2011 y 2012, la Junta pidió a los metodistas que se abstuvieran.",
            "es",
            "2011 y 2012",
        ),
        (
            "When did attacks peak?",
            "Attacks peaked between 2005 and 2010.",
            "en",
            "between 2005 and 2010",
        ),
        # but not years of two clauses
        (
            "¿En qué año se fundó el club?",
            "El club se fundó en 1900 y cerró en 1950.",
            "es",
            "1900",
        ),
        (
            "La selva del Amazonas, ¿qué cantidad de bosques tropicales representa?",
            "El Amazonas representa más de la mitad de los bosques lluviosos del planeta.",
            "es",
            "más de la mitad",
        ),
        (
            "¿Cuántos canales podía tener el nuevo servicio?",
            "El nuevo servicio podía tener cientos de canales de televisión.",
            "es",
            "cientos",
        ),
        (
            "De los equipos de Manning, ¿cuántos llegaron a la Super Bowl?",
            "Manning llevó a dos equipos diferentes a la Super Bowl.",
            "es",
            "dos",
        ),
        (
            "How many people attended?",
            "Nearly 40 000 people attended.",
            "en",
            "Nearly 40 000",
        ),
        ("¿Cuándo se publicó el libro?", PUBLISHED_ES, "es", "Diciembre de 2023"),
        ("When was the book published?", PUBLISHED_EN, "en", "December 2023"),
        (
            "¿Cuándo estaba Europa cubierta de bosques?",
            "Para el 9000 BP, Europa estaba completamente cubierta de bosques.",
            "es",
            "9000 BP",
        ),
        (
            "¿Cuántos habitantes tiene la región?",
            "La región tiene 17 786 419 habitantes.",
            "es",
            "17 786 419",
        ),
        (
            "¿Cuándo salió GPT-4?",
            "GPT-4 salió el 14 de marzo de 2023.",
            "es",
            "14 de marzo de 2023",
        ),
        (
            "¿Dónde se fundó la empresa?",
            "La empresa se fundó en San Francisco en 2015.",
            "es",
            "San Francisco",
        ),
        (
            "Where was the company founded?",
            "Founded in 2015, the company is based in Paris.",
            "en",
            "Paris",
        ),
        (  # a span that opens a bracket runs to its close
            "¿Cuándo comenzó el último glaciar?",
            "El último glaciar corrió desde el ~74 000 (BP = Antes del Presente), hasta el "
            "final del Pleistoceno (~11 600 BP).",
            "es",
            "74 000 (BP = Antes del Presente)",
        ),
        (  # the surname after an initial stays, though the question names it
            "¿Quién fundó McKinsey & Company?",
            "La firma fue fundada por James O. McKinsey en Chicago.",
            "es",
            "James O. McKinsey",
        ),
        # the names after an initial, though the question names one or it is a common word
        (
            "¿A quién se debe el nombre de Kearney Boulevard?",
            "Lleva el nombre de un millonario del siglo XX, M. Theo Kearney, que vivió allí.",
            "es",
            "M. Theo Kearney",
        ),
        (
            "¿Quién dio nombre al puente del campus?",
            "El puente lleva el nombre de John W. Weeks, secretario de Guerra.",
            "es",
            "John W. Weeks",
        ),
        (  # both clauses name the land; the second one also says what it is used for
            "¿Qué porcentaje de la tierra despejada se utiliza para el ganado?",
            "El setenta por ciento de la tierra boscosa, y el 91 % de la tierra deforestada "
            "se utiliza para el pastoreo de ganado.",
            "es",
            "91 %",
        ),
        (  # a share asked with "¿cuál es el porcentaje…?"
            "¿Cuál era el porcentaje de hogares con una cabeza de familia mujer?",
            "Había 158 349 hogares, de los cuales 68 511 (el 43,3 %) tenían hijos, 30 719 (el "
            "19,3 %) tenían una cabeza de familia mujer y 48 035 (el 30,3 %) no eran familias.",
            "es",
            "19,3 %",
        ),
        (
            "¿Con qué frecuencia se celebra el congreso?",
            "El congreso se celebra cada dos años en Madrid.",
            "es",
            "cada dos años",
        ),
        (  # the name right after the asked role, not the one the sentence leads with
            "¿Qué químico aisló el elemento?",
            "Según Marie Curie, el elemento lo aisló por primera vez el químico Carl Scheele.",
            "es",
            "Carl Scheele",
        ),
        (  # a population is counted in people
            "¿Cuál era la población de la ciudad en 1901?",
            "En 1901 la ciudad tenía 711 988 habitantes en 12 distritos.",
            "es",
            "711 988 habitantes",
        ),
        (
            "What was the population of the city?",
            "The city had 1,345,596 residents, 55.1 % of them white.",
            "en",
            "1,345,596 residents",
        ),
        (  # a role the name begins with is part of it
            "¿Qué partido ganó las elecciones?",
            "Las ganó por poco el Partido Verde, por delante de los Socialistas Unidos.",
            "es",
            "Partido Verde",
        ),
        (
            "Which university grew out of the college?",
            "In 1904 the college became the University of Leeds.",
            "en",
            "University of Leeds",
        ),
        (  # a month asked with the year is part of the answer
            "In which month and year was the book published?",
            "The book was published in December 2023, a year after ChatGPT.",
            "en",
            "December 2023",
        ),
        (
            "¿En qué año se publicó el libro?",
            "El libro se publicó en diciembre de 2023.",
            "es",
            "2023",
        ),
        (
            "¿Cuándo se formaron las primeras montañas de la región?",
            "Las primeras montañas de la región se formaron hace unos 300 millones de años.",
            "es",
            "hace unos 300 millones de años",
        ),
        (
            "When did the first settlers reach the valley?",
            "The first settlers reached the valley 12,000 years ago, after the ice melted.",
            "en",
            "12,000 years ago",
        ),
        (
            "Which poet wrote the ode?",
            "The ode, which John Keats admired, was written by the poet Percy Shelley.",
            "en",
            "Percy Shelley",
        ),
        (  # a century answers "when"
            "¿Cuándo comenzó el movimiento metodista?",
            "El movimiento metodista comenzó a mediados del siglo XVIII en Inglaterra.",
            "es",
            "a mediados del siglo XVIII",
        ),
        (  # and alone "in which century", though the sentence gives a year
            "¿En qué siglo se fundaron las escuelas?",
            "Las escuelas se fundaron en 1850, a principios del siglo XIX.",
            "es",
            "a principios del siglo XIX",
        ),
        (  # "al final del", as "a finales del"
            "¿Cuándo llegó el movimiento?",
            "El movimiento llegó al final del siglo XIX.",
            "es",
            "al final del siglo XIX",
        ),
        (
            "In what century did missionaries found the schools?",
            "Missionaries founded the schools in the early 19th century.",
            "en",
            "early 19th century",
        ),
        (  # its ordinal spelled out
            "In what century did missionaries found the schools?",
            "Missionaries founded the schools in the early nineteenth century.",
            "en",
            "early nineteenth century",
        ),
        (
            "When did the empire fall?",
            "The empire fell in the twenty-first century, long after its peak.",
            "en",
            "twenty-first century",
        ),
        (  # the century the question names dates nothing it asks
            "¿Cuándo se consagró la iglesia del siglo XII?",
            "La iglesia del siglo XII se consagró en 1150, a finales del siglo XII.",
            "es",
            "1150",
        ),
        (  # the doer of the asked deed, in the clause that names what the question names
            "Who founded McKinsey & Company?",
            "Notable alumni include Oracle Corporation founder Larry Ellison, McKinsey & "
            "Company founder James O. McKinsey, and Bain Capital co-founder Mitt Romney.",
            "en",
            "James O. McKinsey",
        ),
        (  # the clause of a name goes on past its apposition
            "Who was the V&A's first director?",
            "The V&A began with the Great Exhibition, with which Henry Cole, the museum's "
            "first director, was involved; it first opened at Marlborough House.",
            "en",
            "Henry Cole",
        ),
        (  # a doer of the deed to something else is none; the clause that names it wins
            "Who founded McKinsey & Company?",
            "Notable alumni include Morningstar founder Joe Mansueto, McKinsey & Company "
            "founder and author James O. McKinsey, and Oracle founder Larry Ellison.",
            "en",
            "James O. McKinsey",
        ),
        (  # the counted noun after a name that qualifies it
            "How many teams did Los Angeles have?",
            "From 2005 to 2014, there were two Major League Soccer teams in Los Angeles.",
            "en",
            "two",
        ),
        (  # a unit written short
            "How many square miles were cleared per year?",
            "The mean rate (22,392 km2 or 8,646 sq mi per year) was 18% higher.",
            "en",
            "8,646 sq mi",
        ),
        (
            "¿Cuántos kilómetros cuadrados se talaron por año?",
            "La tasa media fue de 22 392 km2 por año.",
            "es",
            "22 392 km2",
        ),
        (  # a sentence with no date says when by a condition
            "¿Cuándo se produce la inmunodeficiencia?",
            "La inmunodeficiencia se produce cuando el sistema inmunitario está menos activo, "
            "lo que da lugar a infecciones.",
            "es",
            "cuando el sistema inmunitario está menos activo",
        ),
        (  # or by a named event
            "¿Cuándo se sometió Renania al Tratado de Versalles?",
            "Al final de la Primera Guerra Mundial, Renania estaba sujeta al Tratado de Versalles.",
            "es",
            "Al final de la Primera Guerra Mundial",
        ),
        (  # any word for where in a time: "a fines de", as "a finales de"
            "¿Cuándo creció la alianza?",
            "A fines de la Guerra Fría, la alianza creció.",
            "es",
            "A fines de la Guerra Fría",
        ),
        (
            "When did the alliance grow?",
            "After the Cold War, the alliance grew.",
            "en",
            "After the Cold War",
        ),
        (  # but a date, where there is one
            "¿Cuándo se quejó Tesla?",
            "Cuando Marconi realizó su transmisión en 1901, Tesla se quejó.",
            "es",
            "1901",
        ),
        (  # a date that a bound word makes a bound
            "¿Cuándo se quedó sin dinero el gobierno de Kublai?",
            "El gobierno de Kublai tuvo dificultades financieras después de 1279.",
            "es",
            "después de 1279",
        ),
        (
            "When did France begin to rebuild its empire?",
            "France began in earnest to rebuild its empire after 1850.",
            "en",
            "after 1850",
        ),
        (  # a month that a preposition places
            "¿Cuándo dijo la cadena que empezaría a emitir?",
            "La cadena confirmó que empezaría en marzo como servicio de pago.",
            "es",
            "marzo",
        ),
        (  # examples without capitals end on a word that says something
            "¿Qué pone como ejemplo de lo que fue la bacteria?",
            "Se introdujo en una célula, ya sea como alimento o como parásito interno, y "
            "logró escapar de la vacuola.",
            "es",
            "alimento o como parásito interno",
        ),
    ],
)
def test_first_candidate(question: str, sentence: str, lang: str, first: str) -> None:
    found = texts(sentence, question, lang)
    assert found, f"no candidate for {question!r}"
    assert found[0] == first


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Tras la guerra, la alianza creció.", []),  # no name: no event
        ("Durante la Guerra Fría, la alianza creció.", []),  # a scene, not a bound
        ("La alianza creció tras el lanzamiento del tratado.", []),
        ("Después de la Guerra Fría, en 1991, la alianza creció.", ["1991"]),  # a date
    ],
)
def test_an_event_says_when_only_by_its_name_and_only_where_no_date_does(
    sentence: str, found: list[str]
) -> None:
    assert texts(sentence, "¿Cuándo creció la alianza?") == found


def test_cost_question_takes_the_money_not_the_energy() -> None:
    assert texts(GPT4_ES, "¿Cuánto costó entrenar GPT-4?") == ["más de 100 millones de dólares"]
    assert texts(GEMINI_ES, "¿Cuánta energía consumió?") == ["2,4 x 10^4 Kilowatios"]


@pytest.mark.parametrize(
    ("question", "sentence", "found"),
    [
        # a difference asked: each model's figure is none
        (
            "¿Cuántos días más duró el entrenamiento de Gemini que el de GPT-4?",
            "El entrenamiento de Gemini (100 días) duró más que el de GPT-4 (95 días).",
            [],
        ),
        (
            "¿Cuánto más costó GPT-4 que Gemini?",
            "El entrenamiento costó 41 millones de dólares.",
            [],
        ),
        # the figure the comparison follows states it, past a bracket
        (
            "¿Cuánto más alta fue la tasa de 2005 que la de 2000?",
            "La tasa de 2005 fue un 18 % más alta que la de 2000.",
            ["18 %"],
        ),
        (
            "¿Cuánto más bajo era el mar que hoy?",
            "El nivel del mar era 120 m (390 pies) inferior al de hoy.",
            ["120 m"],
        ),
        # "how much" before an English comparative asks a difference too
        (
            "How much longer did Gemini take to train than GPT-4?",
            "Gemini's training (100 days) took longer than GPT-4's (95 days).",
            [],
        ),
        (
            "How much lower was the North Sea than it is today?",
            "The sea was 120 m (390 ft) lower than today.",
            ["120 m"],
        ),
    ],
)
def test_a_difference_is_stated_by_the_figure_a_comparison_follows(
    question: str, sentence: str, found: list[str]
) -> None:
    assert texts(sentence, question) == found


@pytest.mark.parametrize(
    ("question", "sentence", "found"),
    [
        ("¿Cuánto ha subido la temperatura?", "La temperatura subió 0,6° C en 100 años.", "0,6° C"),
        ("¿Cuánto mide la torre?", "La torre mide 120 m de altura.", "120 m"),
        ("¿Cuántos metros mide la torre?", "La torre mide 120 m de altura.", "120 m"),
        ("How much did the sea level fall?", "The sea level fell 120 m.", "120 m"),
        # or as a word
        ("¿A qué distancia está de Miami?", "Está a 340 millas (550 km) de Miami.", "340 millas"),
        ("How far is it from Miami?", "It is 340 miles (550 km) from Miami.", "340 miles"),
        # a year before a verb is no measure: "ha" is no hectare
        ("¿Cuánto ha crecido la ciudad desde 2015?", "En 2015 ha crecido un 5 %.", "5 %"),
        # "min" is no metre
        ("¿Cuánto dura la canción?", "La canción dura 3 min.", "3 min"),
    ],
)
def test_a_figure_is_given_with_its_unit(question: str, sentence: str, found: str) -> None:
    assert texts(sentence, question)[:1] == [found]


def test_a_name_before_a_word_the_question_writes_in_lower_case_stays() -> None:
    # "farmacéutico" is no name in the question: "Consejo General" is not the rest of one
    sentence = "Los técnicos deben registrarse en el Consejo General Farmacéutico (GPhC)."
    question = "¿Con qué organismo debe registrarse un técnico farmacéutico?"
    assert "Consejo General" in texts(sentence, question)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("¿Cuántas páginas tiene el libro?", PUBLISHED_ES),  # a year is no count of pages
        ("How many pages does the book have?", PUBLISHED_EN),
        ("¿Cuál es el precio del libro?", PUBLISHED_ES),  # nor a price
        ("¿Cuántas páginas tiene el libro?", "El libro tiene 12 capítulos."),  # another count
        ("¿Cuántas páginas tiene el libro?", "El modelo es cuatro veces más grande."),
        # a winner counts wins, not what a question counts otherwise
        ("¿Cuántas canciones cantó?", "La cantante, tres veces ganadora del Grammy, cantó."),
        ("¿Cuánto costó entrenar Gemini?", "El entrenamiento de Gemini duró 100 días."),
        ("¿Quién escribió el libro?", "El libro está publicado desde hace 3 años."),
        ("¿Quién gobernó el país?", "El país creció en el siglo XX."),  # "XX" dates
        # "Ben" is the rest of the name the question gives, no place
        (
            "Where in his book does Auffarth make this argument?",
            "The post is based on the argument that Ben Auffarth makes at the end of his book.",
        ),
        ("What does RAG stand for?", "RAG enriches text generation with retrieved knowledge."),
        ("¿Cuándo se publicó el libro?", "El tiempo de entrenamiento se dobla cada ocho meses."),
        ("¿Cuándo se publicó en 2023?", "El libro se publicó en 2023."),  # the question's year
        ("¿Qué pasó en marzo?", "En marzo llovió."),  # nor its month
        ("¿En qué siglo se fundó la escuela?", "La escuela se fundó en 1850."),  # a year
        ("¿Cuál es la población de la ciudad?", "El 55 % de la ciudad vota."),  # no head count
        (  # "hace 9000 años" dates the warming, not when the river froze
            "¿Cuándo se heló el último río del valle?",
            "Cuando el valle empezó a templarse hace 9000 años, el último río del valle se heló.",
        ),
    ],
)
def test_no_candidate_when_the_sentence_does_not_hold_the_fact(
    question: str, sentence: str
) -> None:
    assert texts(sentence, question) == []


def test_a_figure_before_a_name_counts_only_the_noun_after_it() -> None:
    sentence = "There were two Major League Soccer stadiums in Los Angeles."
    assert texts(sentence, "How many teams did Los Angeles have?", "en") == []


def test_two_rising_figures_a_dash_or_to_joins_are_a_range() -> None:
    sentence = "Only 100–150 species have been validated, and another 25 were not described."
    assert texts(sentence, "How many species have been validated?", "en")[0] == "100–150"
    years = "Developing new fields usually required five to ten years."
    assert texts(years, "How long did developing new fields take?", "en") == ["five to ten years"]
    score = "Denver won the game 24–10 over Carolina."
    assert texts(score, "How many points did Denver score?", "en") == ["24"]


def test_a_range_whose_upper_figure_the_question_gives_leaves_the_lower_one() -> None:
    sentence = "Se han validado de 100 a 150 especies."
    assert texts(sentence, "¿Cuántas especies, aparte de 150, se han validado?") == ["100"]
    assert texts(sentence, "¿Cuántas especies se han validado?") == ["de 100 a 150"]


def test_a_time_in_several_units_is_one_answer() -> None:
    sentence = "Denver se puso 24 a 10 con 3 min 8 s en el marcador."
    question = "¿Cuánto tiempo quedaba cuando Denver se puso 24 a 10?"
    assert texts(sentence, question) == ["3 min 8 s"]
    assert texts("La sesión duró 2 horas y 10 minutos.", "¿Cuánto duró la sesión?") == [
        "2 horas y 10 minutos"
    ]
    assert texts(
        "How long? It took 1 hour 5 minutes 30 seconds.", "How long did it take?", "en"
    ) == ["1 hour 5 minutes 30 seconds"]
    # seconds before minutes are two times, not one
    assert texts("Tardó 8 segundos y luego 3 minutos.", "¿Cuánto tardó?") == [
        "8 segundos",
        "3 minutos",
    ]


def test_words_of_the_question_are_never_the_whole_span() -> None:
    """Asked who wrote the titled book, the title is not the answer."""
    sentence = "Generative AI with LangChain, de Ben Auffarth, explica las tendencias."
    assert texts(sentence, "¿Quién escribió Generative AI with LangChain?") == ["Ben Auffarth"]


def test_other_questions_have_no_candidates() -> None:
    assert candidate_spans(GPT4_ES, OTHER, "¿Por qué es caro?", "es") == []


@pytest.mark.parametrize(
    ("answer", "answer_type", "question", "fits"),
    [
        ("Ben Auffarth [1]", PERSON, "¿Quién escribió el libro?", True),
        ("Auffarth", PERSON, "Who wrote the book?", True),
        ("100", PERSON, "¿Quién escribió el libro?", False),
        ("GPT-4", PERSON, "¿Quién escribió el libro?", False),
        ("el autor del libro", PERSON, "¿Quién escribió el libro?", False),
        ("100 millones de dólares", QUANTITY, "¿Cuánto costó entrenar GPT-4?", True),
        ("30 millones de dólares", QUANTITY, "¿Cuánta energía consumió Gemini?", False),
        ("2,4 x 10^4 Kilowatios", QUANTITY, "¿Cuánta energía consumió Gemini?", True),
        ("50 GWh", QUANTITY, "¿Cuánto costó entrenar GPT-4?", False),
        ("cada ocho meses", QUANTITY, "¿Cada cuánto se dobla el tiempo de entrenamiento?", True),
        ("450", QUANTITY, "¿Cuántas páginas tiene el libro?", True),
        ("2023", QUANTITY, "¿Cuántas páginas tiene el libro?", False),
        ("12 capítulos", QUANTITY, "¿Cuántas páginas tiene el libro?", False),
        ("1,5 gigatoneladas", QUANTITY, "¿Cuántas toneladas de carbono absorbe?", True),
        ("1,5 gigatoneladas", QUANTITY, "¿Cuántas páginas tiene el libro?", False),
        ("2000 personas", QUANTITY, "¿Cuál era la población estimada de la ciudad?", True),
        ("Ben Auffarth", QUANTITY, "How much did it cost?", False),
        ("Diciembre de 2023 [1]", DATE, "¿Cuándo se publicó el libro?", True),
        ("2023", DATE, "What year was the book published?", True),
        ("A mediados del siglo XVIII [1]", DATE, "¿Cuándo comenzó el movimiento?", True),
        ("cada ocho meses", DATE, "¿Cuándo se publicó el libro?", False),
        ("Hace 66 millones de años [1]", DATE, "¿Cuándo se extinguieron?", True),
        ("66 millones de años", DATE, "¿Cuándo se extinguieron?", False),
        ("Ben Auffarth", DATE, "¿Cuándo se publicó el libro?", False),
        ("Retrieval Augmented Generation", EXPANSION, "What does RAG stand for?", True),
        ("RAG es Retrieval-Augmented Generation", EXPANSION, "¿Qué significa RAG?", True),
        ("Generación aumentada por recuperación", EXPANSION, "What does RAG stand for?", False),
        ("Madrid", PLACE, "¿Dónde se fundó?", True),
        ("1999", PLACE, "¿Dónde se fundó?", False),
        ("GPUs y TPUs", EXAMPLES, "¿Qué aceleradores pone como ejemplo?", True),
        ("anything at all", OTHER, "¿Por qué es caro?", True),
    ],
)
def test_span_fits(answer: str, answer_type: AnswerType, question: str, fits: bool) -> None:
    assert span_fits(answer, answer_type, question) is fits


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        ("El poema lo escribió Percy Shelley en 1819.", "Shelley", "Percy Shelley"),
        ("el gráfico de Michael E. Mann, Raymond S. Bradley y otros", "Michael", "Michael E. Mann"),
        ("Robert Lane y Benjamin Vail fundaron la empresa.", "Robert Lane", "Robert Lane"),
        ("El entrenamiento costó 41 millones de dólares.", "41 millones", "41 millones"),
        ("el de Gemini 1.0 Ultra (100 días)", "Ultra", "Gemini 1.0 Ultra"),  # a version
        ("a orillas del río St. Johns, que cruza la ciudad", "St", "St. Johns"),  # a title
        ("The ship was named after Dr. Constantine Hering.", "Dr", "Dr. Constantine Hering"),
        ("la Super Bowl 50 Carolina perdió", "Carolina", "Carolina"),  # a number is no version
    ],
)
def test_a_span_inside_a_name_is_widened_to_the_whole_name(
    text: str, part: str, whole: str
) -> None:
    start = text.index(part)
    widened = whole_name(text, start, start + len(part))
    assert text[widened[0] : widened[1]] == whole


def test_the_names_a_question_is_about_are_no_month() -> None:
    question = "As of January 2016, how many digits did the largest known prime have?"
    assert names_in(question) == []
    assert names_in("¿Cuántos días duró el entrenamiento de Gemini 1.0 Ultra?") == [
        "Gemini",
        "Ultra",
    ]
    # a possessive is no part of the name, an apostrophe inside one is
    assert names_in("How many more days did Gemini's training last than GPT-4’s?") == [
        "Gemini",
        "GPT-4",
    ]
    assert names_in("What did O'Brien write?") == ["O'Brien"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Es un motor de 5 cilindros que consume 4 kg de vapor por kWh.", []),
        ("La central de Itaipú produce 14 GW.", ["Itaipú"]),
        ("Los FLOPS miden las operaciones.", ["FLOPS"]),  # the sentence is about them
    ],
)
def test_a_unit_a_figure_is_measured_in_names_no_one(text: str, names: list[str]) -> None:
    assert names_in(text) == names


def test_across_languages_a_count_matches_its_noun_as_a_cognate() -> None:
    sentence, question = "Cuatro naciones llevan su nombre.", "How many nations bear its name?"
    assert [s.text for s in candidate_spans(sentence, QUANTITY, question, "en", "es")] == [
        "Cuatro naciones"
    ]
    assert candidate_spans(sentence, QUANTITY, question, "en") == []
    points = "The dataset had 4.9 x 10^12 data points."
    assert candidate_spans(points, QUANTITY, "¿Cuántos parámetros tiene?", "es", "en") == []


def test_a_sentence_in_another_language_is_read_in_its_own() -> None:
    # Spanish "once" is eleven; English "once" is no figure, and "miles" a unit
    sentence, question = "El post enumera once técnicas.", "How many techniques does the post list?"
    assert [s.text for s in candidate_spans(sentence, QUANTITY, question, "en", "es")] == [
        "once técnicas"
    ]
    assert candidate_spans(sentence, QUANTITY, question, "en") == []
    english = "He visited once, and the park covers 40 square miles."
    assert [
        s.text for s in candidate_spans(english, QUANTITY, "¿Cuántas veces la visitó?", "es", "en")
    ] == []


def test_a_count_of_people_is_said_in_any_word_for_people() -> None:
    sentence = "En marzo de 2015 controlaba un territorio de diez millones de personas en Irak."
    question = "How many people did the group control in March 2015?"
    assert [s.text for s in candidate_spans(sentence, QUANTITY, question, "en", "es")] == [
        "diez millones de personas"
    ]
    town = "La ciudad tenía 711 988 habitantes y 12 distritos."
    assert [s.text for s in candidate_spans(town, QUANTITY, "¿Cuántas personas vivían allí?")] == [
        "711 988 habitantes"
    ]
    # nor does any other count answer it
    teams = "La ciudad tenía 711 988 equipos."
    assert candidate_spans(teams, QUANTITY, "¿Cuántas personas vivían allí?") == []


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("¿Dónde vivía Óscar Tusquets?", ["Óscar", "Tusquets"]),
        ("¿Qué río cruza Los Ángeles?", ["Ángeles"]),
        ("¿Cuándo llegó el Islam a África?", ["Islam", "África"]),
        ("Éste es el libro de Ben Auffarth.", ["Ben", "Auffarth"]),  # an ordinary first word
    ],
)
def test_a_name_may_begin_with_an_accented_capital(question: str, names: list[str]) -> None:
    assert names_in(question) == names


@pytest.mark.parametrize(
    ("question", "organization"),
    [
        ("Who published the book reviewed in the post?", True),
        ("¿Quién publicó el libro?", True),
        ("¿Quién lo publicó?", True),
        ("¿Qué editorial publica el libro?", True),
        ("Who wrote the book?", False),
        # "público" folds as "publicó" does, but is no verb after "quién"
        ("¿Quiénes pueden dar al público los medicamentos?", False),
    ],
)
def test_who_published_asks_for_a_publisher(question: str, organization: bool) -> None:
    assert asks_organization(question) is organization


def test_a_language_or_nationality_names_no_one() -> None:
    sentence = 'This note is an English summary of the Spanish post "Tendencias" by Ben Auffarth.'
    assert texts(sentence, "Who wrote the post?", "en") == ["Ben Auffarth"]
    assert texts(sentence, "Who published the post?", "en") == []


def test_the_unit_a_question_counts_is_no_name_it_asks_about() -> None:
    assert names_in("¿Cuántos FLOPs realizó el entrenamiento de Llama?") == ["Llama"]
    assert names_in("How many FLOPs did GPT-4 perform?") == ["GPT-4"]


@pytest.mark.parametrize(
    ("sentence", "question", "lang", "organization"),
    [
        (
            "Su Frente Nacional Islámico ganó influencia cuando el General Gaafar al-Nimeiry "
            "invitó a sus miembros a servir en su gobierno.",
            "¿A qué organización invitó el general Gaafar al-Nimeiry a los miembros?",
            "es",
            "Frente Nacional Islámico",
        ),
        (
            "The Scottish Labour Party won the seat, and Donald Dewar led it.",
            "Which organization won the seat?",
            "en",
            "Scottish Labour Party",
        ),
    ],
)
def test_a_body_of_people_is_no_person_shaped_name(
    sentence: str, question: str, lang: str, organization: str
) -> None:
    assert organization in texts(sentence, question, lang)


@pytest.mark.parametrize(
    ("sentence", "question", "lang", "count"),
    [
        (
            "También ganó el campeonato del país en 1946 y la copa en dos ocasiones.",
            "¿Cuántas veces ganó la copa el Polonia?",
            "es",
            "dos ocasiones",
        ),
        (
            "The club won the cup on three occasions.",
            "How many times did the club win the cup?",
            "en",
            "three occasions",
        ),
    ],
)
def test_occasions_count_the_times_a_question_asks_for(
    sentence: str, question: str, lang: str, count: str
) -> None:
    assert texts(sentence, question, lang) == [count]


PUBLIC_DATA_ES = (
    "Los datos públicos ponen a disposición datasets públicos, incluidos datos sintéticos, y "
    "favorecen la privacidad."
)
MODALITIES_ES = "La multimodalidad consiste en trabajar con otras modalidades como imagen o sonido."


@pytest.mark.parametrize(
    ("question", "sentence", "said"),
    [
        ("Which hardware examples does the post give?", ACCELERATORS_EN, True),
        ("¿Qué ejemplos de hardware da el post?", ACCELERATORS_ES, True),
        ("¿Qué ejemplos de modalidades se mencionan?", MODALITIES_ES, True),
        # examples of another noun than the one asked about
        ("¿Qué ejemplos de modalidades se mencionan?", PUBLIC_DATA_ES, False),
        # no examples given, or none asked
        ("Which hardware examples does the post give?", PUBLISHED_EN, False),
        ("¿Qué hardware especializado menciona el post?", ACCELERATORS_ES, False),
    ],
)
def test_a_sentence_that_gives_examples_of_the_asked_noun_says_examples(
    question: str, sentence: str, said: bool
) -> None:
    assert bool(example_words_said(question, sentence)) is said


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        # "Ultra" is the rest of the name "Gemini 1.0 Ultra" that the question gives
        ("¿De dónde saca el post los datos de Gemini?", []),
        ("¿Dónde están los datos del post?", ["Gemini 1.0 Ultra"]),
    ],
)
def test_the_rest_of_a_numbered_name_the_question_gives_is_no_answer(
    question: str, spans: list[str]
) -> None:
    sentence = "El post no indica el tamaño del dataset de entrenamiento de Gemini 1.0 Ultra."
    assert texts(sentence, question) == spans
