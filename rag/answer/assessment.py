"""The question against the evidence, computed once before generation: every evidence
sentence ranked by relevance, the answerability probability, and which sentences may
answer and with what phrases of the asked type. The verifier (rag/answer/verify.py)
decides the answer from it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rag.answer.answer_types import (
    AnswerType,
    asks_organization,
    asks_several,
    candidate_spans,
    expected_type,
)
from rag.answer.claims import ClaimCheck, focus_terms, phrase_clause
from rag.answer.comparisons import comparison_at, on_the_favoured_side
from rag.answer.doers import names_the_deed_only_as_a_noun
from rag.answer.evidence import Evidence, EvidencePool, keys_of
from rag.answer.spans import in_brackets, locate
from rag.answer.subjects import names_the_subject, owned_by_another_name, owns_an_asked_name
from rag.answer.works import (
    gives_an_asked_author,
    is_cited_author,
    named_as_source,
    not_given_in_the_asked_role,
)
from rag.sentences import Span

# Questions whose answer is a name, a figure, a date or an expansion get that phrase
# from the evidence; for a figure, a date or an expansion, the documents hold one or
# do not answer ("who" may be answered by "las grandes empresas tecnológicas").
TYPED = frozenset(
    {
        AnswerType.PERSON,
        AnswerType.QUANTITY,
        AnswerType.DATE,
        AnswerType.EXPANSION,
        AnswerType.EXAMPLES,
    }
)
STRICT_TYPES = TYPED - {AnswerType.PERSON, AnswerType.EXAMPLES}
FIGURES = frozenset({AnswerType.QUANTITY, AnswerType.DATE})
# A phrase of the asked type that the model did not say is offered only from a sentence
# about as relevant as the best one about the question's subject, and one it said only
# from a sentence about as relevant as the best one that offers one: from a lesser one it
# was, on held-in data, the figure or name of something else (docs/answering.md).
PHRASE_RATIO = 0.95
# How much less of the question than the best relevant sentence one may cover and still
# hold the answer, unless a clause check finds it (`Assessment.coverage_floor`).
COVERAGE_GAP = 0.1


@dataclass
class Scored:
    evidence: Evidence
    score: float
    cosine: float = 0.0
    coverage: float = 0.0
    # word keys the sentence says in other words (a term's other form, a product's maker)
    said: frozenset[str] = frozenset()


@dataclass
class Assessment:
    """The question against the evidence, computed once before generation."""

    question: str
    lang: str
    pool: EvidencePool
    ranked: list[Scored]  # evidence sentences by relevance to the question
    relevance_ratio: float = 0.0  # of the best relevance, below which evidence answers nothing
    signals: dict[str, float] = field(default_factory=dict)  # answerability.FEATURES
    probability: float = 0.0  # that the evidence answers the question
    # Phrases of the asked type by evidence sentence: found while assessing answerability,
    # used again when deciding.
    _typed: dict[tuple[int, str], list[str]] = field(default_factory=dict)

    @property
    def best(self) -> float:
        return self.ranked[0].score if self.ranked else 0.0

    @functools.cached_property
    def asked(self) -> AnswerType:
        """The type of phrase the question asks for; none when it asks for several."""
        if asks_several(self.question):
            return AnswerType.OTHER
        return expected_type(self.question, self.lang)

    @functools.cached_property
    def check(self) -> ClaimCheck:
        return ClaimCheck(self.question, self.lang)

    @functools.cached_property
    def some_sentence_shares_a_word(self) -> bool:
        """A ranked sentence writes one of the question's content words."""
        return any(self.check.words_carried(s.evidence.keys) for s in self.ranked)

    @property
    def strict(self) -> bool:
        """The question is answered by a phrase of its type or not at all: a figure, a
        date, an expansion, or the name of a publisher or company."""
        return self.asked in STRICT_TYPES or (
            self.asked is AnswerType.PERSON and asks_organization(self.question)
        )

    @property
    def floor(self) -> float:
        """Evidence less relevant than this is no answer to the question."""
        return self.relevance_ratio * self.best

    @functools.cached_property
    def coverage_floor(self) -> float:
        """A sentence that covers less of the question than this holds no answer to it: the
        best coverage of a sentence relevant enough, less `COVERAGE_GAP`. The model that
        answered from a sentence covering clearly less of it took, on held-in data, mostly
        a wrong phrase ("Inglaterra" for the country the plague reached after three years
        in Europe). None for a question answered by a figure, a date, an expansion or a
        company's name (`strict`), whose checks find the clause that states it, or asking
        for several things, each covered by its own sentence."""
        if self.strict or asks_several(self.question):
            return 0.0
        relevant = (s.coverage for s in self.ranked if s.score >= self.floor)
        return max(relevant, default=0.0) - COVERAGE_GAP

    @functools.cached_property
    def typed_floor(self) -> float:
        """A phrase of the asked type comes from a sentence about as relevant as the best
        one that offers one (`PHRASE_RATIO`): the model's "1350" from a lesser
        sentence (another town's plague pits) is not when the plague reached England, which
        the best one gives ("1349")."""
        offering = (
            s.score
            for s in self.ranked
            if s.score >= self.floor and s.coverage >= self.coverage_floor and self.typed_phrases(s)
        )
        return PHRASE_RATIO * next(offering, 0.0)

    @functools.cached_property
    def comparing(self) -> list[Scored]:
        """The evidence sentences about the question's subject that make the comparison
        it makes, best first: they answer it, though they may share fewer of its words
        ("el entrenamiento de Gemini duró más que…" for "¿Qué modelo duró más?") than
        those that give each figure, and so rank below them."""
        return [
            scored
            for scored in self.ranked
            if comparison_at(self.question, scored.evidence.text) is not None
            and names_the_subject(self.question, scored.evidence)
        ]

    def loses_the_comparison(self, sentence: str, start: int) -> bool:
        """Where some evidence sentences make the question's comparison, a phrase answers
        it only from one of them, on the side it favours."""
        return bool(self.comparing) and not on_the_favoured_side(self.question, sentence, start)

    def may_answer(self, scored: Scored, answer: str = "") -> bool:
        """The sentence makes the question's comparison, or is relevant enough, covers
        enough of the question and names its subject (the names of `answer` aside)."""
        if any(scored is comparing for comparing in self.comparing):
            return True
        return (
            scored.score >= self.floor
            and scored.coverage >= self.coverage_floor
            and names_the_subject(self.question, scored.evidence, answer)
        )

    @functools.cached_property
    def relevant(self) -> list[Scored]:
        """The evidence sentences that may answer (`may_answer`), best first."""
        return self.relevant_to("")

    def relevant_to(self, answer: str) -> list[Scored]:
        """The evidence sentences that may answer with `answer`, best first: a sentence
        that names the asked name beside the question's subject ("Otra sección,
        Brookhaven, … recibió el nombre…") names no other subject."""
        return [scored for scored in self.ranked if self.may_answer(scored, answer)]

    def typed_phrases(self, scored: Scored, answer: str = "") -> list[str]:
        """The phrases of the asked type in this sentence that it states about what the
        question asks (not a figure it gives for something else, nor about another name),
        the sentence read for `answer` (`names_the_subject`)."""
        key = (id(scored.evidence), answer)
        if key not in self._typed:
            self._typed[key] = typed_phrases_of(self, scored.evidence, answer)
        return self._typed[key]


def typed_phrases_of(assessment: Assessment, evidence: Evidence, answer: str = "") -> list[str]:
    if not names_the_subject(assessment.question, evidence, answer):
        return []
    asked, question, text = assessment.asked, assessment.question, evidence.text
    across = across_languages(assessment, evidence)
    spans = [
        span
        for span in typed_spans(assessment, evidence)
        if not is_cited_author(question, span.text, evidence.passage.metadata)
        and not not_given_in_the_asked_role(question, span.text, text)
        and not reports_the_doer(assessment, text, span.start)
        and not names_the_deed_only_as_a_noun(question, text, span.start, span.end)
    ]
    if across and len(spans) == 1:
        # An English question may share no word with the Spanish clause that answers it:
        # the one phrase of the asked type in a sentence is not confused with another.
        return [spans[0].text]
    check = assessment.check
    # Across languages a clause that spells a word of the question alike is on topic, as
    # one sharing its stem is ("redujo … en respuesta" for "reduced in response").
    return [
        span.text
        for span in spans
        if (across and clause_spells_the_question(assessment, text, span))
        or (
            check.supported_by(check.claimed(span.text), text, evidence.lang)
            and (
                asked is not AnswerType.PERSON
                or check.phrase_on_topic(text, span.start, span.end)
                or owns_an_asked_name(question, text, span.start, span.end)
                or gives_an_asked_author(question, text, span.start, span.end)
            )
        )
    ]


def best_placed_figure(
    assessment: Assessment, scored: Scored, figure: str, by_nearness: bool = False
) -> str:
    """The figure the model took from the sentence, or the sentence's other figure of the
    asked kind whose clause holds more of the question's words: "¿Cuándo promulgó Victoria
    su constitución?" is answered by "promulgada en 1975", not by the "Constitución
    colonial de 1855" of the same sentence. `by_nearness`, where the model chose none: of
    figures whose clauses hold as many, the one that stands nearer to a word of the
    question ("la captura de Montreal en 1760", not the "1754" the clause gives first);
    where they tie so, the model's choice is the better guide ("The allies left the
    Rhineland, in 1930 and the German army re-occupied it in 1936")."""
    if assessment.asked not in FIGURES:
        return figure
    text = scored.evidence.text
    found = locate(figure, text)
    if found is None:
        return figure
    stated = assessment.typed_phrases(scored, figure)
    check = assessment.check

    def placed(start: int, end: int) -> tuple[int, int]:
        away = check.words_away(text, start, end) if by_nearness else 0
        return check.words_beside(text, start, end), -away

    rivals = [
        (placed(span.start, span.end), span.text)
        for span in typed_spans(assessment, scored.evidence)
        if span.text in stated
        and (span.end <= found.start or span.start >= found.end)
        and not in_brackets(text, span.start)  # "340 millas (550 km)" restates the 340
    ]
    where, best = max(rivals, key=lambda rival: rival[0], default=((0, 0), figure))
    return best if where > placed(found.start, found.end) else figure


def clause_spells_the_question(assessment: Assessment, text: str, span: Span) -> bool:
    """Across languages, the clause around a name holds a word spelled alike to one of the
    question's ("nacional" for "national"): it is on topic as a shared word would make it."""
    clause = keys_of(phrase_clause(text, span.start, span.end))
    words = focus_terms(assessment.question, assessment.lang)
    return any(assessment.pool.cognates(word) & clause for word in words)


def typed_spans(assessment: Assessment, evidence: Evidence) -> list[Span]:
    """The phrases of the asked type in the sentence that no other name owns, stated about
    what the question asks or not."""
    text, question = evidence.text, assessment.question
    return [
        span
        for span in candidate_spans(
            text, assessment.asked, question, assessment.lang, evidence.lang
        )
        if not owned_by_another_name(question, text, span.start)
        and not assessment.loses_the_comparison(text, span.start)
    ]


def reports_the_doer(assessment: Assessment, sentence: str, start: int) -> bool:
    """A "who" question is not answered by the name the sentence gives, at `start`, as the
    source of what it says (`named_as_source`)."""
    return assessment.asked is AnswerType.PERSON and named_as_source(
        assessment.question, sentence, start
    )


def across_languages(assessment: Assessment, evidence: Evidence) -> bool:
    return evidence.lang != assessment.lang


def best_about_the_subject(assessment: Assessment) -> float:
    """The relevance of the best sentence that names what the question asks about: a
    definition of FLOPs outranks every figure of GPT-4's training, and says nothing of it."""
    about = (s for s in assessment.ranked if names_the_subject(assessment.question, s.evidence))
    return next((s.score for s in about), assessment.best)
