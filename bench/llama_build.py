"""What the portable llama.cpp build costs: prompt and decode speed of the installed
build against another build of the same version, interleaved in one run.

    .venv/bin/python -m bench.llama_build --other /tmp/llama-native [--rounds 5]

`--other` is a folder holding another build of llama-cpp-python (for example
`pip install --no-deps --target /tmp/llama-native <native wheel>`); each round runs
both builds in fresh processes, in alternating order, on the same prompt, threads and
model. Writes bench/results/llama_build.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import RESULTS, machine, write_json

PROMPT_REPEATS = 12
DECODE_TOKENS = 64
THREADS = 2
BASE_TEXT = (
    "Contexto: El entrenamiento de GPT-4 costó más de 100 millones de dólares y usó 2,15e25 FLOPs. "
)


def measure(model: Path) -> dict[str, Any]:
    """One process: load the model, time the prompt (to the first token) and the tokens
    after it."""
    import llama_cpp

    from rag.generator_llamacpp import llama_options

    llm = llama_cpp.Llama(model_path=str(model), **llama_options(2048, THREADS))
    prompt = BASE_TEXT * PROMPT_REPEATS
    prompt_tokens = len(llm.tokenize(prompt.encode(), add_bos=True))
    started = time.perf_counter()
    first_token_s = 0.0
    produced = 0
    for _ in llm.create_completion(
        prompt, max_tokens=DECODE_TOKENS, temperature=0.0, stream=True, stop=[]
    ):
        produced += 1
        if produced == 1:
            first_token_s = time.perf_counter() - started
    decode_s = time.perf_counter() - started - first_token_s
    return {
        "system_info": llama_cpp.llama_print_system_info().decode(),
        "prompt_tokens": prompt_tokens,
        "prompt_tokens_per_s": prompt_tokens / first_token_s,
        "decode_tokens_per_s": (produced - 1) / decode_s,
    }


def run_build(model: Path, other: Path | None) -> dict[str, Any]:
    env = dict(os.environ)
    if other is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(other), str(Path.cwd())])
    result = subprocess.run(
        [sys.executable, "-m", "bench.llama_build", "--worker", str(model)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def compare(model: Path, other: Path, rounds: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"installed": [], "other": []}
    for round_index in range(rounds):
        order = ["installed", "other"] if round_index % 2 == 0 else ["other", "installed"]
        for name in order:
            runs[name].append(run_build(model, other if name == "other" else None))
    summary: dict[str, Any] = {}
    for name, measured in runs.items():
        summary[name] = {
            "system_info": measured[0]["system_info"],
            "prompt_tokens": measured[0]["prompt_tokens"],
            "prompt_tokens_per_s_median": statistics.median(
                m["prompt_tokens_per_s"] for m in measured
            ),
            "decode_tokens_per_s_median": statistics.median(
                m["decode_tokens_per_s"] for m in measured
            ),
        }
    for speed in ("prompt_tokens_per_s_median", "decode_tokens_per_s_median"):
        summary[f"installed_over_other_{speed}"] = (
            summary["installed"][speed] / summary["other"][speed]
        )
    summary["rounds"] = rounds
    summary["threads"] = THREADS
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="folder holding another llama_cpp build")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker)))
        return
    if args.other is None:
        parser.error("--other FOLDER is required: a second llama-cpp-python build to compare")
    from rag import model_files

    model = model_files.assemble_default_gguf(Path("data") / "models")
    summary = compare(model, args.other.resolve(), args.rounds)
    summary["machine"] = machine()
    write_json(RESULTS / "llama_build.json", summary)
    print(json.dumps(summary, indent=2))
    print(f"written to {RESULTS / 'llama_build.json'}")


if __name__ == "__main__":
    main()
