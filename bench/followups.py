"""Follow-up questions: retrieval and answers with and without rule-based condensing.

Cases are in bench/followups.jsonl (a previous question, a follow-up that only makes
sense after it, and the facts that answer it). A control checks that standalone
questions are not harmed: every answerable question of corpus/eval, asked after an
unrelated question, must still retrieve its answer.

    .venv/bin/python bench/followups.py [--no-answers]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.sync import Ingestor  # noqa: E402
from rag.answer.condense import condense  # noqa: E402
from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.schema import Passage, Question, Turn  # noqa: E402
from rag.settings import load_settings  # noqa: E402

CASES = REPO / "bench" / "followups.jsonl"
QUESTIONS = REPO / "corpus" / "eval" / "questions.jsonl"
RESULTS = REPO / "bench" / "results"
UNRELATED = "¿Cuánto costó el entrenamiento de GPT-4?"
K = 3


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def contains(text: str, answers: list[str]) -> bool:
    folded = " ".join(text.lower().split())
    return any(" ".join(a.lower().split()) in folded for a in answers)


def hits(passages: list[Passage], answers: list[str]) -> dict[str, bool]:
    return {
        "hit@1": bool(passages) and contains(passages[0].text, answers),
        f"hit@{K}": any(contains(p.text, answers) for p in passages[:K]),
    }


def rate(results: list[dict[str, bool]], key: str) -> float:
    return round(sum(r[key] for r in results) / len(results), 3) if results else 0.0


def follow_ups(pipeline: AnswerPipeline, answers: bool) -> dict[str, Any]:
    plain: list[dict[str, bool]] = []
    condensed: list[dict[str, bool]] = []
    details = []
    for case in rows(CASES):
        history = [Turn("user", text) for text in case["history"]]
        rewritten = condense(case["question"], history)
        without = hits(pipeline.retriever.search(case["question"], K), case["answers"])
        with_rules = hits(pipeline.retriever.search(rewritten, K), case["answers"])
        if answers:
            answer = pipeline.answer(Question(case["question"], history))
            with_rules["answer"] = contains(answer.answer, case["answers"])
            without["answer"] = contains(
                pipeline.answer(Question(case["question"])).answer, case["answers"]
            )
        plain.append(without)
        condensed.append(with_rules)
        details.append(
            {"id": case["id"], "condensed": rewritten, "plain": without, "rules": with_rules}
        )
    keys = list(plain[0]) if plain else []
    return {
        "cases": len(plain),
        "without_history": {key: rate(plain, key) for key in keys},
        "with_rules": {key: rate(condensed, key) for key in keys},
        "details": details,
    }


def standalone_control(pipeline: AnswerPipeline) -> dict[str, Any]:
    history = [Turn("user", UNRELATED)]
    plain: list[dict[str, bool]] = []
    condensed: list[dict[str, bool]] = []
    changed = []
    for row in rows(QUESTIONS):
        if row["unanswerable"] or row["question"] == UNRELATED:
            continue
        rewritten = condense(row["question"], history)
        if rewritten != row["question"]:
            changed.append(rewritten)
        plain.append(hits(pipeline.retriever.search(row["question"], K), row["answers"]))
        condensed.append(hits(pipeline.retriever.search(rewritten, K), row["answers"]))
    return {
        "questions": len(plain),
        "rewritten": changed,
        "without_history": {key: rate(plain, key) for key in ("hit@1", f"hit@{K}")},
        "with_rules": {key: rate(condensed, key) for key in ("hit@1", f"hit@{K}")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-answers", action="store_true", help="measure retrieval only")
    parser.add_argument("--out", type=Path, default=RESULTS / "followups.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followups-") as tmp:
        settings = load_settings(data_dir=Path(tmp), corpus_dir=REPO / "corpus")
        components = Components(settings)
        Ingestor(components).sync()
        pipeline = AnswerPipeline(components)
        report = {
            "follow_ups": follow_ups(pipeline, answers=not args.no_answers),
            "standalone_control": standalone_control(pipeline),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    for name, part in report.items():
        print(name, "without history:", part["without_history"], "rules:", part["with_rules"])
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
