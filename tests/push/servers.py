"""Private Virtuoso and Oxigraph servers on 127.0.0.1 for the push tests (started, polled, stopped)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from graphkit.processes import die_with_parent

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
_DB_DIR = "/var/lib/virtuoso-opensource-7/db/"


def _tied_to_us():
    """A preexec_fn: the server is killed when the test process ends, however it ends."""
    parent = os.getpid()
    return lambda: die_with_parent(parent)


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A server process the tests started: its base URL, folder and log."""

    name: str
    url: str
    folder: Path
    process: subprocess.Popen
    log: Path
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s; always reaps the process."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _wait_ready(server: Server, probe: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if requests.get(server.url + probe, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    log = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
    server.stop()
    raise RuntimeError(f"{server.name} did not start within {timeout} s "
                       f"(exit {server.process.poll()}); log tail:\n{log}")


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> str:
    """Debian's virtuoso.ini with every database path in ``folder`` and both ports on 127.0.0.1."""
    text = VIRTUOSO_INI.read_text()
    text = text.replace(_DB_DIR, str(folder) + "/")
    text = re.sub(r"(?m)^(DirsAllowed\s*=\s*)(.*)$", lambda m: f"{m.group(1)}{m.group(2)}, {folder}", text)
    sections = re.split(r"(?m)^(?=\[)", text)
    for i, section in enumerate(sections):
        if section.startswith("[Parameters]"):
            sections[i] = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{sql_port}", section)
        elif section.startswith("[HTTPServer]"):
            sections[i] = re.sub(r"(?m)^ServerPort\s*=.*$", f"ServerPort = 127.0.0.1:{http_port}", section)
    text = "".join(sections)
    # the tests read whole graphs back in one SELECT: lift the 10,000-row cap on results
    return re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)


def start_virtuoso(folder: Path, timeout: float = 60) -> Server:
    """A fresh Virtuoso database in ``folder`` (user dba, password dba), ready for queries."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise FileNotFoundError("virtuoso-t")
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):  # a port taken between choosing and binding: try others
        sql_port, http_port = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(virtuoso_ini(folder, sql_port, http_port))
        log = folder / "virtuoso.log"
        out = open(folder / "stdout.log", "wb")
        process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=_tied_to_us())
        out.close()
        server = Server("virtuoso", f"http://127.0.0.1:{http_port}", folder, process, log,
                        {"sql_port": sql_port})
        try:
            _wait_ready(server, "/sparql?query=ASK%7B%7D", timeout)
            return server
        except RuntimeError:
            if attempt == 2 or "listen" not in server.log.read_text(errors="replace"):
                raise
            for p in folder.glob("virtuoso*"):
                if p.name != "virtuoso.ini":
                    p.unlink()
    raise AssertionError("unreachable")


def start_oxigraph(folder: Path, timeout: float = 30) -> Server:
    """``oxigraph serve`` on a fresh folder, ready for queries."""
    exe = str(Path(sys.executable).parent / "oxigraph")  # the test extra's, else one on PATH
    if not os.path.exists(exe):
        exe = shutil.which("oxigraph") or exe
    if not os.path.exists(exe):
        raise FileNotFoundError("oxigraph")
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        port = free_port()
        log = folder / "oxigraph.log"
        out = open(log, "wb")
        process = subprocess.Popen([exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                   preexec_fn=_tied_to_us())
        out.close()
        server = Server("oxigraph", f"http://127.0.0.1:{port}", folder, process, log)
        try:
            _wait_ready(server, "/query?query=ASK%7B%7D", timeout)
            return server
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
