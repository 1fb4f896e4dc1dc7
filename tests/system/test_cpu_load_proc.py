"""The other work on the cores, read from the real /proc (rag/cpu_load.py): a real busy
process next to this one is seen, and this process's own work is not."""

from __future__ import annotations

import subprocess
import sys
import time

from rag.cpu_load import OtherCpuUse


def busy_process(seconds: float) -> subprocess.Popen[bytes]:
    code = f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass"
    return subprocess.Popen([sys.executable, "-c", code])


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
    time.sleep(1.0)
    theirs = load.cores()
    child.wait()
    assert None not in (before_ours, ours, before_theirs, theirs)
    assert ours is not None and before_ours is not None
    assert theirs is not None and before_theirs is not None
    assert ours - before_ours < 0.5, (
        f"this process's own work counted as other work: {ours:.2f} cores "
        f"(other work before: {before_ours:.2f})"
    )
    assert theirs - before_theirs > 0.6, (
        f"a busy process next to us was not seen: {theirs:.2f} cores "
        f"(other work before: {before_theirs:.2f})"
    )
