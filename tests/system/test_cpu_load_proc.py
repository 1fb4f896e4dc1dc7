"""The other work on the cores, read from the real /proc (rag/cpu_load.py): a real busy
process next to this one is seen, and this process's own work is not."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from rag.cpu_load import OtherCpuUse


def busy_process(seconds: float) -> subprocess.Popen[bytes]:
    code = f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass"
    return subprocess.Popen([sys.executable, "-c", code])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_real_proc_sees_another_process_but_not_this_one() -> None:
    """Each reading is compared with the other work of an idle window just before it,
    so programs the machine runs anyway do not decide the verdict."""
    load = OtherCpuUse(min_window_s=0.0)
    load.cores()
    time.sleep(1.0)
    before_ours = load.cores()
    spin(1.0)
    ours = load.cores()
    time.sleep(1.0)
    before_theirs = load.cores()
    child = busy_process(1.5)
    time.sleep(0.2)
    load.cores()
    started, child_started = time.monotonic(), cpu_seconds(child.pid)
    time.sleep(1.0)
    theirs = load.cores()
    child_cores = (cpu_seconds(child.pid) - child_started) / (time.monotonic() - started)
    child.wait()
    assert None not in (before_ours, ours, before_theirs, theirs)
    assert ours is not None and before_ours is not None
    assert theirs is not None and before_theirs is not None
    assert ours - before_ours < 0.5, (
        f"this process's own work counted as other work: {ours:.2f} cores "
        f"(other work before: {before_ours:.2f})"
    )
    # On a loaded machine the child gets less than a core: what it really used is the
    # measure (it spins, so it uses whatever it is given).
    assert theirs - before_theirs > 0.6 * child_cores, (
        f"a busy process next to us was not seen: {theirs:.2f} cores "
        f"(other work before: {before_theirs:.2f}, the process used {child_cores:.2f})"
    )
