"""A forwarding HTTP proxy in front of a store: records requests, injects faults, can demand Basic auth."""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

_HOP = {"connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length", "host",
        "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"}


@dataclass
class Fault:
    """Answer the ``nth`` request (1-based) of ``method`` with ``status`` and ``message``, or drop it."""

    method: str
    nth: int
    status: int = 500
    message: str = "injected failure: the store broke mid-load"
    drop: bool = False  # close the connection without an answer
    seen: int = 0


@dataclass
class Proxy:
    """What the proxy saw and will do; ``url`` is its base URL."""

    target: str
    url: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    basic: tuple[str, str] | None = None  # demand these credentials (Basic), not forwarded

    def reset(self) -> None:
        self.requests.clear()
        self.faults.clear()
        self.basic = None


def _handler(proxy: Proxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            proxy.requests.append((self.command, self.path))
            if proxy.basic is not None:
                want = "Basic " + base64.b64encode(":".join(proxy.basic).encode()).decode()
                if self.headers.get("Authorization") != want:
                    return self._answer(401, b"login needed", {"WWW-Authenticate": 'Basic realm="push-test"'})
            for fault in proxy.faults:
                if fault.method == self.command:
                    fault.seen += 1
                    if fault.seen == fault.nth:
                        if fault.drop:
                            self.close_connection = True
                            return
                        return self._answer(fault.status, fault.message.encode(), {"Content-Type": "text/plain"})
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            if proxy.basic is not None:
                headers.pop("Authorization", None)
            r = requests.request(self.command, proxy.target + self.path, data=body, headers=headers, timeout=60)
            self._answer(r.status_code, r.content,
                         {k: v for k, v in r.headers.items() if k.lower() not in _HOP})

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _any

    return Handler


def start_proxy(target: str) -> tuple[Proxy, ThreadingHTTPServer]:
    """A proxy on a free 127.0.0.1 port forwarding to ``target``; call ``server.shutdown()`` to stop it."""
    proxy = Proxy(target)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    server.daemon_threads = True
    proxy.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return proxy, server
