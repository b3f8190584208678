"""The query workers of ``kg serve``: processes, a bounded line, time limits, slow queries aside.

Every query runs in a worker process (:mod:`kg.serve_worker`) on a read-only copy of the
store. The pool, on the server's asyncio loop:

* hands a query to an idle worker, or puts it in a bounded line (``queue`` places): a query
  that finds the line full is answered 503 at once, one that waits longer than the time limit
  is answered 503 too, both with ``Retry-After``;
* kills the worker of a query that runs past the time limit (answered 503) and starts a new
  one;
* sets slow queries aside so that cheap ones never wait behind them: a query still running
  after ``slow_after`` seconds (0.1) leaves the pool's ``size`` workers and a standby worker,
  started in advance, takes its place at once; if the query ends soon, its worker becomes a
  standby in turn. A query still running after ``slow_down_after`` seconds (0.5) gets the lowest
  CPU priority (nice 19), so that it takes only the CPU that cheap queries leave; its worker is
  replaced once the query ends (a process cannot raise its priority back) and a new standby
  is started. At most ``slow_slots`` queries are set aside at a time (the others keep their
  place and only get the lower priority).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections import deque
from pathlib import Path

from kg.errors import KgError
from kg.serve_worker import (
    FRAME_SIZES,
    Reply,
    encode_frame,
    memory_message,
    split_sizes,
    text_reply,
)

__all__ = ["WorkerPool"]

log = logging.getLogger("kg.serve")

WORKER_START_TIMEOUT = 60.0  # seconds for a worker to open the store
RESPAWN_PAUSE = 1.0  # seconds before trying again when a worker could not start
SLOW_NICE = 19


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.slowed = False  # reniced: replaced once its query ends
        self.aside = False  # set aside: not counted in the pool's size any more
        self.last_words: deque[str] = deque(maxlen=3)  # the end of what it wrote on stderr
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        """Keep the last lines the worker writes on stderr (a crash explains itself there);
        they reach the log in one line only if the worker dies on its own."""
        stderr = self.process.stderr
        if stderr is None:
            return
        with contextlib.suppress(Exception):
            async for raw in stderr:
                line = raw.decode("utf-8", "replace").strip()
                if line and not line.startswith("note: run with `RUST_BACKTRACE"):
                    self.last_words.append(line)

    async def death(self) -> str:
        """Why the worker ended (it did, or is about to)."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.wait(), 2)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.listening, 1)
        code = self.process.returncode
        if code is None:
            return "still running"
        how = f"signal {-code}" if code < 0 else f"status {code}"
        with contextlib.suppress(ValueError):
            how = f"{signal.Signals(-code).name}" if code < 0 else how
        said = self.last_words[-1] if self.last_words else ""
        return f"{how}{': ' + said if said else ''}"

    @property
    def pid(self) -> int:
        return self.process.pid

    async def read(self) -> tuple[dict[str, object], bytes]:
        stdout = self.process.stdout
        assert stdout is not None
        head_size, body_size = split_sizes(await stdout.readexactly(FRAME_SIZES))
        data = await stdout.readexactly(head_size + body_size)
        head = json.loads(data[:head_size])
        if not isinstance(head, dict):
            raise ValueError("bad frame from a worker")
        return head, data[head_size:]

    async def ask(self, query: str, accepts: list[str], max_rows: int) -> Reply:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(encode_frame({"accepts": accepts, "max_rows": max_rows}, query.encode()))
        await stdin.drain()
        head, body = await self.read()
        headers = head.get("headers") or {}
        assert isinstance(headers, dict)
        status = head["status"]
        assert isinstance(status, int)
        return status, str(head["type"]), body, {str(k): str(v) for k, v in headers.items()}

    def slow_down(self) -> None:
        """Nice 19 for every thread of the worker (on Linux, a priority is a thread's)."""
        self.slowed = True
        try:
            threads = [int(t) for t in os.listdir(f"/proc/{self.pid}/task")]
        except (OSError, ValueError):
            threads = [self.pid]
        for thread in threads:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, thread, SLOW_NICE)

    def kill(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()


class _QueueFull(Exception):
    pass


class WorkerPool:
    """``size`` worker processes answering queries, plus standbys for slow ones."""

    def __init__(
        self,
        db_path: Path | str,
        *,
        size: int,
        timeout: float,
        max_rows: int,
        queue: int,
        slow_after: float = 0.1,
        slow_down_after: float = 0.5,
        slow_slots: int = 2,
        max_memory: int | None = None,
    ) -> None:
        self.db_path = str(db_path)
        self.size = size
        self.timeout = timeout
        self.max_rows = max_rows
        self.queue_limit = queue
        self.slow_after = slow_after
        self.slow_down_after = slow_down_after
        self.slow_slots = slow_slots
        self.max_memory = max_memory
        self.standby_target = slow_slots
        self.closed = False
        self._idle: deque[_Worker] = deque()
        self._standby: list[_Worker] = []
        self._waiters: deque[asyncio.Future[_Worker]] = deque()
        self._members = 0  # workers counted in size: idle, busy or starting
        self._standby_count = 0  # standby workers, ready or starting
        self._aside = 0  # slow queries set aside, still running
        self._returning = 0  # of which not slowed down: their workers come back as standbys
        self._all: set[_Worker] = set()
        self._starting: set[asyncio.Task[None]] = set()
        self._reaping: set[asyncio.Task[None]] = set()
        # no Rust backtrace on a failed allocation: one line says it
        self._env = {**os.environ, "PYTHONPATH": _pythonpath(), "RUST_BACKTRACE": "0"}

    # ------------------------------------------------------------------ starting, stopping

    async def start(self) -> None:
        """Start every worker; raise KgError if one cannot open the store."""
        self._members = self.size
        self._standby_count = self.standby_target
        count = self.size + self.standby_target
        results = await asyncio.gather(
            *(self._spawn() for _ in range(count)), return_exceptions=True
        )
        workers = [r for r in results if isinstance(r, _Worker)]
        errors = [r for r in results if not isinstance(r, _Worker)]
        if errors:
            for worker in workers:
                self._forget(worker)
            error = errors[0]
            raise error if isinstance(error, KgError) else KgError(str(error))
        for worker in workers[: self.size]:
            self._idle.append(worker)
        self._standby.extend(workers[self.size :])

    async def close(self) -> None:
        """Stop every worker (and the ones being started)."""
        self.closed = True
        for waiter in self._waiters:
            if not waiter.done():
                waiter.cancel()
        starting = list(self._starting)
        for task in starting:
            task.cancel()
        await asyncio.gather(*starting, return_exceptions=True)
        workers = list(self._all)
        self._all.clear()
        self._idle.clear()
        self._standby.clear()
        for worker in workers:
            worker.kill()
        for worker in workers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker.process.wait(), 5)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(worker.listening, 5)
        reaping = list(self._reaping)
        if reaping:
            await asyncio.wait(reaping, timeout=5)

    async def _spawn(self) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "kg.serve_worker",
            self.db_path,
            repr(self.timeout),
            str(self.max_memory or 0),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._env,
        )
        worker = _Worker(process)
        self._all.add(worker)
        try:
            head, _ = await asyncio.wait_for(worker.read(), WORKER_START_TIMEOUT)
        except BaseException as error:
            self._forget(worker)
            if isinstance(error, (TimeoutError, asyncio.IncompleteReadError, ValueError, OSError)):
                why = await worker.death()
                raise KgError(f"a SPARQL worker did not start ({why[:200]})") from None
            raise
        if head.get("ready") is not True:
            self._forget(worker)
            raise KgError(f"a SPARQL worker cannot open the store: {head.get('error')}")
        return worker

    def _forget(self, worker: _Worker) -> None:
        """Kill a worker and reap it in the background."""
        worker.kill()
        self._all.discard(worker)
        task = asyncio.ensure_future(self._reap(worker))
        self._reaping.add(task)
        task.add_done_callback(self._reaping.discard)

    async def _reap(self, worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            await worker.process.wait()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(worker.listening, 5)

    def _start_in_background(self, *, member: bool) -> None:
        task = asyncio.ensure_future(self._start_one(member=member))
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    def _replenish(self) -> None:
        """Start workers until the pool has ``size`` members and its standbys (a worker set
        aside that is not slowed down counts as a standby: it comes back as one)."""
        if self.closed:
            return
        while self._members < self.size:
            self._members += 1
            self._start_in_background(member=True)
        while self._standby_count + self._returning < self.standby_target:
            self._standby_count += 1
            self._start_in_background(member=False)

    async def _start_one(self, *, member: bool) -> None:
        while not self.closed:
            try:
                worker = await self._spawn()
            except (KgError, OSError) as error:
                log.warning("kg serve: %s; trying again", error)
                await asyncio.sleep(RESPAWN_PAUSE)
                continue
            if self.closed:
                self._forget(worker)
            elif member:
                self._release(worker)
            else:
                self._standby.append(worker)
            return

    # ------------------------------------------------------------------ handing out workers

    def _release(self, worker: _Worker) -> None:
        """An idle member: to the first query waiting, else to the idle ones."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self) -> _Worker:
        if self._idle:
            return self._idle.popleft()
        if len(self._waiters) >= self.queue_limit:
            raise _QueueFull
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(self.timeout):
                return await waiter
        except BaseException:
            # timed out or cancelled: a worker handed over meanwhile goes to the next one
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())
            else:
                waiter.cancel()
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
            raise

    def _set_aside(self, worker: _Worker) -> None:
        """A slow query: a standby takes its worker's place among the members."""
        if self._aside >= self.slow_slots:
            return
        worker.aside = True
        self._aside += 1
        self._returning += 1
        self._members -= 1
        if self._standby:
            standby = self._standby.pop()
            self._standby_count -= 1
            self._members += 1
            self._release(standby)
        self._replenish()

    def _slow_down(self, worker: _Worker) -> None:
        """A query still running: lowest CPU priority; its worker will be replaced."""
        worker.slow_down()
        if worker.aside:
            self._returning -= 1
            self._replenish()

    def _done(self, worker: _Worker, *, healthy: bool) -> None:
        """A query ended: the worker goes back (as a member or a standby), or is replaced
        (stopped over time, failed, or slowed down)."""
        if worker.aside:
            self._aside -= 1
            if not worker.slowed:
                self._returning -= 1
        reusable = healthy and not worker.slowed and not self.closed
        if not worker.aside:
            if reusable:
                self._release(worker)
                return
            self._members -= 1
            self._forget(worker)
        elif reusable and self._members < self.size:
            worker.aside = False
            self._members += 1
            self._release(worker)
        elif reusable and self._standby_count < self.standby_target:
            worker.aside = False
            self._standby_count += 1
            self._standby.append(worker)
        else:
            self._forget(worker)
        self._replenish()

    # ------------------------------------------------------------------ queries

    @property
    def waiting(self) -> int:
        return sum(1 for w in self._waiters if not w.done())

    async def run(self, query: str, accepts: list[str]) -> Reply:
        """Answer one query: the worker's reply, or 503 (busy, over time) or 500."""
        if self.closed:
            return text_reply(503, "the server is stopping", {"Retry-After": "5"})
        try:
            worker = await self._acquire()
        except _QueueFull:
            return text_reply(
                503,
                f"the server is busy: {self.queue_limit} queries are waiting; try again",
                {"Retry-After": "1"},
            )
        except TimeoutError:
            return text_reply(
                503,
                f"the server is busy: no SPARQL worker was free within {self.timeout:g} s",
                {"Retry-After": "5"},
            )
        healthy = False
        task = asyncio.ensure_future(worker.ask(query, accepts, self.max_rows))
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            for at, step in (
                (self.slow_after, self._set_aside),
                (self.slow_down_after, self._slow_down),
                (self.timeout, None),
            ):
                at = min(at, self.timeout)
                done, _ = await asyncio.wait({task}, timeout=max(0.0, started + at - loop.time()))
                if done:
                    break
                if step is not None and at < self.timeout:
                    step(worker)
            else:
                task.cancel()
                return text_reply(
                    503, f"query: stopped after the time limit of {self.timeout:g} s"
                )
            try:
                reply = task.result()
            except (asyncio.IncompleteReadError, OSError, ValueError, KeyError):
                why = await worker.death()
                log.warning("kg serve: a SPARQL worker ended (%s)", why[:200])
                if "memory allocation" in why or "MemoryError" in why:
                    return text_reply(503, memory_message(self.max_memory))
                return text_reply(500, "internal error: the SPARQL worker failed")
            healthy = True
            return reply
        finally:
            if not task.done():
                task.cancel()
            self._done(worker, healthy=healthy)


def _pythonpath() -> str:
    """PYTHONPATH for workers: this kg first, so a worker runs the server's code."""
    root = str(Path(__file__).resolve().parent.parent)
    rest = os.environ.get("PYTHONPATH", "")
    return root + (os.pathsep + rest if rest else "")
