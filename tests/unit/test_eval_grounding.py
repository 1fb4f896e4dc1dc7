"""Faithfulness judges and ALCE-style citation scores against hand-computed cases."""

from __future__ import annotations

import pytest

from evaluation.grounding import (
    LEXICAL_THRESHOLD,
    CitedSentence,
    LexicalJudge,
    alce_scores,
    citation_texts,
    cited_sentences,
    content_stems,
    judge_answer,
)
from rag.schema import Answer, AnswerMode, Citation, Passage
from tests.support.fake_evaluation import KeywordJudge


def test_content_stems_fold_drop_function_words_and_cut_words() -> None:
    # "El" "de" are function words; "costó" -> "costo"; "millones" -> "millo";
    # "dólares" -> "dolar"; numbers stay whole; "GPT-4" gives "gpt" and "4".
    assert content_stems("El GPT-4 costó 41 millones de dólares") == {
        "gpt",
        "4",
        "costo",
        "41",
        "millo",
        "dolar",
    }
    assert content_stems("2024") != content_stems("2025")


def test_lexical_judge_hand_computed() -> None:
    judge = LexicalJudge()
    passage = "Según Epoch.ai, el entrenamiento de GPT-4 costó unos 41 millones de dólares."
    # stems: gpt 4 costo 41 millo dolar -> all six in the passage
    assert judge.score("GPT-4 costó 41 millones de dólares.", [passage]) == 1.0
    # stems: gpt 4 costo 50 millo euros -> gpt 4 costo millo found: 4/6
    score = judge.score("GPT-4 costó 50 millones de euros.", [passage])
    assert score == pytest.approx(4 / 6)
    assert score < LEXICAL_THRESHOLD
    # the passages of a sentence count together
    assert judge.score("Gemini costó 30 millones.", ["Gemini", "costó 30 millones"]) == 1.0
    assert judge.score("y de la", [passage]) == 1.0  # no content words: vacuous


def test_cited_sentences_reads_markers_after_and_before_the_period() -> None:
    text = "GPT-4 costó 41 millones [1]. Gemini costó 30 millones. [2][3] Sin cita."
    assert cited_sentences(text) == [
        CitedSentence("GPT-4 costó 41 millones.", (1,)),
        CitedSentence("Gemini costó 30 millones.", (2, 3)),
        CitedSentence("Sin cita.", ()),
    ]
    assert cited_sentences("Uno [1, 2][2].") == [CitedSentence("Uno.", (1, 2))]
    # a quoted sentence without its own period still ends at its marker
    assert cited_sentences("Gemini costó 30 millones [1] A modo de curiosidad, GPT-4 [2]") == [
        CitedSentence("Gemini costó 30 millones", (1,)),
        CitedSentence("A modo de curiosidad, GPT-4", (2,)),
    ]


def test_alce_recall_and_precision_hand_computed() -> None:
    texts = {1: "Alpha Beta", 2: "Alpha", 3: "Gamma", 4: "Beta"}
    sentences = [
        CitedSentence("Alpha Beta.", (1, 2)),  # supported; [1] alone supports, [2] does not
        #   and removing [2] leaves [1] supporting -> [1] precise, [2] not
        CitedSentence("Alpha Beta Gamma.", (2, 3, 4)),  # supported only jointly: each needed
        CitedSentence("Delta.", (3,)),  # not supported: its citation is imprecise
        CitedSentence("Alpha.", ()),  # no citation: unsupported, no citation counted
        CitedSentence("Gamma.", (9,)),  # cites a number the answer lacks: imprecise
    ]
    scores = alce_scores(sentences, texts, KeywordJudge())
    assert scores.supported == [True, True, False, False, False]
    assert scores.recall == pytest.approx(2 / 5)
    # citations: 2 + 3 + 1 + 0 + 1 = 7; precise: [1] and [2],[3],[4] of sentence two = 4
    assert scores.precision == pytest.approx(4 / 7)
    assert scores.scores[3] is None and scores.scores[2] == 0.0


def test_alce_without_citations_has_no_precision() -> None:
    scores = alce_scores([CitedSentence("Alpha.", ())], {}, KeywordJudge())
    assert (scores.recall, scores.precision) == (0.0, None)


def test_judge_answer_uses_the_cited_passage_text_or_the_quote() -> None:
    passage = Passage(
        "c1", "El coste fue de 41 millones de dólares según Epoch.", {"source": "a.md"}
    )
    answer = Answer(
        answer="El coste fue de 41 millones [1]. Lo pagó Google [2].",
        mode=AnswerMode.GENERATED,
        support=0.9,
        citations=[
            Citation(1, "a.md", "A", "c1", 0, 10, "El coste"),
            Citation(2, "b.md", "B", "missing", 0, 12, "Lo pagó OpenAI"),
        ],
        passages=[passage],
    )
    assert citation_texts(answer) == {1: passage.text, 2: "Lo pagó OpenAI"}
    grounding = judge_answer(answer, KeywordJudge(), LexicalJudge())
    first, second = grounding.sentences
    assert (first.own_supported, first.lexical_supported) == (True, True)
    # "Lo pagó Google": keywords {Lo, Google}, quote has Lo only -> 0.5 < 1
    assert second.own_score == 0.5 and not second.own_supported
    # lexical stems {pago, googl}: only "pago" in the quote -> 0.5 < 0.75
    assert second.lexical_score == 0.5 and not second.lexical_supported
    assert grounding.own.recall == 0.5 and grounding.lexical.precision == 0.5


def test_an_answer_without_markers_cites_its_citations_as_a_whole() -> None:
    cited = Passage("c1", "Gemini costó 30 millones.", {"source": "a.md"})
    answer = Answer(
        "Gemini costó 30 millones. Lo pagó Google.",
        AnswerMode.GENERATED,
        0.8,
        [Citation(1, "a.md", "A", "c1", 0, 25, cited.text)],
        [cited],
    )
    grounding = judge_answer(answer, KeywordJudge(), LexicalJudge())
    assert [s.citations for s in grounding.sentences] == [[1], [1]]
    assert [s.own_supported for s in grounding.sentences] == [True, False]
