"""Terms of the field written two ways.

Spanish writing about AI uses an English term and its Spanish rendering alike ("el
dataset de entrenamiento" / "el conjunto de datos de entrenamiento", "frameworks" /
"marcos de trabajo"), and Spanish has two words for a model's performance
("rendimiento" / "desempeño"). A sentence that writes one form says the words of the
other, which a question may use: "¿De qué tamaño era el conjunto de datos de GPT-4?" is
answered by "El dataset de entrenamiento de GPT-4 tenía 4,9 x 10^12 puntos de datos".
"""

from __future__ import annotations

from rag.answer.evidence import keys_of

# Each entry: forms of one term; a sentence that writes every word of one form says
# the words of the others.
_SAME_TERM = (
    ("dataset", "conjunto de datos", "data set"),
    ("datasets", "conjuntos de datos", "data sets"),
    ("framework", "marco de trabajo"),
    ("frameworks", "marcos de trabajo"),
    ("rendimiento", "desempeño"),
    ("transfer learning", "aprendizaje por transferencia"),
    ("open data", "datos abiertos"),
    ("fine-tuning", "ajuste fino"),
)
_FORMS = tuple(tuple(keys_of(form) for form in forms) for forms in _SAME_TERM)


def term_words_said(sentence_keys: frozenset[str]) -> frozenset[str]:
    """The keys of the other forms of each term the sentence writes in one form."""
    said: set[str] = set()
    for forms in _FORMS:
        if any(form <= sentence_keys for form in forms):
            said.update(*forms)
    return frozenset(said)
