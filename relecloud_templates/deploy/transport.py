"""How every ARM request of a run behaves on the wire: Retry-After bounded and well-formed, waits that end when
the run is cancelled, and a record of slow requests so that progress can show them.

azure-core honours any ``Retry-After`` an answer carries, however long (an hour was observed), in a plain
``time.sleep`` nobody can interrupt, and raises a bare ``ValueError`` on one it cannot parse. Three pipeline
policies fix that for the clients built in ``connection.py``:

- ``RetryAfterGuard`` (after the retry policy, so it sees every answer first) caps ``Retry-After`` (and
  ``retry-after-ms``, ``x-ms-retry-after-ms``) at ``cap`` seconds and drops a value that is neither seconds
  nor an HTTP date. The retry policy and the long-running-operation pollers read the same, cleaned headers.
- ``InterruptibleRetryPolicy`` waits between retries on the run's cancel event instead of sleeping.
- ``RequestWatch`` remembers, per thread, the request in flight and the retry being waited for.
"""

from __future__ import annotations

import email.utils
import math
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from azure.core.pipeline.policies import RetryPolicy, SansIOHTTPPolicy

from relecloud_templates.deploy.scheduler import Interrupted

DEFAULT_MAX_RETRY_AFTER = 60.0  # seconds; ARM's own values are a few seconds to a minute
_RETRY_HEADERS = (("retry-after", 1.0), ("retry-after-ms", 1000.0), ("x-ms-retry-after-ms", 1000.0))


class Cancelled(Interrupted):
    """The run was interrupted while a request waited to be retried."""


def retry_after_seconds(raw: str, scale: float = 1.0) -> float | None:
    """Seconds from a Retry-After value (a number, or an HTTP date for the seconds header); None if malformed."""
    text = raw.strip()
    try:
        value = float(text) / scale
    except ValueError:
        if scale != 1.0:
            return None
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        value = when.timestamp() - time.time()
    if math.isnan(value) or math.isinf(value):
        return None
    return max(0.0, value)


class RetryAfterGuard(SansIOHTTPPolicy):
    def __init__(self, cap: float, watch: RequestWatch | None = None):
        self.cap, self.watch = cap, watch

    def on_response(self, request, response) -> None:
        headers = response.http_response.headers
        for name, scale in _RETRY_HEADERS:
            raw = headers.get(name)
            if raw is None:
                continue
            seconds = retry_after_seconds(str(raw), scale)
            if seconds is None:
                del headers[name]
                self._note(f"ignored a malformed {name} header ({str(raw)[:40]!r})")
            elif seconds > self.cap:
                headers[name] = str(int(self.cap * scale))
                self._note(f"ARM asked to wait {seconds:.0f} s; waiting at most {self.cap:.0f} s")
            elif seconds != int(seconds):  # some SDK code reads the header as an integer
                headers[name] = str(math.ceil(seconds * scale))

    def _note(self, text: str) -> None:
        if self.watch is not None:
            self.watch.note(text)


class InterruptibleRetryPolicy(RetryPolicy):
    """azure-core's retry policy, waiting on ``cancel`` (and telling ``watch``) instead of sleeping."""

    def __init__(self, cancel: threading.Event, watch: RequestWatch | None = None, **kwargs):
        super().__init__(**kwargs)
        self.cancel, self.watch = cancel, watch

    def _sleep_for_retry(self, response, transport) -> bool:
        retry_after = self.get_retry_after(response)
        if retry_after:
            self._pause(retry_after, f"HTTP {response.http_response.status_code}, retrying as ARM asked")
            return True
        return False

    def _sleep_backoff(self, settings, transport) -> None:
        backoff = self.get_backoff_time(settings)
        if backoff > 0:
            self._pause(backoff, "retrying")

    def _pause(self, seconds: float, why: str) -> None:
        if self.watch is not None:
            self.watch.pausing(why, seconds)
        try:
            if self.cancel.wait(seconds):
                raise Cancelled("stopped while waiting to retry a request")
        finally:
            if self.watch is not None:
                self.watch.pausing("", 0)


@dataclass
class _Activity:
    label: str = ""
    request: str = ""
    since: float = 0.0
    pause: str = ""
    until: float = 0.0
    note: str = ""


class RequestWatch(SansIOHTTPPolicy):
    """Per thread: the label it works for (a unit), its request in flight, the retry it waits for."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._lock = threading.Lock()
        self._threads: dict[int, _Activity] = {}

    def bind(self, label: str) -> None:
        """Requests made by this thread from now on are ``label``'s."""
        with self._lock:
            self._threads[threading.get_ident()] = _Activity(label)

    def _activity(self) -> _Activity | None:
        return self._threads.get(threading.get_ident())

    def on_request(self, request) -> None:
        with self._lock:
            activity = self._activity()
            if activity is not None:
                http = request.http_request
                parts = urlsplit(http.url).path.rstrip("/").split("/")
                activity.request, activity.since = f"{http.method} .../{'/'.join(parts[-2:])}", self.clock()

    def on_response(self, request, response) -> None:
        self._done()

    def on_exception(self, request) -> None:
        self._done()

    def _done(self) -> None:
        with self._lock:
            activity = self._activity()
            if activity is not None:
                activity.request = ""

    def pausing(self, why: str, seconds: float) -> None:
        with self._lock:
            activity = self._activity()
            if activity is not None:
                activity.pause, activity.until = why, self.clock() + seconds

    def note(self, text: str) -> None:
        with self._lock:
            activity = self._activity()
            if activity is not None:
                activity.note = text

    def status(self, label: str, slow_after: float = 10.0) -> str:
        """What ``label``'s thread is waiting for, when it is worth saying: a retry, or a request that is slow."""
        with self._lock:
            found = [a for a in self._threads.values() if a.label == label]
        now = self.clock()
        for activity in found:
            if activity.pause and activity.until > now:
                note = f"; {activity.note}" if activity.note else ""
                return f"{activity.pause} in {math.ceil(activity.until - now)} s{note}"
            if activity.request and now - activity.since >= slow_after:
                waited = now - activity.since
                return f"waiting for Azure to answer {activity.request} ({_coarse(waited)})"
        return ""


def _coarse(seconds: float) -> str:
    """10 s, 30 s, 1 min, 2 min, 5 min, ...: a log line per step, not per second."""
    for step in (600, 300, 120, 60):
        if seconds >= step:
            return f"over {step // 60} min"
    return "over 30 s" if seconds >= 30 else "over 10 s"
