"""`Components`: parts given are used as they are, the others load on first use, once,
and a derived `Components` shares what it does not replace."""

from __future__ import annotations

import threading
from pathlib import Path

from rag.components import Components
from rag.lexical import LexicalIndex
from rag.settings import load_settings
from tests.support.fake_store import FakeStore
from tests.support.fakes import ScriptedGenerator, WordEmbedder


def components(tmp_path: Path, **parts: object) -> Components:
    return Components(load_settings(data_dir=tmp_path / "data"), **parts)  # type: ignore[arg-type]


def test_given_parts_are_used_and_reported_loaded(tmp_path: Path) -> None:
    embedder, generator, store = WordEmbedder(), ScriptedGenerator(), FakeStore()
    built = components(tmp_path, embedder=embedder, generator=generator, store=store)
    assert built.loaded() == {"embedder", "generator", "store"}
    assert (built.embedder, built.generator, built.store) == (embedder, generator, store)


def test_nothing_loads_at_construction(tmp_path: Path) -> None:
    built = components(tmp_path)
    assert built.loaded() == set()
    assert not (tmp_path / "data" / "chroma").exists()  # the store was not opened


def test_a_missing_part_loads_on_first_use_once_even_from_many_threads(tmp_path: Path) -> None:
    built = components(tmp_path, store=FakeStore())
    seen: list[LexicalIndex] = []
    threads = [threading.Thread(target=lambda: seen.append(built.lexical)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8 and all(index is seen[0] for index in seen)
    assert isinstance(seen[0], LexicalIndex)
    assert built.loaded() == {"store", "lexical"}


def test_a_derived_components_shares_what_it_does_not_replace(tmp_path: Path) -> None:
    embedder, generator = WordEmbedder(), ScriptedGenerator(["a"])
    base = components(tmp_path, embedder=embedder, generator=generator, store=FakeStore())
    other = ScriptedGenerator(["b"])
    derived = base.with_parts(generator=other)
    assert derived.settings is base.settings
    assert derived.generator is other and base.generator is generator
    assert derived.embedder is embedder and derived.store is base.store
    # A part neither had loaded loads once, in the base, and both use it.
    assert "lexical" not in base.loaded()
    assert derived.lexical is base.lexical
    assert "lexical" in base.loaded()


def test_a_new_store_gets_its_own_lexical_index(tmp_path: Path) -> None:
    base = components(tmp_path, embedder=WordEmbedder(), store=FakeStore())
    derived = base.with_parts(store=FakeStore("other"))
    assert derived.embedder is base.embedder
    assert derived.lexical is not base.lexical
    assert derived.store is not base.store
