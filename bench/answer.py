"""Answering: the full pipeline against bare `llama_cpp` on the identical final prompt.

30 questions of corpus/eval/questions.jsonl (spread over the file, so Spanish, English
and unanswerable ones) go through `AnswerPipeline.stream` (condense, hybrid retrieval,
evidence assessment, prompt, llama.cpp, verification). The prompt the pipeline sent is
recorded and given, unchanged, to a second `llama_cpp.Llama` built with the generator's
own arguments (`llama_options`): the bare library. Each side has its own model and KV
cache and sees the same sequence of prompts, so llama.cpp's prefix reuse helps both
alike; the bare run follows its pipeline run at once.

"Warm cache", as in a server that has been answering for a while: before timing, the
pipeline answers every other question of the eval set (not the 30), untimed. That
loads the models, fills llama.cpp's prompt prefix and the vectors of the passage
sentences those questions retrieved; the 30 measured questions are still new to it
(their query vectors are not cached, and passages only they retrieve are embedded
while timed). `--cold` warms with one question only.

Reported: time to first token (first non-empty piece) and total time, p50/p95; decode
tokens/s; the per-question ratio pipeline/bare total time (its median is the target:
the two runs of a pair are adjacent in time, so machine noise hits both alike; the
ratio of summed times is reported too). Questions the pipeline abstains on before
generating have no prompt: they count in the pipeline's total time, not in the ratio.

The pipeline's generator chooses llama.cpp's threads from how busy the cores are; the
bare run of each pair uses the count the pipeline chose for that question, so the ratio
measures the pipeline and not the thread choice. Then the same questions go through the
pipeline with llama.cpp on 1 and on 2 threads (`--compare-threads`) and on the default
choice, alternating per question: which fixed count is faster depends on how busy the
cores are (docs/performance.md, bench/llm_threads.py), so every run shows them all.

    .venv/bin/python bench/answer.py [--questions 30] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    RESULTS,
    eval_questions,
    ingest_corpus,
    machine,
    offline_environment,
    print_table,
    spread,
    summary,
    target,
    targets_json,
    write_json,
)

offline_environment()

from rag import model_files  # noqa: E402
from rag.answer.language import question_language  # noqa: E402
from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.answer.prompts import (  # noqa: E402
    build_prompt,
    completion_prefix,
    prompt_passages,
)
from rag.components import Components  # noqa: E402
from rag.generator import GenerationCall, Prompt, RecordingGenerator  # noqa: E402
from rag.generator_llamacpp import LlamaCppGenerator, llama_options  # noqa: E402
from rag.schema import Answer, final_answer  # noqa: E402
from rag.settings import Settings  # noqa: E402

RATIO_TARGET = 1.10
TTFT_TARGET_S = 0.6
# Issue 16: the prompt of evidence sentences against the prompt of whole passages.
BUILDER_TTFT_RATIO_TARGET = 0.7
FRESH_TOKENS_TARGET = 120
PASSAGES_BEFORE = 2  # passages the prompt held before it held evidence sentences


@dataclass
class Run:
    """One generation, timed from the call: first piece, last piece, end."""

    total_s: float = 0.0
    first_s: float | None = None
    last_s: float | None = None
    text: str = ""

    def piece(self, started: float, piece: str) -> None:
        if not piece:
            return
        now = time.perf_counter() - started
        self.first_s = now if self.first_s is None else self.first_s
        self.last_s = now
        self.text += piece


def timed(pieces: Iterable[str]) -> Run:
    """A stream of text pieces, timed from the first request for a piece."""
    run = Run()
    started = time.perf_counter()
    for piece in pieces:
        run.piece(started, piece)
    run.total_s = time.perf_counter() - started
    return run


def run_pipeline(pipeline: AnswerPipeline, question: str) -> tuple[Run, Answer]:
    run = Run()
    started = time.perf_counter()
    answer = final_answer(pipeline.stream(question), lambda piece: run.piece(started, piece))
    run.total_s = time.perf_counter() - started
    return run, answer


def run_bare(llm: Any, prompt: Prompt, threads: int | None = None) -> Run:
    """The same prompt through `llama_cpp` directly, as the generator streams it, on
    `threads` (the count the pipeline's generator chose for it) if given."""
    from llama_cpp import llama_set_n_threads

    if threads:
        llama_set_n_threads(llm.ctx, threads, threads)
    return timed(bare_pieces(llm, prompt))


def bare_pieces(llm: Any, prompt: Prompt) -> Iterator[str]:
    options = {
        "max_tokens": prompt.max_tokens,
        "temperature": prompt.temperature,
        "stop": prompt.stop or None,
        "stream": True,
    }
    if prompt.messages is not None:
        for chunk in llm.create_chat_completion(messages=prompt.messages, **options):
            yield chunk["choices"][0]["delta"].get("content") or ""
    else:
        for chunk in llm.create_completion(prompt=prompt.text or "", **options):
            yield chunk["choices"][0]["text"]


def decode_rate(run: Run, tokens: int) -> float | None:
    """Tokens/s between the first and the last piece (prompt processing excluded)."""
    if run.first_s is None or run.last_s is None or tokens < 2 or run.last_s <= run.first_s:
        return None
    return (tokens - 1) / (run.last_s - run.first_s)


def measure(
    data_dir: Path, count: int, thread_counts: list[int], cold: bool = False
) -> dict[str, Any]:
    from llama_cpp import Llama

    settings = ingest_corpus(data_dir)
    components = Components(settings)
    recorder = RecordingGenerator(components.generator)
    components = components.with_parts(generator=recorder)
    pipeline = AnswerPipeline(components)
    bare = Llama(
        model_path=str(model_files.llm_model_path(settings)),
        **llama_options(settings.llm_context_tokens, settings.llm_threads),
    )
    questions = eval_questions()
    chosen = spread(questions, count)
    others = [q for q in questions if q not in chosen]
    for question in others[:1] if cold else others:
        run_pipeline(pipeline, question["question"])
    warm_up = recorder.take()
    if warm_up:
        run_bare(bare, warm_up[-1].prompt)
    rows = []
    for question in chosen:
        ours, answer = run_pipeline(pipeline, question["question"])
        calls = recorder.take()
        call = calls[-1] if calls else None  # none: abstained before generating
        bare_run = run_bare(bare, call.prompt, call.threads) if call is not None else None
        rows.append(row(question, ours, answer, bare_run, recorder, call))
    result = report(rows)
    result["warm_up_questions"] = 1 if cold else len(others)
    result["prompt_builders"] = compare_builders(pipeline, bare, chosen)
    result["targets"] += result["prompt_builders"].pop("targets")
    if thread_counts:
        del bare
        result["llm_threads"] = compare_threads(components, chosen, thread_counts)
    return result


def builder_prompts(pipeline: AnswerPipeline, question: str) -> dict[str, Prompt] | None:
    """The question's prompt as the pipeline builds it (its best evidence sentences) and
    as it was built before (its best two passages whole); None when it abstains first."""
    settings, generator = pipeline.settings, pipeline.components.generator
    passages = pipeline.retrieve(question)
    lang = question_language(question)
    assessment = pipeline.verifier.assess(question, lang, passages)
    if pipeline.verifier.should_abstain(assessment):
        return None
    sentences = settings.llm_evidence_sentences
    options = (settings.llm_max_tokens, settings.llm_temperature)
    return {
        "sentences": build_prompt(
            generator, lang, question, prompt_passages(assessment, sentences), sentences, *options
        ).prompt,
        "passages": build_prompt(
            generator, lang, question, passages, PASSAGES_BEFORE, *options
        ).prompt,
    }


def fresh_tokens(pipeline: AnswerPipeline, prompt: Prompt, lang: str) -> int:
    """Prompt tokens after the fixed prefix that llama.cpp keeps evaluated."""
    generator = pipeline.components.generator
    prefix = generator.count_tokens(completion_prefix(lang))
    return generator.count_tokens(prompt.text or "") - prefix


def compare_builders(
    pipeline: AnswerPipeline, bare: Any, chosen: list[dict[str, Any]]
) -> dict[str, Any]:
    """Both prompts of each question through bare llama.cpp, alternating which goes
    first: time to first token and total, and the fresh prompt tokens of each."""
    runs: dict[str, list[Run]] = {"sentences": [], "passages": []}
    fresh: dict[str, list[float]] = {"sentences": [], "passages": []}
    for number, question in enumerate(chosen):
        prompts = builder_prompts(pipeline, question["question"])
        if prompts is None:
            continue
        lang = question_language(question["question"])
        for name in alternating(list(prompts), number):
            runs[name].append(run_bare(bare, prompts[name]))
            fresh[name].append(fresh_tokens(pipeline, prompts[name], lang))
    figures = {
        name: {**variant_figures(done), "fresh_prompt_tokens": summary(fresh[name], 1)}
        for name, done in runs.items()
    }
    ttft = {name: figures[name]["ttft_s"].get("p50") for name in runs}
    ratio = ttft["sentences"] / ttft["passages"] if ttft["sentences"] and ttft["passages"] else None
    figures["ttft_ratio_sentences_to_passages"] = round(ratio, 3) if ratio else None
    figures["targets"] = targets_json(
        [
            target(
                "answer: TTFT p50, evidence-sentence prompt / passage prompt (bare llama.cpp)",
                ratio,
                "<=",
                BUILDER_TTFT_RATIO_TARGET,
            ),
            target(
                "answer: fresh prompt tokens p50 (evidence-sentence prompt)",
                figures["sentences"]["fresh_prompt_tokens"].get("p50"),
                "<=",
                FRESH_TOKENS_TARGET,
            ),
        ]
    )
    return figures


def thread_variants(counts: Sequence[int]) -> dict[str, int | None]:
    """Fixed llama.cpp thread counts by name, and "default": chosen from the load."""
    return {**{str(count): count for count in counts}, "default": None}


def llama_generator(settings: Settings, threads: int | None) -> LlamaCppGenerator:
    return LlamaCppGenerator(
        model_files.llm_model_path(settings), settings.llm_context_tokens, threads=threads
    )


def alternating(names: list[str], number: int) -> list[str]:
    """The names, reversed on odd rounds: no variant always runs first."""
    return names if number % 2 == 0 else names[::-1]


def variant_figures(runs: list[Run]) -> dict[str, Any]:
    return {
        "ttft_s": summary([r.first_s for r in runs if r.first_s is not None], 3),
        "total_s": summary([r.total_s for r in runs], 3),
        "total_sum_s": round(sum(r.total_s for r in runs), 2),
    }


def compare_threads(
    components: Components, chosen: list[dict[str, Any]], counts: list[int]
) -> dict[str, Any]:
    """The pipeline with llama.cpp on each fixed thread count and on the default
    (chosen from how busy the cores are), alternating per question: the best fixed
    count depends on the load, so it is measured in every run."""
    settings = components.settings
    pipelines = {}
    for name, count in thread_variants(counts).items():
        variant = components.with_parts(generator=llama_generator(settings, count))
        pipelines[name] = AnswerPipeline(variant)
        run_pipeline(pipelines[name], chosen[0]["question"])  # warm cache
    names = list(pipelines)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for number, question in enumerate(chosen):
        for name in alternating(names, number):
            runs[name].append(run_pipeline(pipelines[name], question["question"])[0])
    return {name: variant_figures(done) for name, done in runs.items()}


def row(
    question: dict[str, Any],
    ours: Run,
    answer: Answer,
    bare: Run | None,
    gen: RecordingGenerator,
    call: GenerationCall | None,
) -> dict[str, Any]:
    tokens = gen.count_tokens(ours.text) if ours.text else 0
    result: dict[str, Any] = {
        "id": question["id"],
        "mode": str(answer.mode),
        "tokens": tokens,
        "pipeline": {
            "ttft_s": ours.first_s,
            "total_s": ours.total_s,
            "decode_tokens_per_s": decode_rate(ours, tokens),
            "stages_ms": {k: round(v, 1) for k, v in answer.timings.items()},
        },
        "bare": None,
        "llm_threads": call.threads if call is not None else None,
    }
    if bare is not None:
        result["bare"] = {
            "ttft_s": bare.first_s,
            "total_s": bare.total_s,
            "decode_tokens_per_s": decode_rate(bare, gen.count_tokens(bare.text)),
        }
        result["same_text"] = bare.text == ours.text
        result["ratio"] = ours.total_s / bare.total_s
    return result


def values(rows: list[dict[str, Any]], side: str, key: str) -> list[float]:
    return [r[side][key] for r in rows if r[side] is not None and r[side][key] is not None]


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    paired = [r for r in rows if r["bare"] is not None]
    ratios = [r["ratio"] for r in paired]
    summed = sum(r["pipeline"]["total_s"] for r in paired) / sum(
        r["bare"]["total_s"] for r in paired
    )
    ttft = values(paired, "pipeline", "ttft_s")
    figures = {
        side: {
            "ttft_s": summary(values(paired, side, "ttft_s"), 3),
            "total_s": summary(values(paired, side, "total_s"), 3),
            "decode_tokens_per_s": summary(values(paired, side, "decode_tokens_per_s"), 1),
        }
        for side in ("pipeline", "bare")
    }
    figures["pipeline"]["total_s_all_questions"] = summary(values(rows, "pipeline", "total_s"), 3)
    overhead_ms = [(r["pipeline"]["total_s"] - r["bare"]["total_s"]) * 1000.0 for r in paired]
    return {
        "questions": len(rows),
        "generated": len(paired),
        "abstained_before_generation": len(rows) - len(paired),
        "identical_text": sum(1 for r in paired if r["same_text"]),
        "figures": figures,
        "ratio_total_median": round(statistics.median(ratios), 3) if ratios else None,
        "ratio_total_summed": round(summed, 3) if paired else None,
        "overhead_ms": summary(overhead_ms, 1),
        "rows": rows,
        "targets": targets_json(
            [
                target(
                    "answer: pipeline/bare total time (median of pairs)",
                    statistics.median(ratios) if ratios else None,
                    "<=",
                    RATIO_TARGET,
                ),
                target(
                    "answer: time to first token p50",
                    statistics.median(ttft) if ttft else None,
                    "<=",
                    TTFT_TARGET_S,
                    "s",
                ),
            ]
        ),
    }


def print_report(result: dict[str, Any]) -> None:
    figures = result["figures"]
    print(
        f"{result['questions']} questions: {result['generated']} generated "
        f"({result['identical_text']} with text identical to bare), "
        f"{result['abstained_before_generation']} abstained before generating; "
        f"warmed up with {result['warm_up_questions']} other questions"
    )
    headers = ["path", "TTFT p50 s", "TTFT p95 s", "total p50 s", "total p95 s", "decode tok/s"]
    print_table(
        headers,
        [
            [
                side,
                figures[side]["ttft_s"].get("p50"),
                figures[side]["ttft_s"].get("p95"),
                figures[side]["total_s"].get("p50"),
                figures[side]["total_s"].get("p95"),
                figures[side]["decode_tokens_per_s"].get("p50"),
            ]
            for side in ("pipeline", "bare")
        ],
    )
    print(
        f"pipeline/bare total time: median of pairs {result['ratio_total_median']}, "
        f"summed {result['ratio_total_summed']}; overhead p50 {result['overhead_ms'].get('p50')} ms"
    )
    builders = result["prompt_builders"]
    print("prompt builders through bare llama.cpp, alternating (fresh: after the fixed prefix):")
    print_table(
        ["prompt", "TTFT p50 s", "total p50 s", "fresh tokens p50"],
        [
            [
                name,
                builders[name]["ttft_s"].get("p50"),
                builders[name]["total_s"].get("p50"),
                builders[name]["fresh_prompt_tokens"].get("p50"),
            ]
            for name in ("sentences", "passages")
        ],
    )
    if "llm_threads" in result:
        print("pipeline by llama.cpp threads (RAG_LLM_THREADS; default: chosen), alternating:")
        print_table(
            ["llm threads", "TTFT p50 s", "total p50 s", "total p95 s", "all questions s"],
            [
                [
                    count,
                    figures["ttft_s"].get("p50"),
                    figures["total_s"].get("p50"),
                    figures["total_s"].get("p95"),
                    figures["total_sum_s"],
                ]
                for count, figures in result["llm_threads"].items()
            ],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument(
        "--compare-threads", type=int, nargs="*", default=[1, 2], help="llama.cpp thread counts"
    )
    parser.add_argument("--data-dir", type=Path, help="reuse (or create) this data dir")
    parser.add_argument("--cold", action="store_true", help="warm up with one question only")
    parser.add_argument("--out", type=Path, default=RESULTS / "answer.json")
    args = parser.parse_args()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench-answer-") as scratch:
        result = measure(
            args.data_dir or Path(scratch), args.questions, args.compare_threads, args.cold
        )
    write_json(args.out, {"machine": info, **result})
    print_report(result)


if __name__ == "__main__":
    main()
