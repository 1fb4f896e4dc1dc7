"""Build a SQuAD v2.0 file (with unanswerable questions) from the project set.

Each paragraph of each corpus file becomes a SQuAD context; an answerable question is
attached to the first paragraph of its sources that contains one of its answers
literally, with every answer found there; an unanswerable question is attached, with
`is_impossible: true`, to paragraphs in turn. Questions whose answers span paragraphs
are left out. The result runs through `rag eval FILE.json` like any SQuAD file, on an
isolated corpus of those paragraphs.

    python -m evaluation.squadify OUT.json [QUESTIONS.jsonl] [CORPUS_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from evaluation.datasets import EvalItem, load_jsonl

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_BLANK = re.compile(r"\n\s*\n")


def paragraphs_of(text: str) -> list[str]:
    """Blank-line separated blocks, without YAML front matter or bare headings."""
    body = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)
    blocks = [block.strip() for block in _BLANK.split(body)]
    return [b for b in blocks if b and not (b.startswith("#") and "\n" not in b)]


def build_squad_v2(items: list[EvalItem], corpus_dir: Path) -> tuple[dict[str, Any], int]:
    """The SQuAD v2.0 dict and the number of questions left out."""
    sources = sorted({s for item in items for s in item.sources})
    contexts: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        text = (corpus_dir / source).read_text(encoding="utf-8")
        contexts[source] = [{"context": p, "qas": []} for p in paragraphs_of(text)]
    every = [paragraph for source in sources for paragraph in contexts[source]]
    left_out = 0
    turn = 0
    for item in items:
        if item.unanswerable:
            if every:
                qa = {"id": item.id, "question": item.question, "answers": []}
                every[turn % len(every)]["qas"].append({**qa, "is_impossible": True})
                turn += 1
            continue
        placed = _place(item, [p for s in item.sources for p in contexts.get(s, [])])
        left_out += not placed
    data = [{"title": source, "paragraphs": contexts[source]} for source in sources]
    return {"version": "v2.0", "data": data}, left_out


def _place(item: EvalItem, paragraphs: list[dict[str, Any]]) -> bool:
    for paragraph in paragraphs:
        context: str = paragraph["context"]
        answers = [
            {"text": answer, "answer_start": context.find(answer)}
            for answer in item.answers
            if answer in context
        ]
        if answers:
            paragraph["qas"].append(
                {
                    "id": item.id,
                    "question": item.question,
                    "answers": answers,
                    "is_impossible": False,
                }
            )
            return True
    return False


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    questions = Path(argv[1]) if len(argv) > 1 else Path("corpus/eval/questions.jsonl")
    corpus_dir = Path(argv[2]) if len(argv) > 2 else Path("corpus")
    items = load_jsonl(questions).items
    squad, left_out = build_squad_v2(items, corpus_dir)
    out.write_text(json.dumps(squad, ensure_ascii=False, indent=1), encoding="utf-8")
    kept = len(items) - left_out
    print(f"{out}: {kept} questions ({left_out} left out: answer not inside one paragraph)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
