"""Start-up: `rag --help` and `rag ask` as whole processes, against a bare llama.cpp
process measured in the same run.

The reference is a process that imports `llama_cpp`, loads the default GGUF and
generates 16 tokens: the least any local answer can cost. `rag ask` runs on corpus/
ingested into a scratch data dir, with `-v`, whose stderr names each phase (imports,
embedder, gguf, store, lexical; retrieve, generate, verify); the time to the first
byte of the answer on stdout is the first token. Warm page cache: each command runs
once untimed, then ROUNDS timed runs interleaved with the reference (medians). Cold:
as root, the page cache is dropped before one more run of each.

    .venv/bin/python bench/startup.py [--rounds 5] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
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
    machine,
    offline_environment,
    print_table,
    target,
    targets_json,
    write_json,
)

offline_environment()

RAG = REPO / ".venv" / "bin" / "rag"
QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
HELP_LIMIT_S = 0.5
FIRST_TOKEN_RATIO = 2.5
WHOLE_RATIO = 3.0
PHASE = re.compile(r"\b([a-z_ ]+?) (\d+) ms\b")
REFERENCE = """
import time
started = time.perf_counter()
import llama_cpp
from rag.generator_llamacpp import llama_options
llm = llama_cpp.Llama(model_path={model!r}, **llama_options(2048, None))
for _ in llm.create_completion("Hola", max_tokens=16, temperature=0.0, stream=True):
    pass
"""


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    return {**env, "RAG_DATA_DIR": str(data_dir), "RAG_CORPUS_DIR": str(CORPUS)}


def timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Wall time to the first stdout byte and to the exit, and the phases on stderr."""
    with tempfile.TemporaryFile() as stderr_file:  # `-v` writes more than a pipe holds
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=stderr_file
        )
        assert process.stdout is not None
        process.stdout.read(1)
        first_s = time.perf_counter() - started
        process.communicate()
        whole_s = time.perf_counter() - started
        stderr_file.seek(0)
        stderr = stderr_file.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {stderr[-500:]}")
    phases = {name.strip(): float(ms) for name, ms in PHASE.findall(stderr)}
    return {"first_byte_s": first_s, "whole_s": whole_s, "phases_ms": phases}


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def measure(data_dir: Path, rounds: int) -> dict[str, Any]:
    env = environment(data_dir)
    subprocess.run([str(RAG), "ingest"], cwd=REPO, env=env, check=True, capture_output=True)
    model = data_dir / "models" / "gemma-3-270m-q4_k_m.gguf"
    commands = {
        "help": [str(RAG), "--help"],
        "ask": [str(RAG), "-v", "ask", QUESTION],
        "reference": [sys.executable, "-c", REFERENCE.format(model=str(model))],
    }
    for command in commands.values():  # warm the page cache
        timed(command, env)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(timed(command, env))
    cold: dict[str, dict[str, Any]] = {}
    for name, command in commands.items():
        if not drop_page_cache():
            break
        cold[name] = timed(command, env)
    return {"warm": {name: median_run(measured) for name, measured in runs.items()}, "cold": cold}


def median_run(measured: list[dict[str, Any]]) -> dict[str, Any]:
    phases = {name for run in measured for name in run["phases_ms"]}
    return {
        "first_byte_s": statistics.median(run["first_byte_s"] for run in measured),
        "whole_s": statistics.median(run["whole_s"] for run in measured),
        "phases_ms": {
            name: statistics.median(run["phases_ms"].get(name, 0.0) for run in measured)
            for name in sorted(phases)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--out", type=Path, default=RESULTS / "startup.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        figures = measure(data_dir, args.rounds)
    warm = figures["warm"]
    reference_s = warm["reference"]["whole_s"]
    targets = [
        target("`rag --help` wall time, warm", warm["help"]["whole_s"], "<=", HELP_LIMIT_S, " s"),
        target(
            "`rag ask` first token / bare llama.cpp process",
            warm["ask"]["first_byte_s"] / reference_s,
            "<=",
            FIRST_TOKEN_RATIO,
        ),
        target(
            "`rag ask` whole process / bare llama.cpp process",
            warm["ask"]["whole_s"] / reference_s,
            "<=",
            WHOLE_RATIO,
        ),
    ]
    report = {"machine": machine(), "rounds": args.rounds, **figures}
    report["targets"] = targets_json(targets)
    write_json(args.out, report)
    rows = [
        [name, f"{run['first_byte_s']:.2f}", f"{run['whole_s']:.2f}"] for name, run in warm.items()
    ]
    print_table(["warm page cache", "first byte s", "whole s"], rows)
    print_table(["`rag -v ask` phase", "ms"], list(warm["ask"]["phases_ms"].items()))
    if figures["cold"]:
        cold_rows = [
            [n, f"{r['first_byte_s']:.2f}", f"{r['whole_s']:.2f}"]
            for n, r in figures["cold"].items()
        ]
        print_table(["cold page cache", "first byte s", "whole s"], cold_rows)


if __name__ == "__main__":
    main()
