"""Turn one file into normalized text plus the metadata every chunk inherits.

Chunk offsets index into the text returned here, so normalization happens once, here,
and nothing downstream may change the text again. A file that cannot be used raises
`FileRejected`, whose message becomes the file's entry in the report's `errors`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from pathlib import Path
from typing import Any

import yaml

from rag.errors import ConfigError
from rag.schema import ChunkKey

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".txt", ".pdf"}
LANGUAGES = ("es", "en")
DEFAULT_LANG = "es"
DETECT_CHARS = 3000  # enough text for a stable guess; more only costs time

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
ScalarMeta = str | int | float | bool


class FileRejected(ConfigError):
    """This file cannot be ingested; the run skips it and goes on."""


@dataclass(frozen=True)
class PageSpan:
    number: int  # 1-based, as a reader counts pages
    start: int
    end: int


@dataclass
class LoadedDocument:
    source: str
    text: str  # normalized; chunk offsets index into this
    title: str
    lang: str
    doc_hash: str  # of the file's bytes, so unchanged files are known before parsing
    size_bytes: int
    pages: list[PageSpan] | None = None  # PDFs only
    extra: dict[str, ScalarMeta] = field(default_factory=dict)  # other front matter


def read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is too large or empty before reading it all."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileRejected(f"file too large: {size} bytes > RAG_MAX_FILE_BYTES={max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat
        raise FileRejected(f"file too large: {len(data)} bytes > RAG_MAX_FILE_BYTES={max_bytes}")
    if not data.strip():
        raise FileRejected("empty file")
    return data


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_document(source: str, data: bytes) -> LoadedDocument:
    """Dispatch on the file's suffix; every branch returns normalized text."""
    suffix = Path(source).suffix.lower()
    stem = Path(source).stem
    pages: list[PageSpan] | None = None
    front: dict[str, Any] = {}
    if suffix in MARKDOWN_SUFFIXES:
        front, text = _split_front_matter(normalize_text(decode_text(data)))
        title = _front_title(front) or first_heading(text) or stem
    elif suffix == ".txt":
        text = normalize_text(decode_text(data))
        title = first_heading(text) or stem
    elif suffix in HTML_SUFFIXES:
        text, html_title = _html_text(decode_text(data))
        title = html_title or first_heading(text) or stem
    elif suffix == ".pdf":
        text, pages, pdf_title = _pdf_text(data)
        title = pdf_title or stem
    else:
        raise FileRejected(f"unsupported file type {suffix or '(none)'}")
    if not text:
        raise FileRejected("no text to ingest (empty document)")
    return LoadedDocument(
        source=source,
        text=text,
        title=title,
        lang=_front_lang(front) or detect_lang(text),
        doc_hash=content_hash(data),
        size_bytes=len(data),
        pages=pages,
        extra=_extra_metadata(front),
    )


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise FileRejected("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(f"not valid UTF-8 (bad byte at offset {exc.start})") from None


def normalize_text(text: str) -> str:
    """NFC, \\n line ends, no control characters or trailing spaces, at most one blank
    line in a row: the same text always yields the same offsets and hashes."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def first_heading(text: str) -> str | None:
    match = _HEADING.search(text)
    return match.group(1).strip() if match else None


def detect_lang(text: str) -> str:
    """Spanish or English only: the analyzers and prompts know no other language, and a
    short or odd text must not flip a Spanish corpus to a third language."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        guesses = detect_langs(text[:DETECT_CHARS])
    except LangDetectException:
        return DEFAULT_LANG
    scores = {g.lang: g.prob for g in guesses if g.lang in LANGUAGES}
    return max(scores, key=lambda lang: scores[lang]) if scores else DEFAULT_LANG


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0]
        raise FileRejected(f"invalid YAML front matter: {reason}") from None
    if not isinstance(front, dict):
        raise FileRejected("invalid YAML front matter: expected key: value pairs")
    return front, normalize_text(text[match.end() :])


def _front_title(front: dict[str, Any]) -> str | None:
    return _clean_title(front.get("title"))


def _clean_title(value: object) -> str | None:
    """One line of text, or None when there is nothing to show."""
    if value is None:
        return None
    title = " ".join(str(value).split())
    return title or None


def _front_lang(front: dict[str, Any]) -> str | None:
    lang = front.get("lang") or front.get("language")
    if not isinstance(lang, str) or not lang.strip():
        return None
    return lang.strip().lower().replace("_", "-").split("-")[0]


def _extra_metadata(front: dict[str, Any]) -> dict[str, ScalarMeta]:
    """Scalar front-matter fields travel with every chunk; nested values cannot be
    stored as Chroma metadata, and our own keys always win."""
    reserved = {str(key) for key in ChunkKey} | {"language"}
    extra: dict[str, ScalarMeta] = {}
    for key, value in front.items():
        name = str(key)
        if name in reserved or value is None:
            continue
        if isinstance(value, bool | int | float | str):
            extra[name] = value
        elif isinstance(value, date | datetime):
            extra[name] = value.isoformat()
    return extra


def _html_text(html: str) -> tuple[str, str | None]:
    """Main text only (no navigation, scripts or styles), with headings kept as Markdown
    so the splitter can follow the page's structure."""
    import trafilatura

    extracted = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
    )
    if not extracted:
        extracted = trafilatura.html2txt(html)
    text = normalize_text(_BOLD.sub(r"\1", extracted or ""))
    title = _TITLE.search(html)
    return text, _clean_title(unescape(title.group(1))) if title else None


def _pdf_text(data: bytes) -> tuple[str, list[PageSpan], str | None]:
    """Pages are joined by a blank line; each page's span is kept so that every chunk
    can name the page it comes from."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # corrupt files are reported, not logged
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRejected("encrypted PDF")
        page_texts = [normalize_text(page.extract_text() or "") for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except FileRejected:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise FileRejected(f"corrupt PDF: {reason}") from None
    text, pages = _join_pages(page_texts)
    return text, pages, _clean_title(title)


def _join_pages(page_texts: list[str]) -> tuple[str, list[PageSpan]]:
    parts: list[str] = []
    pages: list[PageSpan] = []
    cursor = 0
    for number, page_text in enumerate(page_texts, start=1):
        if not page_text:
            continue
        if parts:
            parts.append("\n\n")
            cursor += 2
        pages.append(PageSpan(number, cursor, cursor + len(page_text)))
        parts.append(page_text)
        cursor += len(page_text)
    return "".join(parts), pages
