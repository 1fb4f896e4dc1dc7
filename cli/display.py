"""How an answer looks in the terminal: a draft while it streams, then the verified
answer and its sources.

The streamed text is only a draft: verification may drop sentences, quote the
passages instead, or abstain. On a terminal the draft is dim and the verified answer
replaces it; in a pipe or a file, where nothing can be erased, the draft stays and the
verified answer follows under a label when it differs.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from rich.console import Console
from rich.live import Live
from rich.text import Text

from rag.answer.citations import strip_markers
from rag.schema import Answer, final_answer

DRAFT_STYLE = "dim"
VERIFIED_LABEL = "verified answer: "


def terminal(file: IO[str] | None = None, **options: Any) -> Console:
    """A console on `file` (default: today's stdout) that prints text as given: no
    markup (answers hold `[1]`), no highlighting, no wrapping of its own. `options` are
    rich's (the tests force a terminal of a given size)."""
    return Console(
        file=file or sys.stdout,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        **options,
    )


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C waits until the block is done, then stops the answer as usual. The live
    draft must start, redraw and stop whole: interrupted half way, rich leaves it
    capturing the output and redrawing the draft under every later line. Signals reach
    only the main thread; elsewhere, or when Ctrl-C is ignored or not Python's to
    handle, the block just runs."""
    held: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield
        return
    signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


def same_text(first: str, second: str) -> bool:
    return " ".join(strip_markers(first).split()) == " ".join(strip_markers(second).split())


class AnswerPrinter:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or terminal()

    def stream(self, items: Iterable[str | Answer]) -> Answer:
        """Show the draft as it arrives; return the final answer once shown."""
        if self.console.is_terminal:
            return self._replace_draft(items)
        return self._follow_draft(items)

    def _replace_draft(self, items: Iterable[str | Answer]) -> Answer:
        # The console soft-wraps (the terminal folds printed lines itself), which would
        # crop a live draft to its first line: the draft wraps on its own.
        draft = Text(style=DRAFT_STYLE, no_wrap=False, overflow="fold")
        live = Live(draft, console=self.console, transient=True, auto_refresh=False)

        def show(piece: str) -> None:
            with ctrl_c_held():
                draft.append(piece)
                live.refresh()

        try:
            with ctrl_c_held():
                live.start(refresh=True)
            final = final_answer(items, on_piece=show)
        finally:
            with ctrl_c_held():
                live.stop()
        self.console.print(final.answer)
        return final

    def _follow_draft(self, items: Iterable[str | Answer]) -> Answer:
        out = self.console.file
        pieces: list[str] = []

        def show(piece: str) -> None:
            pieces.append(piece)
            out.write(piece)
            out.flush()

        try:
            final = final_answer(items, on_piece=show)
        finally:  # the draft's line ends, also when Ctrl-C or an error stops it
            if pieces:
                out.write("\n")
        draft = "".join(pieces)
        if not same_text(final.answer, draft):
            out.write((VERIFIED_LABEL if draft else "") + final.answer + "\n")
        out.flush()
        return final

    def sources(self, answer: Answer, quotes: bool = True) -> None:
        """The mode, then every cited source; with `quotes`, each quote in full."""
        self.console.print(f"mode: {answer.mode}  support: {answer.support:.2f}")
        if not answer.citations:
            return
        self.console.print("sources:")
        for citation in answer.citations:
            title = f" ({citation.title})" if citation.title else ""
            self.console.print(
                f"  [{citation.n}] {citation.source}{title} {citation.start}-{citation.end}"
            )
            if quotes:
                self.console.print(f"      «{citation.quote}»")
