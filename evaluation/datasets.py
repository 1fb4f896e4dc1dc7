"""Evaluation sets: the project's JSON Lines questions and SQuAD v1.1 / v2.0 files.

Every problem with an input file becomes a `ConfigError` whose one-line message names
the file (and, for JSON Lines, the line), so `rag eval` can print it without a traceback.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.answer.language import question_language
from rag.errors import ConfigError

JSONL = "jsonl"
SQUAD_V1 = "squad-1.1"
SQUAD_V2 = "squad-2.0"


@dataclass(frozen=True)
class EvalItem:
    """One question with what counts as a right answer and where it is found."""

    id: str
    question: str
    answers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # corpus-relative paths of the gold documents
    unanswerable: bool = False
    lang: str = "es"


@dataclass
class Dataset:
    name: str
    path: Path
    format: str  # JSONL, SQUAD_V1 or SQUAD_V2
    items: list[EvalItem]
    # SQuAD: the isolated corpus to ingest (relative file name -> text). None: the
    # questions are asked against the user's own ingested corpus.
    documents: dict[str, str] | None = None
    titles: dict[str, str] = field(default_factory=dict)  # document -> article title
    # The project set counts a retrieved chunk as a hit only if it also contains an
    # answer (corpus/eval/README.md); SQuAD's gold is the whole paragraph.
    hit_needs_answer: bool = False
    # Set when the questions come from another file than the paragraphs (pair_questions).
    questions_path: Path | None = None

    @property
    def isolated(self) -> bool:
        return self.documents is not None


def load_dataset(path: Path, questions: Path | None = None) -> Dataset:
    """A `.json` path is SQuAD; anything else is the project's JSON Lines format.

    With `questions`, another SQuAD file's questions are asked against `path`'s
    paragraphs: XQuAD's languages share question ids, so English questions can be asked
    of the Spanish paragraphs (cross-language retrieval and answering)."""
    if questions is not None:
        return pair_questions(_squad_file(path), _squad_file(questions))
    if not path.is_file():
        raise ConfigError(f"evaluation set not found: {path}")
    if path.suffix.lower() == ".json":
        return load_squad(path)
    return load_jsonl(path)


def _squad_file(path: Path) -> Dataset:
    if not path.is_file():
        raise ConfigError(f"evaluation set not found: {path}")
    if path.suffix.lower() != ".json":
        raise ConfigError(
            f"{path}: questions from another file need SQuAD .json files on both sides "
            "(paragraphs from one, questions from the other)"
        )
    return load_squad(path)


def pair_questions(contexts: Dataset, asked: Dataset) -> Dataset:
    """`asked`'s questions, each gold on the paragraph that holds the question of the
    same id in `contexts`; only `contexts`'s paragraphs are ingested.

    A right answer may come in either file's language (a quote of the paragraph, or a
    reply in the question's language), so the gold answers are both files' answers,
    the paragraph's first. Whether a question is answerable is the paragraph's say."""
    by_id = {item.id: item for item in contexts.items}
    missing = [item.id for item in asked.items if item.id not in by_id]
    if missing:
        raise ConfigError(
            f"{asked.path}: {len(missing)} of {len(asked.items)} question ids are not in "
            f"{contexts.path} (first: {missing[0]!r}); both files must share question ids, "
            "as XQuAD's languages do"
        )
    items = [_paired(item, by_id[item.id]) for item in asked.items]
    return Dataset(
        f"{asked.name}-on-{contexts.name}",
        contexts.path,
        contexts.format,
        items,
        documents=contexts.documents,
        titles=contexts.titles,
        questions_path=asked.path,
    )


def _paired(asked: EvalItem, context: EvalItem) -> EvalItem:
    answers = () if context.unanswerable else tuple(dict.fromkeys(context.answers + asked.answers))
    return EvalItem(
        id=asked.id,
        question=asked.question,
        answers=answers,
        sources=context.sources,
        unanswerable=context.unanswerable,
        lang=asked.lang,
    )


def sample(items: list[EvalItem], limit: int | None, seed: int) -> list[EvalItem]:
    """`limit` items drawn with `random.Random(seed)`, kept in file order; all if no limit."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit < 1:
        raise ConfigError(f"--limit must be at least 1 (got {limit})")
    chosen = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in chosen]


# -- the project's JSON Lines -------------------------------------------------------

_JSONL_TYPES: dict[str, type] = {
    "id": str,
    "question": str,
    "lang": str,
    "answers": list,
    "sources": list,
    "unanswerable": bool,
}
_REQUIRED = ("id", "question")


def load_jsonl(path: Path) -> Dataset:
    items: list[EvalItem] = []
    seen: set[str] = set()
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        item = _jsonl_item(line, f"{path}:{number}")
        if item.id in seen:
            raise ConfigError(f"{path}:{number}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise ConfigError(f"{path}: no questions in the file")
    return Dataset(path.stem, path, JSONL, items, hit_needs_answer=True)


def _jsonl_item(line: str, where: str) -> EvalItem:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(row, dict):
        raise ConfigError(f"{where}: expected a JSON object, got {type(row).__name__}")
    for key in _REQUIRED:
        if key not in row:
            raise ConfigError(f"{where}: missing key {key!r}")
    for key, expected in _JSONL_TYPES.items():
        if key in row and not isinstance(row[key], expected):
            raise ConfigError(f"{where}: {key!r} must be a {expected.__name__}")
    answers = _strings(row.get("answers", []), "answers", where)
    sources = _strings(row.get("sources", []), "sources", where)
    if not row["question"].strip():
        raise ConfigError(f"{where}: 'question' is empty")
    unanswerable = bool(row.get("unanswerable", False))
    if not unanswerable and not answers:
        raise ConfigError(f"{where}: an answerable question needs at least one answer")
    return EvalItem(
        id=row["id"],
        question=row["question"],
        answers=answers,
        sources=sources,
        unanswerable=unanswerable,
        lang=row.get("lang", "es"),
    )


def _strings(values: list[Any], key: str, where: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(values)


# -- SQuAD v1.1 / v2.0 --------------------------------------------------------------


def paragraph_file(article: int, paragraph: int) -> str:
    """The generated corpus file of one SQuAD paragraph (neutral name: no title words
    that BM25 could match)."""
    return f"a{article:03d}p{paragraph:03d}.txt"


def article_of(source: str) -> int:
    """The article number of a `paragraph_file` name: benchmarks split on it, so that
    a weight is tuned on some articles and reported on others."""
    return int(source[1:4])


def load_squad(path: Path) -> Dataset:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}: malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    articles = data.get("data") if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise ConfigError(f"{path}: not SQuAD format (expected an object with a 'data' list)")
    documents: dict[str, str] = {}
    titles: dict[str, str] = {}
    items: list[EvalItem] = []
    v2 = False
    for a, article in enumerate(articles):
        for p, paragraph in enumerate(_field(article, "paragraphs", list, f"{path}: data[{a}]")):
            where = f"{path}: data[{a}].paragraphs[{p}]"
            context = _field(paragraph, "context", str, where)
            source = paragraph_file(a, p)
            documents[source] = context
            titles[source] = str(article.get("title", "")) if isinstance(article, dict) else ""
            for q, qa in enumerate(_field(paragraph, "qas", list, where)):
                item = _squad_item(qa, source, f"{where}.qas[{q}]")
                v2 = v2 or "is_impossible" in qa
                items.append(item)
    if not items:
        raise ConfigError(f"{path}: no questions in the file")
    duplicate = _first_duplicate([item.id for item in items])
    if duplicate is not None:
        raise ConfigError(f"{path}: duplicate question id {duplicate!r}")
    fmt = SQUAD_V2 if v2 else SQUAD_V1
    return Dataset(path.stem, path, fmt, items, documents=documents, titles=titles)


def _squad_item(qa: Any, source: str, where: str) -> EvalItem:
    question = _field(qa, "question", str, where)
    qid = str(_field(qa, "id", (str, int), where))
    impossible = bool(qa.get("is_impossible", False))
    answers: list[str] = []
    for n, answer in enumerate(_field(qa, "answers", list, where)):
        text = _field(answer, "text", str, f"{where}.answers[{n}]")
        if text.strip() and text not in answers:
            answers.append(text)
    if not impossible and not answers:
        raise ConfigError(f"{where}: an answerable question needs at least one answer")
    return EvalItem(
        id=qid,
        question=question,
        answers=() if impossible else tuple(answers),
        sources=() if impossible else (source,),
        unanswerable=impossible,
        lang=question_language(question),
    )


def _field(container: Any, key: str, expected: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(container, dict) or key not in container:
        raise ConfigError(f"{where}: missing key {key!r}")
    value = container[key]
    if not isinstance(value, expected):
        raise ConfigError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
    return value


def _first_duplicate(ids: list[str]) -> str | None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            return i
        seen.add(i)
    return None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
