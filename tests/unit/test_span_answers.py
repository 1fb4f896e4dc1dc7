"""Concise answers with the word-vector fake: the fact first, quoted from the document,
of the asked type, from a sentence about what the question names; otherwise nothing
(rag/answer/verify.py, rag/answer/spans.py)."""

from __future__ import annotations

import dataclasses

import pytest

from rag.analyzer import fold
from rag.answer.answer_types import candidate_spans, expected_type
from rag.answer.assessment import Assessment, Scored
from rag.answer.spans import (
    Located,
    asks_for_a_list,
    bridged,
    locate,
    modifies_a_word_asked_with,
    parts,
    restated_subject_complement,
    reworded_noun_start,
    short_answer,
    with_its_article,
)
from rag.answer.subjects import owned_by_another_name, owns_an_asked_name
from rag.answer.verify import Verifier, shares_only_a_word, typed_answer
from rag.schema import Answer, AnswerMode, Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder, quoted, verified

POST = (
    "El post comenta el libro 'Generative AI with LangChain' de Ben Auffarth. "
    "El libro se publicó en diciembre de 2023. "
    "El entrenamiento de GPT-4 duró 95 días y costó 41 millones de dólares. "
    "Con las cifras del post, el entrenamiento de Gemini 1.0 Ultra (100 días) duró más "
    "que el de GPT-4 (95 días). "
    "Los aceleradores hardware dedicados son, como hasta la fecha, las GPUs y las TPUs."
)


def located_part(part: str, sentence: str) -> Located:
    found = locate(part, sentence)
    assert found is not None
    return found


MONTREAL = (
    "La contienda concluyó en seis años, desde la Batalla de Jumonville Glen en 1754 hasta "
    "la captura de Montreal en 1760."
)


def answer(question: str, generated: str, document: str = POST) -> Answer:
    return verified(question, document, generated)


@pytest.mark.parametrize(
    ("answer_text", "sentence", "found"),
    [
        ("41 Millones de Dolares.", "costó 41 millones de dólares.", "41 millones de dólares."),
        ("GPUs y TPUs", "como las GPUs y las TPUs, entre otros", "GPUs y las TPUs"),
        ("2.1 x 10^25", "realizó 2,1 x 10^25 FLOPs", "2,1 x 10^25"),
        ("100 millones", "costó 41 millones", None),
        # "ciento" is a hundred, but not in "por ciento"
        ("100 %", "El setenta por ciento de la tierra", None),
        ("ciento veinte", "costó ciento veinte euros", "ciento veinte"),
        ("el transfer learning", "usa el 'transfer learning' para", "el 'transfer learning'"),
        (
            "Generative AI with LangChain' de Ben Auffarth",
            "comenta el libro 'Generative AI with LangChain' de Ben Auffarth.",
            "'Generative AI with LangChain' de Ben Auffarth.",
        ),
        # a bracket the span opens is closed where the sentence closes it
        (
            "RAG ('Retrieval Augmented Generation'",
            "RAG ('Retrieval Augmented Generation') enriquece la generación",
            "RAG ('Retrieval Augmented Generation')",
        ),
        (
            "Gemini 1.0 Ultra (100 days",
            "training Gemini 1.0 Ultra (100 days) took longer than training GPT-4",
            "Gemini 1.0 Ultra (100 days)",
        ),
        (
            "100 days) took longer",
            "Gemini 1.0 Ultra (100 days) took longer",
            "(100 days) took longer",
        ),
        # an article of the wrong gender or number stands for the sentence's, or for none
        (
            "los grandes empresas tecnológicas.",
            "en las manos de las grandes empresas tecnológicas.",
            "las grandes empresas tecnológicas.",
        ),
        ("el huracán Beryl", "la tormenta tropical huracán Beryl azotó", "huracán Beryl"),
        # a word may be another form of the sentence's: the document's is shown
        (
            "reducing the number of bits",
            "Quantization reduces the number of bits used to represent numbers.",
            "reduces the number of bits",
        ),
        ("los abogados", "Un abogado de Chicago", "Un abogado"),
        # a figure is its number written in words, either way round
        ("10 años", "con una validez de hasta diez años naturales", "diez años"),
        ("twelve months", "it lasted 12 months in all", "12 months"),
        # but not another word, nor a figure for another
        ("reducing the cost", "Quantization reduces the number of bits.", None),
        ("41 millones", "costó 410 millones", None),
        ("11 años", "diez años", None),
        # but "a" is also a preposition, and an article alone is no answer
        ("a otros menores", "de un gran modelo hacia otros menores", None),
        ("la", "el modelo", None),
    ],
)
def test_a_short_answer_is_located_folded_and_with_articles_skipped(
    answer_text: str, sentence: str, found: str | None
) -> None:
    located = locate(short_answer(answer_text), sentence)
    assert (sentence[located.start : located.end] if located else None) == found


def test_the_model_s_figure_is_the_answer_quoted_from_the_document() -> None:
    result = answer("¿Cuánto costó el entrenamiento de GPT-4?", "41 Millones de Dolares [1]")
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == "41 millones de dólares [1]"
    assert result.citations[0].quote.startswith("El entrenamiento de GPT-4 duró 95 días")


@pytest.mark.parametrize(
    ("question", "generated", "document", "expected"),
    [
        (
            "¿Cuándo promulgó Victoria su constitución?",
            "1855",
            "Victoria tiene una constitución escrita promulgada en 1975, pero basada en la "
            "Constitución colonial de 1855.",
            "1975 [1]",
        ),
        (
            "¿Cuántas especies de ctenóforos no han sido descritas ni designadas?",
            "De 100 a 150",
            "Solo se han validado de 100 a 150 especies, y posiblemente otras 25 no han sido "
            "descritas ni designadas.",
            "25 [1]",
        ),
        # the figure of the opening phrase is read with the clause it opens
        (
            "¿En qué año dejó ABC de usar su sintonía de cuatro notas?",
            "2015",
            "En el otoño de 2015, ABC dejó de usar su sintonía de cuatro notas tras los "
            "créditos de 1998.",
            "2015 [1]",
        ),
        # both figures' clause holds as many of the question's words: the model's stands,
        # though the other is nearer to one of them
        (
            "¿Cuándo reocupó el ejército alemán Renania?",
            "1936",
            "Los aliados dejaron Renania en 1930 y el ejército alemán volvió a ocuparla en 1936.",
            "1936 [1]",
        ),
    ],
)
def test_the_model_s_figure_yields_to_the_one_whose_clause_says_the_question(
    question: str, generated: str, document: str, expected: str
) -> None:
    assert answer(question, generated, document).answer == expected


@pytest.mark.parametrize(
    ("question", "document", "expected"),
    [
        ("¿Cuándo fue la captura de Montreal?", MONTREAL, "1760 [1]"),
        (
            "¿Qué porcentaje de la población de Varsovia era protestante en 1901?",
            "Según el censo de la población de Varsovia de 1901, el 56,2 % eran católicos, el "
            "5 % cristianos ortodoxos y el 2,8 % protestantes.",
            "2,8 % [1]",
        ),
        # a figure in brackets restates the one before it in another unit
        (
            "¿A qué distancia está Jacksonville de Miami?",
            "Jacksonville está en el noreste de Florida, a unas 25 millas (40 km) de la frontera "
            "con Georgia y a unas 340 millas (550 km) al norte de Miami.",
            "Unas 340 millas [1]",
        ),
    ],
)
def test_a_figure_quoted_without_the_model_is_the_one_beside_the_question_s_words(
    question: str, document: str, expected: str
) -> None:
    result = answer(question, "No lo sé.", document)
    assert (result.answer, result.mode) == (expected, AnswerMode.EXTRACTIVE)


def test_a_name_question_gets_the_name_even_when_the_model_says_something_else() -> None:
    result = answer("¿Quién escribió el libro que comenta el post?", "Un experto en IA.")
    assert result.answer == "Ben Auffarth [1]"
    assert result.mode is AnswerMode.EXTRACTIVE


def test_a_figure_of_another_model_is_rejected_even_when_generated() -> None:
    result = answer("¿Cuántos días duró el entrenamiento de GPT-4?", "100 días")
    assert result.answer == "95 [1]"
    assert "100" not in result.answer


def test_a_figure_in_parentheses_after_another_name_belongs_to_that_name() -> None:
    text = "Gemini 1.0 Ultra (100 días) duró más que GPT-4 (95 días)."
    question = "¿Cuántos días duró el entrenamiento de GPT-4?"
    assert owned_by_another_name(question, text, text.index("100"))
    assert not owned_by_another_name(question, text, text.index("95"))


def test_a_lone_figure_in_parentheses_dates_what_the_sentence_tells() -> None:
    text = "La dinastía Tran derrotó a los mongoles en la Batalla de Bạch Đằng (1288)."
    question = "¿Cuándo fueron derrotados los mongoles por los Tran?"
    assert not owned_by_another_name(question, text, text.index("1288"))


def test_a_figure_after_the_whole_asked_name_belongs_to_it() -> None:
    text = (
        "El plan produjo el Gerald Ratner Athletics Center (2003) y el Max Palevsky Commons (2001)."
    )
    question = "¿Cuándo se construyó el Centro de Atletismo Gerald Ratner?"
    assert not owned_by_another_name(question, text, text.index("2003"))
    assert owned_by_another_name(question, text, text.index("2001"))


def test_a_question_that_names_nothing_takes_the_figure_of_any_name() -> None:
    text = "Luis XIV declaró el Edicto de Fontainebleau (1685), que abolió la tolerancia."
    assert not owned_by_another_name("¿Cuándo fue declarado este edicto?", text, text.index("1685"))


def test_a_cost_given_for_an_energy_question_is_rejected() -> None:
    document = (
        "El entrenamiento de GPT-4 consumió 2,2 x 10^4 Kilowatios y costó 41 millones de dólares."
    )
    result = answer(
        "¿Cuánta energía consumió el entrenamiento de GPT-4?", "41 millones de dólares", document
    )
    assert result.answer == "2,2 x 10^4 Kilowatios [1]"


@pytest.mark.parametrize(
    "question",
    [
        "¿Cuántas páginas tiene el libro?",
        "¿Cuál es el precio del libro?",
        "¿Cuántos parámetros tiene GPT-4?",
        "¿Qué porcentaje del presupuesto costó el entrenamiento de GPT-4?",
    ],
)
def test_a_figure_question_whose_evidence_has_no_such_figure_abstains(question: str) -> None:
    result = answer(question, "41 millones de dólares")
    assert result.mode is AnswerMode.ABSTAINED, result.answer


def test_a_publisher_question_is_not_answered_with_the_author() -> None:
    result = answer("¿Qué editorial publicó el libro?", "Ben Auffarth")
    assert "Auffarth" not in result.answer


def test_examples_are_taken_from_the_list_that_gives_them() -> None:
    result = answer("¿Qué aceleradores hardware dedicados da como ejemplos?", "Intel i5")
    assert result.answer == "Las GPUs y las TPUs [1]"


def test_examples_asked_in_english_are_found_in_the_list_that_gives_them() -> None:
    """The sentence says no "examples" nor "give": its list after "as" gives them."""
    document = (
        "The book was published in December 2023. Dedicated AI hardware accelerators means "
        "developing and using specialized hardware, as GPUs and TPUs have been so far."
    )
    result = answer("Which hardware examples does the post give?", "", document)
    assert result.answer == "GPUs and TPUs [1]"


@pytest.mark.parametrize(
    ("text", "owner", "owns"),
    [
        ("El entrenamiento del modelo GPT-4 de OpenAI realizó 2,1 x 10^25 FLOPs.", "OpenAI", True),
        ("The training of OpenAI's GPT-4 model took 95 days.", "OpenAI", True),
        ("The training of Google's Gemini model took 100 days.", "Google", False),
    ],
)
def test_the_owner_of_the_asked_name_answers_which_company(
    text: str, owner: str, owns: bool
) -> None:
    question = "¿Qué empresa desarrolló GPT-4?"
    candidates = candidate_spans(text, expected_type(question), question, "es")
    span = next(span for span in candidates if span.text == owner)
    assert owns_an_asked_name(question, text, span.start, span.end) is owns


def test_a_short_answer_inside_a_name_gives_the_whole_name() -> None:
    document = "El poema fue escrito por Percy Shelley en 1819 tras la masacre."
    assert answer("¿Quién escribió el poema?", "Shelley", document).answer == "Percy Shelley [1]"


WHOLE_PHRASES = (
    "El líder del régimen fue Hassan al-Turabi durante muchos años. "
    "El fundador de la orden fue Jesús El Intérprete en Roma. "
    "Tesla se asoció con Robert Lane y Benjamin Vail en 1886. "
    "Solo se han validado de 100 a 150 especies, y otras 25 no se han descrito. "
    "Los yacimientos tardan de cinco a diez años en producir. "
    "El sistema de carreteras se creó en la década de 1950. "
    "Recetan del 7 al 10 % de las consultas. "
    "La tasa de admisión de la clase de 2019 fue del 5,3 % de los solicitantes. "
    "Sigue sin probarse la conjetura de Polignac sobre los números primos gemelos. "
    "California del Sur contiene una región metropolitana extensa. "
    "Las plantas terrestres pertenecen al linaje de cloroplasto verde desde su origen. "
    "En 2012 Kenia estaba en el puesto número 139 de la escala. "
    "El libro trata del origen de la teoría cuántica moderna. "
    "En la sangre, el oxígeno desplaza monóxido de carbono de la hemoglobina."
)


@pytest.mark.parametrize(
    ("question", "generated", "expected"),
    [
        # the name as the sentence writes it, not the model's other words
        ("¿Quién era el líder del régimen?", "Hassan al-Turabi", "Hassan al-Turabi [1]"),
        ("¿Quién era el líder del régimen?", "Hassan, el líder", "Hassan al-Turabi [1]"),
        # the model said more of the name than the name reader found
        ("¿Quién fue el fundador de la orden?", "Jesús El Intérprete", "Jesús El Intérprete [1]"),
        (
            "¿Con quién se asoció Tesla?",
            "Robert Lane y Benjamin Vail",
            "Robert Lane y Benjamin Vail [1]",
        ),
        # a range, whichever bound the model said, and a decade
        ("¿Cuántas especies han sido validadas?", "100 especies", "De 100 a 150 [1]"),
        ("¿Cuántos años tardan los yacimientos?", "diez años", "De cinco a diez años [1]"),
        ("¿Qué porcentaje de las consultas recetan?", "10 %", "Del 7 al 10 % [1]"),
        ("¿Cuándo se creó el sistema de carreteras?", "1950", "La década de 1950 [1]"),
        # a figure the model cut from its unit
        ("¿Cuál fue la tasa de admisión de la clase de 2019?", "5,3", "5,3 % [1]"),
        # the noun the question asks with, written right before the answer
        ("¿Qué conjetura sigue sin probarse?", "Polignac", "La conjetura de Polignac [1]"),
        # but a kind is shown without the noun the question says (tests/unit/test_kinds.py)
        (
            "¿Qué tipo de región contiene California del Sur?",
            "Metropolitana",
            "Metropolitana [1]",
        ),
        # or one word further back: a noun of its complement, the word that numbers it
        ("¿Qué linaje incluye las plantas terrestres?", "verde", "Linaje de cloroplasto verde [1]"),
        ("¿Qué puesto ocupaba Kenia en 2012?", "139", "El puesto número 139 [1]"),
        # the nearest noun first: "teoría", not "origen" of "del origen de la teoría"
        ("¿Qué teoría trata el libro?", "cuántica", "La teoría cuántica [1]"),
        # a verb after "qué" is no such noun
        (
            "¿Qué desplaza el oxígeno en la sangre?",
            "monóxido de carbono",
            "Monóxido de carbono [1]",
        ),
    ],
)
def test_the_answer_is_the_whole_phrase(question: str, generated: str, expected: str) -> None:
    assert answer(question, generated, WHOLE_PHRASES).answer == expected


def test_a_figure_is_no_answer_about_a_name_its_passage_never_gives() -> None:
    document = (
        "Los Broncos vencieron a los Pittsburgh Steelers al anotar 11 puntos en los últimos "
        "tres minutos del partido."
    )
    asked = "¿Cuántos puntos anotaron los Broncos en los últimos tres minutos contra {}?"
    assert answer(asked.format("los Pittsburgh Steelers"), "11", document).answer == "11 [1]"
    found = answer(asked.format("Kawann Short"), "11", document)
    assert found.mode is AnswerMode.ABSTAINED


def test_a_sentence_that_names_nothing_speaks_of_what_its_passage_names() -> None:
    document = "## Técnicas para una IA generativa accesible\n\nEl post enumera once técnicas."
    result = answer("¿Cuántas técnicas de IA enumera el post?", "once", document)
    assert result.answer == "Once [1]"


def test_a_sentence_that_names_another_subject_does_not_inherit_its_passage_s() -> None:
    document = "## El coste de GPT-4\n\nGemini Ultra costó 30 millones de dólares."
    result = answer("¿Cuánto costó el entrenamiento de GPT-4?", "30 millones de dólares", document)
    assert result.mode is AnswerMode.ABSTAINED, result.answer


def test_a_name_is_matched_across_its_spellings() -> None:
    document = "El 91 % de la tierra deforestada en el Amazonas se usa para el pastoreo de ganado."
    question = "¿Qué porcentaje de la tierra deforestada en la Amazonía se usa para el ganado?"
    assert answer(question, "91 %", document).answer == "91 % [1]"


def test_a_name_is_not_matched_by_a_common_word() -> None:
    document = "Jacksonville tiene, por su gran tamaño, 853 382 habitantes."
    result = answer(
        "¿Cuántos habitantes tiene el Gran Buenos Aires?", "853 382 habitantes", document
    )
    assert result.mode is AnswerMode.ABSTAINED, result.answer


def test_a_name_before_its_apposition_is_the_subject_of_the_clause_after_it() -> None:
    document = (
        "Lady Gaga, la ganadora del Grammy, cantó el himno nacional; mientras que Marlee "
        "Matlin, la actriz, lo traducía a la lengua de signos."
    )
    result = answer("¿Quién cantó el himno nacional?", "Marlee Matlin", document)
    assert result.answer == "Lady Gaga [1]"


PATRIOTS = (
    "Los New England Patriots perdieron el Campeonato de la AFC. "
    "Cuando quedaban 17 segundos, {team} falló la conversión de 2 puntos."
)


def test_part_of_the_asked_name_as_its_passage_writes_it_whole_is_the_same_subject() -> None:
    question = "¿Cuántos segundos quedaban cuando los Patriots fallaron la conversión de 2 puntos?"
    result = answer(question, "17 segundos", PATRIOTS.format(team="New England"))
    assert result.answer == "17 [1]"


def test_another_name_in_the_sentence_is_another_subject() -> None:
    question = "¿Cuántos segundos quedaban cuando los Patriots fallaron la conversión de 2 puntos?"
    result = answer(question, "17 segundos", PATRIOTS.format(team="Denver"))
    assert "17" not in result.answer


SERIES = (
    "Doctor Who es una serie británica de ciencia ficción. "
    "El colaborador musical más frecuente durante los primeros quince años fue Dudley "
    "Simpson, {joined} compuso la música de Blake's 7."
)


@pytest.mark.parametrize(
    ("joined", "shown"),
    [
        # the clause after the answer's says more: its name is no other subject
        ("quien también", "Dudley Simpson [1]"),
        ("y también", "Dudley Simpson [1]"),
        # no word joins it: the sentence is read whole, and names Blake's 7, so the model's
        # answer is not taken (the quote of that sentence still gives the name its copula
        # sets beside the description)
        ("que", None),
    ],
)
def test_a_name_in_a_clause_that_says_more_after_the_answers_is_no_other_subject(
    joined: str, shown: str | None
) -> None:
    question = "¿Quién fue el colaborador musical más frecuente de Doctor Who en sus primeros años?"
    result = answer(question, "Dudley Simpson", SERIES.format(joined=joined))
    if shown is None:
        assert result.mode is not AnswerMode.GENERATED
    else:
        assert result.answer == shown
        assert result.mode is AnswerMode.GENERATED


def answer_across(
    question: str, generated: str, document: str, asked_in: str = "en", written_in: str = "es"
) -> Answer:
    metadata = {"source": "a.txt", "start": 0, "end": len(document), "lang": written_in}
    # The fake embedder cannot see a translation, so answerability is not in question here.
    verifier = Verifier(WordEmbedder(), dataclasses.replace(THRESHOLDS, answerable=0.0))
    passages = [Passage("c1", document, metadata)]
    return verifier.verify(verifier.assess(question, asked_in, passages), generated)


def test_across_languages_the_sentences_one_phrase_of_the_asked_type_answers() -> None:
    document = (
        "El 6 de octubre de 1973, Siria y Egipto, con el apoyo de otras naciones árabes, "
        "lanzaron un ataque sorpresa contra Israel."
    )
    result = answer_across("When did Syria and Egypt attack Israel?", "1973", document)
    assert result.answer == "6 de octubre de 1973 [1]"  # the whole date the model said part of


def test_across_languages_a_figure_in_a_clause_spelling_the_question_answers() -> None:
    # the clause shares no stem with the question, but spells "reduced" and "response"
    # alike ("redujo", "respuesta")
    document = (
        "La universidad redujo sus propiedades en 230 millones de dólares (de un total de "
        "400 millones de dólares) en respuesta a la presión."
    )
    question = "By how much were the holdings reduced in response to the pressure?"
    result = answer_across(question, "230 millones de dólares", document)
    assert result.answer == "230 millones de dólares [1]"


def test_across_languages_a_count_of_something_else_is_no_answer() -> None:
    document = "The GPT-4 training dataset had 4.9 x 10^12 data points."
    result = answer_across("¿Cuántos parámetros tiene GPT-4?", "4.9 x 10^12", document, "es", "en")
    assert "4.9" not in result.answer


def test_across_languages_of_two_dates_only_the_one_in_a_clause_about_the_question() -> None:
    document = "En 1973 Siria atacó a Israel, y Egipto firmó la paz en 1979."
    result = answer_across("When did Syria attack Israel?", "1979", document)
    assert "1979" not in result.answer


TRAINING = (
    "El entrenamiento de GPT-4 fue muy largo. El entrenamiento de GPT-4 duró 95 días. "
    "Los FLOPS miden las operaciones."
)


@pytest.mark.parametrize(
    ("best", "score", "offered"),
    [
        ("muy largo", 0.97, "95 [1]"),
        ("muy largo", 0.9, None),
        ("Los FLOPS", 0.9, "95 [1]"),  # the best sentence is about something else
    ],
)
def test_a_phrase_the_model_did_not_say_comes_only_from_a_sentence_nearly_the_best(
    best: str, score: float, offered: str | None
) -> None:
    passage = Passage("c1", TRAINING, {"source": "a.md", "start": 0, "end": len(TRAINING)})
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess("¿Cuántos días duró el entrenamiento de GPT-4?", "es", [passage])
    stating = next(s for s in assessment.ranked if "95 días" in s.evidence.text)
    silent = next(s for s in assessment.ranked if best in s.evidence.text)
    assessment.ranked = [Scored(silent.evidence, 1.0), Scored(stating.evidence, score)]
    assessment.relevance_ratio = 0.5
    found = typed_answer(assessment, "No lo sé.")
    assert (found.answer if found else None) == offered


REWORDED = (
    "La técnica que reduce las alucinaciones es la incorporación de bases de conocimiento. "
    "La incorporación de bases de conocimiento, con información factual, reduce las "
    "alucinaciones. "
    "La inmunología comprende el estudio de todos los aspectos del sistema inmunológico. "
    "Los certificados tienen una validez de hasta diez años naturales completos."
)


@pytest.mark.parametrize(
    ("question", "generated", "quoted"),
    [
        # the part of a reworded answer that the best sentence writes as the model did
        ("¿Qué campo estudia el sistema inmunológico?", "el campo de la inmunología", True),
        # a part that holds less than most of what the model said is not its answer
        (
            "¿Qué campo estudia el sistema inmunológico?",
            "la ciencia médica de la inmunología",
            False,
        ),
        # nor a part that drops the model's figure
        ("¿Qué validez tienen los certificados?", "12 años naturales completos", False),
        # nor a part found only in a sentence less relevant than the best
        ("¿Qué reduce las alucinaciones?", "información factual de calidad", False),
    ],
)
def test_part_of_a_reworded_answer_is_quoted_only_from_the_best_sentence(
    question: str, generated: str, quoted: bool
) -> None:
    result = answer(question, generated, REWORDED)
    assert (result.mode is AnswerMode.GENERATED) is quoted
    if quoted:
        assert result.answer == "La inmunología [1]"
        assert result.citations[0].quote.startswith("La inmunología comprende")


def test_no_part_is_quoted_of_an_answer_that_restates_the_asked_noun_with_its_use() -> None:
    document = (
        "Aceleradores hardware para IA dedicados: desarrollo y uso de hardware especializado, "
        "como han sido hasta la fecha las GPUs y las TPUs."
    )
    result = answer(
        "¿Qué hardware especializado cita el autor?",
        "el hardware especializado para IA dedicados.",
        document,
    )
    assert result.mode is not AnswerMode.GENERATED
    assert "Para IA dedicados [1]" not in result.answer


def test_a_part_that_qualifies_a_reworded_noun_is_quoted_with_the_sentence_s_noun() -> None:
    document = (
        "RAG enriquece la generación de texto con el conocimiento recogido en fuentes "
        "relevantes, en línea con las bases de conocimiento."
    )
    result = answer(
        "¿Con qué enriquece RAG la generación de texto?",
        "con la información recogida en fuentes relevantes.",
        document,
    )
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == "El conocimiento recogido en fuentes relevantes [1]"


@pytest.mark.parametrize(
    ("short", "part", "sentence", "span"),
    [
        # the sentence writes a word more before the rest of the model's answer
        (
            "By improving the quality of the data",
            "improving the quality",
            "Improving the quality of the training data is one way to reduce it.",
            "Improving the quality of the training data",
        ),
        # no more than two words more
        (
            "improving the quality of the data",
            "improving the quality",
            "Improving the quality of the new, large training data is one way.",
            "Improving the quality",
        ),
        # nor past a mark
        (
            "la calidad de los datos",
            "la calidad",
            "Mejorar la calidad, y los datos, es una vía.",
            "la calidad",
        ),
        # nor for a rest of function words alone
        ("la calidad de los", "la calidad", "la calidad de los datos", "la calidad"),
    ],
)
def test_a_quoted_part_runs_on_to_the_rest_of_the_model_s_answer(
    short: str, part: str, sentence: str, span: str
) -> None:
    start, end = bridged(short, part, sentence, located_part(part, sentence))
    assert sentence[start:end] == span


@pytest.mark.parametrize(
    ("short", "part", "sentence", "noun"),
    [
        # the model's noun "la información" stands for the sentence's "el conocimiento"
        (
            "la información recogida en fuentes",
            "recogida en fuentes",
            "con el conocimiento recogido en fuentes",
            "el conocimiento ",
        ),
        # a part that begins with an article or a preposition names its own noun
        ("el campo de la inmunología", "la inmunología", "Es de la inmunología", ""),
        # the model's answer has no noun before the part
        ("recogida en fuentes", "recogida en fuentes", "el conocimiento recogido en fuentes", ""),
        # nor has the sentence one
        ("la información recogida", "recogida", "con datos recogidos ayer", ""),
    ],
)
def test_the_noun_a_part_qualifies_is_the_sentence_s_own(
    short: str, part: str, sentence: str, noun: str
) -> None:
    start = located_part(part, sentence).start
    found = reworded_noun_start(short, part, sentence, start)
    assert sentence[found:start] == noun


def test_a_figure_stated_according_to_another_work_answers_what_the_post_says() -> None:
    document = "According to the book, the training time of models doubles every eight months."
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    passage = Passage("c1", document, {"source": "notes/n.md", "start": 0, "end": len(document)})
    assessment = verifier.assess("What does the post say about training time?", "en", [passage])
    generated = "The post says that the training time of models doubles every eight months."
    result = verifier.verify(assessment, generated)
    assert result.answer.startswith("The training time of models doubles every eight months")


def test_the_parts_of_an_answer_come_longest_first_without_a_lone_article() -> None:
    assert parts("El Himno Nacional") == ["El Himno", "Himno Nacional", "Himno", "Nacional"]
    # no part ends on a word that says nothing ("…entrenamiento y", "…obtención de")
    found = parts("la obtención de datasets de entrenamiento y para proteger la privacidad")
    assert "la obtención de datasets de entrenamiento" in found
    assert not any(fold(part).split()[-1] in ("y", "de", "para", "la") for part in found)
    # nor begins with the verb or conjunction that joined it to the model's subject
    # nor on one that needs what follows it
    assert "doubles every" not in parts("doubles every eight months")
    # nor on the "de" of the complement of the model's noun, which a range may open
    found = parts("la reducción de los bits usados")
    assert "los bits usados" in found
    assert not any(fold(part).split()[0] == "de" for part in found)
    assert "de 100 a 150" in parts("de 100 a 150 especies")
    found = parts("They are easier to manage and cheaper")
    assert "easier to manage and cheaper" in found
    assert not any(fold(part).split()[0] in ("are", "and") for part in found)


def test_no_short_answer_from_a_sentence_covering_clearly_less_of_the_question() -> None:
    """The model took its phrase from the sentence that leaves out most of what is asked
    ("pasó", "después"): the best sentence is quoted instead of a wrong short answer."""
    document = (
        "La peste negra asoló Europa durante tres años y después pasó a Rusia. "
        "En Europa, la peste negra asoló Inglaterra durante tres años."
    )
    question = "¿Adónde pasó la peste negra después de asolar Europa durante tres años?"
    result = answer(question, "Inglaterra", document)
    assert result.mode is AnswerMode.EXTRACTIVE
    assert result.answer.startswith("La peste negra asoló Europa durante tres años")
    assert "Inglaterra" not in result.answer
    taken = answer(question, "Rusia", document)
    assert taken.mode is AnswerMode.GENERATED
    assert taken.answer.startswith("Rusia")


def test_a_name_from_a_sentence_that_leaves_out_the_asked_deed_is_not_the_answer() -> None:
    """Who published the book is not said by the sentence that says whose it is: the
    author is no publisher. Asked whose it is, that sentence answers."""
    document = (
        "El libro 'Generative AI with LangChain' se publicó en diciembre de 2023. "
        "El libro 'Generative AI with LangChain' es de Ben Auffarth."
    )
    published = answer(
        "¿Quién publicó el libro 'Generative AI with LangChain'?", "Ben Auffarth", document
    )
    assert "Auffarth" not in published.answer
    owned = answer(
        "¿De quién es el libro 'Generative AI with LangChain'?", "Ben Auffarth", document
    )
    assert owned.answer == "Ben Auffarth [1]"


EMPEROR = (
    "El emperador Gegeen Khan, hijo y sucesor de Ayurbarwada, gobernó durante solo dos años, "
    "desde 1321 hasta 1323. Gegeen fue asesinado en un golpe de estado de cinco príncipes."
)


def answer_when_likely(question: str, probability: float) -> Answer:
    """The answer when the answerability model gives the evidence `probability`."""
    passage = Passage("c2", EMPEROR, {"source": "xquad/yuan.md", "start": 0, "end": len(EMPEROR)})
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess(question, "es", [passage])
    assessment.probability = probability
    return verifier.verify(assessment, "1321")


def test_an_untied_date_is_quoted_only_when_the_evidence_surely_answers() -> None:
    question = "¿Cuándo fue Gegeen el emperador?"
    quoted = answer_when_likely(question, 0.9)
    assert quoted.mode is AnswerMode.EXTRACTIVE
    assert quoted.answer == EMPEROR.split(". ")[0] + ". [1]"
    assert answer_when_likely(question, 0.6).mode is AnswerMode.ABSTAINED
    # the best sentence about the murder states no date: nothing to quote
    murdered = answer_when_likely("¿Cuándo fue asesinado Gegeen?", 0.9)
    assert murdered.mode is AnswerMode.ABSTAINED


PLAGUE = (
    "Los estudios de las fosas de la plaga en Francia indican que la plaga entró "
    "en Europa por Marsella alrededor de noviembre de 1347 y, tras recorrer Francia, llegó "
    "finalmente a Inglaterra en la primavera de 1349. "
    "Las fosas de la ciudad holandesa de Bergen op Zoom se cavaron entre 1349 y 1350."
)
PLAGUE_QUESTION = "¿Cuándo llegó la plaga a Inglaterra?"


def test_a_date_whose_clause_holds_the_question_s_words_comes_first() -> None:
    sentence = PLAGUE.split(". ")[0]
    found = candidate_spans(sentence, expected_type(PLAGUE_QUESTION, "es"), PLAGUE_QUESTION, "es")
    assert [span.text for span in found] == ["1349", "noviembre de 1347"]


def test_the_model_s_date_from_a_clearly_lesser_sentence_gives_way_to_the_best_one_s() -> None:
    result = answer(PLAGUE_QUESTION, "1350", PLAGUE)
    assert result.answer == "1349 [1]"
    assert result.citations[0].quote.startswith("Los estudios de las fosas")
    # said from the best sentence, it is the answer as before
    assert answer(PLAGUE_QUESTION, "1349", PLAGUE).mode is AnswerMode.GENERATED


BOOK_NOTE = (
    "Ben Auffarth recoge en su libro algunas técnicas para conseguir modelos accesibles. "
    "El libro 'Generative AI with LangChain' se publicó en diciembre de 2023."
)


def answer_from_note(question: str, front_matter: dict[str, object]) -> Answer:
    metadata = {"source": "notes/nota.md", "start": 0, "end": len(BOOK_NOTE)} | front_matter
    passage = Passage("c3", BOOK_NOTE, metadata)
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess(question, "es", [passage])
    return verifier.verify(assessment, "diciembre de 2023")


def test_every_sentence_names_what_its_document_s_front_matter_names() -> None:
    question = "¿Cuándo se publicó el libro de Ben Auffarth?"
    named = answer_from_note(question, {"book_author": "Ben Auffarth", "section": "Otro Tema"})
    assert named.answer == "Diciembre de 2023 [1]"
    assert answer_from_note(question, {}).mode is AnswerMode.ABSTAINED
    # our own keys (the title, the section) are no front matter of the author's
    titled = answer_from_note(question, {"title": "Ben Auffarth", "section": "Ben Auffarth"})
    assert titled.mode is AnswerMode.ABSTAINED


def test_an_option_the_question_offers_widened_to_its_whole_name_is_no_answer() -> None:
    """The model picks one of the question's options; that the sentence writes the option's
    whole name ("Gemini 1.0 Ultra") adds nothing the model said."""
    document = "Según el post, entrenar el modelo Gemini 1.0 Ultra costó menos que GPT-4."
    result = answer("¿Qué modelo costó más de entrenar, GPT-4 o Gemini?", "Gemini", document)
    assert not result.answer.startswith("Gemini 1.0 Ultra ["), result.answer


@pytest.mark.parametrize(
    ("question", "generated", "document", "expected"),
    [
        (
            "¿Qué reduce las alucinaciones?",
            "la técnica que el post asocia con reducir las alucinaciones",
            "La técnica que el post asocia con reducir las alucinaciones es la incorporación"
            " de bases de conocimiento.",
            "La incorporación de bases de conocimiento [1]",
        ),
        (
            "What does the post link to scalability?",
            "The technique the post links to scalability",
            "The technique the post links to scalability is federated learning.",
            "Federated learning [1]",
        ),
        # a subject that does not restate the question is the answer itself
        (
            "¿Qué modelo desarrolló OpenAI?",
            "GPT-4",
            "GPT-4 es el modelo que desarrolló OpenAI.",
            "GPT-4 [1]",
        ),
    ],
)
def test_a_subject_that_restates_the_question_gives_way_to_what_it_is(
    question: str, generated: str, document: str, expected: str
) -> None:
    result = answer(question, generated, document)
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == expected


def test_the_model_s_part_of_a_date_is_given_as_the_whole_date() -> None:
    document = "BSkyB anunció el 8 de febrero de 2007 que cerraría sus canales en abierto."
    result = answer("¿Cuándo anunció BSkyB que cerraría sus canales?", "2007", document)
    assert result.mode is AnswerMode.GENERATED
    assert result.answer == "8 de febrero de 2007 [1]"


def test_what_the_sentence_says_of_another_axis_is_no_short_answer() -> None:
    """Every word of the model's answer is in the sentence, but it is what the sentence
    says of the other axis: the reader gets what the sentence shows on the asked one."""
    chart = "La gráfica muestra el tiempo en el eje de abscisas y los FLOPS en el eje de ordenadas."
    result = answer(
        "¿Qué se muestra en el eje de ordenadas de la gráfica?",
        "El tiempo en el eje de abscisas.",
        chart,
    )
    assert result.mode is AnswerMode.EXTRACTIVE, result.answer
    assert result.answer == "Los FLOPS [1]", result.answer


def test_a_part_that_drops_the_model_s_qualifier_of_another_axis_is_no_short_answer() -> None:
    """The model said "el número de FLOPS en el eje horizontal"; the part the sentence
    writes ("el número de FLOPS en el eje") is what it says of the axis it qualifies
    otherwise ("de ordenadas"): the reader gets the sentence instead."""
    chart = (
        "La gráfica muestra el tiempo en el eje de abscisas y el número de FLOPS en el eje "
        "de ordenadas."
    )
    result = answer(
        "¿Qué hay en el eje horizontal de la gráfica?",
        "el número de FLOPS en el eje horizontal.",
        chart,
    )
    assert not result.answer.startswith("El número de FLOPS"), result.answer


def test_what_the_answer_is_compared_with_is_no_short_answer() -> None:
    """Both names are in the sentence; the one after "más caro que" is the cheaper."""
    cost = (
        "El entrenamiento de GPT-4 (41 millones de dólares) fue más caro que el de "
        "Gemini 1.0 Ultra (30 millones de dólares)."
    )
    wrong = answer("¿Qué modelo fue más caro de entrenar?", "Gemini 1.0 Ultra", cost)
    assert wrong.mode is not AnswerMode.GENERATED, wrong.answer
    right = answer("¿Qué modelo fue más caro de entrenar?", "GPT-4", cost)
    assert right.mode is AnswerMode.GENERATED, right.answer
    assert right.answer.startswith("GPT-4"), right.answer


def test_a_sentence_that_compares_nothing_does_not_say_which_is_more() -> None:
    """The post says GPT-4's training lasted 95 days and, in another sentence, that
    Gemini's lasted longer: "GPT-4", from the first, is no answer."""
    wrong = answer("¿Qué modelo duró más en entrenarse?", "GPT-4")
    assert not wrong.answer.startswith("GPT-4"), wrong.answer
    right = answer("¿Qué modelo duró más en entrenarse?", "Gemini 1.0 Ultra")
    assert right.mode is AnswerMode.GENERATED, right.answer
    assert right.answer.startswith("Gemini 1.0 Ultra"), right.answer


def test_a_quote_for_what_a_verb_acts_on_is_what_its_clause_says() -> None:
    document = (
        "La incorporación de bases de conocimiento, con información factual, reduce las "
        "alucinaciones."
    )
    question = "¿Qué reduce la incorporación de bases de conocimiento?"
    # the model's phrase comes from another clause than the asked verb's
    result = answer(question, "la información factual", document)
    assert (result.answer, result.mode) == ("Las alucinaciones [1]", AnswerMode.EXTRACTIVE)


EPOCH_CHART = (
    "The Epoch.ai chart plots time on the horizontal axis and the number of FLOPS on the "
    "vertical axis, with each model drawn as a small circle."
)


@pytest.mark.parametrize(
    ("question", "given"),
    [
        ("What is on the vertical axis of the Epoch.ai chart?", True),
        # the phrase's clause goes on "on the vertical axis": not what the question asks
        ("What is on the horizontal axis of the Epoch.ai chart?", False),
    ],
)
def test_a_phrase_whose_clause_qualifies_the_asked_noun_otherwise_is_no_answer(
    question: str, given: bool
) -> None:
    metadata = {"source": "notes/n.md", "start": 0, "end": len(EPOCH_CHART), "lang": "en"}
    passage = Passage("c1", EPOCH_CHART, metadata)
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    found = verifier.verify(verifier.assess(question, "en", [passage]), "the number of FLOPS")
    assert (found.answer == "The number of FLOPS [1]") is given


def test_across_languages_the_qualifiers_of_the_sentence_are_not_read() -> None:
    """English word order ("the word before a noun qualifies it") does not read a Spanish
    sentence: "economista" is no qualifier of "Thomas"."""
    document = "El economista Thomas Piketty desafía esta noción."
    result = answer_across("What's Thomas Piketty's job?", "Economista", document)
    assert result.answer == "El economista [1]"


def test_what_the_subject_uses_to_do_the_asked_action_is_no_answer() -> None:
    """Every word of "El 'transfer learning' transfiere conocimiento" is in the sentence,
    but the technique that transfers it is the sentence's subject."""
    document = (
        "El destilado del modelo usa el 'transfer learning' para transferir conocimiento de "
        "un gran modelo a otros menores, más baratos y de más sencillo despliegue."
    )
    question = "¿Qué técnica transfiere conocimiento de un modelo grande a otros menores?"
    result = answer(question, "el transfer learning", document)
    assert not result.answer.startswith("El 'transfer learning'"), result.answer
    assert "destilado del modelo" in result.answer, result.answer


def test_a_detail_asked_by_an_acronym_the_documents_never_write_abstains() -> None:
    """The sentence that names the book and its author says nothing of its ISBN."""
    result = answer("¿Cuál es el ISBN del libro de Ben Auffarth?", "978-1-4412-1120-1")
    assert result.mode is AnswerMode.ABSTAINED, result.answer


def test_a_phrase_inside_a_subject_that_names_the_asked_noun_gives_way_to_what_it_is() -> None:
    """ "La técnica que el post asocia con el 'transfer learning'" restates what is asked
    ("¿Qué técnica…?"): the technique is what that subject is said to be."""
    document = (
        "La técnica que el post asocia con el 'transfer learning' es el destilado del modelo."
    )
    question = "¿Qué técnica transfiere conocimiento a modelos más pequeños?"
    result = answer(question, "el 'transfer learning'", document)
    assert result.answer == "El destilado del modelo [1]", result.answer
    # the name the asked noun is given is the answer, not part of a restating subject
    document = "La conjetura de Polignac es un corolario de esa conjetura."
    result = answer("¿Qué conjetura es un corolario de esa conjetura?", "Polignac", document)
    assert result.answer.startswith("La conjetura de Polignac"), result.answer


def test_a_quote_writes_the_words_the_question_asks_about() -> None:
    """The first sentence shares only the verb with "¿Qué aporta la multimodalidad?"."""
    document = (
        "El autor aporta la siguiente gráfica. Con la multimodalidad se trabaja no sólo con "
        "texto sino con otras modalidades como imagen, vídeo o sonido."
    )
    found = quoted("¿Qué aporta la multimodalidad?", document)
    assert found.answer.startswith("Con la multimodalidad"), found.answer
    # any word of the phrase after the verb will do, not only its first ("uso")
    document = "Las arquitecturas simplificadas reducen los costes. El uso de la cuantización sube."
    found = quoted("¿Qué reduce el uso de arquitecturas simplificadas?", document)
    assert found.answer.startswith("Las arquitecturas simplificadas reducen"), found.answer


def test_a_quote_names_the_subject_the_question_names_without_an_article() -> None:
    """ "¿Qué aporta RAG?": the first sentence shares only the verb, and names the Ley de
    Rock; it is not quoted."""
    document = (
        "En concreto aporta un dato según el cual la Ley de Rock abarata los procesadores "
        "cada año. RAG enriquece la generación de texto con el conocimiento de fuentes."
    )
    found = quoted("¿Qué aporta RAG?", document)
    assert found.answer.startswith("RAG enriquece"), found.answer


@pytest.mark.parametrize(
    ("question", "sentence", "only_a_word"),
    [
        ("¿Qué aporta RAG?", "En concreto aporta un dato sobre la Ley de Rock.", True),
        # it names the question's name
        ("¿Qué aporta RAG?", "RAG aporta conocimiento de fuentes relevantes.", False),
        # it shares two words of the question: it may speak of its subject in other words
        (
            "What brand of car is manufactured in Broadmeadows?",
            "Victoria has been the base for the manufacturing plants of the car brands Ford.",
            False,
        ),
        # it opens on a verb that speaks of the name before it ("Fue crítico de…")
        ("¿De quién era Iqbal crítico?", "Fue crítico del Congreso Nacional Indio.", False),
        # the question names nothing
        ("¿Qué aporta la cuantización?", "En concreto aporta un dato sobre la Ley.", False),
        # asked in English of a Spanish sentence, which may be its answer in other words
        ("What does RAG contribute in concrete terms?", "En concreto aporta un dato.", False),
    ],
)
def test_a_sentence_that_shares_one_word_and_no_name_is_about_something_else(
    question: str, sentence: str, only_a_word: bool
) -> None:
    passage = Passage("c1", sentence, {"source": "posts/p.md", "start": 0, "end": len(sentence)})
    lang = "en" if question.startswith("What") else "es"
    assessment = Verifier(WordEmbedder(), THRESHOLDS).assess(question, lang, [passage])
    assert shares_only_a_word(assessment, assessment.ranked[0]) is only_a_word


def test_across_languages_a_sentence_that_alone_shares_no_word_is_about_something_else() -> None:
    """Across languages the answer shares few words: "Trevor Martin desempeñó el papel de
    Doctor Who" writes "Doctor", "Dudley Simpson compuso la música" writes none."""
    question = "Who played Doctor Who on stage in the 70's?"
    composer = "Dudley Simpson compuso la música incidental."
    actor = "Trevor Martin desempeñó el papel de Doctor Who en el escenario."

    def assessed(*sentences: str) -> Assessment:
        passages = [
            Passage(f"c{i}", text, {"source": "p.md", "start": 0, "end": len(text)})
            for i, text in enumerate(sentences)
        ]
        return Verifier(WordEmbedder(), THRESHOLDS).assess(question, "en", passages)

    alone = assessed(composer)
    assert not shares_only_a_word(alone, alone.ranked[0])
    beside = assessed(composer, actor)
    only = {s.evidence.text: shares_only_a_word(beside, s) for s in beside.ranked}
    assert only == {composer: True, actor: False}


def test_who_did_it_is_not_answered_by_the_source_of_the_figures_nor_by_the_subject() -> None:
    """The notes say where Gemini's figures come from, and not who trained it."""
    document = (
        "Las cifras de entrenamiento de GPT-4 y de Gemini 1.0 Ultra que da el post proceden "
        "de Epoch.ai. El entrenamiento del modelo Gemini 1.0 Ultra duró 100 días."
    )
    question = "¿Quién entrenó Gemini 1.0 Ultra?"
    for generated in ("Epoch.ai", "el modelo Gemini 1.0 Ultra"):
        result = answer(question, generated, document)
        assert result.mode is not AnswerMode.GENERATED, result.answer


def test_a_quoted_comparison_is_the_name_it_favours() -> None:
    cost = (
        "Con las cifras del post, el entrenamiento de GPT-4 (41 millones de dólares) fue más "
        "caro que el de Gemini 1.0 Ultra (30 millones de dólares)."
    )
    assert quoted("¿Qué entrenamiento fue más caro, el de GPT-4 o el de Gemini?", cost).answer == (
        "GPT-4 [1]"
    )
    assert quoted("¿Qué modelo fue más barato de entrenar?", cost).answer == "Gemini 1.0 Ultra [1]"


def test_the_figures_of_each_offered_name_decide_a_comparison_no_sentence_makes() -> None:
    document = (
        "El entrenamiento del modelo GPT-4 de OpenAI duró 95 días y consumió 2,2 x 10^4 "
        "Kilowatios. El entrenamiento del modelo Gemini 1.0 Ultra duró 100 días y consumió "
        "2,4 x 10^4 Kilowatios."
    )
    result = answer("¿Qué modelo consumió más energía, GPT-4 o Gemini?", "GPT-4", document)
    assert result.answer == "Gemini 1.0 Ultra [1]", result.answer
    assert "2,4 x 10^4 Kilowatios" in result.citations[0].quote


def test_a_quote_for_what_que_se_asks_is_what_its_verb_acts_on() -> None:
    document = (
        "La cuantización reduce el número de bits usados para representar los números, "
        "perdiendo algo de precisión pero consiguiendo mejoras de eficiencia."
    )
    assert quoted("¿Qué se pierde con la cuantización?", document).answer == (
        "Algo de precisión [1]"
    )


def test_a_quote_for_what_que_se_asks_is_not_what_is_said_of_another_axis() -> None:
    chart = "La gráfica muestra el tiempo en el eje de abscisas."
    result = quoted("¿Qué se muestra en el eje de ordenadas de la gráfica?", chart)
    assert result.answer.startswith(chart), result.answer


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("¿Qué dos órganos tienen poder de veto?", True),
        ("¿Qué moléculas existen solo en los vertebrados?", True),
        ("¿Cuáles son las causas del retraso?", True),
        ("Which two teams played the final?", True),
        ("Which molecules exist only in vertebrates?", True),
        ("¿Qué país ganó la final?", False),
        ("¿Qué virus causa la gripe?", False),  # singular despite its "s"
        ("¿Qué tipo de grabaciones se usaron?", False),  # one kind
        ("What causes the flu?", False),  # "what" asks with a verb
        ("What does the law say?", False),
    ],
)
def test_a_question_that_asks_for_a_list(question: str, asks: bool) -> None:
    assert asks_for_a_list(question) is asks


LISTS = (
    "Aunque la Comisión propone las leyes, el Parlamento Europeo y el Consejo de la Unión "
    "Europea tienen poderes de enmienda y veto. "
    "Algunas moléculas del sistema inmunitario (por ejemplo, las inmunoglobulinas y los "
    "receptores de células T) solo existen en los vertebrados con mandíbula. "
    "Los médicos chinos rechazaron la medicina occidental porque contradecía la filosofía "
    "yin-yang y wuxing que subyace a la medicina china."
)


@pytest.mark.parametrize(
    ("question", "generated", "expected"),
    [
        # the member before the one the model said
        (
            "¿Qué dos órganos tienen poderes de enmienda y veto?",
            "El Consejo de la Unión Europea",
            "El Parlamento Europeo y el Consejo de la Unión Europea [1]",
        ),
        # the members after it, up to the bracket
        (
            "¿Qué moléculas del sistema inmunitario solo existen en los vertebrados?",
            "inmunoglobulinas",
            "Las inmunoglobulinas y los receptores de células T [1]",
        ),
        # up to the relative pronoun
        (
            "¿Qué filosofías subyacen a la medicina china?",
            "la filosofía yin-yang",
            "La filosofía yin-yang y wuxing [1]",
        ),
        # one thing asked: one member answers
        (
            "¿Qué órgano propone las leyes?",
            "la Comisión",
            "La Comisión [1]",
        ),
    ],
)
def test_a_member_of_a_list_answers_a_question_for_several_with_the_whole_list(
    question: str, generated: str, expected: str
) -> None:
    assert answer(question, generated, LISTS).answer == expected


@pytest.mark.parametrize(
    ("question", "generated", "expected"),
    [
        (
            "¿En qué batalla fueron derrotados los mongoles?",
            "La Batalla de Bạch Đằng (1288)",
            "La Batalla de Bạch Đằng [1]",
        ),
        # the year in brackets is the asked date
        ("¿En qué año fueron derrotados los mongoles?", "1288", "1288 [1]"),
    ],
)
def test_a_name_is_shown_without_the_dates_in_brackets_after_it(
    question: str, generated: str, expected: str
) -> None:
    document = "Los mongoles fueron derrotados en la Batalla de Bạch Đằng (1288) por los Tran."
    assert answer(question, generated, document).answer == expected


@pytest.mark.parametrize(
    ("phrase", "sentence", "shown"),
    [
        ("Comisión", "Aunque la Comisión tiene el monopolio legislativo.", "la Comisión"),
        ("Década de 1970", "Volvió en la década de 1970.", "la década de 1970"),
        ("Holoceno", "El Holoceno empezó hace 11 700 años.", "El Holoceno"),
        ("Commission", "Only the Commission proposes laws.", "the Commission"),
        # "a" is also the Spanish preposition, and "del" is no article
        ("Roma", "Viajó a Roma en 1850.", "Roma"),
        ("Parlamento Europeo", "La propuesta del Parlamento Europeo.", "Parlamento Europeo"),
        # a figure keeps its own form: "17" for "¿Cuántos segundos…?", not "los 17"
        ("17", "Quedaban los 17 segundos finales.", "17"),
        ("seis", "Gaga, la seis veces ganadora del Grammy, cantó.", "seis"),
        # a phrase the sentence does not write stays as the model gave it
        ("Consejo", "Aunque la Comisión tiene el monopolio legislativo.", "Consejo"),
        # no article before it
        ("Beryl", "Llegó la tormenta tropical Beryl.", "Beryl"),
    ],
)
def test_a_phrase_is_shown_with_the_article_its_sentence_writes_before_it(
    phrase: str, sentence: str, shown: str
) -> None:
    assert with_its_article(phrase, sentence) == shown


def test_a_short_answer_keeps_the_article_of_its_noun_phrase() -> None:
    document = (
        "Aunque la Comisión tiene el monopolio de la iniciativa legislativa, el Consejo vota."
    )
    result = answer(
        "¿Qué entidad tiene el monopolio de la iniciativa legislativa?", "Comisión", document
    )
    assert result.answer == "La Comisión [1]"
    assert result.mode is AnswerMode.GENERATED


@pytest.mark.parametrize(
    ("question", "sentence", "complement"),
    [
        (
            "¿Qué técnica reduce las alucinaciones?",
            "La técnica que el post asocia con reducir las alucinaciones es la incorporación "
            "de bases de conocimiento.",
            "la incorporación de bases de conocimiento",
        ),
        (
            "Which method cuts the costs?",
            "The method that the book prefers is quantization.",
            "quantization",
        ),
        # the copula that opens the relative clause is not the main verb's
        (
            "¿Qué técnica es la más barata?",
            "La técnica que es más barata de aplicar es la cuantización.",
            "la cuantización",
        ),
        # the subject is another noun than the question asks with
        ("¿Qué técnica reduce las alucinaciones?", "El modelo que más se usa es Gemma.", None),
        # no relative clause restates the question
        ("¿Qué técnica reduce las alucinaciones?", "La técnica es sencilla.", None),
    ],
)
def test_the_complement_of_a_subject_that_restates_the_question(
    question: str, sentence: str, complement: str | None
) -> None:
    found = restated_subject_complement(question, sentence)
    assert (sentence[found.start : found.end] if found else None) == complement


GEMINI = (
    "The training of the Gemini 1.0 Ultra model performed 5.0 x 10^25 FLOPs. "
    "The training of Gemini 1.0 Ultra cost 30 million dollars."
)


@pytest.mark.parametrize(
    ("question", "document", "quoted"),
    [
        # the sentences name Gemini and say nothing of who developed it
        ("Who developed Gemini 1.0 Ultra?", GEMINI, False),
        ("¿Quién desarrolló Gemini 1.0 Ultra?", GEMINI, False),
        # a sentence that says the deed is quoted
        (
            "Who trained Gemini 1.0 Ultra?",
            "The Gemini 1.0 Ultra model was trained by a team in 100 days.",
            True,
        ),
        # and one that names someone else may say the deed in other words
        (
            "¿Quién ganó la Super Bowl XLIX?",
            "Posteriormente, en el Campeonato de la AFC, batieron al defensor del título de "
            "la Super Bowl XLIX, los New England Patriots, por 20 a 18.",
            True,
        ),
    ],
)
def test_asked_who_did_something_a_sentence_with_only_the_names_is_not_quoted(
    question: str, document: str, quoted: bool
) -> None:
    result = answer(question, "NASA", document)
    assert (result.mode is AnswerMode.EXTRACTIVE) is quoted


CHART_EN = "The Epoch.ai chart plots time on the horizontal axis and FLOPS on the vertical one."


@pytest.mark.parametrize(
    ("question", "phrase", "modifies"),
    [
        # "The Epoch.ai chart": which chart the question speaks of
        ("What is plotted on the horizontal axis of the chart?", "The Epoch.ai", True),
        ("What is plotted on the horizontal axis of the chart?", "time", False),
        # asked with a noun, the modifier may be what is asked
        ("Which company's chart plots time?", "The Epoch.ai", False),
    ],
)
def test_a_phrase_before_a_noun_the_question_says_names_which_one(
    question: str, phrase: str, modifies: bool
) -> None:
    end = CHART_EN.index(phrase) + len(phrase)
    assert modifies_a_word_asked_with(question, CHART_EN, end, "en") is modifies


def test_the_model_s_order_of_magnitude_says_the_evidence_s_figure() -> None:
    document = "The training of GPT-4 performed 2.1 x 10^25 FLOPs."
    result = answer(
        "How many floating point operations did GPT-4's training take?", "10^25", document
    )
    assert result.answer == "2.1 x 10^25 [1]"
