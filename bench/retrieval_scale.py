"""Retrieval at scale: build time, memory and query latency at 1k, 10k and 100k chunks.

Corpora come from bench/scale_corpus.py (XQuAD-es paragraphs plus recombined XQuAD-es
sentences; generated chunks get the mean of their sentences' real embeddings, which
that module validates). Each size is built and queried in a fresh process, so its
memory figures are its own:
- build through our code: `Store.add_chunks` and `LexicalIndex.ensure_fresh` (reads
  Chroma, analyses, indexes and saves BM25); the bare baseline builds a `bm25s` index
  with bm25s's own tokenizer and Spanish stemmer;
- per XQuAD-es question, in rotating order, query embedding included:
  our dense (`embed_query` + `Store.query`), our lexical (`LexicalIndex.search`), our
  hybrid (`HybridRetriever.search`), bare dense (`SentenceTransformer.encode` + a
  `query` on the collection opened with chromadb itself) and bare lexical
  (`bm25s.tokenize` + `BM25.retrieve`); the hybrid baseline is bare dense + bare
  lexical of the same question. At 100k chunks our hybrid must stay within 1.5x of bare
  dense (the query encoded by the bare library with the model's query prompt, plus a raw
  chromadb query), the least any dense retrieval costs (issue 15).
Recall@5 (a hybrid top-5 passage holds the XQuAD answer) shows the answers stay
findable as distractors grow. The query-vector cache is off, so every query is embedded.

    .venv/bin/python bench/retrieval_scale.py [--sizes 1000 10000 100000] [--queries 100]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    RESULTS,
    XQUAD,
    adopt_embedding_model,
    clean_settings,
    dir_size_mb,
    machine,
    offline_environment,
    peak_rss_mb,
    print_table,
    rss_mb,
    summary,
    target,
    targets_json,
    write_json,
)

offline_environment()

from bench import scale_corpus  # noqa: E402
from rag.embedder import small_work_threads, torch_threads  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TARGET_MS = {10_000: 30.0, 100_000: 45.0}
# Our hybrid p50 over bare dense p50 (bare query encode + raw chromadb query), at 100k.
BARE_DENSE_RATIO = {100_000: 1.5}
MODES = ("dense", "lexical", "hybrid", "bare_dense", "bare_lexical")
TOP_K = 5
WARM_UP = 5


def load_xquad() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Paragraphs by id, and (question, answer text) pairs. Generated chunks reuse the
    paragraphs' sentences, so a hit is a passage holding the answer, wherever it is."""
    from bench.xquad_retrieval import load_xquad as load

    paragraphs, items = load(XQUAD)
    return paragraphs, [(item.question, item.answer) for item in items]


def prepare_pool(work: Path) -> dict[str, Any]:
    """Embed the pool once (parent process); the children load it from disk."""
    from rag import model_files
    from rag.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(model_files.embedding_model_dir(clean_settings(work)))

    def embed(texts: list[str]) -> Any:
        import numpy as np

        return np.asarray(embedder.embed_documents(texts), dtype=np.float32)

    paragraphs, _ = load_xquad()
    started = time.perf_counter()
    pool = scale_corpus.embed_pool(paragraphs, embed)
    seconds = time.perf_counter() - started
    pool.save(work / "pool.npz")
    return {
        "paragraphs": len(pool.paragraphs),
        "distinct_sentences": len(pool.sentences),
        "embed_seconds": round(seconds, 1),
        "mean_of_sentences_vs_real_embedding": scale_corpus.validate(pool, embed),
    }


def build(components: Any, chunks: list[Any], vectors: Any) -> dict[str, float]:
    adopt_embedding_model(components)
    started = time.perf_counter()
    components.store.add_chunks(
        [c.chunk_id for c in chunks],
        [c.text for c in chunks],
        [c.metadata for c in chunks],
        vectors,
    )
    store_s = time.perf_counter() - started
    started = time.perf_counter()
    components.lexical.ensure_fresh(force_check=True)
    return {"store_add_s": store_s, "lexical_build_s": time.perf_counter() - started}


def bare_lexical_index(texts: list[str]) -> tuple[Any, Any, float]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("spanish")
    started = time.perf_counter()
    tokens = bm25s.tokenize(texts, stopwords="es", stemmer=stemmer, show_progress=False)
    index = bm25s.BM25()
    index.index(tokens, show_progress=False)
    return index, stemmer, time.perf_counter() - started


def one_size(size: int, queries: int, work: Path) -> dict[str, Any]:
    """Build one corpus and time every mode on the same questions (child process)."""
    from sentence_transformers import SentenceTransformer

    from rag import model_files
    from rag.components import Components
    from rag.embedder import SentenceTransformerEmbedder

    pool = scale_corpus.Pool.load(work / "pool.npz")
    chunks, vectors = scale_corpus.corpus(pool, size)
    settings = clean_settings(work / f"data-{size}", collection=f"scale-{size}")
    model_dir = model_files.embedding_model_dir(settings)
    embedder = SentenceTransformerEmbedder(model_dir, query_cache_size=0)
    components = Components(settings, embedder=embedder)
    bare_model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    components.embedder.embed_query("calentamiento")
    bare_model.encode(["calentamiento"])
    rss_before = rss_mb()
    built = build(components, chunks, vectors)
    rss_built = rss_mb()
    bare_index, stemmer, bare_build_s = bare_lexical_index([c.text for c in chunks])
    del chunks, vectors
    calls = query_calls(components, bare_model, bare_index, stemmer)
    _, items = load_xquad()
    times, hits = time_queries(calls, random.Random(size).sample(items, WARM_UP + queries))
    hybrid_vs_bare = [
        h / (d + lex)
        for h, d, lex in zip(
            times["hybrid"], times["bare_dense"], times["bare_lexical"], strict=True
        )
    ]
    return {
        "chunks": size,
        "build_s": {key: round(value, 2) for key, value in built.items()},
        "bare_bm25s_build_s": round(bare_build_s, 2),
        "memory_mb": {
            "rss_before_build": round(rss_before, 1),
            "rss_after_build": round(rss_built, 1),
            "build_growth": round(rss_built - rss_before, 1),
            "peak_rss": round(peak_rss_mb(), 1),
            "chroma_on_disk": round(dir_size_mb(settings.chroma_dir), 1),
            "lexical_on_disk": round(dir_size_mb(settings.data_dir / "lexical"), 1),
        },
        "latency_ms": {mode: summary(values) for mode, values in times.items()},
        "hybrid_over_bare_median": round(statistics.median(hybrid_vs_bare), 3),
        "hybrid_recall_at_5": round(hits / queries, 3),
        "queries": queries,
    }


def bare_collection(settings: Any) -> Any:
    """The chunk collection opened with chromadb itself, for the bare dense baseline
    (with the client settings our store uses, so chromadb shares its open system)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(settings.chroma_dir),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
    )
    return client.get_collection(settings.collection)


def query_calls(
    components: Any, bare_model: Any, bare_index: Any, stemmer: Any
) -> dict[str, Callable[[str], Any]]:
    """One call per mode; each takes the question text, so embedding is included."""
    import bm25s
    import numpy as np

    from rag.answer.retrieval import HybridRetriever

    retriever = HybridRetriever(components)
    collection = bare_collection(components.settings)
    k = components.settings.candidate_k

    def vector(question: str) -> Any:
        return np.asarray(components.embedder.embed_query(question), dtype=np.float32)

    prompt_name = "query" if "query" in (bare_model.prompts or {}) else None

    def bare_vector(question: str) -> Any:
        # The threads our embedder would choose for this query: the ratio shows the
        # cost of our code, not of a thread setting. The model's query prompt (e5's
        # `query: `), as ours uses.
        with torch_threads(small_work_threads()):
            return bare_model.encode(
                [question.strip()], prompt_name=prompt_name, normalize_embeddings=True
            )

    return {
        "dense": lambda q: retriever.dense(vector(q), k, None),
        "lexical": lambda q: components.lexical.search(q, k),
        "hybrid": lambda q: retriever.search(q, TOP_K),
        "bare_dense": lambda q: collection.query(
            query_embeddings=bare_vector(q),
            n_results=k,
            include=["documents", "metadatas", "distances"],
        ),
        "bare_lexical": lambda q: bare_index.retrieve(
            bm25s.tokenize([q], stopwords="es", stemmer=stemmer, show_progress=False),
            k=k,
            show_progress=False,
        ),
    }


def time_queries(
    calls: dict[str, Callable[[str], Any]], sample: list[tuple[str, str]]
) -> tuple[dict[str, list[float]], int]:
    """Milliseconds per mode (modes in rotating order per question, the first WARM_UP
    questions untimed) and the hybrid top-5 hits."""
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    hits = 0
    for number, (question, answer) in enumerate(sample):
        for mode in MODES[number % len(MODES) :] + MODES[: number % len(MODES)]:
            started = time.perf_counter()
            result = calls[mode](question)
            elapsed = (time.perf_counter() - started) * 1000.0
            if number >= WARM_UP:
                times[mode].append(elapsed)
                hits += mode == "hybrid" and any(answer in p.text for p in result)
    return times, hits


def run_child(size: int, queries: int, work: Path) -> dict[str, Any]:
    out = work / f"size-{size}.json"
    command = [sys.executable, __file__, "--child", str(size), "--queries", str(queries)]
    subprocess.run([*command, "--work", str(work)], check=True)
    return dict(json.loads(out.read_text()))


def growth_targets(sizes: dict[int, dict[str, Any]]) -> list[Any]:
    found = []
    for size, limit in TARGET_MS.items():
        if size in sizes:
            p50 = sizes[size]["latency_ms"]["hybrid"]["p50"]
            found.append(
                target(f"retrieval: hybrid p50 at {size:,} chunks", p50, "<=", limit, "ms")
            )
    for size, limit in BARE_DENSE_RATIO.items():
        if size in sizes:
            latency = sizes[size]["latency_ms"]
            hybrid, bare = latency["hybrid"]["p50"], latency["bare_dense"]["p50"]
            found.append(
                target(
                    f"retrieval: hybrid p50 / bare dense p50 at {size:,} chunks "
                    f"({hybrid:.1f} / {bare:.1f} ms)",
                    hybrid / bare,
                    "<=",
                    limit,
                )
            )
    if 10_000 in sizes and 100_000 in sizes:
        ratio = (
            sizes[100_000]["latency_ms"]["hybrid"]["p50"]
            / sizes[10_000]["latency_ms"]["hybrid"]["p50"]
        )
        found.append(target("retrieval: hybrid p50 growth 10k→100k (sub-linear)", ratio, "<", 10))
    return found


def print_report(sizes: dict[int, dict[str, Any]]) -> None:
    headers = ["chunks", "build s", "bare bm25 s", "RSS+ MB", *[f"{m} p50/p95 ms" for m in MODES]]
    rows = []
    for size, result in sizes.items():
        latency = result["latency_ms"]
        build_s = result["build_s"]["store_add_s"] + result["build_s"]["lexical_build_s"]
        rows.append(
            [
                f"{size:,}",
                round(build_s, 1),
                result["bare_bm25s_build_s"],
                result["memory_mb"]["build_growth"],
                *[f"{latency[m]['p50']:.1f}/{latency[m]['p95']:.1f}" for m in MODES],
            ]
        )
    print_table(headers, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--out", type=Path, default=RESULTS / "retrieval_scale.json")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = one_size(args.child, args.queries, args.work)
        (args.work / f"size-{args.child}.json").write_text(json.dumps(result))
        return
    if not XQUAD.is_file():
        sys.exit(f"error: no XQuAD-es file at {XQUAD}")
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        work = Path(scratch)
        pool = prepare_pool(work)
        sizes = {size: run_child(size, args.queries, work) for size in sorted(args.sizes)}
    report = {
        "machine": info,
        "corpus": {
            "how": "XQuAD-es paragraphs (real embeddings) + generated chunks of 3-5 recombined "
            "XQuAD-es sentences whose vectors are the normalised mean of their sentences' real "
            "embeddings (embedded once); query latency is measured, query embedding included",
            "pool": pool,
        },
        "sizes": {str(size): result for size, result in sizes.items()},
        "targets": targets_json(growth_targets(sizes)),
    }
    write_json(args.out, report)
    print_report(sizes)


if __name__ == "__main__":
    main()
