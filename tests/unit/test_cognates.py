"""A question asked in one language over a sentence in the other finds the words the two
spell alike ("nations" / "naciones", "students" / "estudiantes"), so that an English
question over the Spanish posts is not judged to share no word with the sentence that
answers it."""

from __future__ import annotations

import pytest

from rag.analyzer import american, document_tokens, query_tokens, spelled_alike, word_stems
from rag.answer.evidence import COGNATE_SHARE, EvidencePool, word_keys
from rag.answer.subjects import names_the_subject
from rag.answer.verify import Verifier
from rag.schema import Passage
from tests.support.fakes import THRESHOLDS, WordEmbedder

TREATY = "Las naciones del norte firmaron el tratado con los estudiantes en 1648."


def passage(text: str, lang: str = "es") -> Passage:
    return Passage("c1", text, {"source": "notes.md", "start": 0, "end": len(text), "lang": lang})


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("nation", "nacion"),
        ("student", "estudiant"),  # Spanish writes an "e" before "st"
        ("militari", "militar"),
        ("oxygen", "oxigen"),
        ("universiti", "univers"),
        ("famous", "famos"),
        ("techniqu", "tecnic"),  # English "ch" and "qu" for the Spanish "c"
        ("theori", "teori"),
        ("philosophi", "filosof"),
        ("system", "sistem"),
        ("immunodefici", "inmunodefici"),
    ],
)
def test_stems_spelled_alike_in_each_language(english: str, spanish: str) -> None:
    assert spelled_alike(english, spanish)
    assert spelled_alike(spanish, english)


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("centuri", "central"),  # a few letters shared, most not
        ("paramet", "punt"),
        ("research", "investig"),  # a translation, not a cognate
        ("north", "nort"),  # too short for shared letters to say anything
        ("point", "punt"),  # two first letters differ
    ],
)
def test_stems_not_spelled_alike(english: str, spanish: str) -> None:
    assert not spelled_alike(english, spanish)


def test_a_cognate_counts_for_part_of_a_word_only_across_languages() -> None:
    pool = EvidencePool([passage(TREATY)], WordEmbedder())
    (sentence,) = pool.sentences
    assert not word_keys("nations") & sentence.keys  # no stem in common
    assert pool.cognates("nations") & sentence.keys
    terms = ["nations", "students", "signed"]
    assert pool.coverage(terms, sentence, weighted=False) == 0.0
    across = pool.coverage(terms, sentence, weighted=False, across=True)
    assert across == pytest.approx(2 * COGNATE_SHARE / 3)


def test_a_word_the_sentence_writes_counts_whole_across_languages() -> None:
    pool = EvidencePool([passage("The nations signed the treaty in 1648.", "en")], WordEmbedder())
    (sentence,) = pool.sentences
    assert pool.coverage(["naciones", "nations"], sentence, weighted=False, across=True) == (
        pytest.approx((COGNATE_SHARE + 1) / 2)
    )


def test_an_english_question_over_a_spanish_sentence_covers_its_cognates() -> None:
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    question = "When did the northern nations sign the treaty with the students?"
    english = verifier.assess(question, "en", [passage(TREATY)])
    assert english.ranked[0].coverage > 0.0
    same_language = verifier.assess(question, "en", [passage(TREATY, "en")])
    assert same_language.ranked[0].coverage == 0.0  # no cognates within one language


def test_across_languages_a_name_whose_clause_spells_a_question_word_answers_who() -> None:
    # Two names, and the clause shares no stem with the English question: "nacional" is
    # spelled alike to "national", so "Lady Gaga" is said of what is asked.
    anthem = (
        "Lady Gaga, la ganadora del Grammy, cantó el himno nacional; mientras que Marlee Matlin "
        "lo tradujo."
    )
    verifier = Verifier(WordEmbedder(), THRESHOLDS)
    assessment = verifier.assess("Who sang the national anthem?", "en", [passage(anthem)])
    (scored,) = assessment.ranked
    assert assessment.typed_phrases(scored)[:1] == ["Lady Gaga"]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("How often are Parliament elections held?", True),  # "Parlamento"
        ("How often are Senate elections held?", False),
    ],
)
def test_across_languages_a_name_spelled_alike_is_named(question: str, names: bool) -> None:
    sentence = "Las elecciones al Parlamento Europeo se celebran cada cinco años."
    (evidence,) = EvidencePool([passage(sentence)], WordEmbedder()).sentences
    assert names_the_subject(question, evidence) is names


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("decentralised", "decentralized"),
        ("organisation", "organization"),
        ("favours", "favors"),
        ("behaviour", "behavior"),
        ("analysed", "analyzed"),
        ("centre", "center"),
        ("kilometres", "kilometers"),
        ("travelled", "traveled"),
    ],
)
def test_a_british_spelling_meets_the_american_one(british: str, american: str) -> None:
    assert word_stems(british) & word_stems(american)
    assert set(query_tokens(british)) & set(document_tokens(american, "en"))


@pytest.mark.parametrize("word", ["rise", "four", "hour", "calling", "tres", "entre"])
def test_short_words_keep_their_spelling(word: str) -> None:
    assert american(word) == word


def test_spanish_words_are_stemmed_as_written() -> None:
    # "revise" is a Spanish verb form too: its Spanish stem is "revisar"'s
    assert document_tokens("revise", "es") == document_tokens("revisar", "es")
