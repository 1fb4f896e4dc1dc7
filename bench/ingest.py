"""Ingestion: throughput against bare `SentenceTransformer.encode`, and the cost of
re-ingesting an unchanged corpus of 2,000 documents.

Throughput: a generated blog-like corpus is ingested through `ingest.sync` into a fresh
store (load, split, embed, write Chroma, the evidence sentence vectors and the records,
rebuild BM25), then the bare library encodes the very same chunk texts (with the model's
passage prompt, e5's `passage: `, as ours). Both use one loaded model each, already warm;
the ratio is our chunks/s over the library's. Rounds alternate the order and the medians
are reported. The default model (multilingual-e5-small) is measured, then MiniLM the same
way, for its absolute rate beside. The time ingest spends in the evidence sentence
vectors (`SentenceVectors.write`, when that module exists) is timed apart: its share of
ingest, and the rate without it.

Re-ingest: 2,000 short generated documents are ingested once, then synced again with
nothing changed, each time through fresh components (a new Chroma client, as a new
process would have), and once through the real `rag ingest` command.

    .venv/bin/python bench/ingest.py [--rounds 3] [--throughput-docs 40] [--docs 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    CORPUS,
    RESULTS,
    clean_settings,
    machine,
    offline_environment,
    print_table,
    target,
    targets_json,
    write_json,
)

offline_environment()

from ingest.report import DocStatus  # noqa: E402
from ingest.sync import Ingestor  # noqa: E402
from rag import model_files  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.embedder import SentenceTransformerEmbedder  # noqa: E402
from rag.settings import load_settings  # noqa: E402

RATIO_TARGET = 0.9
REINGEST_TARGET_S = 5.0


def corpus_sentences() -> list[str]:
    """Real Spanish sentences from the corpus, the material for generated documents."""
    sentences = []
    for path in sorted(CORPUS.rglob("*.md")):
        if "eval" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip().lstrip("-").strip()
            if len(text) > 50 and not text.startswith(("#", "---", "title:")):
                sentences.append(text)
    return sentences


def write_blog_corpus(root: Path, documents: int, seed: int = 1) -> None:
    """Posts with sections and paragraphs of several sentences: chunks near full size."""
    sentences, rng = corpus_sentences(), random.Random(seed)
    for number in range(documents):
        sections = []
        for section in range(rng.randint(2, 4)):
            paragraphs = [" ".join(rng.sample(sentences, rng.randint(3, 6))) for _ in range(3)]
            sections.append(f"## Sección {section + 1}\n\n" + "\n\n".join(paragraphs))
        body = f"# Entrada {number}\n\n" + "\n\n".join(sections)
        path = root / f"blog-{number % 10}" / f"entrada-{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Entrada {number}\nlang: es\n---\n\n{body}\n", "utf-8")


def write_short_corpus(root: Path, documents: int, seed: int = 2) -> None:
    """Many short notes, one chunk each: the re-ingest cost is per document."""
    sentences, rng = corpus_sentences(), random.Random(seed)
    for number in range(documents):
        path = root / f"carpeta-{number % 40:02d}" / f"nota-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Nota {number}\n\n{' '.join(rng.sample(sentences, 2))}\n", "utf-8")


def components_for(data_dir: Path, corpus: Path, embedder: Any | None = None) -> Components:
    return Components(load_settings(data_dir=data_dir, corpus_dir=corpus), embedder=embedder)


class SentenceVectorTimer:
    """Seconds spent in `SentenceVectors.write` (the evidence sentence vectors ingest
    computes and stores), timed by wrapping the method; absent module: not measured."""

    def __init__(self) -> None:
        self.seconds = 0.0
        try:
            from rag.answer.sentence_vectors import SentenceVectors
        except ImportError:
            SentenceVectors = None  # type: ignore[assignment,misc]
        self.available = SentenceVectors is not None and hasattr(SentenceVectors, "write")
        if not self.available:
            return
        write = SentenceVectors.write

        def timed_write(vectors: Any, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return write(vectors, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        SentenceVectors.write = timed_write  # type: ignore[method-assign]

    def take(self) -> float:
        seconds, self.seconds = self.seconds, 0.0
        return seconds


def measure_throughput(
    work: Path, corpus: Path, model: str, rounds: int, timer: SentenceVectorTimer
) -> dict[str, Any]:
    from sentence_transformers import SentenceTransformer

    model_dir = model_files.embedding_model_dir(clean_settings(work, embedding_model=model))
    embedder = SentenceTransformerEmbedder(model_dir, name=model)
    bare = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    prompt_name = "passage" if "passage" in (bare.prompts or {}) else None
    warm_up = components_for(work / f"warm-up-{model}", corpus, embedder)
    Ingestor(warm_up).sync()  # untimed: loads langdetect, pysbd and Chroma once
    texts = [text.strip() for _, text, _ in warm_up.store.iter_chunks()]
    bare.encode(texts[:32], prompt_name=prompt_name, normalize_embeddings=True)
    ingest_s: list[float] = []
    sentence_s: list[float] = []
    bare_s: list[float] = []
    for round_number in range(rounds):
        steps = ("ingest", "bare") if round_number % 2 == 0 else ("bare", "ingest")
        for step in steps:
            started = time.perf_counter()
            if step == "ingest":
                data_dir = work / f"round-{model}-{round_number}"
                timer.take()
                report = Ingestor(components_for(data_dir, corpus, embedder)).sync()
                assert report.chunks_embedded == len(texts), "every round ingests the same"
                ingest_s.append(time.perf_counter() - started)
                sentence_s.append(timer.take())
            else:
                bare.encode(
                    texts, prompt_name=prompt_name, normalize_embeddings=True, convert_to_numpy=True
                )
                bare_s.append(time.perf_counter() - started)
    ours = len(texts) / statistics.median(ingest_s)
    library = len(texts) / statistics.median(bare_s)
    without = [total - sentences for total, sentences in zip(ingest_s, sentence_s, strict=True)]
    return {
        "model": embedder.identity.describe(),
        "chunks": len(texts),
        "rounds": rounds,
        "ingest_seconds": [round(s, 2) for s in ingest_s],
        "bare_encode_seconds": [round(s, 2) for s in bare_s],
        "ingest_chunks_per_s": round(ours, 2),
        "bare_encode_chunks_per_s": round(library, 2),
        "ratio": round(ours / library, 3),
        "sentence_vectors": {
            "measured": timer.available,
            "seconds": [round(s, 2) for s in sentence_s],
            "share_of_ingest_median": round(
                statistics.median(s / t for s, t in zip(sentence_s, ingest_s, strict=True)), 3
            ),
            "ingest_chunks_per_s_without": round(len(texts) / statistics.median(without), 2),
            "ratio_without": round(len(texts) / statistics.median(without) / library, 3),
        },
    }


def measure_throughputs(work: Path, documents: int, rounds: int) -> dict[str, Any]:
    """The default model (the target) and MiniLM (its absolute rate beside), on one
    generated corpus; each model splits it with its own tokenizer."""
    corpus = work / "blog"
    write_blog_corpus(corpus, documents)
    timer = SentenceVectorTimer()
    found = {
        model: measure_throughput(work, corpus, model, rounds, timer)
        for model in (model_files.DEFAULT_EMBEDDING_MODEL, model_files.MINILM_NAME)
    }
    default = found.pop(model_files.DEFAULT_EMBEDDING_MODEL)
    return {
        "documents": documents,
        **default,
        "target": RATIO_TARGET,
        "meets_target": default["ratio"] >= RATIO_TARGET,
        "minilm": found[model_files.MINILM_NAME],
    }


def measure_reingest(work: Path, documents: int, rounds: int) -> dict[str, Any]:
    corpus = work / "short"
    write_short_corpus(corpus, documents)
    data_dir = work / "reingest"
    started = time.perf_counter()
    first = Ingestor(components_for(data_dir, corpus)).sync()
    first_s = time.perf_counter() - started
    assert first.count(DocStatus.ADDED) == documents and not first.errors
    again_s = []
    for _ in range(rounds):
        started = time.perf_counter()
        again = Ingestor(components_for(data_dir, corpus)).sync()  # fresh client, no model
        again_s.append(time.perf_counter() - started)
        assert again.count(DocStatus.UNCHANGED) == documents and again.chunks_embedded == 0
    median = statistics.median(again_s)
    return {
        "documents": documents,
        "chunks": first.chunks_embedded,
        "first_ingest_seconds": round(first_s, 2),
        "unchanged_reingest_seconds": [round(s, 3) for s in again_s],
        "unchanged_reingest_median_s": round(median, 3),
        "cli_wall_seconds": round(cli_wall_time(data_dir, corpus), 2),
        "target_s": REINGEST_TARGET_S,
        "meets_target": median < REINGEST_TARGET_S,
    }


def cli_wall_time(data_dir: Path, corpus: Path) -> float:
    """The whole `rag ingest` command, interpreter start and imports included."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_DATA_DIR=str(data_dir), RAG_CORPUS_DIR=str(corpus))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "ingest", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    assert json.loads(result.stdout)["unchanged"] > 0
    return elapsed


def ingest_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    speed, again = report["throughput"], report["reingest"]
    return targets_json(
        [
            target(
                f"ingest: chunks/s vs bare encode ({speed['ingest_chunks_per_s']:.1f} / "
                f"{speed['bare_encode_chunks_per_s']:.1f}; MiniLM "
                f"{speed['minilm']['ingest_chunks_per_s']:.1f} / "
                f"{speed['minilm']['bare_encode_chunks_per_s']:.1f})",
                speed["ratio"],
                ">=",
                RATIO_TARGET,
            ),
            target(
                f"ingest: unchanged re-ingest of {again['documents']:,} documents",
                again["unchanged_reingest_median_s"],
                "<",
                REINGEST_TARGET_S,
                "s",
            ),
        ]
    )


def print_report(report: dict[str, Any]) -> None:
    speed, again = report["throughput"], report["reingest"]
    rows = []
    for model in (speed, speed["minilm"]):
        sentences = model["sentence_vectors"]
        rows += [
            (model["model"].split(" (")[0], ""),
            ("  chunks ingested (throughput corpus)", f"{model['chunks']}"),
            ("  ingest, chunks/s (median)", f"{model['ingest_chunks_per_s']:.1f}"),
            ("  bare encode, chunks/s (median)", f"{model['bare_encode_chunks_per_s']:.1f}"),
            ("  ratio (target >= 0.9 for the default model)", f"{model['ratio']:.3f}"),
        ]
        if sentences["measured"]:
            rows += [
                ("  sentence vectors, share of ingest", f"{sentences['share_of_ingest_median']}"),
                ("  ratio without the sentence vectors", f"{sentences['ratio_without']:.3f}"),
            ]
    rows += [
        (f"first ingest of {again['documents']} documents, s", f"{again['first_ingest_seconds']}"),
        ("unchanged re-ingest, s (median, target < 5)", f"{again['unchanged_reingest_median_s']}"),
        ("unchanged re-ingest via `rag ingest`, wall s", f"{again['cli_wall_seconds']}"),
    ]
    print_table(["ingestion", "value"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--throughput-docs", type=int, default=40)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=RESULTS / "ingest.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        work = Path(scratch)
        report = {
            "machine": machine(),
            "throughput": measure_throughputs(work, args.throughput_docs, args.rounds),
            "reingest": measure_reingest(work, args.docs, args.rounds),
        }
    report["targets"] = ingest_targets(report)
    write_json(args.out, report)
    print_report(report)


if __name__ == "__main__":
    main()
