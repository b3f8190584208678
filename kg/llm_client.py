"""A small client for OpenAI-compatible chat servers (Ollama, vLLM, llama.cpp, hosted APIs).

Standard library only (``urllib``): one ``POST {base}/chat/completions`` per request, with a
timeout, retries with exponential backoff on what may pass (a connection refused, a timeout,
HTTP 429 and 5xx), and structured output chosen by what the server accepts:

1. ``response_format: {"type": "json_schema", ...}`` (OpenAI, vLLM, Ollama);
2. ``{"type": "json_object", "schema": ...}`` (llama.cpp's Python server constrains the
   output to the schema this way);
3. ``{"type": "json_object"}``: JSON mode; the caller validates the answer.

The first mode the server accepts is kept for the rest of the run. The API key comes from
the environment (:data:`API_KEY_ENV`), is sent as ``Authorization: Bearer`` and never
appears in an error message, a log or a ``repr``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

__all__ = ["API_KEY_ENV", "MODES", "ChatClient", "LlmError"]

#: the environment variable holding the API key (never a command-line option)
API_KEY_ENV = "KG_LLM_API_KEY"
#: structured-output modes, most constrained first
MODES = ("json_schema", "json_object+schema", "json_object")
#: HTTP statuses that say "not this request's form": the next mode is tried
_MODE_REFUSED = {400, 422, 500, 501}
#: HTTP statuses worth a retry
_TRANSIENT = {408, 409, 425, 429, 500, 502, 503, 504}


class LlmError(Exception):
    """The server could not give an answer: the message is one line, without the key."""


@dataclass(frozen=True, slots=True)
class Answer:
    """The text the model returned, and the mode the request used."""

    content: str
    mode: str
    finish_reason: str | None = None


@dataclass(slots=True)
class ChatClient:
    """Chat completions against ``base_url`` (the ``/v1`` base, e.g.
    ``http://127.0.0.1:11434/v1``)."""

    base_url: str
    model: str
    timeout: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    max_tokens: int = 1024
    api_key: str | None = field(default=None, repr=False)
    #: the structured-output mode the server accepted (None: not known yet)
    mode: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_env(cls, base_url: str, model: str, **options: Any) -> ChatClient:
        return cls(base_url=base_url, model=model, api_key=os.environ.get(API_KEY_ENV) or None,
                   **options)

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"

    @property
    def shown(self) -> str:
        """The endpoint as messages show it: without any user or password in the URL."""
        return re.sub(r"(?<=://)[^/@]*@", "", self.endpoint)

    def complete(self, prompt: str, schema: dict[str, Any]) -> Answer:
        """The model's answer to ``prompt`` (one user message: some chat formats drop
        system messages), constrained to ``schema`` as far as the server allows."""
        modes = [self.mode] if self.mode is not None else list(MODES)
        last: LlmError | None = None
        for n, mode in enumerate(modes):
            probing = self.mode is None and n < len(modes) - 1
            try:
                answer = self._post(self._payload(prompt, schema, mode), mode,
                                    retry_refusals=not probing)
            except _Refused as refusal:
                last = refusal.error
                continue  # the server does not take this form: try the next
            if self.mode is None:
                with self._lock:
                    self.mode = mode
            return answer
        assert last is not None
        raise last

    def _payload(self, prompt: str, schema: dict[str, Any], mode: str) -> dict[str, Any]:
        response_format: dict[str, Any]
        if mode == "json_schema":
            response_format = {"type": "json_schema",
                               "json_schema": {"name": "facts", "strict": True,
                                               "schema": schema}}
        elif mode == "json_object+schema":
            response_format = {"type": "json_object", "schema": schema}
        else:
            response_format = {"type": "json_object"}
        return {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                "messages": [{"role": "user", "content": prompt}],
                "response_format": response_format}

    def _post(self, payload: dict[str, Any], mode: str, *, retry_refusals: bool) -> Answer:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        attempt = 0
        while True:
            attempt += 1
            request = urllib.request.Request(self.endpoint, data=body, headers=headers,
                                             method="POST")
            try:
                with _OPENER.open(request, timeout=self.timeout) as response:
                    raw = response.read()
                return _answer(raw, mode)
            except urllib.error.HTTPError as error:
                status = error.code
                detail = _detail(error)
                failure = LlmError(f"{self.shown}: HTTP {status}"
                                   + (f" ({detail})" if detail else ""))
                if not retry_refusals and status in _MODE_REFUSED:
                    raise _Refused(failure) from None
                if status not in _TRANSIENT or attempt > self.retries:
                    raise _tried(failure, attempt) from None
            except TimeoutError:
                failure = LlmError(f"{self.shown}: no answer within {self.timeout:g} s")
                if attempt > self.retries:
                    raise _tried(failure, attempt) from None
            except urllib.error.URLError as error:
                reason = error.reason
                if isinstance(reason, TimeoutError):
                    failure = LlmError(f"{self.shown}: no answer within {self.timeout:g} s")
                else:
                    failure = LlmError(f"{self.shown}: cannot reach the server "
                                       f"({_one_line(str(reason))})")
                if attempt > self.retries:
                    raise _tried(failure, attempt) from None
            except (ConnectionError, OSError, http.client.HTTPException) as error:
                failure = LlmError(f"{self.shown}: connection failed "
                                   f"({_one_line(str(error)) or type(error).__name__})")
                if attempt > self.retries:
                    raise _tried(failure, attempt) from None
            time.sleep(self.backoff * 2 ** (attempt - 1))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: urllib would send the API key on to wherever it points."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> None:
        raise urllib.error.HTTPError(req.full_url, code, f"redirected ({code}), not followed",
                                     headers, fp)


_OPENER = urllib.request.build_opener(_NoRedirect)


class _Refused(Exception):
    """The server refused the request's form (while the mode is being found)."""

    def __init__(self, error: LlmError) -> None:
        super().__init__(str(error))
        self.error = error


def _tried(error: LlmError, attempts: int) -> LlmError:
    if attempts > 1:
        return LlmError(f"{error} after {attempts} tries")
    return error


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _detail(error: urllib.error.HTTPError) -> str:
    try:
        raw = error.read()
    except Exception:
        return ""
    try:
        data = json.loads(raw)
        message = data.get("error", data) if isinstance(data, dict) else data
        if isinstance(message, dict):
            message = message.get("message", message)
        return _one_line(str(message))
    except ValueError:
        return _one_line(raw.decode("utf-8", "replace"))


def _answer(raw: bytes, mode: str) -> Answer:
    """The content of the first choice; a body that is not a chat completion is an error."""
    try:
        data = json.loads(raw)
        choice = data["choices"][0]
        content = choice["message"]["content"]
        finish = choice.get("finish_reason")
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmError("the server's reply is not a chat completion "
                       f"({_one_line(raw[:120].decode('utf-8', 'replace'))!r})") from None
    if not isinstance(content, str) or not content.strip():
        raise LlmError("the model gave an empty answer")
    return Answer(content=content, mode=mode,
                  finish_reason=finish if isinstance(finish, str) else None)
