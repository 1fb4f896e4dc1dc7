"""Compute threads follow how busy the cores are, with the real models: the GGUF
switches threads between and during generations (and its text does not change), while
the embedder leaves a generation's threads free. The arithmetic with fakes:
tests/unit/test_llm_threads.py."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from rag.cpu_load import CpuBudget, OtherCpuUse, allowed_cpus
from rag.generator import Prompt
from rag.generator_llamacpp import LlamaCppGenerator
from tests.support.fakes import FixedLoad


def test_the_embedder_takes_the_threads_a_generation_leaves(
    embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rag.embedder

    cpus = len(allowed_cpus())
    budget = CpuBudget(FixedLoad(0.0))
    chosen: list[int | None] = []
    real_torch_threads = rag.embedder.torch_threads

    def recording(count: int | None) -> AbstractContextManager[None]:
        chosen.append(count)
        return real_torch_threads(count)

    monkeypatch.setattr(rag.embedder, "process_budget", lambda: budget)
    monkeypatch.setattr(rag.embedder, "torch_threads", recording)
    embedder.embed_documents(["Una frase corta."])
    with budget.holding(lambda: cpus):
        embedder.embed_documents(["Otra frase corta."])
    embedder.embed_documents(["Un capítulo entero. " * 1000])  # bulk: torch's default
    assert chosen == [cpus, 1, None]


PROMPT = Prompt(
    text="Pregunta: ¿Cuántos metros mide la torre?\nContexto: La torre mide 42 metros.\nRespuesta:",
    max_tokens=48,
    temperature=0.0,
)


def context_threads(generator: LlamaCppGenerator) -> tuple[int, int]:
    """What the llama.cpp context itself will use: decoding, prompt processing."""
    from llama_cpp import llama_n_threads, llama_n_threads_batch

    context = generator._llm.ctx
    return llama_n_threads(context), llama_n_threads_batch(context)


def generate(generator: LlamaCppGenerator) -> str:
    generator._llm.reset()  # no prefix reuse between the runs compared
    return "".join(generator.stream(PROMPT))


class ChangingLoad(OtherCpuUse):
    """Idle for the first reading, then a whole machine's worth of other work."""

    def __init__(self) -> None:
        super().__init__()
        self.readings = 0

    def cores(self) -> float | None:
        self.readings += 1
        return 0.0 if self.readings == 1 else 1000.0


def test_the_model_switches_threads_between_and_during_generations(
    models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("rag.generator_llamacpp.RETHINK_THREADS_S", 0.0)
    model = models_dir / "gemma-3-270m-q4_k_m.gguf"
    load = FixedLoad(1000.0)
    generator = LlamaCppGenerator(model, context_tokens=1024, budget=CpuBudget(load))
    assert context_threads(generator) == (1, 1)
    busy_text = generate(generator)
    load.value = 0.0
    idle_text = generate(generator)
    cpus = len(allowed_cpus())
    assert generator.threads == cpus and context_threads(generator) == (cpus, cpus)

    changing = ChangingLoad()
    switching = LlamaCppGenerator(model, context_tokens=1024, budget=CpuBudget(changing))
    changing.readings = 0  # the next generation starts idle, then the cores fill up
    switching_text = generate(switching)
    assert changing.readings > 2, "the threads were not re-chosen while generating"
    assert switching.threads == 1 and context_threads(switching) == (1, 1)
    assert busy_text.strip(), "nothing was generated"
    assert busy_text == idle_text == switching_text, "the thread count changed the answer"
