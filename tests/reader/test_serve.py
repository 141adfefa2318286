"""The reader in a browser: `newsread --serve` in headless Chromium, driven by playwright with Debian's chromium."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tui.engine.bookmarks.store import Store
from tui.reader.serve import is_loopback, reader_command

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listening on {port}")


def last_article(data_dir, folder) -> str | None:
    store = Store.open(data_dir)
    try:
        return store.last(folder)
    finally:
        store.close()


def test_loopback_is_told_from_other_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_reader_command_quotes_the_folder(tmp_path):
    odd = tmp_path / "a folder; rm -rf x"
    cmd = reader_command(odd, open_ref="000#1", theme="$(x)")
    assert shlex.split(cmd) == [sys.executable, "-m", "tui", str(odd), "--open", "000#1", "--theme", "$(x)"]


def test_taken_port_is_one_line(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "tui", "--serve", "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "cannot serve" in out.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_served_reader_moves_to_the_next_article(seeds, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    port = free_port()
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", str(seeds), "--serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, proc)
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(f"http://127.0.0.1:{port}/")
            data_dir = env["NEWSREAD_DATA_DIR"]
            deadline = time.monotonic() + 60
            page.wait_for_selector(".xterm-screen", timeout=30_000)
            opened = None
            while opened is None:  # J opens the first article once the folder is listed
                assert time.monotonic() < deadline, "the served reader never opened an article"
                page.mouse.click(800, 400)  # focus the terminal (the intro shade may still cover it)
                page.keyboard.press("J")
                page.wait_for_timeout(500)
                opened = last_article(data_dir, seeds)
            page.wait_for_timeout(1000)
            before = page.screenshot()
            page.keyboard.press("J")
            while last_article(data_dir, seeds) == opened:
                assert time.monotonic() < deadline, "J did not open the next article"
                page.wait_for_timeout(250)
            page.wait_for_timeout(1000)
            after = page.screenshot()
            (tmp_path / "before.png").write_bytes(before)
            (tmp_path / "after.png").write_bytes(after)
            assert before != after
            assert opened.startswith("000_") and last_article(data_dir, seeds) not in (None, opened)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.returncode is not None
