"""Query embedding latency: the default embedder (multilingual-e5-small) against
all-MiniLM-L6-v2, the English model it replaced, on the same questions in the same run.

Both run through our `SentenceTransformerEmbedder.embed_query` (the `query: ` prompt for
e5, none for MiniLM) with the query cache off, so every call embeds. Questions are
XQuAD's, half Spanish and half English; per question the two models alternate which goes
first, and the first few questions are not timed. The target is a ratio of medians
measured together, since the machines are noisy.

    .venv/bin/python bench/query_embedding.py [--queries 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    RESULTS,
    XQUAD,
    XQUAD_EN,
    clean_settings,
    machine,
    offline_environment,
    print_table,
    summary,
    target,
    targets_json,
    time_ms,
    write_json,
)

offline_environment()

from evaluation.datasets import load_dataset  # noqa: E402
from rag import model_files  # noqa: E402
from rag.embedder import SentenceTransformerEmbedder  # noqa: E402

RATIO_TARGET = 1.5
WARM_UP = 5


def questions(count: int, seed: int = 1) -> list[str]:
    """`count` XQuAD questions, Spanish and English alternating, in a seeded order."""
    spanish, english = (
        [item.question for item in load_dataset(path).items] for path in (XQUAD, XQUAD_EN)
    )
    rng = random.Random(seed)
    half = (count + 1) // 2
    pairs = zip(rng.sample(spanish, half), rng.sample(english, half), strict=True)
    mixed = [question for pair in pairs for question in pair]
    return mixed[:count]


def embedders(work: Path) -> dict[str, SentenceTransformerEmbedder]:
    """The default model and MiniLM, each with its query cache off."""
    default_dir = model_files.embedding_model_dir(clean_settings(work))
    return {
        model_files.DEFAULT_EMBEDDING_MODEL: SentenceTransformerEmbedder(
            default_dir, query_cache_size=0, name=model_files.DEFAULT_EMBEDDING_MODEL
        ),
        model_files.MINILM_NAME: SentenceTransformerEmbedder(
            model_files.packaged_embedding_dir(), query_cache_size=0, name=model_files.MINILM_NAME
        ),
    }


def measure(models: dict[str, SentenceTransformerEmbedder], texts: list[str]) -> dict[str, Any]:
    names = list(models)
    times: dict[str, list[float]] = {name: [] for name in names}
    for number, text in enumerate(texts):
        order = names if number % 2 == 0 else names[::-1]
        for name in order:
            elapsed = time_ms(lambda m=models[name], t=text: m.embed_query(t))
            if number >= WARM_UP:
                times[name].append(elapsed)
    latency = {name: summary(values) for name, values in times.items()}
    default, minilm = names
    return {
        "queries": len(texts) - WARM_UP,
        "latency_ms": latency,
        "ratio_p50": round(latency[default]["p50"] / latency[minilm]["p50"], 3),
        "identities": {name: model.identity.describe() for name, model in models.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=RESULTS / "query_embedding.json")
    args = parser.parse_args()
    for path in (XQUAD, XQUAD_EN):
        if not path.is_file():
            sys.exit(f"error: no XQuAD file at {path}")
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench-query-embedding-") as scratch:
        result = measure(embedders(Path(scratch)), questions(args.queries + WARM_UP))
    default, minilm = result["latency_ms"]
    report = {
        "machine": info,
        **result,
        "targets": targets_json(
            [
                target(
                    f"query embedding: {default} p50 / {minilm} p50 "
                    f"({result['latency_ms'][default]['p50']:.1f} / "
                    f"{result['latency_ms'][minilm]['p50']:.1f} ms)",
                    result["ratio_p50"],
                    "<=",
                    RATIO_TARGET,
                )
            ]
        ),
    }
    write_json(args.out, report)
    rows = [
        [name, values["p50"], values["p95"], values["mean"]]
        for name, values in result["latency_ms"].items()
    ]
    print_table(["query embedding", "p50 ms", "p95 ms", "mean ms"], rows)
    print(f"ratio of p50s {result['ratio_p50']:.3f} (target <= {RATIO_TARGET})")


if __name__ == "__main__":
    main()
