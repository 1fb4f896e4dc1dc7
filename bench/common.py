"""Helpers shared by the benchmarks: environment, timing, summaries, memory, targets,
JSON and tables.

Every benchmark compares our code path with a baseline measured in the same run (the
machines are shared and noisy), writes one JSON file to bench/results/ and prints a
table. A benchmark states its targets with `target(...)`; `bench/run_all.py` collects
them into bench/results/summary.json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
CORPUS = REPO / "corpus"
QUESTIONS = CORPUS / "eval" / "questions.jsonl"
XQUAD = REPO.parent / "shared" / "data" / "xquad.es.json"
# The same questions in English (XQuAD's languages share article, paragraph and question ids).
XQUAD_EN = XQUAD.with_name("xquad.en.json")


def offline_environment() -> None:
    """No hub access, no progress bars: set before any model library is imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1m_at_start": round(load[0], 2),
    }


def summary(values: Sequence[float], digits: int = 2) -> dict[str, float]:
    """p50, p95, mean and count of timings (whatever unit they are in)."""
    from evaluation.metrics import percentile

    p95 = percentile(values, 95)
    if p95 is None:
        return {"n": 0}
    return {
        "n": len(values),
        "p50": round(statistics.median(values), digits),
        "p95": round(p95, digits),
        "mean": round(statistics.fmean(values), digits),
    }


def time_ms(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000.0


def proc_status_mb(field: str, pid: int | str = "self") -> float:
    """A memory field of /proc/<pid>/status in MB: VmRSS (now) or VmHWM (peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024.0
    raise KeyError(field)


def rss_mb(pid: int | str = "self") -> float:
    return proc_status_mb("VmRSS", pid)


def peak_rss_mb(pid: int | str = "self") -> float:
    try:
        return proc_status_mb("VmHWM", pid)
    except (OSError, KeyError):  # no /proc: the peak of this process from getrusage
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


Op = Literal["<=", ">=", "<"]


@dataclass(frozen=True)
class Target:
    name: str
    value: float | None
    op: Op
    limit: float
    unit: str = ""

    @property
    def met(self) -> bool:
        if self.value is None:
            return False
        if self.op == "<=":
            return self.value <= self.limit
        if self.op == "<":
            return self.value < self.limit
        return self.value >= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "op": self.op,
            "limit": self.limit,
            "unit": self.unit,
            "met": self.met,
        }


def target(name: str, value: float | None, op: Op, limit: float, unit: str = "") -> Target:
    return Target(name, None if value is None else round(value, 3), op, limit, unit)


def targets_json(targets: Iterable[Target]) -> list[dict[str, Any]]:
    return [t.as_dict() for t in targets]


def write_json(path: Path, report: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A plain aligned table: the first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for number, row in enumerate(cells):
        parts = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        print("  ".join(parts).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def eval_questions() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def spread(items: Sequence[Any], count: int) -> list[Any]:
    """`count` items evenly spread over `items` (deterministic, covers every category
    of a file sorted by category)."""
    count = min(count, len(items))
    return [items[i * len(items) // count] for i in range(count)]


def clean_settings(data_dir: Path, **overrides: Any) -> Any:
    """Default settings on `data_dir`: the caller's RAG_* variables and .env are ignored,
    so every run measures the same configuration."""
    from rag.settings import load_settings

    for name in [n for n in os.environ if n.startswith("RAG_")]:
        del os.environ[name]
    return load_settings(data_dir=data_dir, corpus_dir=CORPUS, _env_file=None, **overrides)


def ingest_corpus(data_dir: Path) -> Any:
    """corpus/ ingested into `data_dir` (a no-op when it already is); its settings."""
    from ingest.sync import Ingestor
    from rag.components import Components

    settings = clean_settings(data_dir)
    report = Ingestor(Components(settings)).sync()
    if report.errors:
        raise SystemExit(f"error: ingesting corpus/ failed: {report.errors}")
    return settings


def adopt_embedding_model(components: Any) -> None:
    """Record the embedder's identity on a collection the benchmark writes directly with
    `Store.add_chunks` rather than through ingest: the query path refuses a collection
    with chunks and no recorded model (rag/model_check.py)."""
    try:
        from rag.model_check import adopt_model
    except ImportError:  # code from before collections recorded their model
        return
    adopt_model(components.store, components.embedder.identity)
