"""`make bench`: every benchmark, then one table of targets with PASS or MISS.

Each benchmark runs in its own process (its memory and a crash stay its own) and writes
bench/results/<name>.json; this script gathers their targets into
bench/results/summary.json. Sizes are chosen so the whole run stays under 20 minutes
on 2 cores; each script run alone accepts larger sizes. The answer and serve benchmarks
share one ingested data dir. A missed target does not fail the run (the machines are
noisy: read the figures); a benchmark that crashes does.

    .venv/bin/python -m bench.run_all [--only answer serve]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import RESULTS, XQUAD, XQUAD_EN, machine, print_table, write_json  # noqa: E402

BUDGET_S = 20 * 60


def plan(data_dir: Path) -> dict[str, list[str]]:
    """Each benchmark's arguments for the 20-minute run."""
    shared = ["--data-dir", str(data_dir)]
    return {
        "answer": ["--questions", "30", *shared],
        "llm_threads": ["--prompts", "8", *shared],
        "serve": ["--clients", "1", "4", "16", "--window", "30", *shared],
        "retrieval_scale": ["--sizes", "1000", "10000", "100000", "--queries", "100"],
        # Full XQuAD, Spanish and English questions over the Spanish paragraphs.
        "xquad_retrieval": ["--questions", str(XQUAD), str(XQUAD_EN)],
        "query_embedding": ["--queries", "200"],
        "ingest": ["--rounds", "3", "--throughput-docs", "24", "--docs", "2000"],
        "startup": ["--rounds", "3", *shared],
    }


def run(name: str, arguments: list[str]) -> dict[str, Any]:
    out = RESULTS / f"{name}.json"
    out.unlink(missing_ok=True)
    print(f"\n=== bench/{name}.py {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    command = [sys.executable, str(REPO / "bench" / f"{name}.py"), *arguments, "--out", str(out)]
    returncode = subprocess.run(command, cwd=REPO, check=False).returncode
    seconds = time.perf_counter() - started
    targets = json.loads(out.read_text()).get("targets", []) if out.is_file() else []
    return {"seconds": round(seconds, 1), "returncode": returncode, "targets": targets}


def print_summary(results: dict[str, dict[str, Any]], total_s: float) -> None:
    rows = []
    for name, result in results.items():
        if result["returncode"] != 0:
            rows.append([f"{name}: benchmark failed", "-", "-", "MISS"])
        for found in result["targets"]:
            value = "-" if found["value"] is None else f"{found['value']:g}{found['unit']}"
            limit = f"{found['op']} {found['limit']:g}{found['unit']}"
            rows.append([found["name"], value, limit, "PASS" if found["met"] else "MISS"])
    print()
    print_table(["target", "measured", "target", "result"], rows)
    times = ", ".join(f"{name} {result['seconds']:.0f}s" for name, result in results.items())
    print(f"total wall time {total_s / 60:.1f} min ({times}); budget {BUDGET_S // 60} min")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="run only these benchmarks")
    args = parser.parse_args()
    info = machine()
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-all-") as scratch:
        for name, arguments in plan(Path(scratch) / "data").items():
            if args.only and name not in args.only:
                continue
            results[name] = run(name, arguments)
    total_s = time.perf_counter() - started
    targets = [t for result in results.values() for t in result["targets"]]
    summary = {
        "machine": info,
        "total_seconds": round(total_s, 1),
        "budget_seconds": BUDGET_S,
        "benchmarks": {
            name: {k: v for k, v in r.items() if k != "targets"} for name, r in results.items()
        },
        "targets": targets,
        "passed": sum(1 for t in targets if t["met"]),
        "missed": sum(1 for t in targets if not t["met"]),
    }
    write_json(RESULTS / "summary.json", summary)
    print_summary(results, total_s)
    if any(result["returncode"] != 0 for result in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
