"""The chat page in real headless Chromium (Debian's, driven by Playwright) against a
real uvicorn with real components: a streamed answer with a source, then an upload
that appears in the document list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from rag.components import Components
from tests.support.live_api import API_KEY, LiveApi, ingested_components, live_settings, serving

QUESTION = "¿Cuánto costó el entrenamiento de GPT-4?"
ANSWER_TIMEOUT_MS = 300_000

# Records every change of the answer while it streams: its mode badge and text length.
WATCH_ANSWER = """() => {
  window.answerStates = [];
  new MutationObserver(() => {
    const turn = document.querySelector('.turn.assistant:last-child');
    if (!turn) return;
    const mode = turn.querySelector('.mode');
    const text = turn.querySelector('.answer-text');
    window.answerStates.push({
      mode: mode ? mode.dataset.mode : null,
      length: text ? text.textContent.length : 0,
    });
  }).observe(document.getElementById('messages'),
             {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def live(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApi]:
    settings = live_settings(tmp_path_factory.mktemp("api-browser"), models_dir, api_key=API_KEY)
    with serving(settings, ingested_components(settings, shared_components)) as server:
        yield server


def ask(page: Page, question: str) -> None:
    page.evaluate(WATCH_ANSWER)
    page.fill("#question", question)
    page.click("#ask-button")
    final = page.locator('.turn.assistant .mode:not([data-mode="pending"])')
    expect(final).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)


def test_ask_see_a_streamed_answer_with_sources_then_upload(
    browser: Browser, live: LiveApi, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(live.url)
    expect(page.locator("#documents li").first).to_be_visible()

    ask(page, QUESTION)
    answer = page.locator(".turn.assistant").last
    mode = answer.locator(".mode").get_attribute("data-mode")
    assert mode in ("generated", "extractive"), f"expected an answer, got mode {mode}"
    expect(answer.locator(".mode")).to_have_text(
        {"generated": "Respuesta", "extractive": "Cita textual"}[mode]
    )
    assert answer.locator(".answer-text").text_content()
    states = page.evaluate("window.answerStates")
    assert any(s["mode"] == "pending" and s["length"] > 0 for s in states), (
        "no text was shown before the final event: the answer did not stream"
    )
    source = answer.locator(".sources details").first
    expect(source.locator("summary")).to_contain_text(".md")
    source.locator("summary").click()
    quote = source.locator("blockquote")
    expect(quote).to_be_visible()
    assert quote.text_content()

    upload = tmp_path / "notas <i>navegador.md"
    upload.write_text("# Notas <img src=x onerror=alert(1)>\n\nUna nota subida desde la página.\n")
    page.click(".key summary")
    page.fill("#api-key", API_KEY)
    page.set_input_files("#files", str(upload))
    page.click("#upload-button")
    listed = page.locator('#documents li[data-source="uploads/notas_i_navegador.md"]')
    expect(listed).to_be_visible(timeout=120_000)
    expect(page.locator("#upload-results")).to_contain_text("added")
    expect(listed).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text
    assert page.locator("#documents img").count() == 0
