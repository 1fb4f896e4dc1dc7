"""The other work on the cores, read from the real /proc (rag/cpu_load.py): a real busy
process's work is seen by a process next to it, and not by itself.

Two readers watch the same window: this process, idle, and a child that spins. Whatever
else the machine runs is other work for both, so the difference between their readings is
the child's own work, which /proc/<pid>/stat tells independently. The verdict does not
depend on the load: a busier machine gives the child less CPU and both sides less."""

from __future__ import annotations

import json
import subprocess
import sys

from rag.cpu_load import OtherCpuUse

SPIN_SECONDS = 1.5
# /proc counts in clock ticks (1/100 s): each reading of a 1.5 s window is off by a few.
TOLERANCE_CORES = 0.2

SPINNING_READER = f"""
import json, os, sys, time
from rag.cpu_load import OtherCpuUse

def cpu_seconds():
    with open("/proc/self/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

load = OtherCpuUse(min_window_s=0.0)
print("ready", flush=True)
sys.stdin.readline()
load.cores()
started, used_before = time.monotonic(), cpu_seconds()
while time.monotonic() < started + {SPIN_SECONDS}:
    pass
seen = load.cores()
own = (cpu_seconds() - used_before) / (time.monotonic() - started)
print(json.dumps({{"seen": seen, "own": own}}), flush=True)
"""


def test_a_spinning_process_is_other_work_to_its_neighbour_and_not_to_itself() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SPINNING_READER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    load = OtherCpuUse(min_window_s=0.0)
    child.stdin.write("go\n")
    child.stdin.flush()
    load.cores()
    child_reading = json.loads(child.stdout.readline())
    ours = load.cores()
    assert child.wait(timeout=30) == 0
    theirs, child_own = child_reading["seen"], child_reading["own"]
    assert ours is not None and theirs is not None
    assert child_own > 0.0, "the spinning child got no CPU time at all"
    assert abs((ours - theirs) - child_own) < TOLERANCE_CORES, (
        f"the neighbour saw {ours:.2f} cores of other work and the spinning child "
        f"{theirs:.2f}; the difference should be the child's own {child_own:.2f}"
    )
