"""Sentence spans (rag/sentences.py): where pysbd ends a sentence too early."""

from __future__ import annotations

import pytest

from rag.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # after an abbreviation, whatever follows goes on with the sentence
        (
            "Se centra en las orillas del Río St. Johns, a 25 millas. Otra frase.",
            ["Se centra en las orillas del Río St. Johns, a 25 millas.", "Otra frase."],
        ),
        (
            "Solo la Comisión podía demandar, no el Sr. Costa. Después vino otra.",
            ["Solo la Comisión podía demandar, no el Sr. Costa.", "Después vino otra."],
        ),
        # what opens with a comma goes on, and what opens in lower case after a short word
        (
            "Lo fundó Merit Network, Inc., una corporación independiente. Fin.",
            ["Lo fundó Merit Network, Inc., una corporación independiente.", "Fin."],
        ),
        (
            "Las cepas de Y. pestis Y. p. orientalis e Y. p. medievalis llegaron. Fin.",
            ["Las cepas de Y. pestis Y. p. orientalis e Y. p. medievalis llegaron.", "Fin."],
        ),
        # but after a longer word, a sentence in lower case is a missing capital
        (
            "Revisan el diseño del propio modelo. también se plantea otra opción.",
            ["Revisan el diseño del propio modelo.", "también se plantea otra opción."],
        ),
        # a sentence that opens in capitals after a full stop is a sentence of its own
        ("Hay tres casos. Los otros dos no.", ["Hay tres casos.", "Los otros dos no."]),
        # and a line break always ends one
        ("Tiene dos capas.\nla siguiente línea.", ["Tiene dos capas.", "la siguiente línea."]),
    ],
)
def test_a_sentence_goes_on_past_an_abbreviation(text: str, sentences: list[str]) -> None:
    spans = split_sentences(text, "es")
    assert [span.text for span in spans] == sentences
    assert all(text[span.start : span.end] == span.text for span in spans)
