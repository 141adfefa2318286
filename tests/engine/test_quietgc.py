"""Garbage collection held off while long-lived data is built, from several threads."""

import gc
import threading

from tui.engine import quietgc


def test_collection_resumes_only_when_the_last_holder_ends_and_what_was_built_is_frozen():
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_holder():
        with quietgc.held():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_holder)
    with quietgc.held():
        worker.start()
        inside.wait(5)
        assert not gc.isenabled()
        built = [[n] for n in range(1000)]  # tracked containers
    assert not gc.isenabled()  # the other thread still holds
    frozen_before = gc.get_freeze_count()
    release.set()
    worker.join(5)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(built)


def test_an_error_inside_still_lets_collection_resume():
    try:
        with quietgc.held():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with quietgc.held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
