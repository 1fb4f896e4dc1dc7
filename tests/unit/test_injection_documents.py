"""The prompt-injection documents of tests/data/injection/ that
tests/system/test_security_injection.py asks about: one probe per document, in both
languages."""

from __future__ import annotations

from tests.support.injection_probes import INJECTIONS, PROBES


def test_there_are_ten_or_more_injection_documents_in_both_languages() -> None:
    files = sorted(path.name for path in INJECTIONS.glob("*.md"))
    assert files == sorted(probe.file for probe in PROBES)
    assert len(files) >= 10
    assert {name.split("-")[0] for name in files} == {"es", "en"}
