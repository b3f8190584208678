"""A stand-in for an OpenAI-compatible chat server, on 127.0.0.1, for the error paths and
the plumbing of kg's language model stage (a real server is in test_llm_server.py).

``StubServer(answer)``: ``answer(request_json)`` returns what the server does with one
request: ``(status, body)`` (body a dict is sent as JSON, bytes as they are), or a number of
seconds to stall before closing. Every request's JSON and headers are kept in ``requests``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = tuple[int, Any] | float


def chat(content: str, finish_reason: str = "stop") -> tuple[int, dict[str, Any]]:
    """A chat completion whose answer is ``content``."""
    return 200, {"id": "stub", "object": "chat.completion", "model": "stub",
                 "choices": [{"index": 0, "finish_reason": finish_reason,
                              "message": {"role": "assistant", "content": content}}]}


class StubServer:
    def __init__(self, answer: Callable[[dict[str, Any]], Reply]) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append(payload)
                stub.headers.append(dict(self.headers))
                reply = stub.answer(payload)
                if isinstance(reply, int | float) and not isinstance(reply, tuple):
                    time.sleep(float(reply))
                    return
                status, body = reply
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> StubServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
