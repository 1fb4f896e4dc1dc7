"""Whether the evidence answers the question: a small logistic model over six signals.

No single score separates answerable from unanswerable questions: multilingual-e5's
cosines are compressed (an unrelated sentence still scores 0.8), word overlap misses
paraphrases and translations, and a sentence can match every word of the question
without stating the asked fact. Combined, they generalize better than one threshold
per score. The signals of the best evidence sentences:

- `relevance`: the best mixed score (word overlap and cosine) of any sentence;
- `cosine`: the best cosine between the question and a sentence;
- `coverage`: the best share of the question's content words, by rarity, that one
  sentence holds (in another language than the question, a word it spells alike counts
  for part of one: `EvidencePool.coverage`);
- `typed_span`: 1 when the question asks for no particular type of phrase, or when a
  sentence relevant enough holds a phrase of the asked type (a name for "who", a figure
  in a fitting unit for "how much", a date for "when"), else 0;
- `cross_language`: 1 when the best sentence is in another language than the question.
  Its words then rarely match the question's, so coverage says little, and the fit
  learns how much less to require of it.
- `cosine_lead`: how far the best cosine stands above the mean of the best ten. A
  sentence that states the answer stands out from the rest of the evidence; when the
  answer is missing, the best sentences of the same topic all score alike.

The weights were fitted by `bench/fit_answerability.py` on held-in data (corpus/eval, and
XQuAD-es asked with and without its paragraph), checked on a split it did not see; the
trade-off between wrongly abstaining and wrongly answering is in docs/answering.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

FEATURES = ("relevance", "cosine", "coverage", "typed_span", "cross_language", "cosine_lead")
# The sentences whose mean cosine the best one is compared with (`cosine_lead`).
LEAD_AMONG = 10
# The signals whose scale does not depend on the embedding model.
WORD_SIGNALS = ("coverage", "typed_span", "cross_language")


@dataclass(frozen=True)
class AnswerabilityModel:
    weights: tuple[float, ...]  # in the order of FEATURES
    bias: float

    def probability(self, signals: dict[str, float]) -> float:
        weighted = zip(self.weights, FEATURES, strict=True)
        z = self.bias + sum(weight * signals[name] for weight, name in weighted)
        return 1.0 / (1.0 + math.exp(-z))


# Fitted by bench/fit_answerability.py --xquad 400 [--embedding-model NAME], weights of the
# fit split (docs/answering.md). Cosines differ in scale from one embedding model to the
# next, so each packaged model has its own fit, and any other model gets the fit of the
# word signals alone.
FITTED = {
    "multilingual-e5-small": AnswerabilityModel(
        weights=(10.156, 19.075, 0.009, 0.543, 2.835, 12.412), bias=-23.471
    ),
    "all-MiniLM-L6-v2": AnswerabilityModel(
        weights=(7.254, 1.907, 2.414, 0.546, 2.959, 1.771), bias=-6.415
    ),
}
WORDS_ONLY = AnswerabilityModel(weights=(0.0, 0.0, 7.861, 0.485, 1.981, 0.0), bias=-3.605)


def lead(values: Sequence[float]) -> float:
    """How far the largest of `values` stands above the mean of the `LEAD_AMONG` largest."""
    best = sorted(values, reverse=True)[:LEAD_AMONG]
    return best[0] - sum(best) / len(best) if best else 0.0


def model_for(embedder_name: str) -> AnswerabilityModel:
    return FITTED.get(embedder_name, WORDS_ONLY)
