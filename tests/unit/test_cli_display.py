"""Unit tier: how `rag ask` and `rag chat` show an answer (cli/display.py), with scripted
streams. In a pipe the draft stays and the verified answer follows under a label when
it differs; on a terminal the draft is dim and the verified answer replaces it, which is
checked on the screen a terminal emulator (pyte) draws from the output."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

from rich.console import Console

from cli.display import VERIFIED_LABEL, AnswerPrinter, terminal
from rag.schema import Answer, AnswerMode
from tests.support.fake_api import PIECES, scripted_answer
from tests.support.screen import screen_lines

DIM = "\x1b[2m"
WIDTH, HEIGHT = 40, 12
PROMPT = "› ¿Qué es la cuantización?"
# Long enough to wrap over three lines of the terminal: all of them must go.
WRONG_DRAFT = [
    "Es una técnica que reduce el número de bits ",
    "usados para reducir el número de errores ",
    "en los datos transmitidos.",
]
ABSTENTION = Answer("No encontré eso en los documentos.", AnswerMode.ABSTAINED, 0.1)


def pipe() -> Console:
    return terminal(StringIO(), force_terminal=False)


def tty() -> Console:
    return terminal(
        StringIO(), force_terminal=True, color_system="standard", width=WIDTH, height=HEIGHT
    )


def written(console: Console) -> str:
    file = console.file
    assert isinstance(file, StringIO)
    return file.getvalue()


def screen(output: str) -> list[str]:
    return screen_lines(output, WIDTH, HEIGHT)


def test_in_a_pipe_the_draft_stays_and_a_different_answer_follows_labelled() -> None:
    console = pipe()
    final = AnswerPrinter(console).stream([*WRONG_DRAFT, ABSTENTION])
    assert final is ABSTENTION
    assert (
        written(console) == "".join(WRONG_DRAFT) + "\n" + VERIFIED_LABEL + ABSTENTION.answer + "\n"
    )
    assert "\x1b[" not in written(console)


def test_in_a_pipe_an_unchanged_answer_is_not_repeated() -> None:
    console = pipe()
    answer = scripted_answer()  # the draft's own text
    assert AnswerPrinter(console).stream([*PIECES, answer]) is answer
    assert written(console) == "".join(PIECES) + "\n"

    console = pipe()  # citation markers and spacing do not make it another answer
    unmarked = ["La destilación  entrena ", "un modelo pequeño."]
    AnswerPrinter(console).stream([*unmarked, answer])
    assert written(console) == "".join(unmarked) + "\n"


def test_in_a_pipe_an_answer_without_a_draft_is_printed_without_a_label() -> None:
    console = pipe()
    AnswerPrinter(console).stream([ABSTENTION])
    assert written(console) == ABSTENTION.answer + "\n"


def watched(
    console: Console, pieces: list[str], final: Answer, seen: list[str]
) -> Iterator[str | Answer]:
    """The stream, keeping what the console had written once the whole draft was out."""
    yield from pieces
    seen.append(written(console))
    yield final


def test_on_a_terminal_the_dim_draft_is_replaced_by_the_verified_answer() -> None:
    console = tty()
    console.print(PROMPT)
    during: list[str] = []
    AnswerPrinter(console).stream(watched(console, WRONG_DRAFT, ABSTENTION, during))

    assert DIM + "Es una técnica" in written(console)
    draft_lines = screen(during[0])[1:]
    assert len(draft_lines) == 3, draft_lines  # wrapped, not cropped to one line
    assert " ".join(draft_lines) == "".join(WRONG_DRAFT).strip()
    # Once verified, the screen is as if the draft had never been shown.
    assert screen(written(console)) == [PROMPT, ABSTENTION.answer]


def test_on_a_terminal_an_unchanged_answer_shows_once_with_its_markers() -> None:
    console = tty()
    console.print(PROMPT)
    answer = scripted_answer()
    unmarked = ["La destilación entrena ", "un modelo pequeño."]
    AnswerPrinter(console).stream([*unmarked, answer])
    assert screen(written(console)) == screen(PROMPT + "\n" + answer.answer + "\n")


def test_sources_are_compact_and_quotes_come_on_request() -> None:
    answer = scripted_answer()
    citation = answer.citations[0]
    compact, full = pipe(), pipe()
    AnswerPrinter(compact).sources(answer, quotes=False)
    AnswerPrinter(full).sources(answer)
    entry = f"  [1] {citation.source} ({citation.title}) {citation.start}-{citation.end}"
    assert written(compact).splitlines() == ["mode: generated  support: 0.80", "sources:", entry]
    assert written(full).splitlines() == [
        *written(compact).splitlines(),
        f"      «{citation.quote}»",
    ]
