"""The phrase after the "que / than" of the comparison a question makes names what the
answer is compared with (rag/answer/comparisons.py)."""

from __future__ import annotations

import pytest

from rag.answer.comparisons import (
    comparison_at,
    comparison_words_said,
    favoured_by_figures,
    favoured_name,
    on_the_favoured_side,
)
from rag.answer.evidence import word_keys

COST_ES = (
    "Con las cifras del post, el entrenamiento de GPT-4 (41 millones de dólares) fue más "
    "caro que el de Gemini 1.0 Ultra (30 millones de dólares)."
)
DAYS_EN = (
    "By the post's figures, training Gemini 1.0 Ultra (100 days) took longer than "
    "training GPT-4 (95 days)."
)
COST_EN = (
    "By the post's figures, training GPT-4 (41 million dollars) was more expensive than "
    "training Gemini 1.0 Ultra (30 million dollars)."
)
DAYS_ES = "El entrenamiento de Gemini 1.0 Ultra (100 días) duró más que el de GPT-4 (95 días)."
FLOPS_ES = (
    "Con las cifras del post, el entrenamiento de Gemini 1.0 Ultra (5,0 x 10^25 FLOPs) "
    "realizó más operaciones que el de GPT-4 (2,1 x 10^25 FLOPs)."
)
FLOPS_EN = (
    "By the post's figures, training Gemini 1.0 Ultra (5.0 x 10^25 FLOPs) performed more "
    "operations than training GPT-4 (2.1 x 10^25 FLOPs)."
)
RELATIVE = "GPT-4 es el modelo que OpenAI entrenó con más datos."


@pytest.mark.parametrize(
    ("question", "sentence", "phrase", "compared"),
    [
        ("¿Qué modelo fue más caro de entrenar?", COST_ES, "Gemini", True),
        ("¿Qué modelo fue más caro de entrenar?", COST_ES, "GPT-4", False),
        # graded the other way, the one after "más caro que" is the cheaper one
        ("¿Qué modelo fue menos caro de entrenar?", COST_ES, "Gemini", False),
        ("¿Qué modelo fue menos caro de entrenar?", COST_ES, "GPT-4", True),
        ("¿Qué modelo fue más barato de entrenar?", COST_ES, "GPT-4", True),
        ("¿Qué modelo fue más barato de entrenar?", COST_ES, "Gemini", False),
        ("Which model was cheaper to train?", COST_EN, "GPT-4", True),
        ("Which model was cheaper to train?", COST_EN, "Gemini", False),
        ("¿Qué entrenamiento duró menos?", DAYS_ES, "Gemini", True),
        ("¿Qué entrenamiento duró menos?", DAYS_ES, "GPT-4", False),
        ("Which model's training was shorter?", DAYS_EN, "Gemini", True),
        # twice the other way is the same way: "menos barato" is "más caro"
        ("¿Qué modelo fue menos barato de entrenar?", COST_ES, "Gemini", True),
        ("Which model trained longer?", DAYS_EN, "GPT-4 (95", True),
        ("Which model trained longer?", DAYS_EN, "Gemini", False),
        ("¿Qué modelo duró más?", DAYS_ES, "GPT-4", True),
        ("¿Qué modelo duró más?", DAYS_ES, "Gemini", False),
        # a synonym of the graded word: what "tardó más" took, "duró más" lasted
        ("¿Qué modelo tardó más en entrenarse?", DAYS_ES, "GPT-4", True),
        ("¿Qué modelo tardó más en entrenarse?", DAYS_ES, "Gemini", False),
        ("¿Qué modelo tardó menos en entrenarse?", DAYS_ES, "GPT-4", False),
        # what "costó menos" cost is what "más caro" is not, in either language
        ("¿Qué costó menos, entrenar GPT-4 o Gemini 1.0 Ultra?", COST_ES, "GPT-4", True),
        ("¿Qué costó menos, entrenar GPT-4 o Gemini 1.0 Ultra?", COST_ES, "Gemini", False),
        ("¿Qué modelo cuesta más de entrenar?", COST_ES, "Gemini", True),
        ("Which model cost less to train?", COST_EN, "GPT-4", True),
        ("Which model cost less to train?", COST_EN, "Gemini", False),
        # "más tarde" is "later", no time taken
        ("¿Qué se supo más tarde?", DAYS_ES, "GPT-4", False),
        # the same verb graded: "realizó más FLOPs" / "realizó más operaciones que"
        ("¿Qué modelo realizó más FLOPs?", FLOPS_ES, "GPT-4", True),
        ("¿Qué modelo realizó más FLOPs?", FLOPS_ES, "Gemini", False),
        # another comparison than the question's, or none asked
        ("¿Qué modelo fue más caro de entrenar?", DAYS_ES, "GPT-4", False),
        ("¿Cuánto costó entrenar GPT-4?", COST_ES, "Gemini", False),
        # a word in "-er" compares only before "than": "cualquier", "Denver"
        (
            "¿Qué vale para cualquier número entero?",
            "Para cualquier número entero mayor que 1 vale la conjetura de Polignac.",
            "Polignac",
            False,
        ),
        # a relative "que" compares nothing
        ("¿Qué modelo usó más datos?", RELATIVE, "OpenAI", False),
        # "more days" is "longer", "more FLOPs" is "more operations"
        ("How many more days did Gemini's training last than GPT-4's?", DAYS_EN, "GPT-4", True),
        ("How many more FLOPs did Gemini perform than GPT-4?", FLOPS_EN, "GPT-4", True),
        ("How many more FLOPs did Gemini perform than GPT-4?", FLOPS_EN, "Gemini", False),
    ],
)
def test_the_phrase_after_the_question_s_comparison_is_the_compared(
    question: str, sentence: str, phrase: str, compared: bool
) -> None:
    start = sentence.index(phrase)
    makes_it = comparison_at(question, sentence) is not None
    assert (makes_it and not on_the_favoured_side(question, sentence, start)) is compared


def test_where_a_sentence_makes_the_comparison_one_that_does_not_answers_nothing() -> None:
    """ "GPT-4 duró 95 días" says nothing of which model trained longer."""
    question = "¿Qué modelo duró más en entrenarse?"
    alone = "El entrenamiento de GPT-4 duró 95 días."
    assert comparison_at(question, alone) is None
    assert not on_the_favoured_side(question, alone, alone.index("GPT-4"))
    assert on_the_favoured_side(question, DAYS_ES, DAYS_ES.index("Gemini"))


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        # what a verb makes of its object is no comparison between two things
        ("Which technique makes deployment cheaper?", False),
        ("¿Qué técnica hace el entrenamiento más barato?", False),
        ("Which technique renders models cheaper to train?", False),
        # a verb graded by its object is one
        ("Which model was cheaper to train?", True),
        ("¿Qué modelo hizo más operaciones?", True),
        ("Which model made more operations?", True),
    ],
)
def test_what_a_verb_makes_of_its_object_is_no_comparison(question: str, compares: bool) -> None:
    sentences = (COST_EN, COST_ES, FLOPS_EN, FLOPS_ES)
    assert any(comparison_at(question, s) is not None for s in sentences) is compares


@pytest.mark.parametrize(
    ("question", "sentence", "said"),
    [
        ("¿Qué modelo fue más barato de entrenar?", COST_ES, "barato"),
        ("Which model was cheaper to train?", COST_EN, "cheaper"),
        ("¿Qué entrenamiento duró menos?", DAYS_ES, "menos"),
        ("¿Qué modelo fue más caro de entrenar?", COST_ES, "caro"),
    ],
)
def test_a_sentence_that_makes_the_comparison_says_the_question_s_comparative(
    question: str, sentence: str, said: str
) -> None:
    assert word_keys(said) <= comparison_words_said(question, sentence)
    assert comparison_words_said(question, RELATIVE) == frozenset()


@pytest.mark.parametrize(
    "sentence",
    [
        "Las arquitecturas simplificadas son arquitecturas de modelos más sencillas, que "
        "facilitan su gestión.",
        "Arquitecturas de los modelos más sencillas lo que facilita su gestión.",
    ],
)
def test_a_relative_que_after_a_comparative_makes_no_comparison(sentence: str) -> None:
    question = "¿Qué técnica transfiere conocimiento a modelos más pequeños?"
    assert comparison_at(question, sentence) is None
    assert comparison_at("¿Qué modelos son más sencillos?", sentence) is None


@pytest.mark.parametrize(
    ("question", "sentence", "name"),
    [
        (
            "¿Qué entrenamiento fue más caro, el de GPT-4 o el de Gemini 1.0 Ultra?",
            COST_ES,
            "GPT-4",
        ),
        ("¿Qué modelo fue más barato de entrenar?", COST_ES, "Gemini 1.0 Ultra"),
        ("Which training was more expensive, GPT-4 or Gemini?", COST_EN, "GPT-4"),
        ("Which model's training was shorter?", DAYS_EN, "GPT-4"),
        # time graded: "less time" is what "took longer than" puts after "than"
        ("Which model took less time to train?", DAYS_EN, "GPT-4"),
        ("Which model took more time to train?", DAYS_EN, "Gemini 1.0 Ultra"),
        ("¿Qué modelo necesitó más tiempo de entrenamiento?", DAYS_ES, "Gemini 1.0 Ultra"),
        # more compute is more operations
        ("Which model needed more compute?", FLOPS_EN, "Gemini 1.0 Ultra"),
        # the figure's unit in brackets measures the name before it
        ("¿Qué modelo realizó más operaciones?", FLOPS_ES, "Gemini 1.0 Ultra"),
        # the question offers other names than the sentence compares
        ("¿Qué modelo fue más caro, Llama o Mistral?", COST_ES, None),
        ("¿Qué modelo fue más caro de entrenar?", RELATIVE, None),  # no comparison
    ],
)
def test_the_name_a_comparison_favours_answers_it(
    question: str, sentence: str, name: str | None
) -> None:
    found = favoured_name(question, sentence)
    assert (found and sentence[found.start : found.end]) == name


GPT4_FIGURES = (
    "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días, consumió 2,2 x 10^4 "
    "Kilowatios y costó 41 millones de dólares."
)
GEMINI_FIGURES = (
    "El entrenamiento del modelo Gemini 1.0 Ultra duró 100 días, consumió 2,4 x 10^4 "
    "Kilowatios y costó 30 millones de dólares."
)


@pytest.mark.parametrize(
    ("question", "favoured"),
    [
        ("¿Qué modelo consumió más energía, GPT-4 o Gemini?", (1, "Gemini 1.0 Ultra")),
        ("¿Qué modelo consumió menos electricidad, GPT-4 o Gemini 1.0 Ultra?", (0, "GPT-4")),
        ("¿Cuál costó menos dinero, GPT-4 o Gemini?", (1, "Gemini 1.0 Ultra")),
        # no names offered: the names right after the asked noun ("modelo GPT-4 de OpenAI")
        ("¿Qué modelo consumió más energía?", (1, "Gemini 1.0 Ultra")),
        ("Which model consumed less energy?", (0, "GPT-4")),
        # no noun to ask with, no measure named, or a name with no figure of its own
        ("¿Cuál consumió más energía?", None),
        ("¿En qué año se consumió más energía?", None),  # a time is asked, not a name
        ("Which model was the hungrier for energy?", None),  # "-er" alone: "Super Bowl"
        ("¿Qué modelo fue mejor, GPT-4 o Gemini?", None),
        ("¿Qué modelo consumió más energía, GPT-4 o Llama?", None),
    ],
)
def test_figures_of_each_name_make_the_comparison_no_sentence_makes(
    question: str, favoured: tuple[int, str] | None
) -> None:
    sentences = [(GPT4_FIGURES, "es"), (GEMINI_FIGURES, "es")]
    assert favoured_by_figures(question, sentences) == favoured


def test_names_after_the_asked_noun_are_compared_without_a_name_that_is_not_one() -> None:
    # the law's period ("cada ocho meses") is a time too, but no model's
    law = "La Ley de Rock no compensa que el tiempo de entrenamiento se doble cada ocho meses."
    sentences = [(law, "es"), (GPT4_FIGURES, "es"), (GEMINI_FIGURES, "es")]
    assert favoured_by_figures("¿Qué modelo tardó más en entrenarse?", sentences) == (
        2,
        "Gemini 1.0 Ultra",
    )
    assert favoured_by_figures("¿Qué modelo tardó menos tiempo?", sentences) == (1, "GPT-4")


def test_names_before_the_asked_noun_are_compared_in_english() -> None:
    gpt4 = "The training of OpenAI's GPT-4 model consumed 2.2 x 10^4 kilowatts."
    gemini = "The training of the Gemini 1.0 Ultra model consumed 2.4 x 10^4 kilowatts."
    sentences = [(gpt4, "en"), (gemini, "en")]
    assert favoured_by_figures("Which model consumed less energy?", sentences) == (0, "GPT-4")


def test_a_period_is_no_figure_to_compare() -> None:
    # no name is after "model" here; Rock's law's period is no amount of time
    law = "From a cost point of view, Rock's law does not offset the doubling every eight months."
    sentences = [
        ("The training of GPT-4 lasted 95 days.", "en"),
        ("The training of Gemini 1.0 Ultra lasted 100 days.", "en"),
        (law, "en"),
    ]
    question = "Which model needed more days of training?"
    assert favoured_by_figures(question, sentences) == (1, "Gemini 1.0 Ultra")


def test_a_sentence_naming_both_offered_names_gives_neither_a_figure() -> None:
    both = "GPT-4 consumió 2,2 x 10^4 Kilowatios, menos que Gemini."
    question = "¿Qué modelo consumió más energía, GPT-4 o Gemini?"
    assert favoured_by_figures(question, [(both, "es"), (GEMINI_FIGURES, "es")]) is None


@pytest.mark.parametrize(
    "sentences",
    [
        [(GPT4_FIGURES, "es")],  # one name has a figure: nothing to compare it with
        # two names, neither after the asked noun: whose is the figure?
        [("Según Epoch.ai, GPT-4 consumió 2,2 x 10^4 Kilowatios.", "es"), (GEMINI_FIGURES, "es")],
        # the two figures in different units
        [(GPT4_FIGURES, "es"), ("Gemini 1.0 Ultra consumió 2,4 x 10^4 kWh.", "es")],
    ],
)
def test_names_a_question_does_not_offer_are_compared_only_when_each_has_its_figure(
    sentences: list[tuple[str, str]],
) -> None:
    assert favoured_by_figures("¿Qué modelo consumió más energía?", sentences) is None
