"""The answerability model's signals and fits (rag/answer/answerability.py)."""

from __future__ import annotations

import pytest

from rag.answer.answerability import (
    FEATURES,
    FITTED,
    WORDS_ONLY,
    AnswerabilityModel,
    lead,
    model_for,
)


def test_the_cosine_lead_is_over_the_mean_of_the_best_ten() -> None:
    assert lead([0.9, 0.8, 0.7]) == pytest.approx(0.1)
    assert lead([]) == 0.0


@pytest.mark.parametrize("model", [*FITTED.values(), WORDS_ONLY])
def test_every_fit_weighs_every_signal(model: AnswerabilityModel) -> None:
    assert len(model.weights) == len(FEATURES)


def test_an_unknown_embedder_gets_the_fit_of_the_word_signals() -> None:
    assert model_for("some-other-model") is WORDS_ONLY
