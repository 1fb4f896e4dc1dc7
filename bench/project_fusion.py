"""The fusion weight on the project's own set: how often the passage holding the gold
answer comes first (and within the top 5) for each weight, on corpus/ as ingested.

XQuAD (bench/xquad_retrieval.py) chooses the weight; this checks that the choice holds
on the corpus the system ships with, where English questions also meet English notes.
A hit is a chunk of a gold source that contains a gold answer, as `rag eval` counts it.
Every question's candidates are retrieved once, then fused at each weight.

    .venv/bin/python bench/project_fusion.py [--weights 0 0.03 0.4]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    QUESTIONS,
    RESULTS,
    ingest_corpus,
    machine,
    offline_environment,
    print_table,
    write_json,
)

offline_environment()

from bench.xquad_retrieval import WEIGHTS  # noqa: E402
from evaluation.datasets import load_dataset  # noqa: E402
from evaluation.runner import is_hit  # noqa: E402
from rag.answer.retrieval import Candidate, HybridRetriever, drop_overlapping, fuse  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.schema import Passage  # noqa: E402

TOP = 5


def ranked(candidates: list[Candidate], weight: float) -> list[Passage]:
    fused = fuse(
        [Candidate(c.chunk_id, c.text, c.metadata, c.dense, c.lexical) for c in candidates], weight
    )
    passages = [Passage(c.chunk_id, c.text, dict(c.metadata or {}), c.fused) for c in fused]
    return drop_overlapping(passages, TOP)


def run(weights: list[float]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-project-fusion-") as tmp:
        components = Components(ingest_corpus(Path(tmp)))
        hybrid = HybridRetriever(components)
        items = [item for item in load_dataset(QUESTIONS).items if not item.unanswerable]
        candidates = [hybrid.candidates(item.question, None, None) for item in items]
        rows: dict[str, dict[str, float]] = {}
        for weight in weights:
            hits = [
                [is_hit(p, item, True) for p in ranked(found, weight)]
                for item, found in zip(items, candidates, strict=True)
            ]
            rows[str(weight)] = {
                "gold_first": round(sum(bool(h and h[0]) for h in hits) / len(items), 3),
                f"gold_in_top_{TOP}": round(sum(any(h) for h in hits) / len(items), 3),
            }
        return {
            "machine": machine(),
            "embedder": components.embedder.identity.describe(),
            "answerable_questions": len(items),
            "weights": rows,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=float, nargs="+", default=WEIGHTS)
    parser.add_argument("--out", type=Path, default=RESULTS / "project_fusion.json")
    args = parser.parse_args()
    report = run(args.weights)
    write_json(args.out, report)
    rows = [[weight, *scores.values()] for weight, scores in report["weights"].items()]
    print_table(["w", "gold first", f"gold in top {TOP}"], rows)


if __name__ == "__main__":
    main()
