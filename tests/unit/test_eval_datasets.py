"""Loading the project set and SQuAD v1.1/v2.0, sampling, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.datasets import (
    JSONL,
    SQUAD_V1,
    SQUAD_V2,
    article_of,
    load_dataset,
    paragraph_file,
    sample,
)
from rag.errors import ConfigError
from tests.support.paths import REPO

PROJECT_SET = REPO / "corpus" / "eval" / "questions.jsonl"


def squad(version: str, impossible: bool) -> dict[str, object]:
    qas: list[dict[str, object]] = [
        {"id": "q1", "question": "¿Quién?", "answers": [{"text": "Ana", "answer_start": 0}]},
        {
            "id": "q2",
            "question": "¿Dónde?",
            "answers": [
                {"text": "Madrid", "answer_start": 12},
                {"text": "Madrid", "answer_start": 12},
                {"text": "en Madrid", "answer_start": 9},
            ],
        },
    ]
    if impossible:
        for qa in qas:
            qa["is_impossible"] = False
        qas.append({"id": "q3", "question": "¿Cuándo?", "answers": [], "is_impossible": True})
    return {
        "version": version,
        "data": [
            {"title": "T0", "paragraphs": [{"context": "Ana vive en Madrid.", "qas": qas}]},
            {"title": "T1", "paragraphs": [{"context": "Otro párrafo.", "qas": []}]},
        ],
    }


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_project_set_loads_with_its_categories() -> None:
    dataset = load_dataset(PROJECT_SET)
    lines = [json.loads(line) for line in PROJECT_SET.read_text().splitlines()]
    assert dataset.format == JSONL and not dataset.isolated and dataset.hit_needs_answer
    assert [item.id for item in dataset.items] == [row["id"] for row in lines]
    unanswerable = [item for item in dataset.items if item.unanswerable]
    assert unanswerable and all(not item.answers and not item.sources for item in unanswerable)
    assert {item.lang for item in dataset.items} == {"es", "en"}


def test_squad_v1_paragraphs_become_files_and_gold_sources(tmp_path: Path) -> None:
    dataset = load_dataset(write(tmp_path, "s.json", json.dumps(squad("1.1", False))))
    assert dataset.format == SQUAD_V1 and dataset.isolated and not dataset.hit_needs_answer
    assert dataset.documents == {
        paragraph_file(0, 0): "Ana vive en Madrid.",
        paragraph_file(1, 0): "Otro párrafo.",
    }
    assert dataset.titles[paragraph_file(1, 0)] == "T1"
    first, second = dataset.items
    assert first.sources == (paragraph_file(0, 0),) and first.answers == ("Ana",)
    assert second.answers == ("Madrid", "en Madrid")  # duplicates dropped, order kept


def test_squad_v2_impossible_questions_are_unanswerable(tmp_path: Path) -> None:
    dataset = load_dataset(write(tmp_path, "s2.json", json.dumps(squad("v2.0", True))))
    assert dataset.format == SQUAD_V2
    impossible = dataset.items[-1]
    assert impossible.unanswerable and impossible.answers == () and impossible.sources == ()
    assert not dataset.items[0].unanswerable


def english_twin() -> dict[str, object]:
    """`squad("v2.0", True)`'s questions in English, same ids, in another order, with one
    paragraph of their own (which must not be ingested)."""
    qas = [
        {"id": "q2", "question": "Where?", "answers": [{"text": "in Madrid", "answer_start": 8}]},
        {"id": "q3", "question": "When?", "answers": [], "is_impossible": True},
        {"id": "q1", "question": "Who?", "answers": [{"text": "Ana", "answer_start": 0}]},
    ]
    return {
        "data": [{"title": "E", "paragraphs": [{"context": "Ana lives in Madrid.", "qas": qas}]}]
    }


def test_questions_of_one_file_are_asked_of_the_paragraphs_of_another(tmp_path: Path) -> None:
    contexts = write(tmp_path, "es.json", json.dumps(squad("v2.0", True)))
    questions = write(tmp_path, "en.json", json.dumps(english_twin()))
    dataset = load_dataset(contexts, questions)
    assert dataset.name == "en-on-es" and dataset.format == SQUAD_V2
    assert dataset.path == contexts and dataset.questions_path == questions
    assert dataset.documents == load_dataset(contexts).documents  # only the paragraphs' file
    by_id = {item.id: item for item in dataset.items}
    assert [item.id for item in dataset.items] == ["q2", "q3", "q1"]  # the questions' order
    assert by_id["q2"].question == "Where?" and by_id["q2"].lang == "en"
    assert by_id["q2"].sources == (paragraph_file(0, 0),)
    # Either language's answer is right: the paragraph's spans first.
    assert by_id["q2"].answers == ("Madrid", "en Madrid", "in Madrid")
    assert by_id["q1"].answers == ("Ana",)
    assert by_id["q3"].unanswerable and by_id["q3"].answers == () and by_id["q3"].sources == ()
    assert article_of(paragraph_file(1, 0)) == 1


def test_paired_questions_must_share_ids_with_the_paragraphs(tmp_path: Path) -> None:
    contexts = write(tmp_path, "es.json", json.dumps(squad("1.1", False)))
    questions = write(tmp_path, "en.json", json.dumps(english_twin()))
    with pytest.raises(ConfigError) as caught:
        load_dataset(contexts, questions)
    assert str(caught.value) == (
        f"{questions}: 1 of 3 question ids are not in {contexts} (first: 'q3'); both files "
        "must share question ids, as XQuAD's languages do"
    )
    with pytest.raises(ConfigError, match=r"need SQuAD \.json files on both sides"):
        load_dataset(PROJECT_SET, questions)
    with pytest.raises(ConfigError, match="evaluation set not found"):
        load_dataset(contexts, tmp_path / "missing.json")


def test_sample_is_reproducible_and_keeps_file_order() -> None:
    items = load_dataset(PROJECT_SET).items
    first, again, other = sample(items, 7, 3), sample(items, 7, 3), sample(items, 7, 4)
    assert first == again and first != other and len(first) == 7
    positions = [items.index(item) for item in first]
    assert positions == sorted(positions)
    assert sample(items, None, 0) == items and sample(items, 10_000, 0) == items


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"id": "a", "question": "q", "answers": ["x"]}\n{"id": "b", "question": \n',
            ":2: malformed JSON",
        ),
        ('{"id": "a", "answers": ["x"]}\n', ":1: missing key 'question'"),
        ('{"id": "a", "question": "q", "answers": "x"}\n', ":1: 'answers' must be a list"),
        ("[1, 2]\n", ":1: expected a JSON object"),
        ('{"id": "a", "question": "q", "answers": []}\n', ":1: an answerable question needs"),
        (
            '{"id": "a", "question": "q", "answers": ["x"]}\n'
            '{"id": "a", "question": "r", "answers": ["y"]}\n',
            ":2: duplicate id 'a'",
        ),
        ("\n\n", "no questions"),
    ],
)
def test_bad_jsonl_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "bad.jsonl", content)
    with pytest.raises(ConfigError) as caught:
        load_dataset(path)
    assert f"{path}" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"data": [', "malformed JSON"),
        ('{"version": "1.1"}', "not SQuAD format"),
        ('{"data": [{"paragraphs": [{"qas": []}]}]}', "missing key 'context'"),
        (
            '{"data": [{"paragraphs": [{"context": "c", "qas": [{"id": "1", "question": "q",'
            ' "answers": []}]}]}]}',
            "an answerable question needs",
        ),
    ],
)
def test_bad_squad_is_one_config_error(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_dataset(write(tmp_path, "bad.json", content))


def test_squadify_builds_a_v2_file_that_loads(tmp_path: Path) -> None:
    from evaluation.datasets import EvalItem
    from evaluation.squadify import build_squad_v2, paragraphs_of

    text = (
        "---\ntitle: T\n---\n\n# Título\n\nGPT-4 costó 41 millones.\n\n- Gemini: 30\n- millones\n"
    )
    assert paragraphs_of(text) == ["GPT-4 costó 41 millones.", "- Gemini: 30\n- millones"]
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text(text, encoding="utf-8")
    items = [
        EvalItem("es-1", "¿Coste?", ("41 millones de dólares", "41 millones"), ("notes/a.md",)),
        EvalItem("es-2", "¿Gemini?", ("30 millones",), ("notes/a.md",)),  # spans two lines
        EvalItem("un-1", "¿Páginas?", (), (), True),
    ]
    squad, left_out = build_squad_v2(items, tmp_path)
    assert left_out == 1
    (first, second) = squad["data"][0]["paragraphs"]
    assert first["qas"][0]["answers"] == [{"text": "41 millones", "answer_start": 12}]
    assert first["qas"][1] == {
        "id": "un-1",
        "question": "¿Páginas?",
        "answers": [],
        "is_impossible": True,
    }
    assert second["qas"] == []
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(squad))
    dataset = load_dataset(path)
    assert dataset.format == SQUAD_V2
    assert [(i.id, i.unanswerable) for i in dataset.items] == [("es-1", False), ("un-1", True)]
