"""The export queue on disk: first come first served across processes, capped, honest
about where a viewer stands, and never waiting past its time limit."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import threading
import time

import pytest

from dashboard.export.queue import (
    ExportLimits,
    ExportQueue,
    children,
    chromium_to_the_back,
    claim_render_slot,
    yield_to_page_loads,
)


def test_limits_come_from_the_environment_and_ignore_nonsense(monkeypatch):
    monkeypatch.setenv("KOREA_MAP_RENDERERS", "3")
    monkeypatch.setenv("KOREA_MAP_QUEUE", "40")
    monkeypatch.setenv("KOREA_MAP_EXPORT_SECONDS", "-5")
    assert ExportLimits.from_environment() == ExportLimits(renderers=3, waiting=40, seconds=90)


def test_first_come_first_served_and_capped(tmp_path):
    queue = ExportQueue(tmp_path, ExportLimits(waiting=2))
    first, second = queue.submit({"n": 1}), queue.submit({"n": 2})
    assert queue.submit({"n": 3}) is None  # full: the viewer is told at once
    assert (queue.ahead_of(first), queue.ahead_of(second)) == (0, 1)
    assert queue.take() == (first, {"n": 1})
    assert queue.ahead_of(first) is None and queue.ahead_of(second) == 0
    assert queue.submit({"n": 3}) is not None  # room again


def test_a_withdrawn_export_is_never_rendered(tmp_path):
    queue = ExportQueue(tmp_path, ExportLimits())
    gone, kept = queue.submit({"n": 1}), queue.submit({"n": 2})
    queue.withdraw(gone)
    assert queue.take() == (kept, {"n": 2})
    assert queue.take() is None


def test_waiting_tells_the_viewer_and_stops_at_the_limit(tmp_path):
    queue = ExportQueue(tmp_path, ExportLimits(seconds=1))
    ahead = queue.submit({"n": 1})
    mine = queue.submit({"n": 2})
    said = []
    result = queue.wait(mine, said.append)
    assert said == ["Queued: 1 export ahead of yours…"]
    assert result == {"error": "the export took more than 1 s and was stopped"}
    assert queue.ahead_of(mine) is None  # and it left the queue
    assert queue.take() == (ahead, {"n": 1})


def test_a_finished_export_is_handed_over(tmp_path):
    queue = ExportQueue(tmp_path, ExportLimits(seconds=5))
    job = queue.submit({"n": 1})
    taken, _ = queue.take()
    queue.finish(taken, {"body": b"png"})
    said = []
    assert queue.wait(job, said.append) == {"body": b"png"}


def _submit(directory, results):
    results.put(ExportQueue(directory, ExportLimits(waiting=100)).submit({"from": "child"}))


def test_other_processes_share_the_queue(tmp_path):
    results = multiprocessing.get_context("spawn").Queue()
    children = [
        multiprocessing.get_context("spawn").Process(target=_submit, args=(tmp_path, results))
        for _ in range(3)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    jobs = {results.get(timeout=5) for _ in children}
    queue = ExportQueue(tmp_path, ExportLimits())
    taken = {queue.take()[0] for _ in children}
    assert taken == jobs and len(jobs) == 3


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="file locks on Unix")
def test_the_machine_has_no_more_renderers_than_its_slots(tmp_path):
    held = [claim_render_slot(tmp_path, 2) for _ in range(3)]
    assert held[0] and held[1] and held[2] is None
    held[0].close()  # a process that ends frees its slot
    assert claim_render_slot(tmp_path, 2) is not None


def _take_all(directory, results):
    queue, taken = ExportQueue(directory, ExportLimits()), []
    while (job := queue.take()) is not None:
        taken.append(job[0])
    results.put(taken)


def test_two_workers_never_take_the_same_export(tmp_path):
    queue = ExportQueue(tmp_path, ExportLimits(waiting=200))
    jobs = {queue.submit({"n": n}) for n in range(120)}
    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    workers = [spawn.Process(target=_take_all, args=(tmp_path, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    taken = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    assert sorted(taken[0] + taken[1]) == sorted(jobs)  # each once, none lost


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux's idle scheduling class")
def test_a_render_and_the_chromium_it_starts_run_behind_the_pages():
    seen = {}

    def render_thread():
        yield_to_page_loads()
        seen["thread"] = os.sched_getscheduler(threading.get_native_id())
        child = subprocess.Popen(["sleep", "5"])  # as kaleido starts Chromium
        seen["child"] = os.sched_getscheduler(child.pid)
        child.kill()
        child.wait()

    worker = threading.Thread(target=render_thread)
    worker.start()
    worker.join()
    assert seen == {"thread": os.SCHED_IDLE, "child": os.SCHED_IDLE}
    # The thread that serves pages keeps its ordinary class.
    assert os.sched_getscheduler(threading.get_native_id()) == os.SCHED_OTHER


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux's idle scheduling class")
def test_chromium_and_all_it_started_go_to_the_back_and_the_web_process_does_not():
    before = children(os.getpid())
    # A browser that has started a process of its own, as Chromium starts its zygote.
    browser = subprocess.Popen(["sh", "-c", "sleep 30 & wait"])
    try:
        deadline = time.monotonic() + 10
        while not children(browser.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        started = children(os.getpid()) - before
        assert started == {browser.pid}
        chromium_to_the_back(started)
        for pid in (browser.pid, *children(browser.pid)):
            assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        assert os.sched_getscheduler(os.getpid()) == os.SCHED_OTHER
    finally:
        for pid in children(browser.pid):
            os.kill(pid, 9)
        browser.kill()
        browser.wait()
