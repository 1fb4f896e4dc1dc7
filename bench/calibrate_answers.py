"""Calibrate the grounding thresholds: answerable questions wrongly abstained against
unanswerable ones answered.

Every question is retrieved and generated once; the thresholds (the answerability
probability below which the pipeline abstains, the one below which it does not quote,
the support of a generated sentence, the relevance ratio) are then swept over the cached
generations, since they act only after generation. The lexical weight stays at its
setting: the answerability model (bench/fit_answerability.py) was fitted at it. Data sets:
- `corpus`: corpus/eval/questions.jsonl over the ingested corpus/ (61 answerable,
  18 unanswerable);
- `xquad`: N XQuAD-es questions (seed 1), each asked twice: over the 240 paragraphs
  (answerable) and with its own paragraph removed from the results (unanswerable).

    .venv/bin/python bench/calibrate_answers.py [--xquad 40] [--llm-model PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import XQUAD  # noqa: E402
from bench.xquad_retrieval import build_store, load_xquad  # noqa: E402
from ingest.sync import Ingestor  # noqa: E402
from rag.answer.language import question_language  # noqa: E402
from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.answer.prompts import (  # noqa: E402
    build_prompt,
    prompt_passages,
)
from rag.answer.verify import Thresholds, Verifier  # noqa: E402
from rag.components import Components  # noqa: E402
from rag.schema import AnswerMode, Passage  # noqa: E402
from rag.settings import load_settings  # noqa: E402

QUESTIONS = REPO / "corpus" / "eval" / "questions.jsonl"
RESULTS = REPO / "bench" / "results"
ANSWERABLE = [round(0.30 + 0.05 * i, 2) for i in range(7)]
EXTRACTIVE = [round(0.40 + 0.05 * i, 2) for i in range(11)]
SUPPORT = [round(0.70 + 0.05 * i, 2) for i in range(5)]
RATIO = [0.7, 0.8, 0.9]
SWEPT = ("answerable", "extractive", "support", "relevance_ratio")


@dataclass
class Case:
    id: str
    question: str
    answers: list[str]
    sources: list[str]
    unanswerable: bool
    passages: list[Passage] | None = None
    generated: str = ""


def normalized(text: str) -> str:
    return " ".join(text.lower().split())


def corpus_cases() -> list[Case]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    return [
        Case(r["id"], r["question"], r["answers"], r["sources"], r["unanswerable"]) for r in rows
    ]


def xquad_cases(count: int, data: Path) -> tuple[dict[str, str], list[Case]]:
    paragraphs, items = load_xquad(data)
    answers = _xquad_answers(data)
    sample = random.Random(1).sample(range(len(items)), count)
    cases: list[Case] = []
    for index in sample:
        item = items[index]
        gold = answers[item.question]
        cases.append(Case(f"xq-{index}", item.question, gold, [item.gold], False))
        cases.append(Case(f"xq-{index}-removed", item.question, [], [item.gold], True))
    return paragraphs, cases


def _xquad_answers(data: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for article in json.loads(data.read_text(encoding="utf-8"))["data"]:
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                found[qa["question"]] = [a["text"] for a in qa["answers"]]
    return found


def retrieve_and_generate(
    pipeline: AnswerPipeline, cases: list[Case], cache: dict[str, str]
) -> float:
    """Fill each case's passages and generation; returns the median generation time.
    Generations are cached by prompt (temperature 0 makes them repeatable)."""
    settings = pipeline.settings
    seconds: list[float] = []
    for case in cases:
        passages = pipeline.retriever.search(case.question, settings.top_k + 1)
        if case.unanswerable and case.sources:  # XQuAD: its own paragraph is removed
            passages = [p for p in passages if p.source not in case.sources]
        case.passages = passages[: settings.top_k]
        lang = question_language(case.question)
        assessment = pipeline.verifier.assess(case.question, lang, case.passages)
        plan = build_prompt(
            pipeline.components.generator,
            lang,
            case.question,
            prompt_passages(assessment, settings.llm_evidence_sentences),
            settings.llm_evidence_sentences,
            settings.llm_max_tokens,
            settings.llm_temperature,
        )
        key = hashlib.sha1(
            json.dumps([pipeline.components.generator.name, repr(plan.prompt)]).encode()
        ).hexdigest()
        if key not in cache:
            started = time.perf_counter()
            cache[key] = pipeline.components.generator.generate(plan.prompt)
            seconds.append(time.perf_counter() - started)
        case.generated = cache[key]
    return sorted(seconds)[len(seconds) // 2] if seconds else 0.0


def outcome(case: Case, mode: AnswerMode, text: str, cited: set[str]) -> str:
    if case.unanswerable:
        return "abstained" if mode is AnswerMode.ABSTAINED else "answered"
    if mode is AnswerMode.ABSTAINED:
        return "abstained"
    correct = any(normalized(a) in normalized(text) for a in case.answers)
    return "correct" if correct and cited & set(case.sources) else "wrong"


def sweep(pipeline: AnswerPipeline, cases: list[Case]) -> list[dict[str, Any]]:
    """Every threshold combination with its outcome counts."""
    rows: list[dict[str, Any]] = []
    settings = pipeline.settings
    base = Thresholds(0.0, 0.0, 0.0, settings.verify_lexical_weight, 0.0)
    verifier = Verifier(pipeline.components.embedder, base)
    prepared = []
    for case in cases:
        lang = question_language(case.question)
        assessment = verifier.assess(case.question, lang, case.passages or [])
        prepared.append((case, assessment, verifier.claims(assessment, case.generated)))
    for answerable, extractive, support, ratio in itertools.product(
        ANSWERABLE, EXTRACTIVE, SUPPORT, RATIO
    ):
        if extractive < answerable:
            continue
        verifier.thresholds = replace(
            base,
            answerable=answerable,
            extractive=extractive,
            support=support,
            relevance_ratio=ratio,
        )
        counts: dict[str, int] = {}
        modes: dict[str, int] = {}
        for case, assessment, claims in prepared:
            answer = verifier.decide(assessment, case.generated, claims)
            cited = {c.source for c in answer.citations}
            key = outcome(case, answer.mode, answer.answer, cited)
            counts[key] = counts.get(key, 0) + 1
            modes[str(answer.mode)] = modes.get(str(answer.mode), 0) + 1
        rows.append(
            {
                "answerable": answerable,
                "extractive": extractive,
                "support": support,
                "relevance_ratio": ratio,
                "counts": counts,
                "modes": modes,
            }
        )
    return rows


def score(row: dict[str, Any]) -> tuple[int, int]:
    """Right outcomes first (answerable answered correctly with a gold citation, plus
    unanswerable abstained), then fewer confident errors (wrong answers plus answered
    unanswerable questions): an abstention is better than a wrong answer."""
    counts = row["counts"]
    right = counts.get("correct", 0) + counts.get("abstained_ok", 0)
    return (right, -counts.get("wrong", 0) - counts.get("answered", 0))


def summarize(rows: list[dict[str, Any]], cases: list[Case]) -> dict[str, Any]:
    """The best row and the trade-off around it; with `cases`, first splits the raw
    "abstained" count into right and wrong abstentions."""
    unanswerable = sum(1 for c in cases if c.unanswerable)
    for row in rows if cases else []:
        counts = row["counts"]
        # "abstained" mixes both kinds; split it using the totals.
        answered_un = counts.get("answered", 0)
        counts["abstained_ok"] = unanswerable - answered_un
        counts["wrongly_abstained"] = counts.get("abstained", 0) - counts["abstained_ok"]
        counts.pop("abstained", None)
    best = max(rows, key=score)
    return {
        "chosen": best,
        "tradeoff_over_answerable": tradeoff(rows, best, "answerable"),
        "tradeoff_over_extractive": tradeoff(rows, best, "extractive"),
    }


def joined(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts of both data sets added, config by config (both sweeps share one order)."""
    rows = []
    for a, b in zip(first, second, strict=True):
        counts = {
            k: a["counts"].get(k, 0) + b["counts"].get(k, 0) for k in a["counts"] | b["counts"]
        }
        modes = {k: a["modes"].get(k, 0) + b["modes"].get(k, 0) for k in a["modes"] | b["modes"]}
        rows.append({**{key: a[key] for key in SWEPT}, "counts": counts, "modes": modes})
    return rows


def matching(rows: list[dict[str, Any]], chosen: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in rows if all(r[key] == chosen[key] for key in SWEPT))


def tradeoff(rows: list[dict[str, Any]], best: dict[str, Any], free: str) -> list[dict[str, Any]]:
    """The rows that differ from the chosen one only in threshold `free`."""
    fixed = {key: best[key] for key in SWEPT if key != free}
    return [r for r in rows if all(r[key] == value for key, value in fixed.items())]


def run(args: argparse.Namespace, cache: dict[str, str]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="calibrate-") as tmp:
        overrides: dict[str, Any] = {"data_dir": Path(tmp), "corpus_dir": REPO / "corpus"}
        if args.llm_model:
            overrides["llm_model_path"] = args.llm_model
        components = Components(load_settings(**overrides))
        Ingestor(components).sync()
        pipeline = AnswerPipeline(components)
        cases = corpus_cases()
        median = retrieve_and_generate(pipeline, cases, cache)
        corpus_rows = sweep(pipeline, cases)
        report["corpus"] = {**summarize(corpus_rows, cases), "median_generate_s": median}
        if args.xquad:
            xquad_settings = load_settings(**{**overrides, "collection": "xquad"})
            paragraphs, cases = xquad_cases(args.xquad, args.data)
            xquad = build_store(xquad_settings, paragraphs, components)
            xquad_pipeline = AnswerPipeline(xquad)
            median = retrieve_and_generate(xquad_pipeline, cases, cache)
            xquad_rows = sweep(xquad_pipeline, cases)
            report["xquad"] = {**summarize(xquad_rows, cases), "median_generate_s": median}
            report["joint"] = summarize(joined(corpus_rows, xquad_rows), [])
            chosen = report["joint"]["chosen"]
            for name, rows in (("corpus", corpus_rows), ("xquad", xquad_rows)):
                report[name]["at_joint_choice"] = matching(rows, chosen)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xquad", type=int, default=0, help="also N XQuAD-es questions")
    parser.add_argument("--data", type=Path, default=XQUAD, help="xquad.es.json path")
    parser.add_argument("--llm-model", type=Path, default=None, help="GGUF (default: Gemma)")
    parser.add_argument("--out", type=Path, default=RESULTS / "calibrate_answers.json")
    args = parser.parse_args()
    cache_file = RESULTS / "generations-cache.json"
    cache = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    try:
        report = run(args, cache)
    finally:
        RESULTS.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    for name, part in report.items():
        chosen = part["chosen"]
        print(name, {k: v for k, v in chosen.items() if k != "modes"}, chosen["modes"])
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
