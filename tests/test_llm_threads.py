"""Compute threads follow how busy the cores are (rag/cpu_load.py, `ThreadChoice`):
the /proc arithmetic on fixed files, the budget's arithmetic, the real /proc against
real busy processes, and the real model switching threads between and during
generations while the embedder leaves its threads free."""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from rag.cpu_load import CpuBudget, OtherCpuUse, allowed_cpus, default_threads
from rag.generator import Prompt
from rag.generator_llamacpp import LlamaCppGenerator, ThreadChoice

TICKS = 100  # USER_HZ on Linux


def write_proc(root: Path, cpu_busy: dict[int, int], own_ticks: int, idle: int = 1000) -> None:
    """A /proc with per-CPU lines (busy time split over user, system and steal)."""
    lines = ["cpu  0 0 0 0 0 0 0 0 0 0"]
    for number, busy in cpu_busy.items():
        user, system, steal = busy - busy // 2, busy // 4, busy // 2 - busy // 4
        lines.append(f"cpu{number} {user} 0 {system} {idle} 7 0 0 {steal} 0 0")
    (root / "stat").write_text("\n".join(lines) + "\nintr 1 2 3\n")
    (root / "self").mkdir(exist_ok=True)
    fields = ["S"] + ["0"] * 10 + [str(own_ticks - own_ticks // 3), str(own_ticks // 3)]
    (root / "self" / "stat").write_text("42 (python (x)) " + " ".join(fields + ["0"] * 30))


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def proc(tmp_path: Path) -> Path:
    write_proc(tmp_path, {n: 0 for n in allowed_cpus()}, own_ticks=0)
    return tmp_path


def busy_everywhere(proc: Path, ticks_per_cpu: int, own_ticks: int) -> None:
    write_proc(proc, {n: ticks_per_cpu for n in allowed_cpus()}, own_ticks)


def test_other_cores_are_busy_time_less_this_process(proc: Path) -> None:
    clock = Clock()
    load = OtherCpuUse(min_window_s=0.5, proc=proc, clock=clock)
    cpus = len(allowed_cpus())
    clock.now = 2.0
    busy_everywhere(proc, ticks_per_cpu=2 * TICKS, own_ticks=2 * TICKS)  # all busy, one ours
    assert load.cores() == pytest.approx(cpus - 1.0)


def test_a_short_window_returns_the_previous_average(proc: Path) -> None:
    clock = Clock()
    load = OtherCpuUse(min_window_s=0.5, proc=proc, clock=clock)
    clock.now = 1.0
    busy_everywhere(proc, ticks_per_cpu=TICKS // 2, own_ticks=0)
    first = load.cores()
    clock.now = 1.1
    busy_everywhere(proc, ticks_per_cpu=TICKS, own_ticks=0)  # 0.1 s later: too soon
    assert load.cores() == first
    clock.now = 2.0
    # Measured from the reading at 1.0 s: half a core more per CPU over 1 s.
    busy_everywhere(proc, ticks_per_cpu=TICKS, own_ticks=0)
    assert load.cores() == pytest.approx(0.5 * len(allowed_cpus()))


def test_cpus_outside_the_affinity_do_not_count(proc: Path) -> None:
    clock = Clock()
    load = OtherCpuUse(proc=proc, clock=clock)
    outside = max(allowed_cpus()) + 1
    clock.now = 1.0
    write_proc(proc, {**{n: 0 for n in allowed_cpus()}, outside: 10 * TICKS}, own_ticks=0)
    assert load.cores() == 0.0


def test_without_proc_the_load_is_unknown_and_threads_are_half_the_cpus(tmp_path: Path) -> None:
    load = OtherCpuUse(proc=tmp_path / "missing")
    assert load.cores() is None
    assert CpuBudget(load).threads() is None
    assert ThreadChoice(None, CpuBudget(load)).now() == default_threads()


class FixedLoad(OtherCpuUse):
    """Reports the cores it is told to."""

    def __init__(self, cores: float) -> None:
        super().__init__()
        self.value = cores

    def cores(self) -> float | None:
        return self.value


@pytest.mark.parametrize(
    ("other_cores", "taken"),
    [(0.0, 0), (0.49, 0), (0.5, 1), (1.2, 1), (1.6, 2), (500.0, None)],
)
def test_threads_are_the_cpus_other_work_leaves(other_cores: float, taken: int | None) -> None:
    cpus = len(allowed_cpus())
    wanted = 1 if taken is None else max(1, cpus - taken)
    assert ThreadChoice(None, CpuBudget(FixedLoad(other_cores))).now() == wanted


def test_threads_held_by_a_generation_are_not_free_for_others() -> None:
    cpus = len(allowed_cpus())
    budget = CpuBudget(FixedLoad(0.0))
    generation_threads = [cpus]
    with budget.holding(lambda: generation_threads[0]):
        assert budget.threads() == 1  # the embedder during a generation
        assert budget.threads(own=cpus) == cpus  # the generation itself
        generation_threads[0] = 1
        assert budget.threads() == max(1, cpus - 1)
    assert budget.threads() == cpus


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


def test_a_configured_thread_count_is_never_changed() -> None:
    assert ThreadChoice(3, CpuBudget(FixedLoad(500.0))).now() == 3


def busy_process(seconds: float) -> subprocess.Popen[bytes]:
    code = f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass"
    return subprocess.Popen([sys.executable, "-c", code])


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_real_proc_sees_another_process_but_not_this_one() -> None:
    load = OtherCpuUse(min_window_s=0.0)
    load.cores()
    spin(1.0)
    ours = load.cores()
    child = busy_process(1.5)
    time.sleep(0.2)
    load.cores()
    time.sleep(1.0)
    theirs = load.cores()
    child.wait()
    assert ours is not None and theirs is not None
    assert ours < 0.5, f"this process's own work counted as other work: {ours:.2f} cores"
    assert theirs > 0.6, f"a busy process next to us was not seen: {theirs:.2f} cores"


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


@pytest.mark.slow
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
