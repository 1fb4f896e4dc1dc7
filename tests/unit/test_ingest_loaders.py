"""Loading files: normalization, metadata, and every kind of unusable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.corpus import Target, resolve_targets, scan
from ingest.loaders import (
    FileRejected,
    content_hash,
    normalize_text,
    parse_document,
    read_file,
)
from rag.errors import ConfigError
from tests.support.documents import make_pdf

SPANISH = "Los modelos de lenguaje son grandes y costosos, y su entrenamiento consume energía."
ENGLISH = "Language models are large and expensive, and training them consumes a lot of energy."


def test_normalization_is_nfc_with_unix_lines_and_no_trailing_space() -> None:
    raw = "Cafe\u0301 \t\r\nlinea\r\n\r\n\r\n\r\n\r\nfin\x07  "
    assert normalize_text(raw) == "Café\nlinea\n\nfin"
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)


def test_markdown_front_matter_becomes_metadata_and_is_not_text() -> None:
    data = (
        "---\ntitle: Mi nota\nlang: en\nbook: Generative AI\nyear: 2023\n"
        "published: 2024-01-05\ntags: [a, b]\nsource: hack\n---\n\n# Otro título\n\n"
        f"{SPANISH}\n"
    ).encode()
    document = parse_document("notes/nota.md", data)
    assert document.title == "Mi nota"
    assert document.lang == "en"  # front matter wins over detection
    assert document.text == f"# Otro título\n\n{SPANISH}"
    assert document.extra == {"book": "Generative AI", "year": 2023, "published": "2024-01-05"}
    assert document.doc_hash == content_hash(data)
    assert document.source == "notes/nota.md"


def test_title_falls_back_to_first_heading_then_file_stem() -> None:
    assert parse_document("a/uno.md", f"intro\n\n## Sección\n\n{SPANISH}".encode()).title == (
        "Sección"
    )
    assert parse_document("a/dos.txt", SPANISH.encode()).title == "dos"


@pytest.mark.parametrize(("text", "lang"), [(SPANISH, "es"), (ENGLISH, "en"), ("12345 678", "es")])
def test_language_is_detected_as_spanish_or_english(text: str, lang: str) -> None:
    assert parse_document("x.txt", text.encode()).lang == lang


def test_html_keeps_main_text_and_headings_but_no_script() -> None:
    html = (
        "<html><head><title> Página   de prueba &amp; más </title>"
        "<script>var secreto = 'NO_DEBE_APARECER';</script><style>p {color: red}</style>"
        "</head><body><nav><a href='/'>Inicio</a></nav><article><h1>Modelos pequeños</h1>"
        f"<p>{SPANISH}</p><script>console.log('TAMPOCO_ESTO')</script>"
        "<h2>Cuantización</h2><p>La cuantización reduce la <b>memoria</b> necesaria.</p>"
        "</article></body></html>"
    )
    document = parse_document("web/pagina.html", html.encode())
    assert document.title == "Página de prueba & más"
    assert "NO_DEBE_APARECER" not in document.text
    assert "TAMPOCO_ESTO" not in document.text
    assert "color" not in document.text
    assert SPANISH in document.text
    assert "## Cuantización" in document.text
    assert "La cuantización reduce la memoria necesaria." in document.text


def test_pdf_text_is_kept_per_page_with_page_spans() -> None:
    pages = [
        "Primera página sobre cuantización.\nOtra línea.",
        "La página dos habla de destilación.",
    ]
    document = parse_document("docs/informe.pdf", make_pdf(pages))
    assert document.pages is not None
    assert [page.number for page in document.pages] == [1, 2]
    first, second = document.pages
    assert document.text[first.start : first.end] == normalize_text(pages[0])
    assert document.text[second.start : second.end] == pages[1]
    assert document.title == "informe"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("binario.md", b"# Hola\x00\x01\x02", "binary file"),
        ("latin1.txt", "canción".encode("latin-1"), "not valid UTF-8"),
        ("vacio.md", b"  \n\n ", "empty file"),
        ("solo-front.md", b"---\ntitle: x\n---\n\n", "empty document"),
        ("roto.pdf", b"%PDF-1.4\nnot really a pdf", "corrupt PDF"),
        ("yaml.md", b"---\ntitle: [unclosed\n---\ntexto\n", "invalid YAML front matter"),
        ("lista.md", b"---\n- a\n- b\n---\ntexto\n", "invalid YAML front matter"),
    ],
)
def test_unusable_files_are_rejected_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FileRejected, match=reason):
        parse_document(name, read_file(path, max_bytes=10_000))


def test_oversize_file_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "grande.txt"
    path.write_text("palabra " * 1000)
    with pytest.raises(FileRejected, match="file too large: 8000 bytes > RAG_MAX_FILE_BYTES=7999"):
        read_file(path, max_bytes=7999)
    assert read_file(path, max_bytes=8000).startswith(b"palabra")


def test_scan_skips_eval_hidden_and_unsupported_files(tmp_path: Path) -> None:
    for relative in [
        "a.md",
        "notes/b.txt",
        "notes/c.HTML",
        "notes/d.pdf",
        "notes/e.docx",
        ".hidden.md",
        ".git/f.md",
        "notes/.g.md",
        "eval/questions.md",
        "README.md",
        "notes/eval/kept.md",
        "notes/README.md",
    ]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    found = scan(tmp_path, resolve_targets(tmp_path, None))
    assert list(found) == [
        "a.md",
        "notes/README.md",
        "notes/b.txt",
        "notes/c.HTML",
        "notes/d.pdf",
        "notes/eval/kept.md",
    ]
    only_notes = scan(tmp_path, resolve_targets(tmp_path, [tmp_path / "notes"]))
    assert list(only_notes) == [
        "notes/README.md",
        "notes/b.txt",
        "notes/c.HTML",
        "notes/d.pdf",
        "notes/eval/kept.md",
    ]


def test_targets_outside_or_excluded_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(ConfigError, match="is outside the corpus dir"):
        resolve_targets(tmp_path, [tmp_path.parent])
    with pytest.raises(ConfigError, match="never ingested"):
        resolve_targets(tmp_path, [tmp_path / "eval"])
    with pytest.raises(ConfigError, match="unsupported file type"):
        resolve_targets(tmp_path, [tmp_path / "x.docx"])
    assert resolve_targets(tmp_path, [tmp_path / "gone.md"]) == [Target("gone.md", False)]
