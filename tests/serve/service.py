"""Starts `netra serve` on a free loopback port for a test and stops it.

Used by tests/serve/test_serve.py and by the byte-identical JSON test
(bindings/python/tests/test_same_json.py)."""

from __future__ import annotations

import http.client
import json
import os
import re
import selectors
import signal
import subprocess
import threading


class Service:
    """One `netra serve` process; `log` collects its request log lines."""

    def __init__(self, cli: str, *args: str, listen: str = "127.0.0.1:0", timeout: float = 60):
        self.proc = subprocess.Popen([cli, "serve", "--listen", listen, *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self._stderr = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr.start()
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        line = self.proc.stdout.readline() if sel.select(timeout) else ""
        sel.close()
        if "listening on http" not in line:
            self.proc.kill()
            self.proc.wait()
            self._stderr.join(5)
            raise RuntimeError(f"netra serve did not start: {line!r} {''.join(self.log)}")
        self.port = int(re.search(r"https?://\S+:(\d+)", line).group(1))
        grpc = re.search(r"gRPC \S+:(\d+)", line)
        self.grpc_port = int(grpc.group(1)) if grpc else None

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.log.append(line)

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                timeout: float = 120) -> tuple[int, dict, bytes]:
        """One request on a new connection: (status, headers, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def call(self, name: str, request: dict | str | bytes = "{}", query: str = "", token: str | None = None,
             content_type: str = "application/json") -> tuple[int, bytes]:
        """POST /v1/<name>: (status, body)."""
        body = json.dumps(request) if isinstance(request, dict) else request
        headers = {"Content-Type": content_type}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        status, _, data = self.request("POST", f"/v1/{name}{query}", body, headers)
        return status, data

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        """Signals the process and waits: its exit code."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        self._stderr.join(5)
        self.proc.stdout.close()
        return code

    def __enter__(self) -> "Service":
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.stop()
