"""Heading sections of a Markdown text, which chunks never cross (the splitter with the
real MiniLM tokenizer: tests/pipeline/test_ingest_splitter.py)."""

from __future__ import annotations

from ingest.splitter import heading_sections


def test_sections_follow_headings_and_ignore_fenced_code() -> None:
    text = "# A\n\n## B\n\nuno\n\n```\n# not a heading\n```\n\n## C\n\ndos\n\n# D\n\ntres"
    found = [(text[s.start : s.end], s.path) for s in heading_sections(text)]
    assert found == [
        ("# A\n\n## B\n\nuno\n\n```\n# not a heading\n```", "A > B"),
        ("## C\n\ndos", "A > C"),
        ("# D\n\ntres", "D"),
    ]
