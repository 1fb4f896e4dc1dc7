"""Figures must come from the clause that states the asked fact, in a unit that fits the
question (rag/answer/claims.py), with the word-vector fake embedder: recombinations of
true evidence (es-011's "cada ocho meses", a cost given for an energy question) are
dropped and the answer falls back to quoting; correct answers are kept."""

from __future__ import annotations

import pytest

from rag.answer.claims import (
    ClaimCheck,
    Kind,
    clauses,
    counted_nouns,
    expected_kinds,
    measure_words_said,
    quantities,
    without_interrogative,
)
from rag.answer.evidence import numbers
from rag.answer.language import question_language
from rag.answer.verify import Verifier
from rag.schema import Answer, AnswerMode, Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder

# corpus/notes/escala-entrenamiento.md, lines 16-18: both figures, two predicates.
ROCK_ES = (
    "- Según el libro, el tiempo de entrenamiento de los modelos se dobla cada ocho meses.\n"
    "- La denominada Ley de Rock dice, según el post, que el coste de los procesadores GPU "
    "o TPU se reduce a la mitad cada cuatro años.\n"
    "- La Ley de Rock no compensa, desde el punto de vista del coste, que el tiempo de "
    "entrenamiento de los modelos se doble cada ocho meses.\n"
)
ROCK_QUESTION_ES = (
    "Según la Ley de Rock, ¿cada cuánto se reduce a la mitad el coste de los procesadores "
    "GPU o TPU?"
)
ES_011_ANSWER = (
    "Si se reduce a la mitad el coste de los procesadores GPU o TPU, el tiempo de "
    "entrenamiento de los modelos se doble cada ocho meses. [1]"
)
ROCK_EN = (
    "According to the book, the training time of models doubles every eight months, while "
    "under Rock's law the cost of GPU or TPU processors halves every four years.\n"
    "From a cost point of view, Rock's law does not offset the doubling of training time "
    "every eight months.\n"
)
ROCK_QUESTION_EN = "Under Rock's law, how often does the cost of GPU or TPU processors halve?"
ENERGY_ES = (
    "El entrenamiento de Gemini 1.0 Ultra duró 100 días, consumió 2,4 x 10^4 Kilowatios y "
    "costó 30 millones de dólares.\n"
)
ENERGY_EN = (
    "The training of Gemini 1.0 Ultra lasted 100 days, consumed 2.4 x 10^4 kilowatts and "
    "cost 30 million dollars.\n"
)


def passage(text: str, lang: str) -> Passage:
    metadata: dict[str, object] = {"source": f"notes/{lang}.md", "lang": lang}
    return Passage(f"c-{lang}", text, metadata | {"start": 0, "end": len(text)}, score=1.0)


def answer(question: str, document: str, lang: str, generated: str) -> Answer:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess(question, lang, [passage(document, lang)])
    return verifier.verify(assessment, generated)


def test_es_011_recombination_is_dropped_and_the_cost_sentence_is_quoted() -> None:
    result = answer(ROCK_QUESTION_ES, ROCK_ES, "es", ES_011_ANSWER)
    assert result.mode is AnswerMode.EXTRACTIVE
    assert result.answer == "Cada cuatro años [1]"
    assert "Ley de Rock" in result.citations[0].quote


def test_es_011_answer_gets_no_support_from_any_evidence_sentence() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess(ROCK_QUESTION_ES, "es", [passage(ROCK_ES, "es")])
    [claim] = verifier.claims(assessment, ES_011_ANSWER)
    assert claim.supports and max(claim.supports) == 0.0


def test_the_right_period_passes_the_claim_check() -> None:
    check = ClaimCheck(ROCK_QUESTION_ES, "es")
    [claimed] = check.claimed("Cada cuatro años [1]")
    assert (claimed.value, claimed.unit) == ("4", "year")
    cost, rock_offset = ROCK_ES.splitlines()[1:]
    assert check.supported_by([claimed], cost, "es")
    assert not check.supported_by(check.claimed(ES_011_ANSWER), rock_offset, "es")


@pytest.mark.parametrize("figure", ["cuatro", "4"])
def test_the_right_period_is_kept(figure: str) -> None:
    generated = f"El coste de los procesadores se reduce a la mitad cada {figure} años."
    document = ROCK_ES.replace("cada cuatro años", f"cada {figure} años")
    result = answer(ROCK_QUESTION_ES, document, "es", f"{generated} [1]")
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == f"Cada {figure} años [1]"
    assert "Ley de Rock" in result.citations[0].quote


ROCK_EVIDENCE_ES = "El coste de los procesadores GPU o TPU se reduce a la mitad cada cuatro años."


def test_the_same_figure_in_another_unit_is_not_the_stated_one() -> None:
    check = ClaimCheck(ROCK_QUESTION_ES, "es")
    assert check.supported_by(check.claimed("Cada cuatro años."), ROCK_EVIDENCE_ES, "es")
    assert not check.supported_by(check.claimed("Cada cuatro meses."), ROCK_EVIDENCE_ES, "es")


@pytest.mark.parametrize(
    ("question", "evidence", "claim", "states"),
    [
        # a share or a period is no speed, a figure of no known unit may be one
        ("¿Cuál es la velocidad de un procesador TPU?", ROCK_EVIDENCE_ES, "La mitad.", False),
        ("¿Cuál es la velocidad de un procesador TPU?", ROCK_EVIDENCE_ES, "Cuatro años.", False),
        ("How fast is the train?", "The train runs at 300 km/h.", "300 km/h", True),
        # a distance may be a time away
        (
            "¿A qué distancia está el pueblo?",
            "El pueblo está a 20 minutos de la ciudad.",
            "20 minutos",
            True,
        ),
        ("¿Qué altura tiene la torre?", "La torre mide 300 metros.", "300 metros", True),
        # a magnitude named, not asked, leaves a date to answer "¿Cuándo…?"
        (
            "¿Cuándo se publicó el gráfico de la temperatura?",
            "El gráfico de la temperatura se publicó en 1999.",
            "1999",
            True,
        ),
    ],
)
def test_a_physical_magnitude_is_stated_in_its_own_units(
    question: str, evidence: str, claim: str, states: bool
) -> None:
    check = ClaimCheck(question, "es")
    assert check.supported_by(check.claimed(claim), evidence, "es") is states


def test_english_recombination_is_dropped_and_the_right_period_kept() -> None:
    wrong = "The cost of GPU or TPU processors halves every eight months."
    result = answer(ROCK_QUESTION_EN, ROCK_EN, "en", wrong)
    assert result.mode is AnswerMode.EXTRACTIVE
    assert result.answer == "Every four years [1]"
    kept = answer(ROCK_QUESTION_EN, ROCK_EN, "en", "Every four years. [1]")
    assert kept.mode is AnswerMode.GENERATED
    assert kept.answer == "Every four years [1]"


@pytest.mark.parametrize(
    "generated",
    [
        "El entrenamiento de Gemini 1.0 Ultra consumió 30 millones de dólares.",
        "El entrenamiento de Gemini 1.0 Ultra consumió 30 millones.",  # unit from evidence
    ],
)
def test_a_cost_given_for_an_energy_question_is_dropped(generated: str) -> None:
    question = "¿Cuánta energía consumió el entrenamiento de Gemini 1.0 Ultra?"
    result = answer(question, ENERGY_ES, "es", generated)
    assert result.mode is AnswerMode.EXTRACTIVE
    assert "2,4 x 10^4 Kilowatios" in result.answer


def test_the_energy_figure_from_the_same_sentence_is_kept() -> None:
    question = "¿Cuánta energía consumió el entrenamiento de Gemini 1.0 Ultra?"
    generated = "El entrenamiento de Gemini 1.0 Ultra consumió 2,4 x 10^4 Kilowatios."
    result = answer(question, ENERGY_ES, "es", generated)
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == "2,4 x 10^4 Kilowatios [1]"


def test_english_energy_question_rejects_the_cost_and_keeps_the_energy() -> None:
    question = "How much energy did the training of Gemini 1.0 Ultra consume?"
    wrong = answer(
        question, ENERGY_EN, "en", "The training of Gemini 1.0 Ultra consumed 30 million dollars."
    )
    assert wrong.mode is AnswerMode.EXTRACTIVE
    right = "The training of Gemini 1.0 Ultra consumed 2.4 x 10^4 kilowatts."
    kept = answer(question, ENERGY_EN, "en", right)
    assert kept.mode is AnswerMode.GENERATED
    assert kept.answer == "2.4 x 10^4 kilowatts [1]"
    assert "30 million" not in wrong.answer


def test_a_money_question_keeps_the_cost_from_a_sentence_with_several_figures() -> None:
    question = "¿Cuánto costó el entrenamiento de Gemini 1.0 Ultra?"
    generated = "El entrenamiento de Gemini 1.0 Ultra costó 30 millones de dólares."
    result = answer(question, ENERGY_ES, "es", generated)
    assert result.mode is AnswerMode.GENERATED
    wrong = answer(
        question, ENERGY_ES, "es", "El entrenamiento de Gemini 1.0 Ultra costó 100 días."
    )
    assert wrong.mode is AnswerMode.EXTRACTIVE


def test_an_answer_without_figures_is_unaffected() -> None:
    check = ClaimCheck(ROCK_QUESTION_ES, "es")
    sentence = "La Ley de Rock habla del coste de los procesadores GPU o TPU."
    assert check.claimed(sentence) == []
    assert check.supported_by([], "Nada que ver.", "es")
    question = "¿Qué ley habla del coste de los procesadores GPU o TPU?"
    result = answer(question, ROCK_ES, "es", "La denominada Ley de Rock.")
    assert result.mode is AnswerMode.GENERATED


def test_a_name_digit_does_not_support_a_figure() -> None:
    """ "GPT-4" holds a 4, which the number check alone took for the 4 of "4 días"."""
    question = "¿Cuántos días duró el entrenamiento del modelo de OpenAI?"
    document = "El entrenamiento de GPT-4, el modelo de OpenAI, duró 95 días.\n"
    wrong = answer(question, document, "es", "El entrenamiento de GPT-4 duró 4 días.")
    assert wrong.mode is AnswerMode.EXTRACTIVE
    right = answer(question, document, "es", "El entrenamiento de GPT-4 duró 95 días.")
    assert right.mode is AnswerMode.GENERATED


def test_figures_the_question_states_are_not_claims_nor_its_predicate() -> None:
    """es-012 names the period and asks for the law: "cada cuatro años" is given, and
    its "cada" does not put the other clause's "cada ocho meses" on topic."""
    question = (
        "¿Qué ley dice que el coste de los procesadores GPU o TPU se reduce a la mitad "
        "cada cuatro años?"
    )
    check = ClaimCheck(question, "es")
    assert check.claimed("La Ley de Rock: cada cuatro años.") == []
    offset = ROCK_ES.splitlines()[2].removeprefix("- ")
    assert not check.supported_by(check.claimed(offset), offset, "es")


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("¿Qué quiere decir la sigla RAG?", "RAG ('Retrieval Augmented Generation') enriquece."),
        ("In which month and year was the book published?", "The book was published in 2023."),
        ("¿En qué año se publicó el libro?", "El libro se publicó en 2023."),
    ],
)
def test_the_words_that_ask_are_not_words_the_answer_must_hold(
    question: str, sentence: str
) -> None:
    """The sentence that answers holds the answer, not "quiere decir", "month" or "año":
    it covers every content word the question has besides them."""
    passage = Passage("c1", sentence, {"source": "a.md", "start": 0, "end": len(sentence)})
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess(question, "es", [passage])
    assert assessment.ranked[0].coverage == pytest.approx(1.0)
    assert "decir" not in without_interrogative(question)


def test_quantities_read_number_words_scales_units_and_skip_names() -> None:
    text = (
        "Gemini 1.0 Ultra y GPT-4 costaron $30 millones y 41 mil millones de euros en ocho meses."
    )
    found = [(q.value, q.scale, q.unit, q.kind) for q in quantities(text)]
    assert found == [
        ("30", 6, "usd", Kind.MONEY),
        ("41", 9, "eur", Kind.MONEY),
        ("8", None, "month", Kind.TIME),
    ]
    assert [q.kind for q in quantities("Se publicó en diciembre de 2023.")] == [Kind.DATE]
    assert [q.kind for q in quantities("Published in December 2023.", "en")] == [Kind.DATE]
    assert quantities("Once trained, it stopped.", "en") == []
    assert [q.value for q in quantities("El post enumera once técnicas.")] == ["11"]
    assert [q.unit for q in quantities("Sube un 20 por ciento.")] == ["percent"]


def test_abbreviated_times_are_units_apart_from_the_figure_only() -> None:
    found = [(q.value, q.unit) for q in quantities("Quedaban 3 min 8 s; el vuelo duró 2 h.")]
    assert found == [("3", "minute"), ("8", "second"), ("2", "hour")]
    assert [q.kind for q in quantities("Music of the 1990's grew.", "en")] == [Kind.DATE]


def test_a_year_before_a_name_is_a_date_not_part_of_the_name() -> None:
    assert [q.kind for q in quantities("En julio de 2015 Obama visitó Kenia.")] == [Kind.DATE]
    assert [q.kind for q in quantities("In 2023 Google released Gemini.", "en")] == [Kind.DATE]
    assert quantities("Usa el modelo 4 Turbo de la casa.") == []


def test_digits_after_a_name_are_a_figure_when_a_unit_or_times_follows() -> None:
    assert quantities("Se usa el modelo Llama 2 en la casa.") == []
    venice = quantities("La peste se produjo en Venecia 22 veces entre 1361 y 1528.")
    assert [q.value for q in venice] == ["22", "1361", "1528"]
    assert [(q.value, q.unit) for q in quantities("Llegó a Tokio 3 días después.")] == [
        ("3", "day")
    ]


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("A veces dos tercios de su población murieron.", "es", [("2/3", "dos tercios")]),
        ("Representa más de la mitad de los bosques.", "es", [("1/2", "la mitad")]),
        ("A third of them, and half of the rest.", "en", [("1/3", "A third"), ("1/2", "half")]),
        (
            "Tuvo cientos de canales y miles de oyentes.",
            "es",
            [("hundreds", "cientos"), ("thousands", "miles")],
        ),
        ("Hundreds of channels, 10 miles away.", "en", [("hundreds", "Hundreds"), ("10", "10")]),
        ("Reformó un cuarto de baño.", "es", []),
    ],
)
def test_shares_and_counts_by_their_order_of_magnitude_are_figures(
    text: str, lang: str, found: list[tuple[str, str]]
) -> None:
    assert [(q.value, text[q.start : q.end]) for q in quantities(text, lang)] == found


def test_a_share_answers_how_many_and_what_percentage_but_not_how_much_money() -> None:
    assert ClaimCheck("¿Cuántas personas murieron de peste?", "es").fits(Kind.SHARE)
    assert ClaimCheck("¿Qué porcentaje de la selva está en Brasil?", "es").fits(Kind.SHARE)
    assert not ClaimCheck("¿Cuánto costó la obra?", "es").fits(Kind.SHARE)


def test_a_spanish_count_counts_a_plural_noun_not_a_verb() -> None:
    assert counted_nouns("¿Cuántas páginas tiene el libro?") == ["paginas"]
    assert counted_nouns("De sus equipos, ¿cuántos llegaron a la Super Bowl?") == []
    assert counted_nouns("How many people came?")[0] == "people"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many floating point operations did GPT-4's training take?", "operations"),
        ("How many data points did the dataset have?", "points"),
        ("How many Grammy awards has she won?", "awards"),
        ("How many people live in Warsaw?", "people"),
    ],
)
def test_an_english_count_counts_the_head_of_its_noun_phrase(question: str, counted: str) -> None:
    assert counted_nouns(question)[0] == counted


def test_a_count_of_people_counts_every_word_for_people() -> None:
    assert {"personas", "habitantes"} <= set(counted_nouns("How many people came?"))
    assert {"people", "habitantes"} <= set(counted_nouns("¿Cuántas personas vinieron?"))
    assert counted_nouns("How many nations bear its name?") == ["nations"]


def test_clauses_break_at_commas_and_mientras_but_not_at_decimal_commas() -> None:
    text = "Realizó 2,1 x 10^25 FLOPs, duró 95 días mientras que Gemini duró 100 días; fin."
    found = clauses(text)
    assert [[q.value for q in c.quantities] for c in found] == [
        ["2.1x10^25"],
        ["95"],
        ["100"],
        [],
    ]
    assert "gemini" in found[2].keys and "flops" not in found[0].keys  # the figure's own words
    [fronted] = clauses("En 1850, la ciudad fue fundada por colonos.")
    assert [q.value for q in fronted.quantities] == ["1850"] and "fundada" in fronted.keys
    [trailing] = clauses("La ciudad fue fundada por colonos, en 1850.")
    assert [q.value for q in trailing.quantities] == ["1850"]
    [dated] = clauses("El 6 de octubre de 1973, Siria y Egipto lanzaron un ataque.")
    assert [q.value for q in dated.quantities] == ["6", "1973"] and "lanzaron" in dated.keys
    [placed] = clauses("A principios de 1954, el féretro fue devuelto a Mongolia.")
    assert [q.value for q in placed.quantities] == ["1954"] and "devuelto" in placed.keys
    [season] = clauses("In the summer of 1521, the city fell.")
    assert [q.value for q in season.quantities] == ["1521"] and "city" in season.keys
    areas = clauses("Destaca el área de Madrid, con 6,7 millones de habitantes, y la de Lisboa.")
    assert [[q.value for q in c.quantities] for c in areas] == [["6.7"], []]
    assert "madrid" in areas[0].keys and "lisboa" in areas[1].keys  # "con …" says more of Madrid


@pytest.mark.parametrize(
    ("question", "sentence", "figure", "lang"),
    [
        (
            "¿Cuándo obtuvo Tesla la patente de su transmisor?",
            "En el año 1900, le concedieron a Tesla la patente de un transmisor.",
            "1900",
            "es",
        ),
        (
            "¿Cuándo tuvo lugar Costa contra ENEL?",
            "En el primer caso importante en 1964, Costa contra ENEL, un abogado se negó a pagar.",
            "1964",
            "es",
        ),
        (
            "When did Tesla get the patent for his transmitter?",
            "In the year 1900, Tesla was granted the patent for a transmitter.",
            "1900",
            "en",
        ),
    ],
)
def test_a_short_opening_phrase_belongs_to_the_clause_after_it(
    question: str, sentence: str, figure: str, lang: str
) -> None:
    check = ClaimCheck(question, lang)
    assert check.supported_by(check.claimed(figure), sentence, lang)


def test_an_opening_clause_or_phrase_with_a_verb_of_its_own_stays_apart() -> None:
    check = ClaimCheck("¿Cuándo se fundó Wardenclyffe?", "es")
    coordinated = "En 1900 obtuvo la patente, y en 1901 fundó Wardenclyffe."
    assert check.supported_by(check.claimed("1901"), coordinated, "es")
    assert not check.supported_by(check.claimed("1900"), coordinated, "es")
    relative = "En la conferencia que dio en 1899, fundó Wardenclyffe."
    assert not check.supported_by(check.claimed("1899"), relative, "es")


def test_a_when_clause_happened_at_the_dates_of_the_clause_before_it() -> None:
    check = ClaimCheck("¿En qué año recibió el V&A la colección Talbot Hughes?", "es")
    sentence = (
        "Uno de los primeros regalos del traje llegó en 1913, cuando el V&A recibió la "
        "colección de Talbot Hughes que contenía 1442 trajes."
    )
    assert check.supported_by(check.claimed("1913"), sentence, "es")
    english = ClaimCheck("In which year did the V&A receive the Talbot Hughes collection?", "en")
    said = "The first gift arrived in 1913, when the V&A received the Talbot Hughes collection."
    assert english.supported_by(english.claimed("1913"), said, "en")
    # only dates go along: the clause before counts something else
    counted = ClaimCheck("¿Cuántos trajes recibió el V&A?", "es")
    other = "El museo abrió 800 salas, cuando el V&A recibió los trajes de Talbot Hughes."
    assert not counted.supported_by(counted.claimed("800"), other, "es")


def test_a_year_shaped_figure_before_a_word_for_people_counts_them() -> None:
    [count] = quantities("La población se estimó en 2000 personas.")
    assert (count.value, count.kind) == ("2000", None)
    [year] = quantities("En 2000 la población creció.")
    assert year.kind is Kind.DATE


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the plural noun right after the figure is what it counts
        ("A la cena asistieron 2000 invitados, y la galería abrió.", None),
        ("The band sold 1500 copies.", None),
        # past what brackets say of it
        ("Había 1388 (0,9 %) parejas del mismo sexo.", None),
        ("There were 1388 (0.9%) couples of the same sex.", None),
        # a word before the figure places the date: what follows is the subject
        ("En 1999 científicos de Oxford lo confirmaron.", Kind.DATE),
        ("El año 2000 trajo cambios.", Kind.DATE),
        ("En 1999 (tras la guerra) científicos de Oxford lo confirmaron.", Kind.DATE),
        ("En 1999 (tras la guerra) llegaron.", Kind.DATE),
        # no plural noun after it
        ("1990 fue un año difícil.", Kind.DATE),
    ],
)
def test_a_year_shaped_figure_before_a_plural_noun_counts_it(text: str, kind: Kind | None) -> None:
    figure = quantities(text)[0]
    assert figure.kind is kind


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("¿Cuánto costó el entrenamiento de GPT-4?", {Kind.MONEY}),
        ("How much did the training of Gemini 1.0 Ultra cost?", {Kind.MONEY}),
        ("¿Cuánta energía consumió el entrenamiento de GPT-4?", {Kind.ENERGY}),
        ("How much energy did the training of GPT-4 consume?", {Kind.ENERGY}),
        (ROCK_QUESTION_ES, {Kind.TIME}),
        (ROCK_QUESTION_EN, {Kind.TIME}),
        ("How long did the training take?", {Kind.TIME}),
        ("¿Cuándo se publicó el libro?", {Kind.DATE, Kind.TIME}),
        ("When was the book published?", {Kind.DATE, Kind.TIME}),
        ("In which month and year was the book published?", {Kind.DATE, Kind.TIME}),
        ("¿En qué día se publicó el libro?", {Kind.DATE, Kind.TIME}),
        ("¿Cuántos días duró el entrenamiento?", {Kind.TIME}),
        ("How many FLOPs did GPT-4 perform?", {Kind.COMPUTE}),
        ("¿Cuántas páginas tiene el libro?", set()),
        ("¿Cuánto costó y cuántos FLOPs realizó?", {Kind.MONEY, Kind.COMPUTE}),
        ("¿Qué porcentaje de la selva se taló?", {Kind.PERCENT}),
        ("What percentage of the forest was cut?", {Kind.PERCENT}),
        ("Según la AAA, ¿cuál es el porcentaje de gasolineras sin gasolina?", {Kind.PERCENT}),
        ("What was the percentage of households with children?", {Kind.PERCENT}),
        # a verb of paying asks for money unless the question names what was spent
        ("¿Cuánto gastó OpenAI en entrenar GPT-4?", {Kind.MONEY}),
        ("How much did OpenAI spend on GPT-4?", {Kind.MONEY}),
        ("¿Cuánta energía gastó GPT-4 en su entrenamiento?", {Kind.ENERGY}),
        ("¿Qué gasto energético tuvo el entrenamiento de GPT-4?", {Kind.ENERGY}),
        ("How much energy did the training of GPT-4 spend?", {Kind.ENERGY}),
        ("¿Cuántas horas gastaron en entrenarlo?", {Kind.TIME}),
        ("What does the book cost?", {Kind.MONEY}),
        ("How much is the book?", {Kind.MONEY}),
    ],
)
def test_expected_kind_of_figure_comes_from_the_question(question: str, kinds: set[Kind]) -> None:
    assert expected_kinds(question) == frozenset(kinds)


@pytest.mark.parametrize(
    "question", ["¿Qué significa RAG?", "Who wrote the book?", "¿Qué quiere decir 'open data'?"]
)
def test_questions_that_ask_for_no_figure_expect_no_kind(question: str) -> None:
    assert expected_kinds(question) is None


def test_a_count_question_rejects_a_date() -> None:
    check = ClaimCheck("¿Cuántas páginas tiene el libro?", "es")
    evidence = "El libro se publicó en diciembre de 2023."
    assert not check.supported_by(check.claimed("El libro se publicó en 2023."), evidence, "es")


def test_a_bare_figure_is_of_the_kind_its_evidence_states() -> None:
    check = ClaimCheck("¿Cuántos invitados asistieron a la cena de inauguración?", "es")
    evidence = "La inauguración se celebró con una gran cena a la que asistieron 2000 invitados."
    assert check.supported_by(check.claimed("2000"), evidence, "es")
    dated = "La inauguración se celebró en 2000 con una gran cena."
    assert not check.supported_by(check.claimed("2000"), dated, "es")


def test_thousands_grouped_by_spaces_are_one_figure() -> None:
    assert [q.value for q in quantities("Tenía 17 786 419 habitantes.")] == ["17786419"]
    assert numbers("unos 24 000 soldados") == {"24000"}
    assert [q.value for q in quantities("En 1960 100 personas vivían allí.")] == ["1960", "100"]


def test_a_figure_before_an_era_is_a_date() -> None:
    [end] = quantities("hasta el final del Pleistoceno (~11 600 BP).")
    assert (end.value, end.kind) == ("11600", Kind.DATE)
    [year] = quantities("Para el 9000 BP, Europa estaba cubierta de bosques.")
    assert year.kind is Kind.DATE


SUNG = "¿Quién cantó el himno nacional?"
ELWAY = (
    "The past record was held by John Elway, who led the Broncos to victory at age 38 and "
    "is currently Denver's General Manager, while Gary Kubiak coached the team."
)


@pytest.mark.parametrize(
    ("question", "text", "name", "on_topic"),
    [
        (SUNG, "Lady Gaga, la ganadora del Grammy, cantó el himno nacional.", "Lady Gaga", True),
        (
            "Who sang the national anthem?",
            "Lady Gaga, the Grammy winner, sang the national anthem.",
            "Lady Gaga",
            True,
        ),
        (SUNG, "Marlee Matlin, la actriz, lo tradujo mientras otra cantó.", "Marlee Matlin", False),
        (
            "¿Quién se ocupa de la seguridad social?",
            "Estas incluyen el aborto, la Lotería Nacional, la protección de las fronteras, "
            "la seguridad social y el empleo.",
            "Lotería Nacional",
            False,
        ),
        # a name set alone between commas is read with the clause it is set beside
        (
            "¿A quién se debe el nombre de Kearney Boulevard?",
            "Kearney Boulevard lleva el nombre de un millonario, M. Theo Kearney, que vivió allí.",
            "M. Theo Kearney",
            True,
        ),
        (
            "¿A quién se debe el nombre de Kearney Boulevard?",
            "Las palmeras se plantaron en 1900, M. Theo Kearney, que vivió allí.",
            "M. Theo Kearney",
            False,
        ),
        # so is a name that with its article opens the sentence's last stretch
        (
            "¿Quién ganó la Super Bowl XLIX?",
            "En la final batieron al ganador de la Super Bowl XLIX, los New England Patriots "
            "por 20 a 18.",
            "New England Patriots",
            True,
        ),
        (
            "¿Quién ganó la Super Bowl XLIX?",
            "En la final batieron al ganador de la Super Bowl XLIX, los New England Patriots, "
            "que perdieron.",
            "New England Patriots",
            True,
        ),
        (
            "¿Quién ganó la Super Bowl XLIX?",
            "El ganador de la Super Bowl XLIX fue otro, y los New England Patriots, por 20 "
            "a 18, perdieron.",
            "New England Patriots",
            False,
        ),
        # a person's relative clause is said of the name
        ("Who is the General Manager for the Broncos?", ELWAY, "John Elway", True),
        ("Who coached the team?", ELWAY, "John Elway", False),
        (
            "¿Quién es el mánager general de los Broncos?",
            "El récord lo tenía John Elway, quien es hoy mánager general de los Broncos.",
            "John Elway",
            True,
        ),
    ],
)
def test_a_name_belongs_to_the_clause_after_its_apposition_and_to_its_relative_clause(
    question: str, text: str, name: str, on_topic: bool
) -> None:
    start = text.index(name)
    check = ClaimCheck(question, question_language(question))
    assert check.phrase_on_topic(text, start, start + len(name)) is on_topic


@pytest.mark.parametrize(
    ("question", "supported"),
    [
        ("¿Cuándo se publicó el libro?", True),
        # the clause of the date names the book, not the post the question asks about
        ("¿Cuándo se publicó el post?", False),
    ],
)
def test_a_date_given_of_another_kind_of_work_does_not_date_the_asked_one(
    question: str, supported: bool
) -> None:
    sentence = (
        "Como hice en el post anterior, recalco que el libro se publicó en diciembre de 2023."
    )
    check = ClaimCheck(question, "es")
    assert check.supported_by(check.claimed("diciembre de 2023"), sentence, "es") is supported


@pytest.mark.parametrize(
    ("sentence", "supported"),
    [
        ("The training of GPT-4 cost 41 dollars.", False),
        ("The book costs 41 dollars.", True),
    ],
)
def test_a_detail_of_a_work_is_stated_by_a_clause_that_names_it(
    sentence: str, supported: bool
) -> None:
    check = ClaimCheck("How much does the book cost?", "en")
    assert check.supported_by(check.claimed("41 dollars"), sentence, "en") is supported


@pytest.mark.parametrize(
    ("question", "sentence", "lang", "said"),
    [
        # "consumió … Kilowatios" states an energy: the question's "energía" is said
        ("¿Cuánta energía usó el entrenamiento?", "Consumió 2,4 x 10^4 Kilowatios.", "es", True),
        ("How much energy did the training use?", "It consumed 2.4 x 10^4 kilowatts.", "en", True),
        ("How much money did the training cost?", "It cost 41 million dollars.", "en", True),
        # a span of time says what "tardó" took and what the "duration" was
        ("¿Qué modelo tardó más en entrenarse?", "Duró 100 días.", "es", True),
        ("What was the duration of the training?", "It lasted 95 days.", "en", True),
        # a figure of another kind says nothing of energy, nor of a time taken
        ("¿Cuánta energía usó el entrenamiento?", "Costó 41 millones de dólares.", "es", False),
        ("¿Qué modelo tardó más en entrenarse?", "Costó 30 millones de dólares.", "es", False),
        # time graded is a time measured; "tiempo" alone names no figure
        ("Which model took less time to train?", "It lasted 95 days.", "en", True),
        ("¿Cuál era el tiempo en el marcador?", "Quedaban 4 min 51 s.", "es", False),
        # the "take" of "How long did it take?" asks the time; "took the ball" does not
        ("How long did GPT-4 training take?", "It lasted 95 days.", "en", True),
        ("Who took the ball from Newton?", "Newton ran for 95 days.", "en", False),
        ("¿Cuánta energía usó el entrenamiento?", "Duró 95 días.", "es", False),
        # a price is a product's: no cost of training says it
        ("¿Qué precio tiene el libro?", "Costó 41 millones de dólares.", "es", False),
        # the unit the question names, however the sentence spells it or in its language
        ("¿Cuántos kilovatios gastó?", "Consumió 2,2 x 10^4 Kilowatios.", "es", True),
        ("How many days did the training last?", "El entrenamiento duró 95 días.", "es", True),
        # another unit of the same kind is not the asked one
        ("¿Cuántas horas duró el entrenamiento?", "Duró 95 días.", "es", False),
        ("¿Cuántos kilovatios gastó?", "Costó 41 millones de dólares.", "es", False),
    ],
)
def test_a_figure_of_the_asked_kind_says_the_question_s_word_for_it(
    question: str, sentence: str, lang: str, said: bool
) -> None:
    assert bool(measure_words_said(question, sentence, lang)) is said


QUANTIZED = (
    "La cuantización reduce el número de bits usados para representar los números, perdiendo "
    "algo de precisión pero consiguiendo muy buenas mejoras de eficiencia."
)


@pytest.mark.parametrize(
    ("question", "phrase", "off"),
    [
        ("¿Qué se pierde al cuantizar un modelo?", "el número de bits", True),
        ("¿Qué se pierde al cuantizar un modelo?", "algo de precisión", False),
        ("¿Qué se pierde al cuantizar un modelo?", "se pierde algo de precisión", False),
        # a sentence that does not write the verb is read as before
        ("¿Qué se gana al cuantizar un modelo?", "el número de bits", False),
        # "qué" and a verb before its subject: what that verb's clause says
        ("¿Qué reduce la cuantización?", "algo de precisión", True),
        ("¿Qué reduce la cuantización?", "el número de bits", False),
        # a noun after "qué" asks no verb
        ("¿Qué técnica pierde precisión?", "el número de bits", False),
        ("¿Qué es la cuantización?", "el número de bits", False),
    ],
)
def test_what_is_asked_of_a_verb_comes_from_the_clause_that_writes_it(
    question: str, phrase: str, off: bool
) -> None:
    assert ClaimCheck(question, "es").off_the_asked_verb(QUANTIZED, phrase) is off


FACTUAL = (
    "La incorporación de bases de conocimiento, con información factual, reduce las alucinaciones."
)


@pytest.mark.parametrize(
    ("question", "sentence", "acted_on"),
    [
        ("¿Qué reduce la incorporación de bases de conocimiento?", FACTUAL, "las alucinaciones"),
        # the rest of the verb's clause only
        (
            "¿Qué reduce la cuantización?",
            QUANTIZED,
            "el número de bits usados para representar los números",
        ),
        # the sentence must name the subject before the verb
        ("¿Qué reduce la destilación?", FACTUAL, None),
        # "qué" may be the subject: the question's words after the verb ask what reduces
        ("¿Qué reduce las alucinaciones?", FACTUAL, None),
        # the question's other words before the verb are no subject
        (
            "¿Qué destruyó las reliquias del mausoleo durante la Revolución Cultural?",
            "En 1968, durante la Revolución Cultural, los Guardias Rojos destruyeron casi todo.",
            None,
        ),
        # no verb asked, or none written
        ("¿Qué técnica reduce las alucinaciones?", FACTUAL, None),
        ("¿Qué favorece la incorporación de bases de conocimiento?", FACTUAL, None),
    ],
)
def test_what_the_asked_verb_acts_on(question: str, sentence: str, acted_on: str | None) -> None:
    found = ClaimCheck(question, "es").asked_verb_object(sentence)
    assert (sentence[found[0] : found[1]] if found else None) == acted_on


PUBLIC = (
    "Public data, in the spirit of open data, makes public datasets available, which favors "
    "privacy and even fairness."
)
TWO_REGIONS = (
    "The northern counties form the Capital Region; while the southern counties and the "
    "coastal islands form the Border Region."
)


@pytest.mark.parametrize(
    ("question", "sentence", "acted_on"),
    [
        ("What do public datasets favour?", PUBLIC, "privacy and even fairness"),
        # of the verbs the sentence writes, the one after the question's phrase
        ("What do the southern counties form?", TWO_REGIONS, "the Border Region"),
        ("What do the northern counties form?", TWO_REGIONS, "the Capital Region"),
    ],
)
def test_what_the_asked_verb_acts_on_in_english(
    question: str, sentence: str, acted_on: str | None
) -> None:
    found = ClaimCheck(question, "en").asked_verb_object(sentence)
    assert (sentence[found[0] : found[1]] if found else None) == acted_on


FEDERATED = (
    "El aprendizaje federado es un modelo descentralizado de entrenamiento que favorece la "
    "escalabilidad."
)


@pytest.mark.parametrize(
    ("question", "sentence", "phrase", "off"),
    [
        # what the subject the question gives does: the verb's object, not the subject
        ("¿Qué favorece un modelo descentralizado?", FEDERATED, "el aprendizaje federado", True),
        ("¿Qué favorece un modelo descentralizado?", FEDERATED, "la escalabilidad", False),
        # what does the reducing: the sentence has the question's words after the verb
        ("¿Qué reduce las alucinaciones?", FACTUAL, "la incorporación de bases", False),
        ("¿Qué reduce la incorporación de bases de conocimiento?", FACTUAL, "información", True),
        # the subject written after the verb's clause is what "¿Qué se <verbo>?" asks
        (
            "¿Qué se representa mediante círculos?",
            "Dentro de esos ejes, se representan mediante pequeños círculos, los modelos "
            "concretos.",
            "los modelos concretos",
            False,
        ),
        (
            "¿Qué se representa mediante círculos?",
            "Dentro de esos ejes, se representan mediante pequeños círculos, y se añaden "
            "las etiquetas de los modelos concretos.",
            "los modelos concretos",
            True,
        ),
    ],
)
def test_what_a_question_s_subject_does_is_what_its_verb_acts_on(
    question: str, sentence: str, phrase: str, off: bool
) -> None:
    assert ClaimCheck(question, "es").off_the_asked_verb(sentence, phrase) is off


@pytest.mark.parametrize(
    ("question", "sentence", "complement"),
    [
        (
            "¿Qué se pierde con la cuantización?",
            "La cuantización reduce el número de bits, perdiendo algo de precisión pero "
            "consiguiendo mejoras de eficiencia.",
            "algo de precisión",
        ),
        (
            "¿Qué se proclamó el grupo en 2014?",
            "En 2014, el grupo se proclamó un califato.",
            "un califato",
        ),
        # of conjoined parts, the one about the question's axis, without its own words
        (
            "¿Qué se muestra en el eje de ordenadas de la gráfica?",
            "La gráfica muestra el tiempo en el eje de abscisas y los FLOPS en el eje de "
            "ordenadas.",
            "los FLOPS",
        ),
        (
            "¿Qué se muestra en la gráfica?",
            "Muestra el tiempo en un eje y los FLOPS en otro.",
            "el tiempo en un eje y los FLOPS en otro",
        ),
        # a quoted term that writes the verb is no verb of the sentence
        (
            "¿Qué se transfiere en el destilado del modelo?",
            "El destilado del modelo usa el 'transfer learning' para transferir conocimiento "
            "de un gran modelo a otros menores.",
            "conocimiento de un gran modelo a otros menores",
        ),
        # a preposition after the verb says when or how, not what
        ("¿Qué se pierde con la cuantización?", "La precisión se pierde al cuantizar.", None),
        (
            "¿Qué se representa con círculos en la gráfica?",
            "En la gráfica, cada modelo se representa mediante un pequeño círculo.",
            None,
        ),
        # "¿Qué reduce la cuantización?" names what the verb acts on: not this reading
        ("¿Qué reduce la cuantización?", "La cuantización reduce los bits.", None),
    ],
)
def test_what_the_verb_of_que_se_acts_on_is_what_follows_it(
    question: str, sentence: str, complement: str | None
) -> None:
    found = ClaimCheck(question, "es").asked_verb_complement(sentence)
    assert (found and sentence[found[0] : found[1]]) == complement


POPULATION_QUESTION = "¿Qué porcentaje de la población de Varsovia era protestante en 1901?"
POPULATION_SENTENCE = (
    "Según el censo, el 56,2 % eran católicos, el 5 % cristianos ortodoxos y el 2,8 % protestantes."
)
HOMES_QUESTION = "¿Cuántos hogares tienen niños menores de 18 años?"
HOMES_SENTENCE = "Había 158 349 hogares, de los cuales 68 511 (el 43,3 %) tenían hijos menores."
CARNOT_QUESTION = "¿Cuál es la eficiencia teórica de Carnot de una turbina?"
CARNOT_SENTENCE = (
    "Esto da una eficiencia teórica de Carnot de 63 % frente a una eficiencia real de 42 %."
)
MONTREAL_SENTENCE = (
    "La contienda duró seis años, desde la batalla de Jumonville Glen en 1754 hasta la "
    "captura de Montreal en 1760."
)


@pytest.mark.parametrize(
    ("question", "sentence", "figure", "away"),
    [
        (POPULATION_QUESTION, POPULATION_SENTENCE, "2,8 %", 0),
        (POPULATION_QUESTION, POPULATION_SENTENCE, "5 %", 6),
        ("¿Cuándo fue tomada Montreal?", MONTREAL_SENTENCE, "1760", 1),
        ("¿Cuándo fue tomada Montreal?", MONTREAL_SENTENCE, "1754", 4),
        # a name and an accented word are the question's as it writes them
        (CARNOT_QUESTION, CARNOT_SENTENCE, "63 %", 1),
        (CARNOT_QUESTION, CARNOT_SENTENCE, "42 %", 2),
        # a clause without the question's words: as far as all the sentence's words
        ("¿Cuándo fue tomada Montreal?", "Terminó en 1754, tras seis años.", "1754", 6),
        # the noun the question counts is written beside every count of it
        (HOMES_QUESTION, HOMES_SENTENCE, "158 349", 15),
        (HOMES_QUESTION, HOMES_SENTENCE, "68 511", 5),
    ],
)
def test_words_away_counts_the_words_to_the_nearest_of_the_question(
    question: str, sentence: str, figure: str, away: int
) -> None:
    start = sentence.index(figure)
    assert ClaimCheck(question, "es").words_away(sentence, start, start + len(figure)) == away
