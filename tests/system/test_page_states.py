"""The chat page's own behaviour in real headless Chromium against a real uvicorn: the
confirmation before "Borrar", the streamed draft that the final answer replaces (with a
note when verification changed it), and screenshots of its four states at desktop and
phone sizes.

The store, the index and ingestion are real (deleting must reach the index); the
answering pipeline is scripted, because what is tested here is how the page shows a
draft and a final answer that differ, which the real model does only by chance.
`test_api_browser.py` covers the page over the real pipeline.
"""

from __future__ import annotations

import os
import re
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, Request, Route, expect

from rag.answer.verify import ABSTENTION
from rag.components import Components
from rag.schema import Answer, AnswerMode, Passage, Question, final_answer
from tests.support.fake_api import FakePipeline, scripted_answer
from tests.support.live_api import ingested_components, live_settings, serving
from tests.support.paths import REPO

CORRECTED_NOTE = "El borrador se corrigió al verificarlo con las fuentes."
MODE_LABELS = {"generated": "Respuesta", "abstained": "No encontrado"}
DELETED = "notes/conclusiones.md"
HOLD_TIMEOUT_S = 60
UPLOAD_TIMEOUT_MS = 120_000
# Where the screenshots go: outside git (bench/results/ is ignored), to be looked at.
SCREENSHOTS = Path(os.environ.get("PAGE_SCREENSHOTS_DIR") or REPO / "bench/results/screenshots")
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_PNG_BYTES = 8_000  # a blank page of this size compresses to far less


@dataclass
class Script:
    """One question's draft pieces and final answer; with `hold`, the final answer
    waits until the test sets it, so the page can be looked at mid-draft."""

    draft: list[str]
    final: Answer
    hold: threading.Event | None = None


@dataclass
class ScriptedPipeline:
    """Answers each question by its script, streamed by `FakePipeline`."""

    scripts: dict[str, Script] = field(default_factory=dict)

    def stream(self, question: Question) -> Iterator[str | Answer]:
        script = self.scripts[question.text]
        for item in FakePipeline(script.draft, script.final).stream(question):
            if isinstance(item, Answer) and script.hold is not None:
                script.hold.wait(HOLD_TIMEOUT_S)
            yield item

    def answer(self, question: Question) -> Answer:
        return final_answer(self.stream(question))

    def retrieve(self, question: Question) -> list[Passage]:
        return self.scripts[question.text].final.passages


@dataclass
class PageApi:
    url: str
    pipeline: ScriptedPipeline

    def documents(self) -> dict[str, dict[str, object]]:
        listed = httpx.get(f"{self.url}/documents").json()["documents"]
        return {document["source"]: document for document in listed}


@pytest.fixture(scope="module")
def api(
    shared_components: Components, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PageApi]:
    settings = live_settings(tmp_path_factory.mktemp("page-states"), models_dir)
    pipeline = ScriptedPipeline()
    components = ingested_components(settings, shared_components)
    with serving(settings, components, pipeline=pipeline) as server:
        yield PageApi(server.url, pipeline)
        for script in pipeline.scripts.values():  # no generation may outlive the server
            if script.hold is not None:
                script.hold.set()


def open_page(browser: Browser, api: PageApi, viewport: tuple[int, int] = (1280, 800)) -> Page:
    width, height = viewport
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(api.url)
    expect(page.locator("#documents li").first).to_be_visible()
    return page


def ask(page: Page, question: str) -> None:
    page.fill("#question", question)
    page.click("#ask-button")


def wait_for_final(page: Page) -> None:
    final = page.locator('.turn.assistant:last-child .mode:not([data-mode="pending"])')
    expect(final).to_have_count(1)


# --- "Borrar" asks first, naming the document ------------------------------------


def test_deleting_a_document_asks_first_naming_it_and_a_refusal_keeps_it(
    browser: Browser, api: PageApi
) -> None:
    document = api.documents()[DELETED]
    assert document["title"], "the test needs a document with a title"
    page = open_page(browser, api)
    deletes: list[Request] = []
    page.on(
        "request", lambda request: deletes.append(request) if request.method == "DELETE" else None
    )
    messages: list[str] = []

    def answer_with(accept: bool) -> None:
        def handle(dialog: Dialog) -> None:
            messages.append(f"{dialog.type}: {dialog.message}")
            if accept:
                dialog.accept()
            else:
                dialog.dismiss()

        page.once("dialog", handle)

    listed = page.locator(f'#documents li[data-source="{DELETED}"]')
    answer_with(accept=False)
    listed.get_by_role("button", name="Borrar").click()
    page.evaluate("0")  # runs once the click handler, dialog included, has returned
    assert len(messages) == 1 and messages[0].startswith("confirm: ")
    assert f"«{document['title']}»" in messages[0] and DELETED in messages[0]
    assert deletes == [], "refusing the confirmation must not send a DELETE"
    expect(listed).to_be_visible()
    assert DELETED in api.documents(), "refusing the confirmation deleted the document"

    answer_with(accept=True)
    with page.expect_response(lambda response: response.request.method == "DELETE") as deleted:
        listed.get_by_role("button", name="Borrar").click()
    assert deleted.value.ok
    assert len(messages) == 2 and DELETED in messages[1]
    expect(listed).to_have_count(0)
    assert DELETED not in api.documents()
    assert page.locator("#documents li").count() == len(api.documents())


# --- the draft gives way to the final answer ---------------------------------------


def held_script(api: PageApi, question: str, draft: list[str], final: str) -> Script:
    script = Script(draft, scripted_answer(final), hold=threading.Event())
    api.pipeline.scripts[question] = script
    return script


def see_draft_then_final(page: Page, question: str, script: Script) -> None:
    """Ask; while the final answer is held, the whole draft shows, dim; then release."""
    ask(page, question)
    turn = page.locator(".turn.assistant").last
    expect(turn.locator(".answer-text")).to_have_text("".join(script.draft))
    expect(turn.locator(".answer-text")).to_have_class(re.compile(r"\bdraft\b"))
    expect(turn.locator(".mode")).to_have_attribute("data-mode", "pending")
    assert script.hold is not None
    script.hold.set()
    wait_for_final(page)
    expect(turn.locator(".mode")).to_have_text(MODE_LABELS["generated"])
    expect(turn.locator(".answer-text")).to_have_text(script.final.answer)
    expect(turn.locator(".answer-text")).not_to_have_class(re.compile(r"\bdraft\b"))


def test_a_draft_that_verification_changed_is_replaced_and_a_note_says_so(
    browser: Browser, api: PageApi
) -> None:
    question = "¿Qué hace la destilación de modelos?"
    draft = ["La destilación ", "copia los pesos ", "del modelo grande [1]."]
    final = "La destilación entrena un modelo pequeño para imitar a uno grande. [1]"
    script = held_script(api, question, draft, final)
    page = open_page(browser, api)
    see_draft_then_final(page, question, script)
    turn = page.locator(".turn.assistant").last
    expect(turn.locator(".corrected")).to_have_text(CORRECTED_NOTE)
    assert "copia los pesos" not in (turn.text_content() or ""), "the draft stayed on the page"


@pytest.mark.parametrize(
    ("draft", "final"),
    [
        (
            ["La destilación ", "entrena un modelo ", "pequeño [1]."],
            "La destilación entrena un modelo pequeño [1].",
        ),
        # The verifier writes each sentence's marker after it, whatever the draft did.
        (
            ["La destilación ", "entrena un modelo ", "pequeño [1]."],
            "La destilación entrena un modelo pequeño. [1]",
        ),
        (
            ["La destilación  entrena\nun modelo pequeño [1, 2]."],
            "La destilación entrena un modelo pequeño. [1]",
        ),
    ],
    ids=["identical", "marker-moved", "markers-and-spaces"],
)
def test_a_draft_that_verification_kept_is_replaced_without_a_note(
    browser: Browser, api: PageApi, request: pytest.FixtureRequest, draft: list[str], final: str
) -> None:
    question = f"¿Qué es la destilación? ({request.node.callspec.id})"
    script = held_script(api, question, draft, final)
    page = open_page(browser, api)
    see_draft_then_final(page, question, script)
    expect(page.locator(".corrected")).to_have_count(0)


# --- screenshots: empty, an answer with its sources open, an abstention, an upload ---


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    assert len(data) > MIN_PNG_BYTES, f"{path} is nearly empty ({len(data)} bytes)"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def shoot(page: Page, name: str, state: str, viewport: tuple[int, int]) -> Path:
    """A full-page screenshot of `state`, after checking nothing overflows sideways."""
    width, height = viewport
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name}/{state}: the page is {scroll_width}px wide"
    path = SCREENSHOTS / f"{name}-{state}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    shot_width, shot_height = png_size(path)
    assert shot_width == width and shot_height >= height, (name, state, shot_width, shot_height)
    return path


@pytest.mark.parametrize("name", VIEWPORTS)
def test_screenshots_of_the_four_states_fit_the_width(
    browser: Browser, api: PageApi, tmp_path: Path, name: str
) -> None:
    viewport = VIEWPORTS[name]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    answered = f"¿Qué es la destilación de modelos? ({name})"
    kept = ["La destilación entrena ", "un modelo pequeño ", "para imitar a uno grande [1]."]
    api.pipeline.scripts[answered] = Script(kept, scripted_answer("".join(kept)))
    # The case: a draft that verification retracts into an abstention.
    unknown = f"¿Quién ganó el mundial de 1930? ({name})"
    retracted = ["Lo ganó ", "Uruguay [1]."]
    abstention = Answer(ABSTENTION["es"], AnswerMode.ABSTAINED, 0.1)
    api.pipeline.scripts[unknown] = Script(retracted, abstention)
    page = open_page(browser, api, viewport)
    shots = [shoot(page, name, "empty", viewport)]

    ask(page, answered)
    wait_for_final(page)
    expect(page.locator(".corrected")).to_have_count(0)
    for summary in page.locator(".turn.assistant .sources summary").all():
        summary.click()
    expect(page.locator(".turn.assistant .sources blockquote").first).to_be_visible()
    shots.append(shoot(page, name, "answer-sources-open", viewport))

    page.click("#new-chat")
    ask(page, unknown)
    wait_for_final(page)
    expect(page.locator(".turn.assistant .mode")).to_have_text(MODE_LABELS["abstained"])
    expect(page.locator(".turn.assistant .answer-text")).to_have_text(ABSTENTION["es"])
    expect(page.locator(".turn.assistant .corrected")).to_have_text(CORRECTED_NOTE)
    shots.append(shoot(page, name, "abstention", viewport))

    held: list[Route] = []

    def hold_uploads(route: Route) -> None:
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route("**/documents", hold_uploads)
    upload = tmp_path / f"notas-{name}.md"
    upload.write_text("# Notas de prueba\n\nUna nota subida desde la página.\n", encoding="utf-8")
    page.set_input_files("#files", str(upload))
    page.click("#upload-button")
    expect(page.locator("#upload-results")).to_have_text("Subiendo…")
    expect(page.locator("#upload-button")).to_be_disabled()
    shots.append(shoot(page, name, "upload", viewport))
    for _ in range(100):  # "Subiendo…" shows just before the request leaves
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "the upload request never reached the route"
    held[0].continue_()
    listed = page.locator(f'#documents li[data-source="uploads/notas-{name}.md"]')
    expect(listed).to_be_visible(timeout=UPLOAD_TIMEOUT_MS)
    expect(page.locator("#upload-results")).to_contain_text("added")

    assert len({shot.read_bytes() for shot in shots}) == 4, "two states look the same"
