// The chat page. Document text is untrusted: every value reaches the page through
// textContent or element attributes, never as HTML.
"use strict";

const MODE_LABELS = {
  generated: "Respuesta",
  extractive: "Cita textual",
  abstained: "No encontrado",
  pending: "Generando…",
};
const MAX_HISTORY = 6;

const $ = (id) => document.getElementById(id);
const history = [];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function authHeaders() {
  const key = $("api-key").value.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function errorDetail(response) {
  try {
    const body = await response.json();
    return body.detail || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

// Server-Sent Events over a POST response: blocks separated by a blank line.
async function* sseEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      yield parseEvent(block);
    }
  }
}

function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { name, data: JSON.parse(data.join("\n")) };
}

function addTurn(role) {
  const item = element("li", `turn ${role}`);
  $("messages").append(item);
  return item;
}

function answerView() {
  const item = addTurn("assistant");
  const mode = element("span", "mode", MODE_LABELS.pending);
  mode.dataset.mode = "pending";
  const text = element("div", "answer-text draft");
  const sources = element("div", "sources");
  item.append(mode, text, sources);
  return { item, mode, text, sources };
}

// The streamed text is a draft: verification may drop sentences, quote the sources
// instead or abstain. The final answer replaces it, with a note when it changed.
const CORRECTED_NOTE = "El borrador se corrigió al verificarlo con las fuentes.";

// "[1]" or "[1, 2]" with the spaces before it: rag/answer/citations.py's CITATION_MARKER,
// so that a marker the verifier only moved ("pequeño [1]." → "pequeño. [1]") is no change.
const CITATION_MARKER = /\s*\[\d+(?:\s*,\s*\d+)*\]/g;

function comparable(text) {
  return text.replace(CITATION_MARKER, "").replace(/\s+/g, " ").trim();
}

function showFinal(view, answer) {
  const draft = view.text.textContent;
  view.mode.dataset.mode = answer.mode;
  view.mode.textContent = MODE_LABELS[answer.mode] || answer.mode;
  view.text.classList.remove("draft");
  view.text.textContent = answer.answer;
  if (draft && comparable(draft) !== comparable(answer.answer)) {
    view.text.after(element("p", "corrected", CORRECTED_NOTE));
  }
  view.sources.replaceChildren(...answer.citations.map(sourceView));
}

function sourceView(citation) {
  const details = element("details", "source");
  const label = citation.title ? `${citation.title} — ${citation.source}` : citation.source;
  details.append(element("summary", "", `[${citation.n}] ${label}`));
  details.append(element("blockquote", "", citation.quote));
  return details;
}

function showError(view, message) {
  view.mode.remove();
  view.text.classList.replace("draft", "error");
  view.text.textContent = message;
}

async function ask(question) {
  addTurn("user").textContent = question;
  const view = answerView();
  try {
    await streamAnswer(question, view);
  } catch (error) {
    showError(view, `error de red: ${error.message}`);
  }
}

async function streamAnswer(question, view) {
  const response = await fetch("/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...authHeaders() },
    body: JSON.stringify({ question, history: history.slice(-MAX_HISTORY), stream: true }),
  });
  if (!response.ok) {
    showError(view, await errorDetail(response));
    return;
  }
  for await (const event of sseEvents(response)) {
    if (event.name === "token") view.text.textContent += event.data.text;
    else if (event.name === "final") {
      showFinal(view, event.data);
      history.push({ role: "user", content: question }, { role: "assistant", content: event.data.answer });
    } else if (event.name === "error") showError(view, event.data.detail);
  }
}

async function loadDocuments() {
  const list = $("documents");
  const response = await fetch("/documents");
  if (!response.ok) {
    list.replaceChildren(element("li", "error", await errorDetail(response)));
    return;
  }
  const { documents } = await response.json();
  list.replaceChildren(...documents.map(documentView));
}

function documentView(doc) {
  const item = element("li", "document");
  item.dataset.source = doc.source;
  const label = element("span", "", doc.title || doc.source);
  label.append(element("span", "meta", `${doc.source} · ${doc.chunks} fragmentos`));
  const remove = element("button", "", "Borrar");
  remove.type = "button";
  remove.title = `Borrar ${doc.source} del índice`;
  remove.addEventListener("click", () => confirmDelete(doc));
  item.append(label, remove);
  return item;
}

function confirmDelete(doc) {
  const name = doc.title ? `«${doc.title}» (${doc.source})` : doc.source;
  if (window.confirm(`¿Borrar ${name} del índice? Sus respuestas dejarán de citarlo.`)) {
    deleteDocument(doc.source);
  }
}

async function deleteDocument(source) {
  const path = source.split("/").map(encodeURIComponent).join("/");
  const response = await fetch(`/documents/${path}`, { method: "DELETE", headers: authHeaders() });
  if (!response.ok) $("upload-results").replaceChildren(element("li", "error", await errorDetail(response)));
  await loadDocuments();
}

async function upload(files) {
  const form = new FormData();
  for (const file of files) form.append("files", file);
  const results = $("upload-results");
  results.replaceChildren(element("li", "", "Subiendo…"));
  const response = await fetch("/documents", { method: "POST", headers: authHeaders(), body: form });
  if (!response.ok) {
    results.replaceChildren(element("li", "error", await errorDetail(response)));
    return;
  }
  const body = await response.json();
  results.replaceChildren(
    ...body.files.map((file) =>
      element("li", file.error ? "error" : "", `${file.filename}: ${file.error || file.status}`)
    )
  );
  await loadDocuments();
}

function busy(button, running) {
  button.disabled = running;
}

$("ask-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  $("question").value = "";
  busy($("ask-button"), true);
  try {
    await ask(question);
  } finally {
    busy($("ask-button"), false);
  }
});

$("question").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("ask-form").requestSubmit();
  }
});

$("new-chat").addEventListener("click", () => {
  history.length = 0;
  $("messages").replaceChildren();
});

$("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const files = $("files").files;
  if (!files.length) return;
  busy($("upload-button"), true);
  try {
    await upload(files);
    $("files").value = "";
  } finally {
    busy($("upload-button"), false);
  }
});

loadDocuments();
