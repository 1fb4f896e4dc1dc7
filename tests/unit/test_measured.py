"""A claim that drops the measure the evidence speaks of ("el coste de los procesadores…
se reduce a la mitad" → "los procesadores se reducen a la mitad") says something false
with the evidence's own words."""

from __future__ import annotations

import pytest

from rag.answer.measured import drops_the_measure

ROCK = (
    "La denominada Ley de Rock dice, según el post, que el coste de los procesadores GPU o "
    "TPU se reduce a la mitad cada cuatro años."
)
ROCK_EN = (
    'The post cites the "Ley de Rock", under which the cost of GPU or TPU processors halves '
    "every four years."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "lang", "dropped"),
    [
        (
            "La Ley de Rock establece que los procesadores de GPU o TPU se reducen a la mitad "
            "cada cuatro años.",
            ROCK,
            "es",
            True,
        ),
        ("GPU or TPU processors halve every four years.", ROCK_EN, "en", True),
        # the claim names the measure
        ("Según la Ley de Rock, el coste de las GPU se reduce a la mitad.", ROCK, "es", False),
        ("The cost of GPU processors halves every four years.", ROCK_EN, "en", False),
        # or states a figure of its kind: "95 días" is the time
        (
            "El entrenamiento de GPT-4 duró 95 días.",
            "El tiempo de entrenamiento de GPT-4 fue de 95 días.",
            "es",
            False,
        ),
        # the claim says nothing of what the evidence says of the measure
        ("Los procesadores GPU son caros.", ROCK, "es", False),
    ],
)
def test_a_claim_that_drops_the_measure_is_caught(
    claim: str, evidence: str, lang: str, dropped: bool
) -> None:
    assert drops_the_measure(claim, evidence, lang) is dropped
