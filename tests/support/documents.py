"""Documents for the tests: copies of the repository's corpus, corpora generated from
its sentences, a real PDF, and the evaluation questions of corpus/eval/."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from tests.support.paths import CORPUS


def eval_questions() -> dict[str, dict[str, Any]]:
    """corpus/eval/questions.jsonl, each row by its id."""
    lines = (CORPUS / "eval" / "questions.jsonl").read_text().splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def copy_corpus(destination: Path) -> Path:
    """The real corpus, without the evaluation folder's changes leaking back."""
    shutil.copytree(CORPUS, destination)
    return destination


def generated_corpus(destination: Path, documents: int, seed: int = 7) -> Path:
    """Markdown documents built from the real corpus's sentences, shuffled with a fixed
    seed: realistic Spanish text in any amount."""
    lines = [
        line.strip("- ").strip()
        for path in sorted((CORPUS / "notes").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("- ") and len(line) > 40
    ]
    rng = random.Random(seed)
    destination.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        folder = destination / f"tema-{number % 5}"
        folder.mkdir(exist_ok=True)
        paragraphs = [" ".join(rng.sample(lines, 4)) for _ in range(rng.randint(2, 6))]
        body = "\n\n".join(paragraphs)
        text = f"---\ntitle: Nota {number}\nlang: es\n---\n\n# Nota {number}\n\n{body}\n"
        (folder / f"nota-{number:04d}.md").write_text(text, encoding="utf-8")
    return destination


def make_pdf(pages: list[str]) -> bytes:
    """A valid PDF with real text content streams, one per page (Helvetica, cp1252)."""
    bodies: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "]
    bodies[0] += b"/Encoding /WinAnsiEncoding >>"
    contents = []
    for text in pages:
        operations = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in text.split("\n"):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operations.append(f"({escaped}) Tj T*")
        stream = "\n".join([*operations, "ET"]).encode("cp1252")
        bodies.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        contents.append(len(bodies))
    pages_id = len(bodies) + len(pages) + 1
    kids = []
    for content in contents:
        bodies.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 1 0 R >> >> >>" % (pages_id, content)
        )
        kids.append(len(bodies))
    references = b" ".join(b"%d 0 R" % kid for kid in kids)
    bodies.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (references, len(kids)))
    bodies.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(bodies) + 1, len(bodies))
    output += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(output)
