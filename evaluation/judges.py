"""The pipeline's own checks, reused by the evaluator.

- `VerifierJudge`: the support `rag.answer.verify.Verifier` gives an answer sentence when it
  verifies a generated answer, and the pipeline's `verify_support` threshold.
- `evidence_probe`: the score the pipeline abstains on (the probability that the evidence
  answers the question, `Assessment.probability`), so the abstention trade-off curve
  varies the threshold the pipeline really uses.

Both are looked up on the pipeline object; a pipeline without them (a fake, or another
implementation) falls back to the lexical judge and the answer's `support`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from evaluation.grounding import Judge, LexicalJudge
from rag.answer.language import question_language
from rag.schema import ChunkKey, Passage, Question

EvidenceProbe = Callable[[str, Sequence[Passage]], float]


class VerifierJudge:
    """A sentence's support as `Verifier.claims` computes it when it checks a generated
    answer: the best over the evidence sentences of the passages (a claim whose numbers
    an evidence sentence lacks gets 0 from it); a sentence the splitter cuts in two
    scores its weaker part."""

    name = "pipeline"

    def __init__(self, verifier: Any) -> None:
        self.verifier = verifier
        self.threshold = float(verifier.thresholds.support)

    def score(self, sentence: str, passages: Sequence[str]) -> float:
        # each text read in its own language, or the splitter cuts English at "U.S."
        cited = [
            Passage(f"cited-{i}", text, {ChunkKey.LANG.value: question_language(text)})
            for i, text in enumerate(passages)
        ]
        assessment = self.verifier.assess(sentence, question_language(sentence), cited)
        claims = self.verifier.claims(assessment, sentence)
        if not claims:
            return 0.0
        return min(max(claim.supports, default=0.0) for claim in claims)


def own_judge(pipeline: Any) -> Judge:
    verifier = getattr(pipeline, "verifier", None)
    if not all(hasattr(verifier, name) for name in ("assess", "claims", "thresholds")):
        return LexicalJudge()
    return VerifierJudge(verifier)


def evidence_probe(pipeline: Any) -> EvidenceProbe | None:
    verifier = getattr(pipeline, "verifier", None)
    standalone = getattr(pipeline, "standalone", None)
    if verifier is None or not hasattr(verifier, "assess") or standalone is None:
        return None

    def probe(question: str, passages: Sequence[Passage]) -> float:
        text = standalone(Question(text=question))
        return float(verifier.assess(text, question_language(question), passages).probability)

    return probe


def abstention_threshold(pipeline: Any) -> float | None:
    """The answerability threshold below which the pipeline abstains, if it has one."""
    verifier = getattr(pipeline, "verifier", None)
    thresholds = getattr(verifier, "thresholds", None)
    value = getattr(thresholds, "answerable", None)
    return float(value) if value is not None else None
