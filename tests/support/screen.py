"""What a terminal shows after some output, drawn by pyte (a VT100 emulator): the proof
that erased text is gone, which searching the raw escape sequences cannot give."""

from __future__ import annotations

import pyte


def screen_lines(output: str, width: int, height: int) -> list[str]:
    """The screen's lines after `output`, trailing blanks dropped. Newlines become
    CR LF, as a tty's output processing makes them (CR LF stays a line break)."""
    screen = pyte.Screen(width, height)
    pyte.Stream(screen).feed(output.replace("\n", "\r\n"))
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines
