"""A term of the field written in one form says the words of its other forms
(rag/answer/terms.py)."""

from __future__ import annotations

import pytest

from rag.answer.evidence import keys_of
from rag.answer.terms import term_words_said


@pytest.mark.parametrize(
    ("sentence", "question", "said"),
    [
        (
            "El dataset de entrenamiento de GPT-4 tenía 4,9 x 10^12 puntos de datos.",
            "¿De qué tamaño era el conjunto de datos de GPT-4?",
            True,
        ),
        (
            "Hay una correlación fuerte entre el desempeño de un modelo y su tamaño.",
            "¿De qué depende el rendimiento de un modelo?",
            True,
        ),
        (
            "La optimización de motores de inferencia crea 'frameworks'.",
            "¿Qué crean los marcos de trabajo?",
            True,
        ),
        # a verb of publishing says the others a question may use
        ("El libro se publicó en diciembre de 2023.", "¿En qué año salió el libro?", True),
        ("The book was published in December 2023.", "When was the book released?", True),
        ("The book was published in December 2023.", "¿Cuándo se lanzó el libro?", True),
        # a phrasal verb is one form: "come" alone ("the figures come from Epoch.ai") is not
        ("The book was published in December 2023.", "When did the book come out?", True),
        ("The figures come from Epoch.ai.", "When did the book come out?", False),
        # so does a verb of listing what a text holds
        (
            "El post enumera once técnicas para una IA generativa más accesible.",
            "¿Cuántas técnicas recoge el post?",
            True,
        ),
        ("The post lists eleven techniques.", "¿Cuántas técnicas enumera el post?", True),
        (
            "La gran conclusión del post es que los modelos de lenguaje son grandes.",
            "¿Cuál es la conclusión principal del post?",
            True,
        ),
        # "gran" alone is no main conclusion
        ("Los modelos son de gran tamaño.", "¿Cuál es la conclusión principal del post?", False),
        # so does a verb of reviewing a work
        (
            "Esta nota procede del post que comenta el libro de Ben Auffarth.",
            "¿Quién escribió el libro reseñado?",
            True,
        ),
        ("The post reviews the book by Ben Auffarth.", "¿Qué libro reseña el post?", True),
        # in any inflection of the verb: "comentaré" is "comentar", as "comenta" is
        (
            "En este post comentaré algunas tendencias que identifica el libro.",
            "¿Qué año se publicó el libro reseñado?",
            True,
        ),
        # a death or a birth, as a verb or as a noun
        (
            "Tras la muerte de Tesla en 1943, su obra cayó en el olvido.",
            "¿Cuándo murió Tesla?",
            True,
        ),
        ("Tesla died in 1943.", "¿En qué año falleció Tesla?", True),
        ("Tesla nació en 1856 en Smiljan.", "What was Tesla's year of birth?", True),
        # a population is counted in inhabitants; a car is an automobile
        ("La ciudad tenía 711 988 habitantes.", "¿Cuál era la población de Varsovia?", True),
        ("Victoria fabrica coches de varias marcas.", "¿Qué marca de automóvil se fabrica?", True),
        # what is optimized is improved
        (
            "Inference engine optimization builds frameworks that optimize the execution speed.",
            "Which technique improves execution speed?",
            True,
        ),
        (
            "Las arquitecturas simplificadas mejoran la interpretabilidad.",
            "What optimizes it?",
            True,
        ),
        # a conclusion is what one concludes
        (
            "Quizá, la gran conclusión posible sea que los modelos son costosos.",
            "¿Qué concluye el autor sobre el coste?",
            True,
        ),
        ("The author concludes that models are costly.", "¿Cuál es la conclusión?", True),
        # what doubles is duplicated
        (
            "El tiempo de entrenamiento se dobla cada ocho meses.",
            "¿Cada cuánto se duplica el tiempo de entrenamiento?",
            True,
        ),
        ("Training time doubles every eight months.", "¿Cada cuánto se duplica?", True),
        ("Es un caso doble.", "¿Cada cuánto se duplica el tiempo?", False),
        # an acronym "stands for" what it "means"
        ('In the post, TPU stands for "Tensor Processing Unit".', "What does TPU mean?", True),
        ("En el post, TPU significa 'Tensor Processing Unit'.", "What does TPU stand for?", True),
        # a chart's axes, named by their coordinates
        (
            "La gráfica muestra el tiempo en abscisas y el número de FLOPS en ordenadas.",
            "¿Qué se representa en el eje vertical?",
            True,
        ),
        ("The chart plots time on the horizontal axis.", "¿Qué hay en el eje de abscisas?", True),
        # an order of magnitude is no ordinate
        ("Es un orden de magnitud mayor.", "¿Qué se representa en el eje vertical?", False),
        # a sentence that publishes nothing, or a question that asks no publishing
        ("El libro cuesta 30 euros.", "¿En qué año salió el libro?", False),
        ("El libro se publicó en 2023.", "¿Qué editorial tiene el libro?", False),
        # one word of a form is not the term: "datos" alone is no dataset
        (
            "El entrenamiento usó muchos datos.",
            "¿Qué tamaño tenía el dataset?",
            False,
        ),
    ],
)
def test_a_term_written_in_one_form_says_the_other(
    sentence: str, question: str, said: bool
) -> None:
    asked = keys_of(question)
    written = keys_of(sentence)
    missing = asked - written
    assert bool(missing & term_words_said(written)) is said


def test_what_comes_out_goes_on_sale() -> None:
    said = term_words_said(keys_of("El libro se publicó en diciembre de 2023."))
    assert keys_of("¿Cuándo salió a la venta el libro?") - keys_of("libro") <= said
