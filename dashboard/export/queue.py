"""Exports from the dashboard wait their turn: a queue of files, shared by every process on
the machine, and a few warm renderers that take from it.

A viewer's click runs as a Dash background callback. On one machine (the default) the
callback puts the request in this queue and waits, telling the viewer how many exports
are ahead; a render worker (a thread of a web process holding that process's one
long-lived Chromium, never started per click) renders it. The number of render workers
on the machine is capped (one lock file per slot), and so is the number of waiting
exports: past it the viewer is told the server is busy at once, instead of hanging.

With Celery (KOREA_MAP_REDIS_URL) the callback runs in a Celery worker, which renders with
its own warm Chromium; Celery's queue on Redis does the waiting (dashboard/web/celery_app.py).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("dashboard")


def yield_to_page_loads() -> None:
    """Put this thread, and all it starts from now on, behind the pages: on Linux, the
    idle scheduling class, which runs only on a core nothing else wants; elsewhere a
    higher niceness where there is one. Only for a process of its own (an export's
    job): a thread of a web process must never get it, since while the system keeps it
    waiting it could be holding the interpreter every page load needs."""
    _to_the_back([threading.get_native_id()])


def _to_the_back(tasks: list[int]) -> None:
    for task in tasks:
        try:
            if hasattr(os, "SCHED_IDLE"):
                os.sched_setscheduler(task, os.SCHED_IDLE, os.sched_param(0))
            elif hasattr(os, "setpriority") and os.getpriority(os.PRIO_PROCESS, task) < 10:
                os.setpriority(os.PRIO_PROCESS, task, 10)
        except OSError:  # gone, or not allowed here: it keeps the ordinary priority
            pass


def children(pid: int) -> set[int]:
    """The processes `pid` started (Linux's /proc; empty elsewhere)."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.parent.name))
    return found


def descendants(pid: int) -> set[int]:
    """The processes below `pid`: its children, theirs, and so on."""
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            found.add(child)
            todo.append(child)
    return found


def chromium_to_the_back(started: set[int]) -> None:
    """Every thread of the processes in `started` and below them (kaleido's Chromium,
    which sets its own "nice" values where it may, but not its scheduling class) to
    the idle class; processes they start later inherit it."""
    for pid in started.union(*(descendants(p) for p in started)):
        _to_the_back([int(t.name) for t in Path(f"/proc/{pid}/task").glob("[0-9]*")])


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
    """Waiting exports, first come first served, as files in a folder: any process on the
    machine may add to it, and any render worker may take from it.

    Plain files, not a database: Dash forks the web process for every export click, and
    an SQLite connection open in a process that forks can leave a lock behind it. Every
    step is an atomic rename, so two workers never take the same export and a reader
    never sees half a file."""

    def __init__(self, directory: Path, limits: ExportLimits):
        self.directory = Path(directory)
        self.limits = limits
        for part in ("waiting", "done", "incoming"):
            (self.directory / part).mkdir(mode=0o700, parents=True, exist_ok=True)

    def _waiting(self) -> list[Path]:
        # Names start with the time of submission, so sorted names are the queue's order.
        return sorted((self.directory / "waiting").glob("*.job"))

    def _put(self, folder: str, name: str, value: dict) -> None:
        incoming = self.directory / "incoming" / f"{uuid.uuid4().hex}.part"
        incoming.write_bytes(pickle.dumps(value))
        os.replace(incoming, self.directory / folder / name)

    def submit(self, request: dict) -> str | None:
        """The job's id, or None when the queue is full."""
        job = uuid.uuid4().hex
        with _file_lock(self.directory / "submit.lock"):
            if len(self._waiting()) >= self.limits.waiting:
                return None
            self._put("waiting", f"{time.time_ns():020d}-{job}.job", request)
        return job

    def ahead_of(self, job: str) -> int | None:
        """How many exports wait before this one; None once a worker has taken it."""
        names = [path.stem.split("-", 1)[1] for path in self._waiting()]
        return names.index(job) if job in names else None

    def take(self) -> tuple[str, dict] | None:
        """The oldest waiting export, for a render worker (None when there is none)."""
        self._forget_uncollected()
        for path in self._waiting():
            taken = path.with_suffix(f".taken-{os.getpid()}")
            try:
                os.rename(path, taken)  # only one worker's rename succeeds
            except FileNotFoundError:
                continue  # taken by another worker, or withdrawn
            request = pickle.loads(taken.read_bytes())
            taken.unlink()
            return path.stem.split("-", 1)[1], request
        return None

    def finish(self, job: str, result: dict) -> None:
        self._put("done", f"{job}.result", result)

    def result(self, job: str) -> dict | None:
        """The export's result, handed over once."""
        path = self.directory / "done" / f"{job}.result"
        try:
            result = pickle.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        path.unlink(missing_ok=True)
        return result

    def withdraw(self, job: str) -> None:
        """A viewer gave up waiting: the export leaves the queue if nobody has taken it."""
        for path in (self.directory / "waiting").glob(f"*-{job}.job"):
            path.unlink(missing_ok=True)

    def _forget_uncollected(self) -> None:
        # Results whose viewer stopped waiting: nobody will collect them.
        too_old = time.time() - 2 * self.limits.seconds
        for folder, pattern in (("done", "*.result"), ("incoming", "*.part")):
            for path in (self.directory / folder).glob(pattern):
                with contextlib.suppress(FileNotFoundError):
                    if path.stat().st_mtime < too_old:
                        path.unlink()

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
    from dashboard.export.snapshot import ExportError

    if isinstance(err, ExportError):
        return str(err)
    log.error("export failed: %r", err, exc_info=err)
    return "the export failed on the server"


_WARM: dict = {}
BLANK = {"data": [], "layout": {"width": 20, "height": 20}}
_WARM_LOCK = threading.Lock()


def warm_renderer(seconds: int):
    """This process's renderer: Chromium started once, on first use, and kept until the
    process ends (kaleido allows one per process)."""
    from dashboard.export.snapshot import Renderer

    with _WARM_LOCK:
        if "renderer" not in _WARM:
            before = children(os.getpid())
            renderer = Renderer(timeout=seconds).__enter__()
            renderer.render(BLANK, "png", 72, 10)  # kaleido starts Chromium at a first figure
            chromium_to_the_back(children(os.getpid()) - before)
            # Chromium ends with the process, not after it (kaleido's own children).
            atexit.register(renderer.__exit__, None, None, None)
            _WARM["renderer"] = renderer
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


@contextlib.contextmanager
def _file_lock(path: Path):
    """The machine's lock on `path` while the block runs (a no-op without file locks)."""
    try:
        import fcntl
    except ImportError:  # Windows: the queue's cap is then approximate
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


BUSY = "The server is busy with other exports: try again in a minute."
REDIS_ENV = "KOREA_MAP_REDIS_URL"


class Exports:
    """How this deployment renders a viewer's export: through the machine's queue (the
    default), or right here in a Celery worker."""

    def __init__(self, limits: ExportLimits, queue: ExportQueue | None):
        self.limits, self.queue = limits, queue

    def run(self, request: dict, tell) -> dict:
        """{'body': bytes} or {'error': what to tell the viewer}."""
        yield_to_page_loads()  # the callback's job (its process, or a Celery worker)
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
