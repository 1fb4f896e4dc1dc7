"""Retrieval on XQuAD-es: dense, BM25 and hybrid, with recall@1/5/10 and MRR.

The 240 paragraphs become an isolated corpus in a temporary store (one chunk per
paragraph, `source` = paragraph id); each of the 1,190 questions must find its own
paragraph. `--tune` also sweeps the fusion weight, choosing it on the even-numbered
articles and reporting it on the odd ones, so the figure is not fitted to its own test.

    .venv/bin/python bench/xquad_retrieval.py [--data PATH] [--tune]

The data stays in ../shared/data (CC BY-SA, evaluation only) and is never copied here.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from bench.common import RESULTS, XQUAD  # noqa: E402
from rag.answer.retrieval import Candidate, HybridRetriever, drop_overlapping, fuse  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.schema import ChunkKey, Passage  # noqa: E402
from rag.settings import Settings, load_settings  # noqa: E402

KS = (1, 5, 10)
WEIGHTS = [round(w * 0.05, 2) for w in range(21)]


@dataclass
class Item:
    question: str
    gold: str  # paragraph id
    article: int
    answer: str  # the first gold answer's text


def load_xquad(path: Path) -> tuple[dict[str, str], list[Item]]:
    """Paragraph texts by id, and every question with its paragraph's id and answer."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    paragraphs: dict[str, str] = {}
    items: list[Item] = []
    for a, article in enumerate(data):
        for p, paragraph in enumerate(article["paragraphs"]):
            pid = f"a{a:02d}p{p:02d}"
            paragraphs[pid] = paragraph["context"]
            items.extend(
                Item(qa["question"], pid, a, qa["answers"][0]["text"]) for qa in paragraph["qas"]
            )
    return paragraphs, items


def build_store(
    settings: Settings, paragraphs: dict[str, str], models: Components | None = None
) -> Components:
    """One chunk per paragraph in the store of `settings`; `models`, when given, lends
    its already-loaded embedder and generator."""
    components = (
        Components(settings, embedder=models.embedder, generator=models.generator)
        if models is not None
        else Components(settings)
    )
    ids = list(paragraphs)
    texts = [paragraphs[i] for i in ids]
    metadatas: list[dict[str, Any]] = [
        {ChunkKey.SOURCE: i, ChunkKey.LANG: "es", ChunkKey.START: 0, ChunkKey.END: len(t)}
        for i, t in zip(ids, texts, strict=True)
    ]
    components.store.add_chunks(ids, texts, metadatas, components.embedder.embed_documents(texts))
    components.lexical.ensure_fresh(force_check=True)
    return components


def rank_of(gold: str, ranked: Sequence[str]) -> int | None:
    return ranked.index(gold) + 1 if gold in ranked else None


def metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    scores = {f"R@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}
    scores["MRR"] = sum(1.0 / r for r in ranks if r is not None and r <= max(KS)) / n
    return {key: round(value, 4) for key, value in scores.items()}


def dense_ranking(components: Components, question: str) -> list[str]:
    vector = np.asarray(components.embedder.embed_query(question), dtype=np.float32)
    return [hit.chunk_id for hit in components.store.query(vector, max(KS))]


def lexical_ranking(components: Components, question: str) -> list[str]:
    return [hit.chunk_id for hit in components.lexical.search(question, max(KS))]


def fused_ranking(candidates: list[Candidate], weight: float) -> list[str]:
    ranked = fuse(
        [Candidate(c.chunk_id, c.text, c.metadata, c.dense, c.lexical) for c in candidates], weight
    )
    passages = [Passage(c.chunk_id, c.text, dict(c.metadata or {}), c.fused) for c in ranked]
    return [p.chunk_id for p in drop_overlapping(passages, max(KS))]


def rrf_ranking(candidates: list[Candidate], k: int = 60) -> list[str]:
    """Naive reciprocal-rank fusion, kept as the reference the weighted fusion must beat."""
    by_dense = sorted(candidates, key=lambda c: c.dense, reverse=True)
    by_lexical = sorted(
        (c for c in candidates if c.lexical > 0), key=lambda c: c.lexical, reverse=True
    )
    score: dict[str, float] = {}
    for ranking in (by_dense, by_lexical):
        for position, candidate in enumerate(ranking, start=1):
            score[candidate.chunk_id] = score.get(candidate.chunk_id, 0.0) + 1.0 / (k + position)
    return sorted(score, key=lambda i: score[i], reverse=True)[: max(KS)]


def evaluate(items: Sequence[Item], rank: Callable[[int, Item], list[str]]) -> dict[str, float]:
    return metrics([rank_of(item.gold, rank(i, item)) for i, item in enumerate(items)])


def sweep(items: list[Item], candidates: list[list[Candidate]]) -> dict[str, Any]:
    """Choose the weight on even articles (best MRR + R@5), report it on odd ones."""
    halves = {"tune": [i for i, it in enumerate(items) if it.article % 2 == 0]}
    halves["held_out"] = [i for i, it in enumerate(items) if it.article % 2 == 1]
    grid: dict[str, dict[str, dict[str, float]]] = {}
    for weight in WEIGHTS:
        grid[str(weight)] = {
            name: metrics(
                [rank_of(items[i].gold, fused_ranking(candidates[i], weight)) for i in idx]
            )
            for name, idx in halves.items()
        }
    best = max(WEIGHTS, key=lambda w: grid[str(w)]["tune"]["MRR"] + grid[str(w)]["tune"]["R@5"])
    return {"chosen_weight": best, "chosen_on": "even articles", "grid": grid}


def run(data: Path, tune: bool) -> dict[str, Any]:
    paragraphs, items = load_xquad(data)
    with tempfile.TemporaryDirectory(prefix="xquad-") as tmp:
        settings = load_settings(data_dir=Path(tmp), collection="xquad")
        started = time.perf_counter()
        components = build_store(settings, paragraphs)
        ingest_s = time.perf_counter() - started
        hybrid = HybridRetriever(components)
        started = time.perf_counter()
        candidates = [hybrid.candidates(item.question, None, None) for item in items]
        hybrid_s = time.perf_counter() - started
        report: dict[str, Any] = {
            "data": str(data),
            "paragraphs": len(paragraphs),
            "questions": len(items),
            "fusion_lexical_weight": settings.fusion_lexical_weight,
            "candidate_k": settings.candidate_k,
            "retrievers": {
                "dense": evaluate(items, lambda _, it: dense_ranking(components, it.question)),
                "lexical": evaluate(items, lambda _, it: lexical_ranking(components, it.question)),
                "rrf_k60": evaluate(items, lambda i, _: rrf_ranking(candidates[i])),
                "hybrid": evaluate(
                    items, lambda _, it: [p.chunk_id for p in hybrid.search(it.question, max(KS))]
                ),
            },
            "seconds": {"ingest": round(ingest_s, 1), "hybrid_candidates": round(hybrid_s, 1)},
            "machine": platform.platform(),
        }
        if tune:
            report["tuning"] = sweep(items, candidates)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=XQUAD, help="xquad.es.json path")
    parser.add_argument("--tune", action="store_true", help="sweep the fusion weight")
    parser.add_argument("--out", type=Path, default=RESULTS / "xquad_retrieval.json")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"error: no XQuAD file at {args.data}; pass --data PATH")
    report = run(args.data, args.tune)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    for name, scores in report["retrievers"].items():
        print(f"{name:8s} " + "  ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    if args.tune:
        print(f"chosen weight {report['tuning']['chosen_weight']} (on even articles)")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
