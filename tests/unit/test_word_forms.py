"""Forms of one word that a stemmer leaves apart meet by their dictionary form."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from rag.analyzer import fold, lemmas, word_stems


@pytest.mark.parametrize(
    ("form", "other"),
    [
        ("murió", "morir"),  # a stem change
        ("usa", "usan"),  # a word too short for the Spanish stemmer to strip
        ("usó", "usados"),  # a reflexive dictionary form, "usarse"
        ("redujo", "reduce"),  # an irregular preterite
        ("nació", "nacido"),
        ("escribía", "escribieron"),
        ("took", "take"),
        ("built", "builds"),
    ],
)
def test_forms_of_one_verb_meet(form: str, other: str) -> None:
    assert word_stems(fold(form)) & word_stems(fold(other))


@pytest.mark.parametrize(
    ("form", "lemma"), [("murio", "morir"), ("vivia", "vivir"), ("sucedera", "suceder")]
)
def test_a_form_folding_took_the_accent_from_is_still_known(form: str, lemma: str) -> None:
    assert lemmas(form, "es") == {lemma}


@pytest.mark.parametrize(("form", "other"), [("tuvo", "tener"), ("hizo", "hacer"), ("la", "el")])
def test_light_verbs_and_stop_words_meet_no_other_form(form: str, other: str) -> None:
    """ "¿Qué precio tuvo…?" says nothing that "como forma de tener…" says."""
    assert not word_stems(form) & word_stems(other)


def test_a_word_the_dictionary_does_not_know_has_no_dictionary_form() -> None:
    assert lemmas("gpt4", "es") == frozenset()
    assert lemmas("epochai", "en") == frozenset()


def test_the_dictionaries_cost_a_process_little_memory() -> None:
    """The server holds both languages' dictionaries for its lifetime, so they are
    simplemma's frugal ones; its default ones take several times this bound
    (docs/performance.md)."""
    script = textwrap.dedent(
        """
        import os
        from rag.analyzer import load_dictionaries, word_stems

        def rss():
            return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGESIZE")

        before = rss()
        load_dictionaries()
        assert word_stems("murio") & word_stems("morir")
        print((rss() - before) // 2**20)
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    grown_mb = int(ran.stdout)
    assert grown_mb < 40
