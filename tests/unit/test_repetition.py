"""A model's loop is cut after the first copy of the phrase it repeats; lists, figures
and short repeats that mean something are left whole (rag/answer/repetition.py)."""

from __future__ import annotations

import pytest

from rag.answer.repetition import before_the_loop, loop_end

MICHIGAN = "la universidad estatal de Michigan, "


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (MICHIGAN * 3, "la universidad estatal de Michigan"),
        (" " + MICHIGAN * 5 + "la", " la universidad estatal de Michigan"),
        (
            "ácido fólico, ácido cítrico, ácido lático, ácido lático, ácido lático",
            "ácido fólico, ácido cítrico, ácido lático",
        ),
        ("ja " * 6, "ja"),
        ("¡Tora! " * 6, "¡Tora!"),
        ("Sí, Sí, SÍ, sí, sí, sí, sí, sí", "Sí"),  # letter case is no difference
    ],
)
def test_a_loop_is_cut_after_the_first_copy_of_its_phrase(text: str, kept: str) -> None:
    assert before_the_loop(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "la universidad estatal de Michigan, la universidad estatal de Michigan",  # twice
        MICHIGAN * 3 + "la univers",  # a loop is seen once the text ends at a word's end
        "1.000.000.000.000",  # a figure's groups
        "Tora! Tora! Tora!",  # a phrase of one word needs more copies
        "¡Tora! ¡Tora! ¡Tora!",
        "muy, muy, muy, muy bien",  # the repeat is not at the end
        "Madrid, Barcelona, Valencia, Sevilla, Zaragoza, Málaga, Murcia, Palma",
        "",
    ],
)
def test_text_that_does_not_end_in_a_loop_is_left_whole(text: str) -> None:
    assert loop_end(text) is None
    assert before_the_loop(text) == text
