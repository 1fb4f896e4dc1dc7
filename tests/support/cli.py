"""Run the real `rag` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.paths import REPO


def run_rag(
    *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
