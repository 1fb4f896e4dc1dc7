"""How the completion prompt's worked examples change the model's own answer, before any
verification: token F1 of its raw answer against XQuAD's gold, and the share of answers
found word for word in the evidence sentences it was shown (only those can become a
quoted span answer).

Each question is asked as the pipeline asks it (its best evidence sentences, in the
language of the best one), once with the shipped examples and once with only the first
`--base` of them. No timing: the prefix with the examples is cached by llama.cpp.

    .venv/bin/python bench/prompt_examples.py [--questions FILE] [--limit N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    RESULTS,
    XQUAD,
    clean_settings,
    offline_environment,
    print_table,
    write_json,
)

offline_environment()

from bench.xquad_retrieval import Item, build_store, load_xquad  # noqa: E402
from evaluation.metrics import token_f1  # noqa: E402
from rag.answer.assessment import Assessment  # noqa: E402
from rag.answer.language import question_language  # noqa: E402
from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.answer.prompts import (  # noqa: E402
    EXAMPLES,
    build_prompt,
    prompt_language,
    prompt_passages,
)
from rag.answer.spans import locate, short_answer  # noqa: E402


@contextmanager
def examples_cut_to(count: int | None) -> Iterator[None]:
    """The prompts' worked examples cut to the first `count` (None: all) meanwhile."""
    shipped = {lang: list(examples) for lang, examples in EXAMPLES.items()}
    try:
        for lang, examples in shipped.items():
            EXAMPLES[lang] = examples[:count]
        yield
    finally:
        EXAMPLES.update(shipped)


def evidence_of(pipeline: AnswerPipeline, item: Item) -> Assessment:
    """The question's evidence, assessed as the pipeline assesses it (once per question:
    the worked examples do not change it)."""
    passages = pipeline.retriever.search(item.question, pipeline.settings.top_k)
    return pipeline.verifier.assess(item.question, question_language(item.question), passages)


def run(args: argparse.Namespace) -> dict[str, Any]:
    paragraphs, items = load_xquad(args.data, args.questions)
    chosen = [
        items[i] for i in sorted(random.Random(args.seed).sample(range(len(items)), args.limit))
    ]
    variants = {"shipped": None, f"first {args.base}": args.base}
    scores: dict[str, dict[str, float]] = {name: {"f1": 0.0, "located": 0.0} for name in variants}
    with tempfile.TemporaryDirectory(prefix="prompt-examples-") as tmp:
        settings = clean_settings(Path(tmp), collection="xquad")
        pipeline = AnswerPipeline(build_store(settings, paragraphs))
        generator = pipeline.components.generator
        for item in chosen:
            assessment = evidence_of(pipeline, item)
            shown = prompt_passages(assessment, settings.llm_evidence_sentences)
            for name, count in variants.items():
                with examples_cut_to(count):
                    plan = build_prompt(
                        generator,
                        prompt_language(assessment),
                        item.question,
                        shown,
                        max_passages=settings.llm_evidence_sentences,
                        max_tokens=settings.llm_max_tokens,
                        temperature=0.0,
                    )
                answer = generator.generate(plan.prompt)
                short = short_answer(answer)
                scores[name]["f1"] += token_f1(answer, [item.answer]) or 0.0
                scores[name]["located"] += bool(short) and any(
                    locate(short, passage.text) is not None for passage in plan.passages
                )
    return {
        "questions": str(args.questions or args.data),
        "limit": args.limit,
        "seed": args.seed,
        "shipped_examples": {lang: len(examples) for lang, examples in EXAMPLES.items()},
        "variants": {
            name: {key: round(value / len(chosen), 3) for key, value in found.items()}
            for name, found in scores.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=XQUAD, help="xquad.es.json path")
    parser.add_argument("--questions", type=Path, help="ask this file's questions instead")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--base", type=int, default=2, help="examples in the compared prompt")
    parser.add_argument("--out", type=Path, default=RESULTS / "prompt_examples.json")
    args = parser.parse_args()
    report = run(args)
    print_table(
        ["examples", "raw answer F1", "found in the evidence"],
        [[name, v["f1"], v["located"]] for name, v in report["variants"].items()],
    )
    write_json(args.out, report)


if __name__ == "__main__":
    main()
