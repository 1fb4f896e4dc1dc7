"""A figure in an answer must come from the clause that states the asked fact.

Word coverage and cosine judge a generated sentence as a bag of words, so a small model
can pass verification by recombining a true sentence: asked how often Rock's law halves
GPU cost, it answered with the "every eight months" that the same evidence sentence
gives for training time; asked for GPT-4's energy, it gave the "30 million dollars"
that sits beside it. Two checks see which figure belongs to which predicate:

1. **The clause carries the question's predicate.** Evidence sentences are cut into
   clauses at ", " (not a decimal comma), ";" and "mientras (que)", "while",
   "whereas" -- deliberately simple, no parsing: a clause is the words around one
   figure. Each figure of the answer (digits, or number words such as "cuatro" or
   "eight", with its scale and unit) must appear in a clause that also holds one of the
   question's content words, not counting the figure's own words. A clause holding the
   figure and none of them does not support it.
2. **The unit fits the question.** "cuánto costó / how much … cost" wants money,
   "cuánta energía / how much energy" an energy unit, "cada cuánto / how often" and
   "cuánto tiempo / how long" a period, "cuándo / when" a date or period, "cuántos X /
   how many X" a count of X. At least one figure of the answer sentence must fit; a
   figure without a known unit fits anything, so only a clear conflict rejects.

Figures that the question itself states, and digits that belong to a name ("GPT-4",
"Gemini 1.0 Ultra", "Falcon 180B"), are not claims and are not checked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from rag.analyzer import ARTICLES, STOP_WORDS, fold
from rag.answer.asked_verbs import asked_verb_of
from rag.answer.citations import strip_markers
from rag.answer.evidence import (
    NUMBER_PATTERN,
    content_words,
    first_word_of,
    keys_of,
    normalize_number,
    question_terms,
    word_keys,
    words_of,
)
from rag.answer.works import CITED_SOURCE, PLACED_IN_A_WORK, asked_detail_kind, works_spoken_of


class Kind(Enum):
    """What a unit measures; a figure with no known unit has no kind."""

    TIME = "time"
    MONEY = "money"
    ENERGY = "energy"
    COMPUTE = "compute"
    PERCENT = "percent"
    SHARE = "share"  # "dos tercios", "la mitad": answers what share, and how many
    DATE = "date"


# kind canonical: folded spellings (Spanish and English). "julio" is left out: it is
# also July. "h", "min" and "s" are units only apart from the figure ("3 min 8 s"), not
# in "the 1990's".
_UNIT_TABLE = """
time year: ano anos year years
time month: mes meses month months
time week: semana semanas week weeks
time day: dia dias day days
time hour: hora horas hour hours h
time minute: minuto minutos minute minutes min
time second: segundo segundos second seconds s
time decade: decada decadas decade decades
time century: siglo siglos century centuries
money usd: dolar dolares dollar dollars usd $
money eur: euro euros eur €
money gbp: £ gbp
money jpy: yen yenes ¥
money peso: peso pesos
money yuan: yuan yuanes
energy wh: wh
energy kwh: kwh
energy mwh: mwh
energy gwh: gwh
energy twh: twh
energy w: vatio vatios watt watts
energy kw: kw kilovatio kilovatios kilowatio kilowatios kilowatt kilowatts
energy mw: mw megavatio megavatios megawatio megawatios megawatt megawatts
energy gw: gw gigavatio gigavatios gigawatt gigawatts
energy j: julios joule joules
energy kj: kj kilojulio kilojulios kilojoule kilojoules
energy mj: mj megajulio megajulios megajoule megajoules
energy kcal: kcal caloria calorias calorie calories
compute flop: flop flops operacion operaciones operation operations
compute pflop: petaflop petaflops
compute tflop: teraflop teraflops
percent percent: % percent porcentaje
date era: bp bc bce
"""
UNITS = {
    word: (head.split()[1], Kind(head.split()[0]))
    for head, spelled in (line.split(":") for line in _UNIT_TABLE.strip().splitlines())
    for word in spelled.split()
}
_ABBREVIATED_TIME = frozenset({"h", "min", "s"})
_NUMBER_TABLE = """
2 dos two; 3 tres three; 4 cuatro four; 5 cinco five; 6 seis six; 7 siete seven
8 ocho eight; 9 nueve nine; 10 diez ten; 11 once eleven; 12 doce twelve
13 trece thirteen; 14 catorce fourteen; 15 quince fifteen; 16 dieciseis sixteen
17 diecisiete seventeen; 18 dieciocho eighteen; 19 diecinueve nineteen; 20 veinte twenty
30 treinta thirty; 40 cuarenta forty; 50 cincuenta fifty; 60 sesenta sixty
70 setenta seventy; 80 ochenta eighty; 90 noventa ninety; 100 cien ciento hundred; 1000 mil
"""
NUMBER_WORDS = {
    word: entry.split()[0]
    for entry in _NUMBER_TABLE.replace("\n", ";").split(";")
    if entry.strip()
    for word in entry.split()[1:]
}
# Counts given by their order of magnitude ("cientos de canales", "thousands of people");
# Spanish and English words share a value, so that either states the other. "miles" is
# the unit of distance in English.
_ROUGH_TABLE = """
hundreds: cientos centenares hundreds
thousands: miles millares thousands
millions: millones millions
dozens: docenas dozens
tens: decenas
"""
_ROUGH_COUNTS = {
    word: line.split(":")[0]
    for line in _ROUGH_TABLE.strip().splitlines()
    for word in line.split(":")[1].split()
}
# The denominators of a share ("dos tercios", "a third", "tres cuartos"); "mitad" and
# "half" need no numerator. Singular "cuarto" is also a room.
_DENOMINATORS = {"tercio": 3, "tercios": 3, "third": 3, "thirds": 3, "cuartos": 4}
_DENOMINATORS |= {"quarter": 4, "quarters": 4, "mitad": 2, "half": 2}
_ONE = frozenset({"un", "una", "a", "one"})
_BEFORE_HALF = frozenset({"la", "una", "a", "one"})
# Powers of ten that follow a figure ("41 millones", "2 mil millones", "41 million").
SCALES = {"mil": 3, "thousand": 3, "thousands": 3, "millon": 6, "millones": 6, "million": 6}
SCALES |= {"millions": 6, "billion": 9, "billions": 9, "billon": 12, "billones": 12}
SCALES |= {"trillion": 12, "trillions": 12}
_MONTHS_ES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
_MONTHS_EN = "january february march april may june july august september october november"
MONTHS = frozenset(f"{_MONTHS_ES} diciembre {_MONTHS_EN} december".split())
# Words that only place a date in time: "A principios de 1954, …" states no predicate.
_WHEN_WORDS = frozenset(
    {"principios", "principio", "comienzos", "comienzo", "inicios", "inicio", "mediados"}
    | {"finales", "fines", "primavera", "verano", "otono", "invierno", "decada", "siglo"}
    | {"early", "late", "mid", "beginning", "end", "spring", "summer", "autumn", "fall"}
    | {"winter", "decade", "century"}
)
_PERIOD_WORDS = frozenset({"cada", "every", "each"})
_TOKEN = re.compile(rf"(?P<number>{NUMBER_PATTERN})|(?P<word>[^\W\d_]+)|(?P<symbol>[$€£¥%])")
_ANY_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r",(?=\s)|;|\s(?:mientras(?:\s+que)?|while|whereas)\s", re.IGNORECASE)
_WITH_PHRASE = re.compile(r"\s*(?:con|with)\s", re.IGNORECASE)
_WHEN_PHRASE = re.compile(r"\s*(?:cuando|when)\s", re.IGNORECASE)
# "En el año 1900, le concedieron…": a sentence's short opening phrase that a preposition
# leads, with no relative word, and that a clause not joined by a conjunction follows.
_OPENING_ADJUNCT = re.compile(
    r"\s*(?:en|durante|despu[eé]s|antes|tras|desde|hasta|seg[uú]n|hacia|al|para|por|entre"
    r"|con|in|during|after|before|since|until|according|by|on|at|from|for|with)\s"
    r"(?:(?!\b(?:que|cuando|donde|quien|cual|that|which|when|where|who)\b)[^,;])*",
    re.IGNORECASE,
)
_OPENING_ADJUNCT_WORDS = 7
_CONJUNCTIONS = r"(?:y|e|o|u|ni|pero|and|or|but|nor)"
_CONJUNCTION = re.compile(rf"\s*{_CONJUNCTIONS}\s", re.IGNORECASE)
_JOINING = re.compile(rf"\s{_CONJUNCTIONS}\s", re.IGNORECASE)  # a conjunction inside a clause
# A phrase a preposition or a subordinating word opens says how, when or where, not what.
LINKING_START = re.compile(
    r"(?:a|al|de|del|en|con|por|para|sin|desde|hasta|entre|tras|sobre|mediante|que|cuando"
    r"|como|si|to|of|in|on|at|by|with|for|from|through|via|that|when|if|as)\b",
    re.IGNORECASE,
)
# "Lady Gaga, la seis veces ganadora del Grammy, cantó…": the name is the subject of the
# clause after its apposition. "…, la Lotería Nacional, la protección de…" is a list.
_ARTICLE = r"(?:el|la|los|las|un|una|the|a|an)\s"
_APPOSITION = re.compile(
    rf",\s+{_ARTICLE}[^,;]*,(?=\s)(?!\s+(?:{_ARTICLE}|(?:y|e|o|u|and|or)\s))", re.IGNORECASE
)

# A relative clause of a person: ", who …", ", quien …".
_WHO_CLAUSE = re.compile(r",\s+(?:who|whom|whose|quien|quienes)\s", re.IGNORECASE)

# What the question asks for (folded text); a question may ask for several things.
_PERIOD = re.compile(
    r"\bcada cuant[oa]s?\b|\bcon que (?:frecuencia|periodicidad)\b|\bhow (?:often|frequently)\b"
    r"|\bevery how (?:many|much|long)\b"
)
_LASTING = r"\bcuanto (?:duro|dura|duran|duraron|duraria|tardo|tarda|tardaron)\b"
_HOW_LONG = r"\bhow (?:long|much time)\b"
_DURATION = re.compile(
    rf"\bcuant[oa] tiempo\b|{_LASTING}|{_HOW_LONG}"
    r"|\b(?:cual (?:es|fue|era|sera) la|que) duracion\b|\bwhat (?:is|was|will be) the duration\b"
)
# "¿En qué año…?", "¿De qué año es…?", "in which month and year", "¿Cuál es la fecha de
# publicación…?", "What is the publication date…?": a date is asked (_WHEN), and these
# words name no predicate the answering clause holds (_ASKING).
ASKS_DATE = (
    r"\b(?:(?:en|de) )?(?:que|cual) (?:(?:es|era|fue) (?:la|el) )?"
    r"(?:ano|fecha|mes|momento|dia|siglo)(?: y (?:ano|mes))?\b"
    r"|\b(?:what|which) (?:(?:is|was) the )?(?:year|date|month|day|century)"
    r"(?: and (?:year|month))?\b"
    r"|\bwhat (?:is|was) (?:the )?(?:\S+ )?(?:publication|release|birth|founding) date\b"
)
_WHEN = re.compile(
    r"(?:^|[¿,;]\s*)(?:y\s+|and\s+|desde\s+|hasta\s+|since\s+)?(?:cuando|when)\b|" + ASKS_DATE
)
# Magnitudes measured in a unit of length, speed or temperature, which no known kind of
# figure states (a share, a sum, a date, a period); a distance may be a time away ("a 20
# minutos de la ciudad"). Asked as "¿Cuál es la velocidad…?", "¿A qué distancia…?",
# "How far…?"; not named in a title ("el gráfico de «reconstrucción de la temperatura…»").
PHYSICAL_MAGNITUDES = (
    r"(?:temperatura|velocidad|distancia|altura|longitud|profundidad|temperature|speed"
    r"|distance|height|length|depth)\b"
)
_PHYSICAL = re.compile(
    r"\b(?:que|cual|what) (?:es |era |fue |sera |is |was )?(?:la |el |the )?"
    rf"{PHYSICAL_MAGNITUDES}|\bhow (?:far|fast|high|tall|deep|hot)\b"
)
_AWAY = re.compile(r"\b(?:distancia|distance|far)\b")
_ENERGY = re.compile(
    r"\bcuanta (?:energia|electricidad|potencia)\b|\bhow much (?:energy|electricity|power)\b"
    r"|\bque cantidad de energia\b|\b(?:consumo|gasto) (?:de )?(?:energia|energetico|electrico)\b"
    r"|\benergy (?:consumption|use|usage)\b|\bwhat amount of energy\b"
)
_MONEY = re.compile(
    r"\bcuant[oa]s? (?:\w+ ){0,2}?(?:cuesta|cuestan|costo|costaron|costara|cueste|vale|valen"
    r"|valio|dinero)\b"
    r"|\bhow much\b.*\b(?:cost|costs|money|worth|charge)\b"
    r"|\b(?:precio|price)\b|\b(?:cual|que) (?:es|fue|era) el (?:coste|costo)\b"
    r"|\bwhat (?:is|was) the cost\b|\bwhat (?:does|do|did|will)\b.*\bcost\b"
    r"|\bhow much (?:is|are|was|were) (?:the |a |an |this |that )?[\w-]+\W*$"
)
# Verbs of paying: money, unless the question names what was spent ("¿Cuánta energía
# gastó…?", "How much time did they spend…?").
_PAYING = re.compile(
    r"\bcuant[oa]s? (?:\w+ ){0,2}?(?:pago|pagaron|gasto|gastaron|invirtio)\b"
    r"|\bhow much\b.*\b(?:pay|paid|spend|spent)\b"
)
_PERCENT = re.compile(
    r"\b(?:que|cual|what|which)(?: (?:es|era|fue|sera|is|was|will be) (?:el|the))?"
    r" (?:porcentaje|percentage|percent)\b|\bcuanto por ciento\b"
)
# A question for the name of a role's holder ("¿Cómo se llama el autor…?"): a name is the
# answer, and the sentence that gives it rarely says "name".
_ROLE = r"(?:autora?|autores|creadora?|fundadora?|author|writer|creator|founder)"
ROLE_NAME = re.compile(
    rf"\bnombre del? {_ROLE}\b|\bcomo se llama(?:ba)? (?:el|la) {_ROLE}\b"
    rf"|\bname of the {_ROLE}\b|\b{_ROLE}['’]s name\b"
)
_NAME_WORD = re.compile(r"\b(?:nombre|llama|llamaba|name)\b")
# A Spanish count's noun is plural: "¿cuántos llegaron…?" counts no noun it names.
_COUNT = re.compile(r"\bcuant[oa]s (\w+s)\b|\bhow many ([\w-]+(?: [\w-]+){0,2})")
# "¿Cuál era la población de Varsovia?" counts people, as "¿cuántos habitantes…?" does.
POPULATION = re.compile(
    r"\b(?:cual|que) (?:es|era|fue|sera) la poblacion\b|\bwhat (?:is|was|will be) the population\b"
)
_PEOPLE = ("habitantes", "personas", "residentes", "people", "inhabitants", "residents")
# Words before a year that place what follows in it: "en 1999 científicos…".
_DATE_PLACING = frozenset(
    {"en", "de", "del", "desde", "hasta", "hacia", "durante", "antes", "despues", "ano"}
    | {"in", "of", "since", "until", "from", "by", "during", "before", "after", "year"}
)
# Interrogative phrases whose words name no predicate: "cada" or "tiempo" in "¿cada
# cuánto tiempo…?" must not make every "cada ocho meses" clause look on topic, nor the
# "hace" of "¿Qué hace el destilado?" (English "do") a sentence that "hace concluir…",
# nor the "dice" of "¿Qué dice el post sobre…?" a sentence that quotes a law, nor the
# "cita" of "¿Qué hardware cita el post?", nor the "según el post" / "according to the
# post" that names the source, nor the "que aparece en el post" that places it there:
# what the documents say, they say.
_ASKING = re.compile(
    r"\bcada cuant[oa]s?(?: tiempo)?\b|\bcuant[oa] tiempo\b|\bcon que (?:frecuencia|periodicidad)\b"
    rf"|{_LASTING}"
    r"|\bhow (?:often|frequently|long)\b|\bhow much time\b|\bevery how \w+\b"
    r"|\bquieren? decir\b|(?:^|[¿,;]\s*)que (?:hace|hacen|hacia|hacian|hizo|hicieron|hara|haran)\b"
    r"|(?:^|[¿,;]\s*)que (?:dice|dicen|decia|dijo)\b"
    r"|\bsays? about\b|\bsays?(?=\W*$)"
    r"|\b(?:cita|citan|menciona|mencionan|nombra|nombran|da|dan|mentions?|cites?|names?|gives?)"
    r"(?= (?:el|la|the|this) (?:post|libro|nota|notas|blog|autor|book|note|notes|author)\b)"
    r"|\b(?:mention|cite|list|give)(?=\W*$)|"
    + CITED_SOURCE
    + "|"
    + PLACED_IN_A_WORK
    + "|"
    + ASKS_DATE
)

# "¿De qué (libro) trata el post?", "¿De qué libro habla?", "What is the post about?": the
# verb asks what it is about; no sentence that states it need write "trata" or "about".
_ABOUT_VERB = re.compile(
    r"^(\W*(?:de|sobre) que\b.*?)\b(?:trata|habla)(?:n|ba|ban)?\b|\babout(?=\W*$)"
)


def asks_for_a_duration(question: str) -> bool:
    return bool(_DURATION.search(fold(question)))


def asks_for_a_period(question: str) -> bool:
    """ "¿Cada cuántos años…?", "How often…?": asked how often, not how many."""
    return bool(_PERIOD.search(fold(question)))


def expected_kinds(question: str) -> frozenset[Kind] | None:
    """The kinds of figure that answer `question`; None when it does not say. A count
    of something without a unit ("¿cuántas páginas…?") fits only figures of no known
    kind: pages are neither money nor a date."""
    text = fold(question)
    asked: set[Kind] = set()
    if _PERIOD.search(text) or _DURATION.search(text):
        asked.add(Kind.TIME)
    # "Cuando se detiene a mucha gente, ¿cuál es…?": a clause before the question mark
    # sets a scene, it asks nothing.
    asking = text[text.find("¿") :] if "¿" in text else text
    if _WHEN.search(asking) or "cuándo" in question.lower():
        asked |= {Kind.DATE, Kind.TIME}
    if _ENERGY.search(text):
        asked.add(Kind.ENERGY)
    counts = counted_nouns(question)
    asked |= {UNITS[noun][1] for noun in counts if noun in UNITS}
    if _MONEY.search(text) or (_PAYING.search(text) and not asked):
        asked.add(Kind.MONEY)
    if _PERCENT.search(text):
        asked.add(Kind.PERCENT)
    return frozenset(asked) if asked or counts else None


def physical_magnitude(question: str) -> str | None:
    """ "cual es la velocidad" of "¿Cuál es la velocidad…?", "how far" of "How far…?":
    how the magnitude is asked, which a figure in a unit of length, speed or temperature
    states, not "la mitad" nor "cada cuatro años"."""
    found = _PHYSICAL.search(fold(question))
    return found.group() if found else None


# The words by which a question names what a figure measures: a sentence that states a
# figure in a unit of that kind says them ("consumió 2,4 x 10^4 Kilowatios" states an
# energy, though it never writes "energía"). A unit the question names is said by a
# figure in that unit however it is spelled: "kilovatios" by "Kilowatios", "days" by
# "días".
_MEASURE_WORDS = {
    Kind.ENERGY: "energia energetico energy electricidad electricity consumo consumption",
    Kind.MONEY: "coste costo cost dinero money",
    Kind.COMPUTE: "computo compute operaciones operations",
    Kind.TIME: "tardo tardaron tarda tardan tardar tardaba duracion duration lasted"
    " tiempo time take takes took taken last lasts",
}
_MEASURED = {word: kind for kind, words in _MEASURE_WORDS.items() for word in words.split()}


def states_a_period(text: str, figure: Quantity) -> bool:
    """ "cada ocho meses", "every four years": how often, not how much."""
    return fold(text[figure.start : figure.end]).split(" ", 1)[0] in _PERIOD_WORDS


def measure_words_said(question: str, sentence: str, lang: str) -> frozenset[str]:
    """The keys of the question's words for a kind of figure, or for a unit, that
    `sentence` states a figure in."""
    named = _measure_words(question)
    if not named:
        return frozenset()
    figures = quantities(sentence, lang)
    stated = {figure.kind for figure in figures} | {figure.unit for figure in figures}
    return frozenset(
        key
        for word in named
        if (_MEASURED[word] if word in _MEASURED else UNITS[word][0]) in stated
        for key in word_keys(word)
    )


def measured_kinds(question: str) -> frozenset[Kind]:
    """The kinds of figure the question's words name: "energía" an energy, "días" a time."""
    return frozenset(
        _MEASURED[word] if word in _MEASURED else UNITS[word][1]
        for word in _measure_words(question)
    )


# Words that name a time only in a phrase that asks or grades one: "más tiempo", "less
# time", the "take" and "last" of "How long did it take?" ("el tiempo en el marcador", "took
# the ball" name none).
_TIME_IN_A_PHRASE = re.compile(
    r"\b(?:mas|menos|more|less) (tiempo|time)\b"
    rf"|{_HOW_LONG}.*?\b(take|takes|took|taken|last|lasts)\b"
)
_PHRASE_ONLY = frozenset({"tiempo", "time", "take", "takes", "took", "taken", "last", "lasts"})


@lru_cache(maxsize=256)
def _measure_words(question: str) -> frozenset[str]:
    named = {
        word
        for word in content_words(question)
        if (word in _MEASURED and word not in _PHRASE_ONLY) or word in UNITS
    }
    for found in _TIME_IN_A_PHRASE.finditer(fold(question)):
        named.add(found.group(1) or found.group(2))
    return frozenset(named)


def _english_head(phrase: str) -> str:
    """The noun an English "how many" phrase counts, the last plural of its words before a
    function word: "operations" in "floating point operations did…", "points" in "data
    points"; else its first word ("people live in…")."""
    words = phrase.split()
    before = list(itertools.takewhile(lambda word: word not in STOP_WORDS, words)) or words[:1]
    return next((word for word in reversed(before) if word.endswith("s")), before[0])


def counted_nouns(question: str) -> list[str]:
    """What "cuántos X / how many X" counts (folded X), for each such phrase; a
    population, or a count of people, is counted in any of the words for people ("How
    many people…?" by "diez millones de personas")."""
    text = fold(question)
    counted = [spanish or _english_head(english) for spanish, english in _COUNT.findall(text)]
    if POPULATION.search(text) or set(counted) & set(_PEOPLE):
        return counted + [word for word in _PEOPLE if word not in counted]
    return counted


def focus_terms(question: str, lang: str = "es") -> list[str]:
    """The question's content words that name what is asked about: not its
    interrogative phrase, nor the figures it states ("…cada cuatro años?")."""
    return question_terms(without_interrogative(_blank_figures(question, lang)))


def without_interrogative(question: str) -> str:
    """The question folded, without the phrase that asks ("en qué año", "how often",
    "quiere decir", the "name" of "What is the name of the author?"): the sentence that
    answers holds the answer, not these words."""
    text = _ABOUT_VERB.sub(lambda m: (m.group(1) or "") + " ", _ASKING.sub(" ", fold(question)))
    return _NAME_WORD.sub(" ", text) if ROLE_NAME.search(text) else text


def _blank_figures(text: str, lang: str) -> str:
    return _blank(text, quantities(text, lang))


def _blank(text: str, figures: Sequence[Quantity], offset: int = 0) -> str:
    """`text` with the figures (located `offset` characters before it) blanked out."""
    chars = list(text)
    for figure in figures:
        chars[figure.start - offset : figure.end - offset] = " " * (figure.end - figure.start)
    return "".join(chars)


@dataclass(frozen=True)
class Quantity:
    """A figure as stated: its value ("4", "2.1x10^25"), power-of-ten scale, canonical
    unit and that unit's kind, and where it sits in its text."""

    value: str
    scale: int | None
    unit: str | None
    kind: Kind | None
    start: int
    end: int

    def stated_by(self, other: Quantity) -> bool:
        """`other` states this figure: same value, and no scale or unit that conflicts
        (a figure written without its unit may be taken from a clause that has one)."""
        if self.value != other.value:
            return False
        if self.scale is not None and self.scale != other.scale:
            return False
        return self.unit is None or other.unit is None or self.unit == other.unit


def _kind_as_stated(figure: Quantity, stated: Quantity) -> Kind | None:
    """What kind of figure the answer claims, as its evidence states it. A bare figure
    takes the evidence's reading: "2000" alone reads as a year, but not when the sentence
    says "asistieron 2000 invitados"."""
    return stated.kind if figure.unit is None else figure.kind


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "word" or "symbol"
    text: str
    folded: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.lastgroup or "word", m.group(), fold(m.group()), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def quantities(text: str, lang: str = "es") -> list[Quantity]:
    """The figures of `text`, with their scale and unit; names' digits left out."""
    tokens = _tokens(text)
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        value = _value(tokens, index, text, lang)
        if value is None:
            index += 1
            continue
        quantity, index = _read_quantity(tokens, index, value, text)
        found.append(quantity)
    return found


def _value(tokens: Sequence[_Token], index: int, text: str, lang: str) -> str | None:
    token = tokens[index]
    if token.kind == "number":
        return None if _names_something(tokens, index, text) else normalize_number(token.text)
    if token.kind != "word":
        return None
    if token.folded in _ROUGH_COUNTS and not (token.folded == "miles" and lang != "es"):
        return _ROUGH_COUNTS[token.folded]
    if _DENOMINATORS.get(token.folded) == 2:
        return "1/2"
    if token.folded in _ONE and _denominator(tokens, index + 1, text):
        return "1"
    if token.folded == "once" and lang != "es":  # English "once" is not eleven
        return None
    return spelled_figure(token.folded, tokens[index - 1].folded if index else "")


def spelled_figure(word: str, previous: str) -> str | None:
    """The figure a folded number word writes ("diez" is "10"); None for any other word,
    and for the "ciento" of "por ciento"."""
    if word == "ciento" and previous == "por":
        return None
    return NUMBER_WORDS.get(word)


def _read_quantity(
    tokens: Sequence[_Token], index: int, value: str, text: str
) -> tuple[Quantity, int]:
    """The figure at `index` with the scale words and the unit that follow it (or a
    currency sign before it); returns it and the index after it."""
    first = tokens[index]
    start, end = first.start, first.end
    unit: tuple[str, Kind] | None = None
    sign = tokens[index - 1] if index else None
    if value == "1/2" or (value.isdigit() and _denominator(tokens, index + 1, text)):
        return _share(tokens, index, value, text)
    if sign and sign.kind == "symbol" and sign.text != "%" and _adjacent(text, sign, first):
        unit, start = UNITS[sign.text], sign.start
    elif sign and sign.folded in _PERIOD_WORDS:  # "cada ocho meses": "cada" is the figure's
        start = sign.start
    index += 1
    scale: int | None = None
    while index < len(tokens) and tokens[index].folded in SCALES:
        scale = (scale or 0) + SCALES[tokens[index].folded]
        end = tokens[index].end
        index += 1
    if unit is None:
        after = _unit_after(tokens, index, text)
        if after is not None:
            unit, index = after
            end = tokens[index - 1].end
    kind = unit[1] if unit else None
    counting = _counts_a_noun(tokens, index, text)
    if unit is None and scale is None and _year_shaped(value) and not counting:
        kind = Kind.DATE  # a bare four-digit figure is a year, "2000 personas" a count
    return Quantity(value, scale, unit[0] if unit else None, kind, start, end), index


def _counts_a_noun(tokens: Sequence[_Token], index: int, text: str) -> bool:
    """The word at `index`, right after a figure, is a plural noun the figure counts:
    "2000 personas", "asistieron 2000 invitados", past a share in brackets ("1388 (0,9 %)
    parejas"); not where a word that places a date goes before the figure ("en 1999
    científicos…")."""
    figure = tokens[index - 1]
    before = tokens[index - 2].folded if index >= 2 else ""
    aside = _ASIDE.match(text, figure.end)
    while aside and index < len(tokens) and tokens[index].start < aside.end():
        index += 1
    if index >= len(tokens):
        return False
    following = tokens[index]
    if following.folded in _PEOPLE:
        return True
    return (
        following.kind == "word"
        and following.text.islower()
        and following.folded.endswith("s")
        and following.folded not in STOP_WORDS
        and (aside is not None or _adjacent(text, figure, following))
        and before not in _DATE_PLACING
    )


_ASIDE = re.compile(r"\s*\([^()]{1,20}\)(?=\s)")


def _denominator(tokens: Sequence[_Token], index: int, text: str) -> bool:
    """A share's denominator right after its numerator ("dos tercios"; "mitad" takes none)."""
    if index >= len(tokens) or not _adjacent(text, tokens[index - 1], tokens[index]):
        return False
    return _DENOMINATORS.get(tokens[index].folded, 2) != 2


def _share(tokens: Sequence[_Token], index: int, value: str, text: str) -> tuple[Quantity, int]:
    """ "dos tercios", "a third", "la mitad", "half": a share, with its article."""
    first = tokens[index]
    if value == "1/2":
        start, before = first.start, tokens[index - 1] if index else None
        if before and before.folded in _BEFORE_HALF and _adjacent(text, before, first):
            start = before.start
        return Quantity(value, None, "share", Kind.SHARE, start, first.end), index + 1
    denominator = tokens[index + 1]
    share = f"{value}/{_DENOMINATORS[denominator.folded]}"
    return Quantity(share, None, "share", Kind.SHARE, first.start, denominator.end), index + 2


def _unit_after(
    tokens: Sequence[_Token], index: int, text: str
) -> tuple[tuple[str, Kind], int] | None:
    """The unit at `index` ("95 días", "41 millones de dólares", "20 por ciento", "3 min")."""
    if index < len(tokens) and tokens[index].folded in ("de", "del", "of"):
        index += 1
    if index >= len(tokens):
        return None
    token = tokens[index]
    following = tokens[index + 1].folded if index + 1 < len(tokens) else ""
    if token.folded == "por" and following == "ciento":
        return UNITS["%"], index + 2
    if token.folded in _ABBREVIATED_TIME and not text[token.start - 1].isspace():
        return None
    if token.folded in UNITS:
        return UNITS[token.folded], index + 1
    return None


def _names_something(tokens: Sequence[_Token], index: int, text: str) -> bool:
    """Digits that are part of a name: glued to letters ("GPT-4", "180B") or between a
    name's words ("Gemini 1.0 Ultra", "Llama 2" after the first word)."""
    token = tokens[index]
    before = text[token.start - 1] if token.start else ""
    after = text[token.end] if token.end < len(text) else ""
    if before.isalpha() or after.isalpha() or "_" in (before, after):
        return True
    if before == "-" and token.start >= 2 and text[token.start - 2].isalpha():
        return True
    previous = tokens[index - 1] if index else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if (
        previous
        and index > 1
        and _proper(previous)
        and _adjacent(text, previous, token)
        and not (following and following.folded in _FIGURE_WORDS)
    ):
        return True
    return bool(
        following
        and _proper(following)
        and _adjacent(text, token, following)
        and not _year_shaped(token.text)  # "En 2015 Obama visitó Kenia"
    )


# Words that say how many times: "4 veces" multiplies, it measures nothing.
MULTIPLIERS = frozenset({"veces", "vez", "times"})
# Words that make the digits before them a figure, though a name's word goes before
# them: "se produjo en Venecia 22 veces", "llegó a Tokio 3 días después".
_FIGURE_WORDS = frozenset(UNITS) | frozenset(SCALES) | MULTIPLIERS


def _year_shaped(figure: str) -> bool:
    return figure.isdigit() and 1000 <= int(figure) <= 2199


def _proper(token: _Token) -> bool:
    """A capitalised word that is no function word, month, unit or number word."""
    if token.kind != "word" or not token.text[0].isupper():
        return False
    common = (STOP_WORDS, MONTHS, UNITS, SCALES, NUMBER_WORDS)
    return not any(token.folded in words for words in common)


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    return not text[left.end : right.start].strip()


@dataclass(frozen=True)
class Clause:
    """A stretch of an evidence sentence between clause breaks: its figures and the
    word keys of everything else in it."""

    quantities: tuple[Quantity, ...]
    keys: frozenset[str]
    works: frozenset[str] = frozenset()  # the kinds of work it names ("book", "post")

    def extended(
        self, quantities: tuple[Quantity, ...], keys: frozenset[str], works: frozenset[str]
    ) -> Clause:
        return Clause(self.quantities + quantities, self.keys | keys, self.works | works)


def clause_end(text: str, start: int) -> int:
    """Where the clause that goes on at `start` ends: the next clause break, or the end."""
    following = _CLAUSE_BREAK.search(text, start)
    return following.start() if following else len(text)


def phrase_clause(text: str, start: int, end: int) -> str:
    """What the clause of `text` around the phrase `text[start:end]` says besides it: the
    clause goes on past an apposition ("Lady Gaga, la ganadora del Grammy, cantó…") and
    into a person's relative clause ("John Elway, who … is currently General Manager")."""
    apposition = _APPOSITION.match(text, end)
    following = clause_end(text, apposition.end() if apposition else end)
    relative = _WHO_CLAUSE.match(text, following)
    if relative:
        following = clause_end(text, relative.end())
    return text[clause_start(text, start) : start] + " " + text[end:following]


def _apposed_to(text: str, start: int, end: int) -> str:
    """The clause before the phrase `text[start:end]` where the phrase, with its article
    or without one, stands alone between commas (", M. Theo Kearney,"), or with its
    article opens the sentence's last stretch (", los New England Patriots por 20 a
    18."); "" otherwise."""
    opening = clause_start(text, start)
    before_it = text[opening:start].strip()
    with_article = fold(before_it) in ARTICLES
    alone = (not before_it or with_article) and text[end:].lstrip().startswith(",")
    alone = alone or (with_article and _CLAUSE_BREAK.search(text, end) is None)
    if not alone or opening == 0:
        return ""
    before = opening - 1  # inside the break that opens the phrase's clause
    return text[clause_start(text, before) : before]


def clause_start(text: str, end: int) -> int:
    """Where the clause that holds `end` begins: after the last clause break before it,
    or at the start."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, end)]
    return breaks[-1] if breaks else 0


def opening_adjunct_end(text: str) -> int:
    """Where the sentence's short opening phrase that a preposition leads ends ("After
    World War II, the government…", "En el año 1900, le concedieron…"); 0 where it opens
    with none."""
    first_break = _CLAUSE_BREAK.search(text)
    if first_break is None or not _opens_the_next_clause(text, first_break):
        return 0
    return first_break.start()


def _opens_the_next_clause(text: str, first_break: re.Match[str]) -> bool:
    """The sentence's first stretch, up to `first_break`, is a short phrase that a
    preposition leads, and the clause after it is no coordinated one."""
    return (
        _OPENING_ADJUNCT.fullmatch(text, 0, first_break.start()) is not None
        and len(text[: first_break.start()].split()) <= _OPENING_ADJUNCT_WORDS
        and not _CONJUNCTION.match(text, first_break.end())
    )


@lru_cache(maxsize=8192)
def clauses(text: str, lang: str = "es") -> tuple[Clause, ...]:
    """`text` cut at clause breaks, each with its own figures (cached: the same
    evidence sentences are checked against every answer sentence). A stretch with no
    word besides its figures, month names and words that place a date ("En 1850, …", "El 6
    de octubre de 1973, …", "A principios de 1954, …") states no predicate of its own: its
    figures belong to the next clause, and so do the words and figures of a short opening
    phrase ("En el año 1900, le concedieron a Tesla las patentes…"). A stretch that opens
    with "con / with" (", con 17 786 419 habitantes,") says more of the clause before; one
    that opens with "cuando / when" happened at the dates of the clause before."""
    figures = quantities(text, lang)
    breaks = list(_CLAUSE_BREAK.finditer(text))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(text)]
    found: list[Clause] = []
    pending: tuple[Quantity, ...] = ()
    opening: Clause | None = None
    for start, end in zip(starts, ends, strict=True):
        inside = pending + tuple(q for q in figures if start <= q.start < end)
        rest = _blank(text[start:end], [q for q in inside if q.start >= start], offset=start)
        keys = frozenset(
            key
            for word in content_words(rest)
            if word not in MONTHS and word not in _WHEN_WORDS
            for key in word_keys(word)
        )
        works = works_spoken_of(text[start:end])
        if keys and start == 0 and breaks and _opens_the_next_clause(text, breaks[0]):
            opening = Clause(inside, keys, works)
        elif keys and found and _WITH_PHRASE.match(text, start):
            # ", con 17 786 419 habitantes,"
            found.append(found.pop().extended(inside, keys, works))
        elif keys:
            if found and _WHEN_PHRASE.match(text, start):
                # "llegó en 1913, cuando el V&A recibió…": both happened then
                inside += tuple(q for q in found[-1].quantities if q.kind is Kind.DATE)
            found.append(
                opening.extended(inside, keys, works) if opening else Clause(inside, keys, works)
            )
            opening = None
        pending = () if keys else inside
    if opening is not None:
        found.append(opening)
    if pending:
        last = found.pop() if found else Clause((), frozenset())
        found.append(last.extended(pending, frozenset(), frozenset()))
    return tuple(found)


def postposed_subject(text: str, verb: frozenset[str]) -> str:
    """The subject a sentence writes after its verb's clause, as its last stretch: "los
    modelos concretos" of "Dentro de esos ejes, se representan mediante pequeños círculos,
    los modelos concretos." A short noun phrase that an article opens, right after the
    clause that writes `verb`; else empty."""
    breaks = list(_CLAUSE_BREAK.finditer(text))
    if not breaks:
        return ""
    last = text[breaks[-1].end() :]
    before = text[breaks[-2].end() if len(breaks) > 1 else 0 : breaks[-1].start()]
    if (
        not re.match(rf"\s*{_ARTICLE}", last, re.IGNORECASE)
        or len(content_words(last)) > _POSTPOSED_WORDS
        or not keys_of(before) & verb
    ):
        return ""
    return last


_POSTPOSED_WORDS = 4


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without the spaces around it and its final punctuation."""
    run = text[start:end]
    start += len(run) - len(run.lstrip())
    return start, start + len(run.strip().rstrip(" .;:"))


class ClaimCheck:
    """The question's side of both checks, computed once per question."""

    def __init__(self, question: str, lang: str) -> None:
        self.lang = lang
        self.expected = expected_kinds(question)
        self.duration = asks_for_a_duration(question)
        self.physical = physical_magnitude(question)
        self.given = frozenset(q.value for q in quantities(question, lang))
        self.focus = [word_keys(word) for word in dict.fromkeys(focus_terms(question, lang))]
        counted = frozenset().union(*(word_keys(noun) for noun in counted_nouns(question)))
        # what a figure is placed by: what it counts is written beside every count of it
        self.placing = [keys for keys in self.focus if not keys & counted]
        self.works = works_spoken_of(question)
        self.detail_of = asked_detail_kind(question)
        self.asked_verb = asked_verb_of(question)

    def claimed(self, sentence: str) -> list[Quantity]:
        """The figures an answer sentence asserts (not those the question states)."""
        found = quantities(strip_markers(sentence), self.lang)
        return [q for q in found if q.value not in self.given]

    def supported_by(self, claimed: Sequence[Quantity], evidence: str, lang: str) -> bool:
        """Every claimed figure is stated in a clause of `evidence` that carries the
        question's predicate, and at least one fits the kind the question asks for."""
        if not claimed:
            return True
        on_topic = [
            c for c in clauses(evidence, lang) if self.carries_predicate(c) and self.names_work(c)
        ]
        fits = self.expected is None and self.physical is None
        for figure in claimed:
            stated = [q for c in on_topic for q in c.quantities if figure.stated_by(q)]
            if not stated:
                return False
            fits = fits or any(self.fits(_kind_as_stated(figure, q)) for q in stated)
        return fits

    def names_work(self, clause: Clause) -> bool:
        """A work's own detail (its price, its pages) is stated only by a clause that names
        that kind of work; any clause may state another figure."""
        return self.detail_of is None or self.detail_of in clause.works

    def carries_predicate(self, clause: Clause) -> bool:
        """The clause holds one of the question's content words, and names no other kind of
        work than the one the question asks about: "que el libro está publicado en
        Diciembre de 2023" does not date the post."""
        if self.works and clause.works and not self.works & clause.works:
            return False
        return not self.focus or self.words_carried(clause.keys) > 0

    def words_carried(self, keys: frozenset[str]) -> int:
        """How many of the question's content words a text whose word keys are `keys`
        holds."""
        return sum(1 for focus in self.focus if focus & keys)

    def off_the_asked_verb(self, text: str, phrase: str) -> bool:
        """ "¿Qué se pierde al cuantizar?": the sentence writes the verb asked of "qué se"
        ("…reduce el número de bits, perdiendo algo de precisión"), and the phrase takes
        none of its words from a clause that holds it: what is lost is what that clause
        says. "¿Qué reduce la cuantización?": the sentence says what the question's subject
        does (`asked_verb_object`), and the phrase takes none of its words from what the
        verb acts on."""
        if not self.asked_verb.verb:
            return False
        asked = frozenset().union(self.asked_verb.verb, *self.focus)
        if self.asked_verb.noun:
            acted_on = self.asked_verb_object(text)
            if acted_on is None:
                return False
            return not keys_of(phrase) & (keys_of(text[acted_on[0] : acted_on[1]]) - asked)
        holding = [c.keys for c in clauses(text, self.lang) if c.keys & self.asked_verb.verb]
        if not holding:
            return False
        holding.append(keys_of(postposed_subject(text, self.asked_verb.verb)))
        return not keys_of(phrase) & (frozenset().union(*holding) - asked)

    def asked_verb_object(self, text: str) -> tuple[int, int] | None:
        """Where `text` states what the asked verb acts on: "las alucinaciones" in "La
        incorporación de bases de conocimiento, con información factual, reduce las
        alucinaciones." for "¿Qué reduce la incorporación de bases de conocimiento?"; the
        rest of the verb's clause. None unless the sentence writes the noun the question puts
        after the verb before that verb, as its subject: "¿Qué reduce X?" may also ask what
        reduces X, and a sentence that writes X after "reduce" says that; "¿Qué destruyó
        las reliquias durante la Revolución Cultural?" is not answered by what "la
        Revolución Cultural, los Guardias Rojos destruyeron". Where the sentence writes
        the verb more than once, the one after the most of the noun's phrase: "…and
        Oxnard-Thousand Oaks-Ventura metropolitan area form Greater Los Angeles; while the
        El Centro metropolitan area and San Diego-… metropolitan area form the Southern
        Border Region"."""
        if not self.asked_verb.noun:
            return None
        found = self._verb_after_the_phrase(text)
        if found is None:
            return None
        start, end = trimmed(text, found.end(), clause_end(text, found.end()))
        noun = self.asked_verb.noun
        subject = noun & keys_of(text[: found.start()]) and not noun & keys_of(text[start:end])
        return (start, end) if subject and end > start else None

    def _verb_after_the_phrase(self, text: str) -> re.Match[str] | None:
        """Of the words of `text` that write the asked verb, the first of those after the
        most words of the question's phrase back to the one before."""
        verbs = list(words_of(text, self.asked_verb.verb))
        if not verbs:
            return None
        after = [0, *(verb.end() for verb in verbs[:-1])]
        phrase = self.asked_verb.phrase
        said = [
            len(phrase & keys_of(text[a : v.start()])) for v, a in zip(verbs, after, strict=True)
        ]
        return verbs[said.index(max(said))]

    def asked_verb_complement(self, text: str) -> tuple[int, int] | None:
        """Where `text` states what the verb of "¿Qué se <verbo>…?" acts on: "algo de
        precisión" in "…, perdiendo algo de precisión pero consiguiendo…" for "¿Qué se
        pierde con la cuantización?"; the words after the verb to the end of its clause,
        of the conjoined parts the one with most of the question's words ("el número de
        FLOPS" of "muestra el tiempo en el eje de abscisas y el número de FLOPS en el eje de
        ordenadas" for what is shown on the "eje de ordenadas"), without the question's
        own words at its end; where none holds any, all of them up to a "pero / but". None
        when a function word follows the verb ("se pierde al cuantizar" says when, not what)
        or two parts hold as many of the question's words."""
        if not self.asked_verb.verb or self.asked_verb.noun:
            return None
        found = first_word_of(text, self.asked_verb.verb)
        if found is None:
            return None
        end = clause_end(text, found.end())
        joins = list(_JOINING.finditer(text, found.end(), end))
        starts = [found.end(), *(j.end() for j in joins)]
        parts = list(zip(starts, [*(j.start() for j in joins), end], strict=True))
        carried = [self.words_carried(keys_of(text[a:b])) for a, b in parts]
        most = max(carried)
        if most and carried.count(most) > 1:
            return None  # the parts hold as many of the question's words: none is asked
        if most:
            start, end = parts[carried.index(most)]
        else:  # a list is whole; "pero / but" goes on to another predicate
            but = next((j for j in joins if fold(j.group().strip()) in ("pero", "but")), None)
            start, end = found.end(), but.start() if but else end
        start, end = trimmed(text, start, self._before_the_asked_words(text, start, end))
        if LINKING_START.match(text, start) or end <= start:
            return None
        return start, end

    def _before_the_asked_words(self, text: str, start: int, end: int) -> int:
        """Where the phrase `text[start:end]` ends before a closing phrase that a preposition
        opens and only the question's words fill ("en el eje de ordenadas")."""
        asked = frozenset().union(*self.focus)
        for opening in LINKING_START.finditer(text, start, end):
            if opening.start() > start and text[opening.start() - 1] == " ":
                tail = content_words(text[opening.start() : end])
                if tail and all(word_keys(word) & asked for word in tail):
                    return opening.start()
        return end

    def phrase_on_topic(self, text: str, start: int, end: int) -> bool:
        """The clause of `text` around the phrase `text[start:end]` (a name), with the
        relative clause that follows it, holds one of the question's content words besides
        the phrase: "OpenAI" in "…GPT-4 de OpenAI realizó…" does not answer who developed
        Gemini. A name set between commas alone is read with the clause it is set beside:
        "…lleva el nombre de un empresario del siglo XX, M. Theo Kearney, que…"."""
        clause = phrase_clause(text, start, end) + " " + _apposed_to(text, start, end)
        return self.carries_predicate(self._as_clause(clause))

    def words_beside(self, text: str, start: int, end: int) -> int:
        """How many of the question's content words the clause around the figure
        `text[start:end]` holds. A figure in the sentence's opening phrase is read with the
        clause that phrase opens: "En el otoño de 2015, ABC se detiene…"."""
        clause = phrase_clause(text, start, end)
        opening = opening_adjunct_end(text)
        if end <= opening:
            clause += " " + text[opening : clause_end(text, opening + 1)]
        return self.words_carried(self._as_clause(clause).keys)

    def words_away(self, text: str, start: int, end: int) -> int:
        """How many words lie between the phrase `text[start:end]` and the nearest of the
        question's content words in its clause: of "el 5 % cristianos ortodoxos y el 2,8 %
        protestantes", "2,8 %" stands by "protestantes". Not the noun the question counts:
        "Había 158 349 hogares, de los cuales 68 511 … tenían hijos menores de 18 años" for
        how many households have children. Where its clause holds none, as many as the
        sentence has words: farther than any that holds one. A figure in the sentence's
        opening phrase is read with the clause that phrase opens, as in `words_beside`."""
        opening, closing = clause_start(text, start), clause_end(text, end)
        adjunct = opening_adjunct_end(text)
        if end <= adjunct:
            closing = clause_end(text, adjunct + 1)
        before = _ANY_WORD.findall(fold(text[opening:start]))
        after = _ANY_WORD.findall(fold(text[end:closing]))
        wanted = [
            index
            for side in (before[::-1], after)
            for index, word in enumerate(side)
            if any(keys & word_keys(word) for keys in self.placing)
        ]
        return min(wanted, default=len(_ANY_WORD.findall(text)))

    def _as_clause(self, clause: str) -> Clause:
        words = content_words(_blank_figures(clause, self.lang))
        return Clause((), frozenset(k for w in words for k in word_keys(w)))

    def fits(self, kind: Kind | None) -> bool:
        if kind is Kind.DATE and self.duration:
            return True  # "desde 1870 hasta 1939" says how long
        if self.physical is not None:
            return kind is None or (kind is Kind.TIME and bool(_AWAY.search(self.physical)))
        if kind is Kind.SHARE and self.expected is not None:
            # "dos tercios de su población" says how many, and what percentage
            return not self.expected or Kind.PERCENT in self.expected
        return kind is None or self.expected is None or kind in self.expected
