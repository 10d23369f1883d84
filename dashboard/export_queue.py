"""Exports from the dashboard wait their turn: a queue on disk, shared by every process on
the machine, and a few warm renderers that take from it.

A viewer's click runs as a Dash background callback. On one machine (the default) the
callback puts the request in this queue and waits, telling the viewer how many exports
are ahead; a render worker (a thread of a web process holding that process's one
long-lived Chromium, never started per click) renders it. The number of render workers
on the machine is capped (one lock file per slot), and so is the number of waiting
exports: past it the viewer is told the server is busy at once, instead of hanging.

With Celery (KOREA_MAP_REDIS_URL) the callback runs in a Celery worker, which renders with
its own warm Chromium; Celery's queue on Redis does the waiting (dashboard/celery_app.py).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("dashboard")


@dataclass(frozen=True)
class ExportLimits:
    """What protects the host; each from its environment variable when set."""

    renderers: int = 1  # renders at once on this machine (KOREA_MAP_RENDERERS)
    waiting: int = 12  # exports queued before viewers are told it is busy (KOREA_MAP_QUEUE)
    seconds: int = 90  # the longest a viewer waits, queue and render (KOREA_MAP_EXPORT_SECONDS)

    @classmethod
    def from_environment(cls) -> ExportLimits:
        def number(name: str, default: int) -> int:
            value = os.environ.get(name, "")
            return int(value) if value.isdigit() and int(value) > 0 else default

        return cls(
            renderers=number("KOREA_MAP_RENDERERS", cls.renderers),
            waiting=number("KOREA_MAP_QUEUE", cls.waiting),
            seconds=number("KOREA_MAP_EXPORT_SECONDS", cls.seconds),
        )


class ExportQueue:
    """Waiting exports, first come first served, on disk (diskcache): any process on the
    machine may add to it, and any render worker may take from it."""

    def __init__(self, directory: Path, limits: ExportLimits):
        self.directory = Path(directory)
        self.limits = limits
        self._opened: tuple | None = None  # (pid, jobs, order, lock)

    def _open(self) -> tuple:
        # SQLite connections must not cross a fork (Dash forks a process per export
        # click): each process opens the queue's files for itself.
        import diskcache

        if self._opened is None or self._opened[0] != os.getpid():
            jobs = diskcache.Cache(str(self.directory / "jobs"))
            order = diskcache.Deque(directory=str(self.directory / "order"))
            lock = diskcache.Lock(jobs, "queue-lock", expire=30)
            self._opened = (os.getpid(), jobs, order, lock)
        return self._opened

    @property
    def _jobs(self):
        return self._open()[1]

    @property
    def _order(self):
        return self._open()[2]

    @property
    def _lock(self):
        return self._open()[3]

    def submit(self, request: dict) -> str | None:
        """The job's id, or None when the queue is full."""
        job = uuid.uuid4().hex
        with self._lock:
            if len(self._order) >= self.limits.waiting:
                return None
            self._jobs.set(("request", job), request, expire=self.limits.seconds * 2)
            self._order.append(job)
        return job

    def ahead_of(self, job: str) -> int | None:
        """How many exports wait before this one; None once a worker has taken it."""
        order = list(self._order)
        return order.index(job) if job in order else None

    def take(self) -> tuple[str, dict] | None:
        """The oldest waiting export, for a render worker (None when there is none)."""
        with self._lock:
            while self._order:
                job = self._order.popleft()
                request = self._jobs.get(("request", job))
                if request is not None:
                    return job, request
        return None

    def finish(self, job: str, result: dict) -> None:
        self._jobs.set(("result", job), result, expire=self.limits.seconds * 2)

    def result(self, job: str) -> dict | None:
        return self._jobs.get(("result", job))

    def withdraw(self, job: str) -> None:
        """A viewer gave up waiting: the export leaves the queue if nobody has taken it."""
        with self._lock:
            self._jobs.delete(("request", job))
            if job in self._order:
                self._order.remove(job)

    def wait(self, job: str, tell) -> dict:
        """Wait for the export, telling the viewer where it stands (tell(text)), up to the
        time limit; the result, or an error that says what happened."""
        deadline = time.monotonic() + self.limits.seconds
        said = None
        while time.monotonic() < deadline:
            done = self.result(job)
            if done is not None:
                return done
            ahead = self.ahead_of(job)
            if ahead is None:
                text = "Rendering…"
            elif ahead == 0:
                text = "Next in line…"
            else:
                text = f"Queued: {ahead} export{'s' * (ahead > 1)} ahead of yours…"
            if text != said:
                tell(text)
                said = text
            time.sleep(0.25)
        self.withdraw(job)
        return {"error": f"the export took more than {self.limits.seconds} s and was stopped"}


class RenderWorker(threading.Thread):
    """Takes exports from the queue and renders them with this process's one Chromium,
    started at the first export and kept (kaleido runs one per process). A request is
    the print figure itself, so one worker serves every app and dataset."""

    def __init__(self, queue: ExportQueue):
        super().__init__(name="render-worker", daemon=True)
        self.queue = queue

    def run(self) -> None:
        renderer = None
        while True:
            taken = self.queue.take()
            if taken is None:
                time.sleep(0.1)
                continue
            job, request = taken
            try:
                renderer = renderer or warm_renderer(self.queue.limits.seconds)
                result = {"body": render_request(renderer, request)}
            except Exception as err:  # a worker outlives any one export
                result = {"error": _reason(err)}
            self.queue.finish(job, result)


def render_request(renderer, request: dict) -> bytes:
    return renderer.render(request["figure"], request["fmt"], request["dpi"], request["width_mm"])


def _reason(err: Exception) -> str:
    from dashboard.export import ExportError

    if isinstance(err, ExportError):
        return str(err)
    log.error("export failed: %r", err, exc_info=err)
    return "the export failed on the server"


_WARM: dict = {}
_WARM_LOCK = threading.Lock()


def warm_renderer(seconds: int):
    """This process's renderer: Chromium started once, on first use, and kept until the
    process ends (kaleido allows one per process)."""
    from dashboard.export import Renderer

    with _WARM_LOCK:
        if "renderer" not in _WARM:
            _WARM["renderer"] = Renderer(timeout=seconds).__enter__()
        return _WARM["renderer"]


def render_here(request: dict, seconds: int) -> dict:
    """Render in this process (a Celery worker), one export at a time."""
    try:
        renderer = warm_renderer(seconds)
        with _RENDER_LOCK:
            return {"body": render_request(renderer, request)}
    except Exception as err:
        return {"error": _reason(err)}


_RENDER_LOCK = threading.Lock()
_STARTED: dict = {}


def ensure_render_worker(queue: ExportQueue) -> bool:
    """Start this process's render worker once, if the machine has a render slot left
    for it; True when this process renders."""
    with _WARM_LOCK:
        if "worker" in _STARTED:
            return _STARTED["worker"]
        slot = claim_render_slot(queue.directory, queue.limits.renderers)
        if slot is not None:
            _STARTED["slot"] = slot  # held open (and locked) for the life of the process
            RenderWorker(queue).start()
        _STARTED["worker"] = slot is not None
        return _STARTED["worker"]


def claim_render_slot(directory: Path, slots: int):
    """One of the machine's `slots` render slots for this process (an open, locked file
    kept for the life of the process), or None when all are taken. Where file locks are
    not available, every process renders."""
    try:
        import fcntl
    except ImportError:  # Windows
        return True
    directory.mkdir(parents=True, exist_ok=True)
    for slot in range(slots):
        handle = open(directory / f"render-slot-{slot}.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except OSError:
            handle.close()
    return None


BUSY = "The server is busy with other exports: try again in a minute."
REDIS_ENV = "KOREA_MAP_REDIS_URL"


class Exports:
    """How this deployment renders a viewer's export: through the machine's queue (the
    default), or right here in a Celery worker."""

    def __init__(self, limits: ExportLimits, queue: ExportQueue | None):
        self.limits, self.queue = limits, queue

    def run(self, request: dict, tell) -> dict:
        """{'body': bytes} or {'error': what to tell the viewer}."""
        if self.queue is None:
            tell("Rendering…")
            return render_here(request, self.limits.seconds)
        job = self.queue.submit(request)
        if job is None:
            return {"error": BUSY}
        return self.queue.wait(job, tell)


@dataclass(frozen=True)
class ExportSetup:
    exports: Exports
    manager: object  # the Dash background callback manager


_CELERY: dict = {}


def celery_app_for(url: str):
    """The Celery application on a Redis URL (one per process and URL)."""
    if url not in _CELERY:
        from celery import Celery

        app = Celery("korea_map", broker=url, backend=url)
        app.conf.update(worker_prefetch_multiplier=1, task_acks_late=True)
        _CELERY[url] = app
    return _CELERY[url]


def export_setup(directory: Path) -> ExportSetup:
    """Celery on Redis when KOREA_MAP_REDIS_URL is set; else the machine's disk queue and
    its render workers, with Dash's DiskcacheManager running each click's wait."""
    from dash import CeleryManager, DiskcacheManager

    limits = ExportLimits.from_environment()
    url = os.environ.get(REDIS_ENV)
    if url:
        return ExportSetup(Exports(limits, None), CeleryManager(celery_app_for(url)))
    import diskcache

    queue = ExportQueue(directory / "queue", limits)
    manager = DiskcacheManager(diskcache.Cache(str(directory / "callbacks")))
    return ExportSetup(Exports(limits, queue), manager)
