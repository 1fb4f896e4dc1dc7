"""Compute threads follow how busy the cores are (rag/cpu_load.py, `ThreadChoice`):
the /proc arithmetic on fixed files and the budget's arithmetic. The real /proc against
a real busy process: tests/system/test_cpu_load_proc.py; the real models switching
threads: tests/pipeline/test_llm_threads_real.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.cpu_load import CpuBudget, OtherCpuUse, allowed_cpus, default_threads
from rag.generator_llamacpp import ThreadChoice
from tests.support.fakes import FixedLoad

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


def test_a_configured_thread_count_is_never_changed() -> None:
    assert ThreadChoice(3, CpuBudget(FixedLoad(500.0))).now() == 3
