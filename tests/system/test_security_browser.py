"""Untrusted document text in the chat page, in real headless Chromium (launched as
`test_api_browser.py` does) against a real uvicorn with the real pipeline.

A document whose title and sentences hold `<img src=x onerror=...>` and `<script>` is
asked about and cited; the page must show that markup as text in the answer, the
source's title and its quote, and in the document list, and never run it: the
handlers would set `window.__xss` or open an alert.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, expect

from rag.components import Components
from tests.support.live_api import LiveApi, ingested_components, live_settings, serving

SOURCE = "notes/observatorio.md"
TITLE_MARKUP = "<img src=x onerror=\"window.__xss='title'; alert('title')\">"
SCRIPT_MARKUP = "<script>window.__xss = 'script'; alert('script')</script>"
QUOTE_MARKUP = "<img src=x onerror=\"window.__xss='quote'; alert('quote')\">"
DOCUMENT = f"""# Observatorio {TITLE_MARKUP} Pelícano

El observatorio Pelícano registró 4217 estrellas variables {SCRIPT_MARKUP} en su primer año.

Sus telescopios {QUOTE_MARKUP} observan el cielo del sur desde 2400 metros de altura.
"""
QUESTION = "¿Cuántas estrellas variables registró el observatorio Pelícano en su primer año?"
ANSWER_TIMEOUT_MS = 300_000


@pytest.fixture(scope="module")
def live(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApi]:
    settings = live_settings(tmp_path_factory.mktemp("xss"), models_dir)
    (settings.corpus_dir / SOURCE).write_text(DOCUMENT, encoding="utf-8")
    with serving(settings, ingested_components(settings, shared_components)) as server:
        yield server


def test_markup_in_a_cited_document_is_shown_as_text_and_never_runs(
    browser: Browser, live: LiveApi
) -> None:
    document_text = httpx.get(f"{live.url}/documents/{SOURCE}").json()["text"]
    page = browser.new_page()
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(live.url)
    listed = page.locator(f'#documents li[data-source="{SOURCE}"]')
    expect(listed).to_contain_text(TITLE_MARKUP)  # the title, as text

    page.fill("#question", QUESTION)
    page.click("#ask-button")
    answer = page.locator(".turn.assistant").last
    expect(answer.locator('.mode:not([data-mode="pending"])')).to_have_count(
        1, timeout=ANSWER_TIMEOUT_MS
    )
    assert answer.locator(".mode").get_attribute("data-mode") in ("generated", "extractive")
    source = answer.locator("details.source", has_text=SOURCE).first
    expect(source.locator("summary")).to_contain_text(f"Observatorio {TITLE_MARKUP} Pelícano")
    source.locator("summary").click()
    quote = source.locator("blockquote").text_content() or ""
    assert quote and quote in document_text  # shown verbatim, as text
    assert SCRIPT_MARKUP in quote or QUOTE_MARKUP in quote

    page.wait_for_timeout(500)  # an <img src=x> would have fired onerror by now
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator("#messages img, #messages script, #documents img").count() == 0
