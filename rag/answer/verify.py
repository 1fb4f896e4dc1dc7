"""Verification: keep only answer sentences the passages support, cite them, or fall
back to quoting, or abstain.

The default model is small and often wrong, so its text is never trusted as is:
1. If no passage sentence is relevant enough to the question, abstain before any
   generation (the cheapest and safest outcome).
2. Each generated sentence must be supported by one passage sentence (content words,
   numbers and embedding similarity, and each figure taken from a clause of that
   sentence that is about what the question asks, in a unit that fits it:
   rag/answer/claims.py); unsupported sentences are dropped, and every kept one cites
   the sentence that backs it, quoted exactly from the document.
3. If nothing supported remains, or what remains only restates the question, the
   answer becomes the best passage sentences for the question, quoted and cited, but
   only when they are clearly relevant (a higher bar than for trying to generate, since
   a supported generated sentence is itself evidence that the answer is there);
   otherwise the answer abstains.
Thresholds come from settings and were calibrated by `bench/calibrate_answers.py`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rag.analyzer import ARTICLE_PATTERN
from rag.answer.acronyms import singular_acronyms
from rag.answer.aliases import other_name_given
from rag.answer.answer_types import (
    AnswerType,
    asks_a_difference,
    asks_several,
    candidate_spans,
    example_words_said,
    is_range,
    name_words,
    names_in,
    question_names,
    span_fits,
    whole_figure,
    whole_name,
)
from rag.answer.answerability import FEATURES, AnswerabilityModel, lead, model_for
from rag.answer.assessment import (
    PHRASE_RATIO,
    TYPED,
    Assessment,
    Scored,
    across_languages,
    best_about_the_subject,
    best_placed_figure,
    reports_the_doer,
    typed_spans,
)
from rag.answer.causes import cause_given, restates_the_effect
from rag.answer.citations import cited_answer, strip_markers
from rag.answer.claims import (
    clause_end,
    measure_words_said,
    phrase_clause,
    quantities,
    without_interrogative,
)
from rag.answer.comparisons import (
    compares_by_figures,
    comparison_words_said,
    favoured_by_figures,
    favoured_name,
)
from rag.answer.counts import without_the_counted_noun
from rag.answer.definitions import defines_another, definition_given
from rag.answer.doers import asked_doer, names_the_deed_only_as_a_noun
from rag.answer.evidence import (
    Evidence,
    EvidencePool,
    content_words,
    cosine,
    keys_of,
    numbers,
    question_terms,
    word_keys,
)
from rag.answer.kinds import kind_given, qualifiers_only
from rag.answer.manners import manner_given
from rag.answer.measured import drops_the_measure
from rag.answer.naming import (
    apposed_name,
    asks_for_the_name,
    asks_what_is_described,
    glossed_term,
    name_given,
    names_whom_asked,
    quoted_after_the_asked_word,
    source_named,
    the_one_name,
    the_one_place,
)
from rag.answer.places import place_given
from rag.answer.prepositions import governed_phrase, outside_the_governed_phrase
from rag.answer.purposes import means_of_the_asked_action
from rag.answer.qualifiers import qualifies_another, replaces_a_qualifier
from rag.answer.scores import score_given
from rag.answer.sentence_vectors import SentenceVectors
from rag.answer.spans import (
    asked_noun,
    asked_noun_start,
    asks_for_a_list,
    bridged,
    copula_complement,
    in_a_subject_of_the_asked_noun,
    locate,
    modifies_a_word_asked_with,
    parts,
    restated_subject_complement,
    reworded_noun_start,
    short_answer,
    whole_list,
    with_its_article,
)
from rag.answer.spelling import abbreviated, respelled
from rag.answer.subjects import (
    maker_words_said,
    names_carried,
    names_only_the_noun_asked_with,
    names_the_subject,
    opens_on_a_verb,
    owned_by_another_name,
    passage_gives_the_names,
)
from rag.answer.terms import term_words_said
from rag.answer.works import (
    asked_topic_kind,
    asks_for_a_source,
    bare_work,
    is_cited_author,
    names_a_work_of,
    not_given_in_the_asked_role,
    of_another_work,
    said_of_works,
    source_words_said,
    title_given,
    titles_another_work,
)
from rag.embedder import Embedder
from rag.schema import Answer, AnswerMode, Passage
from rag.sentences import Span, split_sentences

ABSTENTION = {
    "es": "No encuentro esa información en los documentos.",
    "en": "I could not find that in the documents.",
}
_DONT_KNOW = re.compile(
    r"\b(no lo s[eé]|no (lo )?sabemos|no se sabe|i don'?t know|i do not know|unknown|"
    r"no (hay|tengo) (informaci[oó]n|datos)|not (mentioned|stated|specified))\b",
    re.IGNORECASE,
)
# A claim of only these words says yes or no and nothing the evidence could back: "No, it
# does not." ("not" shares the Spanish stem of "note").
_YES_OR_NO = frozenset({"yes", "no", "not", "si", "never", "nunca", "tampoco", "neither"})
EXTRACTIVE_SENTENCES = 2
# A short answer longer than this is no longer a phrase but a sentence.
MAX_SPAN_WORDS = 15
# A second quoted sentence must be nearly as relevant as the best one.
EXTRACTIVE_RATIO = 0.9
_FIGURES_IN_BRACKETS = re.compile(r"\s*\([^()]*\d[^()]*\)\W*$")
# Evidence at least this likely to answer (the answerability model's probability, which
# few questions without their paragraph reach: docs/answering.md) is quoted for a figure
# or a date that it holds but no clause check found.
CONFIDENT = 0.8


@dataclass(frozen=True)
class Thresholds:
    answerable: float  # probability that the evidence answers, below this: abstain
    extractive: float  # ... below this: no quoting fallback (only a checked answer)
    support: float  # a generated sentence's support below this: drop it
    lexical_weight: float  # share of word overlap (vs embedding cosine) in both scores
    # Evidence for a kept sentence must be at least this share as relevant to the
    # question as the best evidence: a true sentence about something else (the cost of
    # GPT-4 given for its energy) is not an answer.
    relevance_ratio: float
    model: AnswerabilityModel | None = None  # None: the fit for the verifier's embedder


@dataclass
class Claim:
    """One generated sentence and its support by each evidence sentence (aligned
    with `Assessment.ranked`)."""

    text: str
    supports: list[float]
    declined: bool  # "I don't know": the model found no answer


class Verifier:
    def __init__(
        self,
        embedder: Embedder,
        thresholds: Thresholds,
        sentence_vectors: SentenceVectors | None = None,
    ) -> None:
        self.embedder = embedder
        self.thresholds = thresholds
        self.sentence_vectors = sentence_vectors
        self.answerability = thresholds.model or model_for(embedder.name)

    def mix(self, lexical: float, semantic: float) -> float:
        weight = self.thresholds.lexical_weight
        return weight * lexical + (1.0 - weight) * semantic

    def assess(self, question: str, lang: str, passages: Sequence[Passage]) -> Assessment:
        """Rank every passage sentence by relevance to the question (rarity-weighted
        word overlap plus cosine), its names spelled as the passages spell them."""
        stored = (
            self.sentence_vectors.read([p.chunk_id for p in passages])
            if self.sentence_vectors is not None and passages
            else None
        )
        pool = EvidencePool(passages, self.embedder, stored)
        question = abbreviated(respelled(question, pool.sentences), pool.sentences)
        terms = question_terms(without_interrogative(singular_acronyms(question)))
        vector = pool.vector(question)
        ranked = []
        for sentence in pool.sentences:
            # who wrote a work, where it comes from, what it is called, who made a product,
            # what a figure measures, when a work came out, a term in its other form, a comparison
            # graded the other way, examples listed, the names a sentence referring back
            # speaks of
            said = (
                said_of_works(question, sentence.works)
                | source_words_said(question, sentence.text)
                | maker_words_said(question, sentence.text)
                | measure_words_said(question, sentence.text, sentence.lang)
                | term_words_said(sentence.keys)
                | comparison_words_said(question, sentence.text)
                | example_words_said(question, sentence.text)
                | names_carried(sentence)
            )
            across = sentence.lang != lang
            coverage = pool.coverage(terms, sentence, weighted=True, also_said=said, across=across)
            similarity = cosine(vector, sentence.vector)
            score = self.mix(coverage, similarity)
            ranked.append(Scored(sentence, score, similarity, coverage, said))
        ranked.sort(key=lambda scored: scored.score, reverse=True)
        assessment = Assessment(question, lang, pool, ranked, self.thresholds.relevance_ratio)
        assessment.signals = self.signals(assessment)
        assessment.probability = self.answerability.probability(assessment.signals)
        return assessment

    def signals(self, assessment: Assessment) -> dict[str, float]:
        """The answerability signals of rag/answer/answerability.py."""
        ranked = assessment.ranked
        if not ranked:
            return dict.fromkeys(FEATURES, 0.0)
        typed = not assessment.strict or any(
            assessment.typed_phrases(scored)
            for scored in ranked
            if scored.score >= assessment.floor
        )
        return {
            "relevance": assessment.best,
            "cosine": max(scored.cosine for scored in ranked),
            "coverage": max(scored.coverage for scored in ranked),
            "typed_span": 1.0 if typed else 0.0,
            "cross_language": 0.0 if ranked[0].evidence.lang == assessment.lang else 1.0,
            "cosine_lead": lead([scored.cosine for scored in ranked]),
        }

    def should_abstain(self, assessment: Assessment) -> bool:
        return assessment.probability < self.thresholds.answerable

    def claims(self, assessment: Assessment, generated: str) -> list[Claim]:
        """Score each generated sentence against every evidence sentence; a claim
        whose numbers an evidence sentence lacks, whose figures it states only about
        something else than the question asks, or that says of a thing what it says of a
        measure of it (`drops_the_measure`), gets no support from it; nor does one that
        only says yes or no."""
        found: list[Claim] = []
        pool = assessment.pool
        check = assessment.check
        for span in split_sentences(generated.strip(), assessment.lang):
            # A model's own "[1]" is no figure to find in the evidence.
            text = strip_markers(span.text)
            if not text:
                continue
            if _DONT_KNOW.search(text):
                found.append(Claim(text, [], declined=True))
                continue
            if says_only_yes_or_no(text):
                found.append(Claim(text, [0.0] * len(assessment.ranked), declined=False))
                continue
            words = content_words(text)
            vector = pool.vector(text)
            figures = numbers(text)
            claimed = check.claimed(text)
            supports = [
                self.mix(
                    pool.coverage(words, s.evidence, weighted=False),
                    cosine(vector, s.evidence.vector),
                )
                if figures <= s.evidence.numbers
                and check.supported_by(claimed, s.evidence.text, s.evidence.lang)
                and not titles_another_work(assessment.question, text, s.evidence.text)
                and not not_given_in_the_asked_role(assessment.question, text, s.evidence.text)
                and not drops_the_measure(text, s.evidence.text, s.evidence.lang)
                else 0.0
                for s in assessment.ranked
            ]
            found.append(Claim(text, supports, declined=False))
        return found

    def verify(self, assessment: Assessment, generated: str) -> Answer:
        # what the evidence answers however weak its relevance: the topic asked about, the
        # name each compared name's own figure favours, or the figures of a difference
        # that no sentence states
        read = (
            topic_answer(assessment)
            or figures_compared(assessment)
            or difference_compared(assessment)
        )
        if read is not None:
            return read
        if self.should_abstain(assessment):
            return abstain(assessment)
        return self.decide(assessment, generated, self.claims(assessment, generated))

    def decide(self, assessment: Assessment, generated: str, claims: Sequence[Claim]) -> Answer:
        """The generated short answer quoted from the best evidence that holds it; else
        the supported generated sentences with their evidence; else quote the best
        sentences; abstain when the evidence is weak."""
        if self.should_abstain(assessment):
            return abstain(assessment)
        named = named_answer(assessment, generated)
        if named is not None:
            return named  # the name the sentences single out, whatever the model said
        typed = typed_answer(assessment, generated)
        if typed is not None and typed.mode is AnswerMode.GENERATED:
            return typed  # the phrase of the asked type the model said, best evidence first
        span = self.span_answer(assessment, generated)
        if span is not None:
            return span
        if typed is not None:
            return typed
        if assessment.strict:
            # The question asks for a figure, a date or a name, and no evidence sentence
            # relevant enough states one about it: the documents do not say it, unless
            # they almost surely do and the best sentence holds one.
            return confident_quote(assessment) or abstain(assessment)
        kept: list[tuple[str, Scored]] = []
        for claim in claims:
            if (
                claim.declined
                or restates_the_role(assessment, claim.text)
                or qualifies_another(assessment.question, claim.text, assessment.lang)
                or defines_another(assessment.question, claim.text)
                or bare_work(claim.text)
            ):
                continue
            candidates = [
                (support, ranked)
                for support, ranked in zip(claim.supports, assessment.ranked, strict=True)
                if may_back(assessment, claim.text, ranked)
            ]
            if not candidates:
                continue
            support, ranked = max(candidates, key=lambda c: (round(c[0], 3), c[1].score))
            if support >= self.thresholds.support and adds_from(
                assessment.question, claim.text, ranked.evidence
            ):
                kept.append(
                    (as_written(claim.text, ranked.evidence), Scored(ranked.evidence, support))
                )
        texts = [text for text, _ in kept]
        if (
            kept
            and adds_information(assessment.question, texts)
            and names_whom_asked(
                assessment.question,
                " ".join(texts),
                " ".join(scored.evidence.text for _, scored in kept),
            )
        ):
            return cited_answer(kept, AnswerMode.GENERATED)
        if assessment.probability >= self.thresholds.extractive and about_the_subject(assessment):
            quoted = extractive(assessment)
            text = strip_markers(quoted.answer)
            if names_whom_asked(assessment.question, text, text):
                return quoted
        return abstain(assessment)

    def span_answer(self, assessment: Assessment, generated: str) -> Answer | None:
        """The model's short answer, when it is a run of words of an evidence sentence
        relevant enough to the question, brings something the question lacks, is of the
        type the question asks for (a name, a figure in a fitting unit, a date, an
        expansion) and states its figures where that sentence does; shown as the
        document's own text. Where the model reworded it, the part that the best sentence
        about the subject writes as the model did (`quotable_parts`)."""
        question = assessment.question
        short = short_answer(generated)
        if (
            asks_several(question)
            or not short
            or _DONT_KNOW.search(short)
            or says_only_yes_or_no(short)
        ):
            return None
        if len(short.split()) > MAX_SPAN_WORDS or qualifies_another(
            question, short, assessment.lang
        ):
            return None
        check = assessment.check
        relevant = assessment.relevant_to(short)
        places = itertools.chain(
            ((short, scored) for scored in relevant),
            ((part, best) for best in relevant[:1] for part in quotable_parts(question, short)),
        )
        for phrase, scored in places:
            evidence = scored.evidence
            found = locate(phrase, evidence.text)
            if found is not None and phrase != short:
                found = bridged(short, phrase, evidence.text, found)
            if found is None or not adds_information(
                question, [evidence.text[found.start : found.end]]
            ):
                continue  # the rest of a name the question gives is nothing the model said
            start = reworded_noun_start(short, phrase, evidence.text, found.start)
            start, end = whole_name(evidence.text, start, found.end)
            start, end = whole_figure(evidence.text, start, end, evidence.lang)
            complement = copula_complement(evidence.text, end)
            if complement is not None and (
                says_all_of(question, evidence.text[start:end])
                or in_a_subject_of_the_asked_noun(question, evidence.text, start)
            ):
                start, end = complement  # the subject restates the question: "X es <answer>"
            text = evidence.text[start:end]
            if (
                owned_by_another_name(question, evidence.text, start)
                or assessment.loses_the_comparison(evidence.text, start)
                or check.off_the_asked_verb(evidence.text, evidence.text[start:end])
                # the model's qualifier, dropped from the part quoted, still ruled it out
                or replaces_a_qualifier(question, short, evidence.text, assessment.lang)
                or run_speaks_of_another(assessment, evidence, start, end)
                or titles_another_work(question, text, evidence.text)
                or modifies_a_word_asked_with(question, evidence.text, end, evidence.lang)
                or bare_work(text)
                or not_given_in_the_asked_role(question, text, evidence.text)
                or is_cited_author(question, text, evidence.passage.metadata)
                or restates_the_effect(
                    question, unasked_words(question, text), evidence.text, evidence.lang
                )
            ):
                continue
            claimed = check.claimed(text)
            if (
                adds_information(question, [text])
                and span_fits(text, assessment.asked, question, assessment.lang)
                and (
                    # across languages, the typed phrases it must be part of (below) are
                    # those that pass this check, or the sentence's only one
                    (across_languages(assessment, evidence) and assessment.asked in TYPED)
                    or check.supported_by(claimed, evidence.text, evidence.lang)
                )
                and fits_in_context(assessment, scored, text)
            ):
                figure = best_placed_figure(assessment, scored, text)
                whole = whole_typed_phrase(assessment, scored, figure)
                if assessment.asked is AnswerType.OTHER:
                    start = asked_noun_start(question, evidence.text, start)
                    if asks_for_a_list(question):
                        start, end = whole_list(evidence.text, start, end)
                    whole = evidence.text[start:end]
                answer = shown(assessment, whole, evidence.text)
                return cited_answer([(answer, scored)], AnswerMode.GENERATED)
        return None


def may_back(assessment: Assessment, claim: str, scored: Scored) -> bool:
    """The sentence may answer, and backs the generated sentence without being misread:
    not for the side of a comparison it puts below, nor for a noun it qualifies otherwise
    (in the claim or as the copied run's clause goes on), nor for what the subject uses to
    do the asked action, nor for who did it where the sentence names its source, nor
    from another clause than the verb the question asks about, nor for the author the
    question cites as its source, nor, asked why, for what happened (`restates_the_effect`)."""
    if not assessment.may_answer(scored):
        return False
    sentence = scored.evidence.text
    # a claim that copies a run of the sentence stands where that run does
    copied = locate(claim, sentence)
    return (
        not assessment.loses_the_comparison(sentence, copied.start if copied else 0)
        and not (
            copied and run_speaks_of_another(assessment, scored.evidence, copied.start, copied.end)
        )
        and not assessment.check.off_the_asked_verb(sentence, claim)
        and not replaces_a_qualifier(assessment.question, claim, sentence, assessment.lang)
        and not is_cited_author(assessment.question, claim, scored.evidence.passage.metadata)
        and not restates_the_effect(
            assessment.question,
            unasked_words(assessment.question, claim),
            sentence,
            scored.evidence.lang,
        )
    )


def run_speaks_of_another(assessment: Assessment, evidence: Evidence, start: int, end: int) -> bool:
    """The run at `start:end` of the evidence sentence, read where the sentence puts it,
    is not what the question asks for: its clause goes on about another qualifier
    (`goes_on_of_another`), it is what the subject uses to do the asked action
    (`means_of_the_asked_action`), asked who, the source the sentence names, or it lies
    outside what the question's preposition governs (`outside_the_governed_phrase`), or
    it does another deed than the asked one (`names_the_deed_only_as_a_noun`)."""
    sentence, question = evidence.text, assessment.question
    return (
        goes_on_of_another(assessment, evidence, start, end)
        or means_of_the_asked_action(question, sentence, start, end)
        or names_the_deed_only_as_a_noun(question, sentence, start, end)
        or reports_the_doer(assessment, sentence, start)
        or outside_the_governed_phrase(question, sentence, start, end)
    )


def goes_on_of_another(assessment: Assessment, evidence: Evidence, start: int, end: int) -> bool:
    """The phrase at `start:end` of the evidence sentence, as its clause goes on, gives a
    noun of the question another qualifier: "the number of FLOPS" on the vertical axis,
    asked of the horizontal one, in a sentence that also writes "horizontal". Qualifiers
    are read by word order, so only in a sentence written in the question's language."""
    if evidence.lang != assessment.lang:
        return False
    rest = evidence.text[start : clause_end(evidence.text, end)]
    return qualifies_another(assessment.question, rest, assessment.lang, evidence.text)


def confident_quote(assessment: Assessment) -> Answer | None:
    """The best sentence that may answer, quoted, when the evidence almost surely answers
    (`CONFIDENT`) and that sentence holds a phrase of the asked type that no clause check
    tied to the question: a subject set apart from its verb by an apposition ("El
    emperador Gegeen Khan, hijo y sucesor de Ayurbarwada, gobernó … desde 1321 hasta
    1323") leaves the clause of the date without the question's words. Not where each
    such phrase stands in a clause about another kind of work than the question's ("que el
    libro está publicado en Diciembre de 2023" does not date the post)."""
    if assessment.probability < CONFIDENT:
        return None
    best = next(iter(assessment.relevant), None)
    if best is None:
        return None
    text = best.evidence.text
    if all(
        of_another_work(assessment.question, phrase_clause(text, span.start, span.end))
        for span in typed_spans(assessment, best.evidence)
    ):
        return None  # no phrase at all, or each of another work's
    return cited_answer([(text, best)], AnswerMode.EXTRACTIVE)


def topic_answer(assessment: Assessment) -> Answer | None:
    """ "¿De qué trata el post?" names no fact a sentence could state, and no sentence
    stands out: the title a relevant sentence gives that post says what it is about."""
    kind = asked_topic_kind(assessment.question)
    if kind is None:
        return None
    relevant = assessment.relevant
    for scored in relevant:
        found = title_given(kind, scored.evidence.text)
        if found is not None:
            title = scored.evidence.text[found[0] : found[1]]
            return cited_answer([(title, scored)], AnswerMode.EXTRACTIVE)
    # "En este post, … comentaré algunas tendencias en el desarrollo de modelos
    # generativos…": the work speaks of itself in the words of its own title
    for scored in relevant:
        sentence, title = scored.evidence.text, scored.evidence.passage.title
        own = locate(title, sentence) if title and names_a_work_of(kind, sentence) else None
        if own is not None:
            return cited_answer(
                [(capitalized(sentence[own.start : own.end]), scored)], AnswerMode.EXTRACTIVE
            )
    return None


def typed_answer(assessment: Assessment, generated: str) -> Answer | None:
    """For a question that asks for a name, a figure, a date or an expansion: the phrase
    of that type that the model also said, from the most relevant evidence sentence that
    has one (generated); else the best such phrase of the most relevant sentence that has
    one (quoted)."""
    if assessment.asked not in TYPED:
        return None
    found: list[tuple[str, Scored]] = []
    for scored in assessment.ranked:
        if scored.score < assessment.floor:
            break
        if scored.coverage < assessment.coverage_floor:
            continue
        if scored.score < assessment.typed_floor:
            break
        for text in assessment.typed_phrases(scored):
            if said(text, generated, assessment.lang):
                whole = said_in_full(assessment, scored.evidence, text, generated)
                whole = best_placed_figure(assessment, scored, whole)
                answer = shown(assessment, whole, scored.evidence.text)
                return cited_answer([(answer, scored)], AnswerMode.GENERATED)
            found.append((text, scored))
    if not found or found[0][1].score < PHRASE_RATIO * best_about_the_subject(assessment):
        return None
    text, scored = found[0]
    text = best_placed_figure(assessment, scored, text, by_nearness=True)
    return cited_answer(
        [(shown(assessment, text, scored.evidence.text), scored)], AnswerMode.EXTRACTIVE
    )


def shown(assessment: Assessment, phrase: str, sentence: str) -> str:
    """A short answer from `sentence` as shown: capitalised, a count without the noun the
    question counts by ("17" for "¿Cuántos segundos…?"), a name without the dates or the
    reference in brackets after it ("La Batalla de Bạch Đằng", not "… (1288)"), a kind
    without the noun the question says ("Multicultural" for "¿Qué tipo de ciudad…?"), and
    with the article the sentence writes before it ("La Comisión")."""
    if assessment.asked is AnswerType.QUANTITY:
        phrase = without_the_counted_noun(assessment.question, phrase, assessment.lang)
    elif assessment.asked is not AnswerType.DATE:
        phrase = _FIGURES_IN_BRACKETS.sub("", phrase)
    return capitalized(with_its_article(qualifiers_only(assessment.question, phrase), sentence))


def said_in_full(assessment: Assessment, evidence: Evidence, name: str, generated: str) -> str:
    """The name as the model said it, when it said more of it than the name reader found:
    "Hassan al-Turabi", "Jesús El Intérprete", "Robert Lane y Benjamin Vail". Every word
    it adds that is no function word is capitalised, and the sentence writes it so."""
    if assessment.asked is not AnswerType.PERSON:
        return name
    said_span = locate(short_answer(generated), evidence.text)
    part = locate(name, evidence.text)
    if said_span is None or part is None:
        return name
    if not said_span.start <= part.start <= part.end <= said_span.end:
        return name
    text = evidence.text
    added = text[said_span.start : part.start] + " " + text[part.end : said_span.end]
    words = [w for w in name_words(added) if content_words(w)]
    if not words or any(w == w.lower() for w in words) or len(words) > MAX_SPAN_WORDS:
        return name
    return text[said_span.start : said_span.end].rstrip(".")


def said(phrase: str, generated: str, lang: str) -> bool:
    """The model's answer holds the phrase: its words, or each of its figures with the same
    value, scale and unit ("41 million dollars" says "41 millones de dólares"), or either
    bound of a range."""
    if locate(phrase, generated) is not None:
        return True
    figures = quantities(phrase, lang)
    stated = quantities(generated, lang)
    each_or_either = any if is_range(phrase, lang) else all
    return bool(figures) and each_or_either(
        any(f.stated_by(g) or _power_of_ten(f.value) == g.value for g in stated) for f in figures
    )


def _power_of_ten(value: str) -> str | None:
    """ "10^25" of "2.1x10^25": a model may say a figure's order of magnitude alone."""
    found = _TIMES_A_POWER.fullmatch(value)
    return found.group(1) if found else None


_TIMES_A_POWER = re.compile(r"[\d.]+x(10\^\d+)")


def as_written(claim: str, evidence: Evidence) -> str:
    """The claim as its evidence writes it, when it is a run of the evidence's words
    (articles may differ: "los grandes empresas" is shown "Las grandes empresas"), and
    beginning with a capital. A claim that opens with an article opens with the sentence's
    article and the word it puts before the claim's noun: "La conclusión del post es que…"
    is shown "La gran conclusión del post es que…", not "Conclusión del post…"."""
    text = evidence.text
    found = locate(claim, text)
    if found is None:
        return capitalized(claim)
    start = found.start
    if _OPENING_ARTICLE.match(claim) and not _OPENING_ARTICLE.match(text, start):
        before = _ARTICLE_AND_WORD_BEFORE.search(text, 0, start)
        start = before.start() if before else start
    return capitalized(text[start : found.end])


_OPENING_ARTICLE = re.compile(rf"\W*(?:{ARTICLE_PATTERN})\s", re.IGNORECASE)
_ARTICLE_AND_WORD_BEFORE = re.compile(rf"\b(?:{ARTICLE_PATTERN})\s+(?:\w+\s+)?$", re.IGNORECASE)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def fits_in_context(assessment: Assessment, scored: Scored, text: str) -> bool:
    """A typed answer is (part of) a phrase of that type as its sentence states it: "4,9 x
    10^12" alone fits "¿Cuántos parámetros…?", but the sentence counts "puntos de datos"."""
    if assessment.asked not in TYPED:
        return True
    return scored.score >= assessment.typed_floor and any(
        text in found or found in text for found in assessment.typed_phrases(scored, text)
    )


def whole_typed_phrase(assessment: Assessment, scored: Scored, text: str) -> str:
    """The phrase of the asked type that the sentence states, when the model said only
    part of it: "6 de octubre de 1973" for its "1973", "8646 millas cuadradas" for its
    "8646"."""
    if assessment.asked not in TYPED:
        return text
    holding = [
        found
        for found in assessment.typed_phrases(scored)
        if len(found) > len(text) and locate(text, found) is not None
    ]
    return max(holding, key=len, default=text)


def says_only_yes_or_no(text: str) -> bool:
    """ "No, it does not.", "Sí.": nothing the evidence could back or a span could hold."""
    return not set(content_words(text)) - _YES_OR_NO


def adds_information(question: str, sentences: Sequence[str]) -> bool:
    """An answer that only restates the question (a common small-model failure) does
    not answer it: it must bring a content word or a number the question lacks."""
    return any(
        (numbers(sentence) - numbers(question) or unasked_words(question, sentence))
        and not restates_with_its_use(question, sentence)
        for sentence in sentences
    )


# The preposition that says what something is for, and how many content words a phrase
# that says only that holds at most.
_FOR_A_USE = re.compile(r"\b(?:para|for)\b", re.IGNORECASE)
_MAX_USE_WORDS = 3


def restates_with_its_use(question: str, text: str) -> bool:
    """ "el hardware especializado para IA dedicados" for "¿Qué hardware especializado
    cita el autor?": the question's words and a short phrase on what the thing is for
    describe what is asked and name nothing. A question that asks what something is for
    is answered so."""
    use = _FOR_A_USE.search(text)
    if use is None or _FOR_A_USE.search(question):
        return False
    before = text[: use.start()]
    return (
        bool(content_words(before))
        and not unasked_words(question, before)
        and not numbers(before) - numbers(question)
        and len(content_words(text[use.end() :])) <= _MAX_USE_WORDS
    )


def adds_from(question: str, claim: str, evidence: Evidence) -> bool:
    """What the claim brings that the question lacks is, at least in part, what the
    sentence that backs it says: "Mejorar la eficiencia computacional es un proceso de
    mejora de la eficiencia de la computación" restates the question, and its one word
    more, "proceso", is the model's."""
    return bool(numbers(claim) - numbers(question)) or any(
        word_keys(word) & evidence.keys for word in unasked_words(question, claim)
    )


def restates_the_role(assessment: Assessment, answer: str) -> bool:
    """A "who" answer that names no one the question does not: headed by the question's
    own noun and naming no one ("el autor del post" does not say who the author of the
    blog is), or naming only the question's names ("el modelo Gemini 1.0 Ultra" does not
    say who trained it)."""
    if assessment.asked is not AnswerType.PERSON:
        return False
    asked = asked_keys(assessment.question)
    names = names_in(answer)
    if names:
        return all(keys_of(name) <= asked for name in names)
    words = content_words(answer)
    return bool(words) and bool(word_keys(words[0]) & asked)


def says_all_of(question: str, text: str) -> bool:
    """Every content word of the question, the interrogative phrase aside, is in `text`."""
    said = keys_of(text)
    words = content_words(without_interrogative(question))
    return bool(words) and all(word_keys(word) & said for word in words)


def unasked_words(question: str, text: str) -> list[str]:
    """The content words of `text` that the question does not have in any inflection."""
    asked = asked_keys(question)
    return [word for word in content_words(text) if not word_keys(word) & asked]


# The parts of one answer ask for the same question's keys many times.
asked_keys = functools.lru_cache(maxsize=256)(keys_of)


def quotable_parts(question: str, short: str) -> Iterator[str]:
    """The parts of the model's short answer that keep its figures and hold most of the
    words it adds to the question: the part the evidence words as the model did is
    quoted ("la inmunología" of "el campo de la inmunología"). Made only when asked for:
    most short answers are found whole. None where the model says only the question's
    words and what the thing is for: that describes what is asked, it names nothing."""
    if restates_with_its_use(question, short):
        return
    added = len(unasked_words(question, short))
    figures = numbers(short)
    for part in parts(short):
        if 2 * len(unasked_words(question, part)) > added and figures <= numbers(part):
            yield part


def figures_compared(assessment: Assessment) -> Answer | None:
    """Where no evidence sentence makes the comparison the question asks, the name the
    sentences' figures favour (`favoured_by_figures`), cited to the sentence that gives
    its figure. Every sentence of the passages is read, best first, however weak its
    relevance: a sentence that states one model's figure shares few words with "Which
    model needed more compute?", which one on niche models' "compute needs" shares all."""
    if not compares_by_figures(assessment.question) or assessment.comparing:
        return None  # most questions: the sentences are not read here
    ranked = assessment.ranked
    sentences = [(scored.evidence.text, scored.evidence.lang) for scored in ranked]
    found = favoured_by_figures(assessment.question, sentences)
    if found is None:
        return None
    index, name = found
    return cited_answer([(name, ranked[index])], AnswerMode.EXTRACTIVE)


def difference_compared(assessment: Assessment) -> Answer | None:
    """A difference that no sentence states ("¿Cuánto más costó GPT-4 que Gemini?"): the
    best sentence that makes the comparison the question asks about, quoted with the
    figures it compares."""
    if not asks_a_difference(assessment.question) or not assessment.comparing:
        return None
    if any(typed_spans(assessment, scored.evidence) for scored in assessment.relevant):
        return None  # "un 12 % más pesado" states it
    best = assessment.comparing[0]
    return cited_answer([(best.evidence.text, best)], AnswerMode.EXTRACTIVE)


def named_answer(assessment: Assessment, generated: str) -> Answer | None:
    """The name a sentence that may answer gives what the question asks for, whatever the
    model said: set beside the question's own description of it (`apposed_name`),
    quoted right after the word the question asks with (`quoted_after_the_asked_word`), or
    given as the source the question asks for (`source_named`); in full where the model
    said more of it than the name reader found."""
    question = assessment.question
    describes = bool(asks_what_is_described(question) or asked_noun(question))
    if not (describes or asks_for_a_source(question)):
        return None
    for scored in assessment.relevant:
        text = scored.evidence.text
        found = source_named(question, text)
        if found is None and describes:
            found = apposed_name(question, text) or quoted_after_the_asked_word(question, text)
        if found is not None:
            name = said_in_full(assessment, scored.evidence, found.text, generated)
            return cited_answer([(name, scored)], AnswerMode.EXTRACTIVE)
    return None


def extractive(assessment: Assessment) -> Answer:
    """Quote the best one or two sentences for the question (`quotable`); of the best that
    makes the comparison it asks about, when one does, the name it favours, else that
    sentence alone; of the best, only the name it gives when the question asks what
    something is called, or only what the asked verb acts on ("¿Qué reduce…?")."""
    if assessment.comparing:
        best = assessment.comparing[0]
        favoured = favoured_name(assessment.question, best.evidence.text)
        text = best.evidence.text if favoured is None else favoured.text
        return cited_answer([(text, best)], AnswerMode.EXTRACTIVE)
    ranked = quotable(assessment)
    best = ranked[0]
    part = answering_part(assessment, best.evidence)
    if part is not None:
        return cited_answer([(capitalized(part), best)], AnswerMode.EXTRACTIVE)
    chosen = [best]
    for scored in ranked[1:EXTRACTIVE_SENTENCES]:
        # in another language, a sentence nearly as relevant is the best one's translation
        # in a parallel note, and says it again
        if (
            scored.score >= EXTRACTIVE_RATIO * best.score
            and scored.evidence.lang == best.evidence.lang
        ):
            chosen.append(scored)
    return cited_answer([(s.evidence.text, s) for s in chosen], AnswerMode.EXTRACTIVE)


def quotable(assessment: Assessment) -> list[Scored]:
    """The evidence sentences `extractive` quotes from, best first: those that write a
    word of the phrase after the asked verb where the question has one ("¿Qué aporta la
    multimodalidad?": "aporta la siguiente gráfica" says nothing of what is asked about),
    and are not about something else (`shares_only_a_word`)."""
    asked = assessment.check.asked_verb.phrase
    about = [s for s in assessment.ranked if asked & s.evidence.keys]
    ranked = about or assessment.ranked
    return [s for s in ranked if not shares_only_a_word(assessment, s)] or ranked


def quoted_first(assessment: Assessment) -> Scored:
    """The sentence `extractive` quotes first."""
    return (assessment.comparing or quotable(assessment))[0]


def about_the_subject(assessment: Assessment) -> bool:
    """A quote would be about what the question asks of: the best-ranked sentence's passage
    gives the question's names, and the sentence `extractive` would quote first is neither
    on the noun the question asks with alone (`names_only_the_noun_asked_with`) nor one
    that names no doer of the asked deed (`names_no_doer`)."""
    question = assessment.question
    if not passage_gives_the_names(question, assessment.ranked[0].evidence):
        return False
    first = quoted_first(assessment)
    if names_only_the_noun_asked_with(question, first.evidence):
        return False
    return not names_no_doer(assessment, first)


def names_no_doer(assessment: Assessment, scored: Scored) -> bool:
    """Asked who did something, the sentence names no one but the question's names and
    holds none of its other words: "The training of the Gemini 1.0 Ultra model performed
    5.0 x 10^25 FLOPs" says nothing of who developed Gemini. A sentence that names someone
    else may say the deed in other words ("batieron al defensor del título de la Super
    Bowl XLIX, los New England Patriots" for who won it). Not read across languages, where
    the words of the deed seldom match."""
    evidence, question = scored.evidence, assessment.question
    if assessment.asked is not AnswerType.PERSON or across_languages(assessment, evidence):
        return False
    named = frozenset().union(*(keys_of(name) for name in question_names(question)))
    deed = [keys for keys in assessment.check.focus if not keys & named]
    said = evidence.keys | scored.said
    return (
        bool(named)
        and bool(deed)
        and not any(keys & said for keys in deed)
        and not candidate_spans(evidence.text, AnswerType.PERSON, question, evidence.lang)
    )


def shares_only_a_word(assessment: Assessment, scored: Scored) -> bool:
    """The sentence holds one word of the question at most, and none of its names, nor
    opens on a verb that speaks of the name before it (`opens_on_a_verb`): "En concreto
    aporta un dato…" shares the verb of "¿Qué aporta RAG?" and says nothing of RAG. In
    another language, where the answer shares few of the question's words, it holds none
    while another sentence holds some."""
    carried = assessment.check.words_carried(scored.evidence.keys)
    if across_languages(assessment, scored.evidence):
        few = not carried and assessment.some_sentence_shares_a_word
    else:
        few = carried <= 1
    return (
        few
        and bool(names_in(assessment.question))
        and not opens_on_a_verb(scored.evidence.text)
        and not names_the_subject(assessment.question, scored.evidence)
    )


def answering_part(assessment: Assessment, evidence: Evidence) -> str | None:
    """The part of the sentence that answers, when the question says which: the name it
    gives when the question asks what something is called, the other name it sets beside
    the question's when it asks for another (`other_name_given`), the one name it gives
    besides the question's when it asks who, what it says a term is when the question
    asks what that term is, what it says the asked thing is where its subject restates
    the question ("La técnica que el post asocia con… es…"), the cause it gives when the
    question asks why, what qualifies the asked noun when the question asks what kind of
    it (`qualifiers_only`), the place after the asked verb when it asks where, the score
    when it asks for one, what the preposition it asks with governs ("¿A qué está
    sujeto…?"), what follows the verb of "¿Cómo…?", what the asked verb acts on, or else
    `last_resort_name`, or else who does the asked verb (`asked_doer`); None when none
    adds to what the question says."""
    question, sentence = assessment.question, evidence.text
    name = name_given(sentence, question) if asks_for_the_name(question) else None
    name = name or other_name_given(question, sentence)
    if name is None and assessment.asked is AnswerType.PERSON:
        name = the_one_name(question, sentence, assessment.lang, evidence.passage.metadata)
    if (
        name is not None
        and adds_information(question, [name.text])
        and not not_given_in_the_asked_role(question, name.text, sentence)
    ):
        return name.text
    for said in (definition_given, restated_subject_complement):
        found_at = said(question, sentence)
        text = sentence[found_at[0] : found_at[1]] if found_at is not None else ""
        if text and adds_information(question, [text]):
            return text
    check = assessment.check
    found = (
        cause_given(question, sentence)
        or kind_given(question, sentence)
        or place_given(question, sentence)
        or score_given(question, sentence)
        or governed_phrase(question, sentence)
        or manner_given(question, sentence)
        or check.asked_verb_object(sentence)
        or check.asked_verb_complement(sentence)
    )
    if found is None:
        named = last_resort_name(assessment, sentence)
        if named is not None and adds_information(question, [named.text]):
            return named.text
        found = asked_doer(question, sentence)
        if found is None:
            return None
    text = qualifiers_only(question, sentence[found[0] : found[1]])
    fits = (
        len(text.split()) <= MAX_SPAN_WORDS
        and adds_information(question, [text])
        and not qualifies_another(question, text, assessment.lang)
    )
    return text if fits else None


def last_resort_name(assessment: Assessment, sentence: str) -> Span | None:
    """Where no rule finds the part of the sentence that answers: the name it sets beside
    the question's description (`apposed_name`, as `named_answer` reads the sentences
    that may answer), the one place it names besides the question's when the question
    asks where, the word it glosses with the question's words when it asks what
    something is called."""
    question = assessment.question
    described = apposed_name(question, sentence)
    if described is not None:
        return described
    if assessment.asked is AnswerType.PLACE:
        return the_one_place(question, sentence, assessment.lang)
    if asks_for_the_name(question):
        return glossed_term(sentence, question)
    return None


def abstain(assessment: Assessment) -> Answer:
    return Answer(
        ABSTENTION.get(assessment.lang, ABSTENTION["es"]), AnswerMode.ABSTAINED, assessment.best
    )
