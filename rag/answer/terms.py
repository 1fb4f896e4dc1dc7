"""Terms of the field written two ways.

Spanish writing about AI uses an English term and its Spanish rendering alike ("el
dataset de entrenamiento" / "el conjunto de datos de entrenamiento", "frameworks" /
"marcos de trabajo"), and Spanish has two words for a model's performance ("rendimiento"
/ "desempeño") and names a chart's axes by their coordinates ("ordenadas" for the
vertical one); a work comes out in many verbs ("se publicó", "salió", "released"), a
text lists in several ("enumera", "recoge", "lists"), and a post reviews a book in
several ("comenta", "reseña", "reviews"), and an acronym "stands for" or "means" its
expansion; a death or a birth is a verb or a noun ("murió", "la muerte de"), a
population is counted in inhabitants, a car is an automobile, what is optimized is
improved, a conclusion is what one concludes, and what doubles ("se dobla") is
duplicated ("se duplica"). A sentence that writes one form says the words of the others,
which a question may use: "¿De qué tamaño era el conjunto de datos de GPT-4?" is
answered by "El dataset de entrenamiento de GPT-4 tenía 4,9 x 10^12 puntos de datos",
and "¿En qué año salió el libro?" by "El libro … se publicó en diciembre de 2023". A
word's keys hold its singular, so a plural form needs no entry of its own.
"""

from __future__ import annotations

from rag.analyzer import stem_spellings
from rag.answer.evidence import content_words, keys_of

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
    # a death and a birth, as a verb or as a noun
    ("morir", "muerte", "fallecer", "fallecimiento", "die", "died", "death"),
    ("nacer", "nacido", "nacida", "nacimiento", "born", "birth"),
    # how many live in a place
    ("poblacion", "habitantes", "population", "inhabitants"),
    ("automovil", "coche", "car", "automobile"),
    # making something better
    ("mejorar", "optimizar", "improve", "optimize", "optimise"),
    # concluding, as a verb or as a noun
    ("concluir", "conclusion", "conclude"),
    # growing twofold
    ("doblar", "duplicar", "double"),
    # publishing; not "editorial", which asks for a publisher
    (
        "publicar",
        "publico",
        "publicado",
        "publicada",
        "publicacion",
        "salio",
        "salio a la venta",
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


# Each term: for each word of each form, the stems of the word as spelled and those of each
# of its dictionary forms ("comenta" is "comentar"), and the keys of all the term's words.
_TERMS = tuple(
    (
        tuple(tuple(stem_spellings(word) for word in content_words(form)) for form in forms),
        keys_of(" ".join(forms)),
    )
    for forms in _SAME_TERM
)


def term_words_said(sentence_keys: frozenset[str]) -> frozenset[str]:
    """The keys of the other forms of each term the sentence writes in one form: each of
    the form's words, as spelled or in its dictionary form, in every language's stem
    ("comentaré" writes "comenta", as both are "comentar"; "orden" writes no "ordenadas",
    which is "ordenar")."""
    said: set[str] = set()
    for forms, keys in _TERMS:
        if any(all(_written(word, sentence_keys) for word in form) for form in forms):
            said |= keys
    return frozenset(said)


def _written(spellings: tuple[frozenset[str], ...], sentence_keys: frozenset[str]) -> bool:
    return any(stems <= sentence_keys for stems in spellings)
