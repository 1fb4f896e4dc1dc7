"""Bad evaluation input through the real `rag eval` command: one line of error, no
traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_rag
from tests.support.paths import REPO

PROJECT_SET = REPO / "corpus" / "eval" / "questions.jsonl"


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_cli_reports_bad_input_in_one_line_without_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.jsonl", '{"id": "a", "question": "q", "answers": ["x"]}\n{oops\n')
    result = run_rag("eval", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert (
        result.stderr.strip() == f"error: {bad}:2: malformed JSON (Expecting property name "
        "enclosed in double quotes at column 2)"
    )
    missing = run_rag("eval", str(tmp_path / "nope.json"))
    assert missing.returncode != 0
    assert missing.stderr.strip() == f"error: evaluation set not found: {tmp_path / 'nope.json'}"
    assert not (tmp_path / "out").exists()


def test_cli_rejects_an_output_path_it_cannot_create(tmp_path: Path) -> None:
    blocker = write(tmp_path, "file", "")
    result = run_rag("eval", str(PROJECT_SET), "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: --out {blocker / 'out'}: cannot create the directory (Not a directory)"
    )


def test_cli_default_set_is_in_the_corpus_dir(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    bad = write(tmp_path / "eval", "questions.jsonl", "{oops\n")
    result = run_rag("eval", env={"RAG_CORPUS_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}:1: malformed JSON")


def test_cli_questions_from_another_file_must_share_ids_with_the_paragraphs(
    tmp_path: Path,
) -> None:
    qa = {"id": "q1", "question": "¿Quién?", "answers": [{"text": "Ana", "answer_start": 0}]}
    contexts = write(
        tmp_path,
        "es.json",
        json.dumps({"data": [{"paragraphs": [{"context": "Ana vive aquí.", "qas": [qa]}]}]}),
    )
    other = {**qa, "id": "q9", "question": "Who?"}
    questions = write(
        tmp_path,
        "en.json",
        json.dumps({"data": [{"paragraphs": [{"context": "Ana lives here.", "qas": [other]}]}]}),
    )
    result = run_rag(
        "eval", str(contexts), "--questions", str(questions), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {questions}: 1 of 1 question ids are not in {contexts} (first: 'q9'); "
        "both files must share question ids, as XQuAD's languages do"
    )
    assert not (tmp_path / "out").exists()
