"""llama.cpp threads under controlled CPU load: fixed 1, fixed 2, and the default choice.

The generator chooses its threads from how busy the cores are (rag/cpu_load.py,
`ThreadChoice` in rag/generator_llamacpp.py). This checks that choice against the fixed
counts with a known amount of other work on the machine: busy-loop processes using
0, 0.5, 1 and 2 cores (a fraction is a duty cycle over 20 ms). The prompts are the
pipeline's own for the first questions of the eval set; each variant has its own model
and KV cache and sees the same prompts, alternating order per prompt.

Reported per load: time to first token and total time p50, the sum over the prompts,
and the threads the default chose. The target is that the default is never much
slower than the best fixed count at that load (sum of total times).

    .venv/bin/python bench/llm_threads.py [--prompts 12] [--loads 0 0.5 1 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer import (  # noqa: E402
    Run,
    alternating,
    llama_generator,
    run_pipeline,
    thread_variants,
    timed,
    variant_figures,
)
from bench.common import (  # noqa: E402
    RESULTS,
    eval_questions,
    ingest_corpus,
    machine,
    offline_environment,
    print_table,
    target,
    targets_json,
    write_json,
)

offline_environment()

from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.generator import Prompt, RecordingGenerator  # noqa: E402

# The default may lose this much to the best fixed count at a given load.
DEFAULT_VS_BEST_TARGET = 1.15
DUTY_PERIOD_S = 0.02


# Keeps argv[1] of one core busy until killed: busy for that share of each period.
BUSY_LOOP = """
import sys, time
duty, period = float(sys.argv[1]), float(sys.argv[2])
while True:
    started = time.perf_counter()
    while time.perf_counter() - started < duty * period:
        pass
    if duty < 1.0:
        time.sleep((1.0 - duty) * period)
"""


def start_load(cores: float) -> list[subprocess.Popen[bytes]]:
    duties = [1.0] * int(cores) + ([cores % 1] if cores % 1 > 0.01 else [])
    return [
        subprocess.Popen([sys.executable, "-c", BUSY_LOOP, str(duty), str(DUTY_PERIOD_S)])
        for duty in duties
    ]


def pipeline_prompts(data_dir: Path, count: int) -> tuple[Components, list[Prompt]]:
    components = Components(ingest_corpus(data_dir))
    recorder = RecordingGenerator(components.generator)
    components = components.with_parts(generator=recorder)
    pipeline = AnswerPipeline(components)
    prompts: list[Prompt] = []
    for question in eval_questions():
        if len(prompts) == count:
            break
        run_pipeline(pipeline, question["question"])
        calls = recorder.take()
        if calls:
            prompts.append(calls[-1].prompt)
    return components, prompts


def measure(data_dir: Path, prompt_count: int, loads: list[float]) -> dict[str, Any]:
    components, prompts = pipeline_prompts(data_dir, prompt_count)
    generators = {
        name: RecordingGenerator(llama_generator(components.settings, count))
        for name, count in thread_variants([1, 2]).items()
    }
    for generator in generators.values():
        timed(generator.stream(prompts[-1]))  # warm cache
    levels = []
    for cores in loads:
        workers = start_load(cores)
        time.sleep(1.0)
        runs: dict[str, list[Run]] = {name: [] for name in generators}
        chosen: Counter[int | None] = Counter()
        try:
            for number, prompt in enumerate(prompts):
                for name in alternating(list(generators), number):
                    runs[name].append(timed(generators[name].stream(prompt)))
                    if name == "default":
                        chosen[generators[name].take()[-1].threads] += 1
        finally:
            for worker in workers:
                worker.kill()
                worker.wait()
        levels.append(level_report(cores, runs, chosen))
        time.sleep(1.0)
    worst = max(level["default_vs_best"] for level in levels)
    return {
        "prompts": len(prompts),
        "loads": levels,
        "targets": targets_json(
            [
                target(
                    "llm threads: default vs best fixed count (worst load)",
                    worst,
                    "<=",
                    DEFAULT_VS_BEST_TARGET,
                )
            ]
        ),
    }


def level_report(
    cores: float, runs: dict[str, list[Run]], chosen: Counter[int | None]
) -> dict[str, Any]:
    sums = {name: sum(r.total_s for r in done) for name, done in runs.items()}
    best_fixed = min(sum_s for name, sum_s in sums.items() if name != "default")
    return {
        "other_cores": cores,
        "variants": {name: variant_figures(done) for name, done in runs.items()},
        "default_threads_chosen": {
            str(k): v for k, v in sorted(chosen.items(), key=lambda item: str(item[0]))
        },
        "default_vs_best": round(sums["default"] / best_fixed, 3),
    }


def print_report(result: dict[str, Any]) -> None:
    rows = []
    for level in result["loads"]:
        for name, figures in level["variants"].items():
            chosen = level["default_threads_chosen"] if name == "default" else ""
            rows.append(
                [
                    level["other_cores"],
                    name,
                    figures["ttft_s"].get("p50"),
                    figures["total_s"].get("p50"),
                    figures["total_sum_s"],
                    chosen,
                ]
            )
    print(f"{result['prompts']} prompts per load and variant")
    headers = ["other cores", "threads", "TTFT p50 s", "total p50 s", "sum s", "chosen"]
    print_table(headers, rows)
    ratios = ", ".join(f"{lv['other_cores']}: {lv['default_vs_best']}" for lv in result["loads"])
    print(f"default / best fixed (sum of totals) by load: {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=12)
    parser.add_argument("--loads", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0])
    parser.add_argument("--data-dir", type=Path, help="reuse (or create) this data dir")
    parser.add_argument("--out", type=Path, default=RESULTS / "llm_threads.json")
    args = parser.parse_args()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench-threads-") as scratch:
        result = measure(args.data_dir or Path(scratch), args.prompts, args.loads)
    write_json(args.out, {"machine": info, **result})
    print_report(result)


if __name__ == "__main__":
    main()
