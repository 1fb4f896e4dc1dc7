"""Fit the answerability model (rag/answer/answerability.py) on held-in data and check it
on a split it never saw.

Cases, each reduced to the four signals of the assessment (no generation needed):
- corpus/eval/questions.jsonl over the ingested corpus/ (answerable and unanswerable);
- XQuAD-es questions over its 240 paragraphs, each asked twice: with its paragraph
  (answerable) and with that paragraph removed from the results (unanswerable); and the
  same questions in English (XQuAD-en, matched by id), so that questions asked across
  languages, whose words rarely match the evidence, weigh in the fit.

The fit uses the corpus questions of even line number and the XQuAD questions of even
articles; the check, the others. A logistic regression gives the weights; the script then
prints the trade-off on the check split (answerable questions abstained against
unanswerable ones answered) over probability thresholds, and writes everything to JSON.

    .venv/bin/python bench/fit_answerability.py [--xquad N] [--out PATH]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    RESULTS,
    XQUAD,
    XQUAD_EN,
    clean_settings,
    eval_questions,
    offline_environment,
    print_table,
    write_json,
)

offline_environment()

import numpy as np  # noqa: E402

from bench.xquad_retrieval import build_store, load_xquad  # noqa: E402
from ingest.sync import Ingestor  # noqa: E402
from rag.answer.answerability import (  # noqa: E402
    FEATURES,
    WORD_SIGNALS,
    AnswerabilityModel,
    model_for,
)
from rag.answer.language import question_language  # noqa: E402
from rag.answer.pipeline import AnswerPipeline  # noqa: E402
from rag.components import Components  # noqa: E402

THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
SOURCES = ("corpus", "xquad-es", "xquad-en")


@dataclass
class Case:
    source: str  # "corpus" or "xquad"
    question: str
    answerable: bool
    fit: bool  # in the fitting split (else the check split)
    signals: dict[str, float] | None = None


def signals_of(pipeline: AnswerPipeline, question: str, removed: str | None) -> dict[str, float]:
    settings = pipeline.settings
    passages = pipeline.retriever.search(question, settings.top_k + 1)
    if removed is not None:
        passages = [p for p in passages if p.source != removed]
    verifier = pipeline.verifier
    assessment = verifier.assess(question, question_language(question), passages[: settings.top_k])
    return assessment.signals


def corpus_cases(pipeline: AnswerPipeline) -> list[Case]:
    cases = []
    for index, row in enumerate(eval_questions()):
        case = Case("corpus", row["question"], not row["unanswerable"], index % 2 == 0)
        case.signals = signals_of(pipeline, case.question, None)
        cases.append(case)
    return cases


def xquad_cases(pipeline: AnswerPipeline, items: list[Any]) -> list[Case]:
    cases = []
    for item in items:
        fit = item.article % 2 == 0
        source = f"xquad-{question_language(item.question)}"
        for answerable in (True, False):
            case = Case(source, item.question, answerable, fit)
            case.signals = signals_of(pipeline, item.question, None if answerable else item.gold)
            cases.append(case)
    return cases


def matrix(cases: list[Case]) -> tuple[np.ndarray, np.ndarray]:
    rows = [[(case.signals or {})[name] for name in FEATURES] for case in cases]
    return np.asarray(rows, dtype=np.float64), np.asarray([c.answerable for c in cases], dtype=int)


def fit(cases: list[Case], words_only: bool = False) -> AnswerabilityModel:
    """Logistic regression on the signals; `words_only`: on the signals that do not
    depend on the embedding model's cosine scale (for any other embedder)."""
    from sklearn.linear_model import LogisticRegression

    x, y = matrix(cases)
    used = [i for i, name in enumerate(FEATURES) if not words_only or name in WORD_SIGNALS]
    regression = LogisticRegression(C=10.0, max_iter=2000).fit(x[:, used], y)
    weights = [0.0] * len(FEATURES)
    for index, weight in zip(used, regression.coef_[0], strict=True):
        weights[index] = round(float(weight), 3)
    return AnswerabilityModel(
        weights=tuple(weights),  # type: ignore[arg-type]
        bias=round(float(regression.intercept_[0]), 3),
    )


def tradeoff(model: AnswerabilityModel, cases: list[Case]) -> list[dict[str, Any]]:
    """Per threshold and data set: answerable abstained and unanswerable answered."""
    rows = []
    for threshold in THRESHOLDS:
        row: dict[str, Any] = {"threshold": threshold}
        for source in SOURCES:
            chosen = [c for c in cases if c.source == source]
            answerable = [c for c in chosen if c.answerable]
            unanswerable = [c for c in chosen if not c.answerable]
            abstains = [model.probability(c.signals or {}) < threshold for c in chosen]
            by_case = dict(zip(map(id, chosen), abstains, strict=True))
            row[f"{source}_answerable_abstained"] = _share(by_case, answerable, True)
            row[f"{source}_unanswerable_abstained"] = _share(by_case, unanswerable, True)
        rows.append(row)
    return rows


def _share(by_case: dict[int, bool], cases: list[Case], value: bool) -> float | None:
    if not cases:
        return None
    return round(sum(1 for c in cases if by_case[id(c)] is value) / len(cases), 3)


def run(args: argparse.Namespace) -> dict[str, Any]:
    model = {"embedding_model": args.embedding_model} if args.embedding_model else {}
    with tempfile.TemporaryDirectory(prefix="answerability-") as tmp:
        corpus = Components(clean_settings(Path(tmp) / "corpus", **model))
        if Ingestor(corpus).sync().errors:
            raise SystemExit("error: ingesting corpus/ failed")
        cases = corpus_cases(AnswerPipeline(corpus))
        paragraphs, items = load_xquad(args.data)
        sample = random.Random(1).sample(
            range(len(items)), min(args.xquad or len(items), len(items))
        )
        items = [items[i] for i in sample]
        for questions in args.questions:
            other = load_xquad(args.data, questions)[1]
            items += [other[i] for i in sample]
        xquad_settings = clean_settings(Path(tmp) / "xquad", collection="xquad", **model)
        xquad = build_store(xquad_settings, paragraphs, corpus)
        cases += xquad_cases(AnswerPipeline(xquad), items)
    fitting = [c for c in cases if c.fit]
    checking = [c for c in cases if not c.fit]
    fitted = fit(fitting)
    words = fit(fitting, words_only=True)
    return {
        "embedding_model": corpus.embedder.name,
        "features": list(FEATURES),
        "cases": {"fit": len(fitting), "check": len(checking)},
        "model_fitted_on_fit_split": {"weights": fitted.weights, "bias": fitted.bias},
        "tradeoff_on_check_split": tradeoff(fitted, checking),
        "tradeoff_on_fit_split": tradeoff(fitted, fitting),
        # the weights the code ships now, on the same cases: whether a refit would help
        "shipped_tradeoff_on_check_split": tradeoff(model_for(corpus.embedder.name), checking),
        "words_only_model": {"weights": words.weights, "bias": words.bias},
        "words_only_tradeoff_on_check_split": tradeoff(words, checking),
        "signal_means": {
            f"{source}_{'answerable' if answerable else 'unanswerable'}": {
                name: round(
                    float(np.mean([(c.signals or {})[name] for c in group])) if group else 0.0, 3
                )
                for name in FEATURES
            }
            for source in SOURCES
            for answerable in (True, False)
            if (group := [c for c in cases if c.source == source and c.answerable is answerable])
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xquad", type=int, default=0, help="sample N XQuAD questions (0: all)")
    parser.add_argument("--data", type=Path, default=XQUAD, help="xquad.es.json path")
    parser.add_argument("--embedding-model", help="RAG_EMBEDDING_MODEL (default: the default)")
    parser.add_argument(
        "--questions",
        type=Path,
        nargs="*",
        default=[XQUAD_EN],
        help="also these files' questions over --data's paragraphs (default: XQuAD-en)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "fit_answerability.json")
    args = parser.parse_args()
    report = run(args)
    write_json(args.out, report)
    print(report["embedding_model"], "weights (fit split):", report["model_fitted_on_fit_split"])
    print("words-only weights (fit split):", report["words_only_model"])
    columns = [f"{source} {kind}" for source in SOURCES for kind in ("ans. abst.", "unans. abst.")]
    print_table(
        ["threshold", *columns],
        [
            [r["threshold"]]
            + [
                r[f"{source}_{kind}_abstained"]
                for source in SOURCES
                for kind in ("answerable", "unanswerable")
            ]
            for r in report["tradeoff_on_check_split"]
        ],
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
