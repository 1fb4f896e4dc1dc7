"""Terms of the field written two ways.

Spanish writing about AI uses an English term and its Spanish rendering alike ("el
dataset de entrenamiento" / "el conjunto de datos de entrenamiento", "frameworks" /
"marcos de trabajo"), and Spanish has two words for a model's performance
("rendimiento" / "desempeño") and names a chart's axes by their coordinates ("ordenadas"
for the vertical one); a work comes out in many verbs ("se publicó", "salió",
"released"), a text lists in several ("enumera", "recoge", "lists"), and a post reviews
a book in several ("comenta", "reseña", "reviews"), and an acronym "stands for" or
"means" its expansion. A sentence that writes one form
says the words of the others, which a question may use: "¿De qué tamaño era el conjunto
de datos de GPT-4?" is answered by "El dataset de entrenamiento de GPT-4 tenía 4,9 x
10^12 puntos de datos", and "¿En qué año salió el libro?" by "El libro … se publicó en
diciembre de 2023". A word's keys hold its singular, so a plural form needs no entry of
its own.
"""

from __future__ import annotations

from rag.answer.evidence import keys_of

# Each entry: forms of one term; a sentence that writes every word of one form says
# the words of the others.
_SAME_TERM = (
    ("dataset", "conjunto de datos", "data set"),
    ("framework", "marco de trabajo"),
    ("rendimiento", "desempeño"),
    ("transfer learning", "aprendizaje por transferencia"),
    ("open data", "datos abiertos"),
    ("fine-tuning", "ajuste fino"),
    # a chart's axes, as Spanish names them by their coordinates
    ("eje vertical", "ordenadas", "vertical axis"),
    ("eje horizontal", "abscisas", "horizontal axis"),
    # listing what a text holds
    ("enumera", "enumerar", "recoge", "lists", "list"),
    # the main conclusion; whole phrases, as "gran" alone says nothing of one
    ("conclusión principal", "principal conclusión", "gran conclusión", "main conclusion"),
    # what an acronym's letters spell out
    ("stands for", "stand for", "means", "mean", "significa", "significan", "quiere decir"),
    # reviewing a work
    ("comenta", "comentado", "reseña", "reseñar", "reseñado", "reseñada", "reviews", "reviewed"),
    # publishing; not "editorial", which asks for a publisher
    (
        "publicar",
        "publico",
        "publicado",
        "publicada",
        "publicacion",
        "salio",
        "aparecio",
        "lanzo",
        "lanzado",
        "lanzada",
        "lanzamiento",
        "publish",
        "published",
        "publication",
        "released",
        "come out",
        "came out",
    ),
)
_FORMS = tuple(tuple(keys_of(form) for form in forms) for forms in _SAME_TERM)


def term_words_said(sentence_keys: frozenset[str]) -> frozenset[str]:
    """The keys of the other forms of each term the sentence writes in one form."""
    said: set[str] = set()
    for forms in _FORMS:
        if any(form <= sentence_keys for form in forms):
            said.update(*forms)
    return frozenset(said)
