"""A claim that says of a thing what the documents say of a measure of it.

"el coste de los procesadores GPU o TPU se reduce a la mitad" does not say that the
processors halve: a model that drops "el coste de" turns a true sentence into a false
claim ("los procesadores de GPU o TPU se reducen a la mitad") whose every word is in the
evidence, so word coverage and cosine back it.
"""

from __future__ import annotations

import re

from rag.analyzer import fold
from rag.answer.claims import Kind, clause_end, quantities
from rag.answer.evidence import first_word_of, keys_of

# Each measure a sentence may state of a thing, and the kind of figure that states it.
_KIND_OF_MEASURE = {
    **dict.fromkeys(("coste", "costo", "precio", "cost", "price"), Kind.MONEY),
    **dict.fromkeys(("tiempo", "duracion", "time", "duration"), Kind.TIME),
    **dict.fromkeys(("consumo", "consumption"), Kind.ENERGY),
    **dict.fromkeys(("tamano", "numero", "cantidad", "size", "number", "amount"), None),
}
_MEASURES = "|".join(_KIND_OF_MEASURE)
_MEASURE_OF = re.compile(
    rf"\b(?P<measure>{_MEASURES})\s+(?:de|del|of)\s+"
    r"(?:(?:el|la|los|las|the|un|una|a|an)\s+)?(?P<thing>[^\W\d_]+)"
)
# Words that the claim after the thing and the evidence after the measure's phrase must
# share for the claim to say what the evidence says of the measure: its predicate.
SHARED_PREDICATE_WORDS = 2


def drops_the_measure(claim: str, evidence: str, lang: str) -> bool:
    """`evidence` says something of a measure of a thing ("el coste de los procesadores …
    se reduce a la mitad…") and `claim` says it of the thing itself, never naming the
    measure ("los procesadores … se reducen a la mitad…") nor stating a figure of its
    kind ("El entrenamiento de GPT-4 duró 95 días" states the time)."""
    written = fold(evidence)
    measures = list(_MEASURE_OF.finditer(written))
    if not measures:
        return False
    said = fold(claim)
    claim_keys = keys_of(said)
    for found in measures:
        measure = found["measure"]
        if keys_of(measure) & claim_keys or _states_a_figure_of(claim, measure, lang):
            continue
        thing = first_word_of(said, keys_of(found["thing"]))
        if thing is None:
            continue
        predicate = keys_of(written[found.end() : clause_end(written, found.end())])
        if len(predicate & keys_of(said[thing.end() :])) >= SHARED_PREDICATE_WORDS:
            return True
    return False


def _states_a_figure_of(claim: str, measure: str, lang: str) -> bool:
    kind = _KIND_OF_MEASURE[measure]
    return kind is not None and any(figure.kind is kind for figure in quantities(claim, lang))
