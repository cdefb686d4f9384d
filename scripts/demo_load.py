#!/usr/bin/python3
"""Loads a synthetic province into a running `netra serve`, through its API.

Usage: demo_load.py --url http://127.0.0.1:8080 [--token TOKEN] DIR

DIR is what `netra synth province --out DIR` wrote: every line of
DIR/calls.jsonl, {"method": "<Records method>", "request": {...}}, is posted
in order to URL/v1/<method> (with `Authorization: Bearer TOKEN` when a token
is given) over one kept-alive connection. The first answer that is not 200
stops the load with the line, the method and the service's error (exit 1);
the calls before it stay stored. At the end: calls per method and seconds.

Only the Python standard library (run it with /usr/bin/python3). The data
are SYNTHETIC (README.txt of DIR), never official figures.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import sys
import time
import urllib.parse


class Service:
    """One kept-alive HTTP(S) connection to the service, reopened when the
    service closed an idle one."""

    def __init__(self, url: str, token: str | None, timeout: float):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SystemExit(f"demo_load: --url {url!r} is not an http:// or https:// address")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.base = parts.path.rstrip("/")
        self.timeout = timeout
        self.headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        return cls(self.host, self.port, timeout=self.timeout)

    def post(self, method: str, body: bytes) -> tuple[int, bytes]:
        """POST /v1/<method>: (status, body). Retries once on a connection the
        service had closed (idle timeout) before it read the request."""
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request("POST", f"{self.base}/v1/{method}", body=body, headers=self.headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


def error_text(data: bytes) -> str:
    """The service's error message ({"code": ..., "error": ...}) or its body."""
    try:
        body = json.loads(data)
        if isinstance(body, dict) and "error" in body:
            return f"{body.get('code', '')}: {body['error']}".strip(": ")
    except ValueError:
        pass
    return data.decode("utf-8", "replace")[:2000].strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", default=os.environ.get("NETRA_TOKEN"),
                        help="bearer token (default: $NETRA_TOKEN; none when unset)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for one answer")
    parser.add_argument("dir", help="a directory written by `netra synth province --out DIR`")
    args = parser.parse_args()

    path = os.path.join(args.dir, "calls.jsonl")
    try:
        calls = open(path, "rb")
    except OSError as e:
        print(f"demo_load: {path}: {e.strerror}", file=sys.stderr)
        return 4
    service = Service(args.url, args.token, args.timeout)
    per_method: collections.Counter[str] = collections.Counter()
    start = time.monotonic()
    with calls:
        for number, line in enumerate(calls, 1):
            if not line.strip():
                continue
            try:
                call = json.loads(line)
                method = call["method"]
                body = json.dumps(call["request"], separators=(",", ":")).encode()
            except (ValueError, KeyError, TypeError) as e:
                print(f"demo_load: {path}:{number}: not a {{\"method\", \"request\"}} line: {e}", file=sys.stderr)
                return 1
            try:
                status, data = service.post(method, body)
            except (OSError, http.client.HTTPException) as e:
                print(f"demo_load: {path}:{number} ({method}): no answer from {args.url}: {e}", file=sys.stderr)
                return 1
            if status != 200:
                print(f"demo_load: {path}:{number} ({method}): HTTP {status}: {error_text(data)}\n"
                      f"demo_load: stopped; the {number - 1} lines before it were posted", file=sys.stderr)
                return 1
            per_method[method] += 1
    seconds = time.monotonic() - start
    total = sum(per_method.values())
    rate = f", {total / seconds:.0f} calls/s" if seconds > 0 else ""
    print(f"demo_load: posted {total} calls to {args.url} in {seconds:.1f} s{rate}")
    for method, count in sorted(per_method.items()):
        print(f"  {method:16} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
