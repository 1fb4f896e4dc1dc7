"""The phrase a question's wording points at, with the real models over notes written
here: the name set beside the question's own description of it, or that a copula says a
subject holding it is, and the quoted title of the asked work, whatever the model says
(rag/answer/naming.py); a count without the noun the question counts by (counts.py); how
long something lasted, by when it ended (durations.py); a kind without the noun the
question says (kinds.py); the one name a sentence gives besides the question's, for
"who" (naming.py); years that "y" joins, and what a multiplier multiplies
(answer_types.py); the date a sentence gives whose subject only the one before it names
(subjects.py); an acronym's Spanish expansion, its initials in another order
(acronyms.py)."""

from __future__ import annotations

import pytest

from ingest.sync import Ingestor
from rag.analyzer import fold
from rag.answer.pipeline import AnswerPipeline
from rag.components import Components
from rag.schema import AnswerMode

NOTES = {
    "notes/teatros.md": (
        '---\ntitle: "Teatros de Varsovia"\nlang: es\n---\n\n# Teatros de Varsovia\n\n'
        "Durante el periodo de entreguerras, el complejo teatral también contó con el Momus "
        "―el primer cabaret literario de Varsovia― y con el teatro musical Melodram de Leon "
        "Schiller.\n\nEl Gran Teatro se reconstruyó después de la guerra.\n"
    ),
    "notes/theatres-en.md": (
        '---\ntitle: "Warsaw theatres"\nlang: en\n---\n\n# Warsaw theatres\n\n'
        "In the interwar period the complex also housed the Momus, Warsaw's first literary "
        "cabaret, and Leon Schiller's musical theatre Melodram.\n\n"
        "The Grand Theatre was rebuilt after the war.\n"
    ),
    "notes/lutero.md": (
        '---\ntitle: "Los himnos de Lutero"\nlang: es\n---\n\n# Los himnos de Lutero\n\n'
        "La ejecución de dos monjes en Bruselas motivó a Lutero a escribir el himno «Ein "
        "neues Lied wir heben an», que se cantó en toda Alemania.\n\n"
        "Lutero escribió también himnos para la misa en alemán.\n"
    ),
    "notes/musica.md": (
        '---\ntitle: "La música de la serie"\nlang: es\n---\n\n# La música de la serie\n\n'
        "El colaborador musical más frecuente durante los primeros 15 años fue Dudley "
        "Simpson, quien también compuso para otras series de la cadena.\n\n"
        "La sintonía original se grabó en 1963.\n"
    ),
    "notes/final.md": (
        '---\ntitle: "La final"\nlang: es\n---\n\n# La final\n\n'
        "Cuando quedaban 17 segundos en el marcador, los Broncos interceptaron el pase de los "
        "Panthers y ganaron el partido.\n\nEl estadio tenía capacidad para 68 500 personas.\n"
    ),
    "notes/peste.md": (
        '---\ntitle: "La peste"\nlang: es\n---\n\n# La peste\n\n'
        "La peste siguió siendo un acontecimiento importante en la sociedad otomana hasta el "
        "segundo cuarto del siglo XIX.\n\nLa guerra de los mongoles con los Song duró hasta "
        "1279.\n"
    ),
    "notes/yuan.md": (
        '---\ntitle: "La dinastía Yuan"\nlang: es\n---\n\n# La dinastía Yuan\n\n'
        "El emperador Gegeen Khan, hijo y sucesor de Ayurbarwada, gobernó solo dos años, "
        "desde 1321 hasta 1323.\n\nLa corte se trasladó a Shangdu en verano.\n"
    ),
    "notes/docentes.md": (
        '---\ntitle: "Docentes en Gales"\nlang: es\n---\n\n# Docentes en Gales\n\n'
        "Una causa creciente de preocupación son los ataques a docentes en colegios galeses, "
        "que alcanzaron su máximo absoluto entre 2005 y 2010.\n\n"
        "Los sindicatos piden más apoyo.\n"
    ),
    "notes/sudan.md": (
        '---\ntitle: "Sudán"\nlang: es\n---\n\n# Sudán\n\n'
        "Durante muchos años, Sudán estuvo gobernado por un régimen islamista bajo la "
        "influencia de Hassan al-Turabi.\n\nLa capital del país es Jartum.\n"
    ),
    "notes/ctenoforos.md": (
        '---\ntitle: "Ctenóforos"\nlang: es\n---\n\n# Ctenóforos\n\n'
        "En circunstancias favorables, los ctenóforos pueden comer diez veces su propio peso "
        "en un día.\n\nViven en todos los océanos.\n"
    ),
    "notes/hardware.md": (
        '---\ntitle: "Hardware de entrenamiento"\nlang: es\n---\n\n# Hardware de entrenamiento\n\n'
        "El modelo se entrenó en una unidad de procesamiento tensorial (TPU) alquilada.\n\n"
        "El entrenamiento duró tres semanas.\n"
    ),
    "notes/ribera.md": (
        '---\ntitle: "Fútbol en Ribera"\nlang: es\n---\n\n# Fútbol en Ribera\n\n'
        "Su rival local, el Atlético Ribera, que tiene muchos menos socios, consiguió ganar la "
        "liga regional en el año 2000. También ganó el campeonato en 1958 y la copa en tres "
        "ocasiones.\n"
    ),
}


@pytest.fixture(scope="module")
def notes_pipeline(
    shared_components: Components, tmp_path_factory: pytest.TempPathFactory
) -> AnswerPipeline:
    corpus = tmp_path_factory.mktemp("phrases")
    for path, text in NOTES.items():
        (corpus / path).parent.mkdir(parents=True, exist_ok=True)
        (corpus / path).write_text(text, encoding="utf-8")
    settings = shared_components.settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("phrases-data"), "corpus_dir": corpus}
    )
    components = Components(
        settings, embedder=shared_components.embedder, generator=shared_components.generator
    )
    assert not Ingestor(components).sync().errors
    return AnswerPipeline(components)


@pytest.mark.parametrize(
    ("question", "phrase", "document"),
    [
        ("¿Cuál fue el primer cabaret literario de Varsovia?", "momus", "notes/teatros.md"),
        ("What was Warsaw's first literary cabaret?", "momus", "notes/theatres-en.md"),
        (
            "¿Qué himno escribió Lutero tras la ejecución de los monjes?",
            "ein neues lied wir heben an",
            "notes/lutero.md",
        ),
        (
            "¿Quién fue el colaborador musical más frecuente de la serie en sus primeros años?",
            "dudley simpson",
            "notes/musica.md",
        ),
        (
            "¿Cuántos segundos quedaban cuando los Broncos interceptaron el pase?",
            "17",
            "notes/final.md",
        ),
        (
            "¿Cuánto duró la peste en el imperio otomano?",
            "hasta el segundo cuarto del siglo xix",
            "notes/peste.md",
        ),
        ("¿Quién era el hijo de Ayurbarwada?", "gegeen khan", "notes/yuan.md"),
        (
            "¿Cuándo alcanzaron su máximo los ataques a docentes?",
            "entre 2005 y 2010",
            "notes/docentes.md",
        ),
        ("¿Qué tipo de régimen gobernó Sudán durante muchos años?", "islamista", "notes/sudan.md"),
        (
            "¿Cuánto pueden comer los ctenóforos en un día?",
            "diez veces su propio peso",
            "notes/ctenoforos.md",
        ),
        ("¿Qué significa TPU?", "una unidad de procesamiento tensorial", "notes/hardware.md"),
        ("What does TPU stand for?", "una unidad de procesamiento tensorial", "notes/hardware.md"),
        # the sentence that answers names its subject only in the one before it
        (
            "¿Cuándo ganó el Atlético Ribera el campeonato?",
            "1958",
            "notes/ribera.md",
        ),
    ],
)
def test_the_phrase_the_question_points_at_is_the_whole_answer(
    notes_pipeline: AnswerPipeline, question: str, phrase: str, document: str
) -> None:
    answer = notes_pipeline.answer(question)
    assert answer.mode is not AnswerMode.ABSTAINED, answer.answer
    assert fold(answer.answer.split("[", 1)[0]).strip() == phrase, answer.answer
    assert [citation.source for citation in answer.citations] == [document]
    assert answer.citations[0].quote in NOTES[document]
