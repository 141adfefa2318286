"""Hostile config files (settings, keymap, a theme): defaults and one notice, never a hang, a crash or a memory blow-up.

The fixtures are built here, at test time: a FIFO, a link to /dev/zero, a
directory, TOML nested past the recursion limit, a dotted key long enough to
make ``tomllib`` take minutes, a file over the size limit, bytes that are not
UTF-8.  Those that could hang or fill memory are loaded in a child process
with a time and memory limit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.locations import config_dir
from tui.reader.configfile import MAX_BYTES

from .child import run_child
from .configs import CONFIG_FILES, load_all


def _write(text: str):
    return lambda path: path.write_text(text, encoding="utf-8")


HANGING = {  # a plain open or read of these blocks for ever, fills memory, or parses in quadratic time
    "fifo": os.mkfifo,
    "dev-zero": lambda path: path.symlink_to("/dev/zero"),
    "dotted-key": _write(".".join(["a"] * 60_000) + " = 1\n"),
}
FAILING = {
    "directory": Path.mkdir,
    "nested-arrays": _write("a = " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "nested-tables": _write("a = " + "{b = " * 20_000 + "1" + "}" * 20_000 + "\n"),
    "too-large": _write("# " + "x" * MAX_BYTES + "\n"),
    "not-utf8": lambda path: path.write_bytes(b'name = "\xff\xfe"\n'),
}


def plant(make) -> None:
    for name in CONFIG_FILES:
        path = config_dir() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)


def check(loaded: dict) -> None:
    for name, (defaults, notices) in loaded.items():
        assert defaults, name
        assert len(notices) == 1 and Path(name).name in notices[0], (name, notices)


@pytest.mark.parametrize("form", sorted(HANGING))
def test_a_config_file_that_would_hang_gives_defaults_and_one_notice(form):
    plant(HANGING[form])
    check(run_child("import json\nfrom hostile.configs import load_all\nprint(json.dumps(load_all()))"))


@pytest.mark.parametrize("form", sorted(FAILING))
def test_a_broken_config_file_gives_defaults_and_one_notice(form):
    plant(FAILING[form])
    check(load_all())


def test_the_reader_starts_with_every_config_hostile(seeds):
    """Settings nested too deeply, the keymap a FIFO, a theme linked to /dev/zero: it starts, says so, once each."""
    FAILING["nested-arrays"](config_dir() / "settings.toml")
    HANGING["fifo"](config_dir() / "keymap.toml")
    (config_dir() / "themes").mkdir()
    HANGING["dev-zero"](config_dir() / "themes" / "zero.toml")
    result = run_child(
        f"""
        import asyncio, json
        from tui.reader.app import NewsreadApp

        async def main():
            app = NewsreadApp({str(seeds)!r}, poll=False)
            async with app.run_test() as pilot:
                await pilot.pause()
                return app.theme, [n.message for n in app._notifications]

        theme, notes = asyncio.run(main())
        print(json.dumps({{"theme": theme, "notes": notes}}))
        """
    )
    assert result["theme"] == "newsread-dark"
    for name in ("settings.toml", "keymap.toml", "zero.toml"):
        assert sum(name in n for n in result["notes"]) == 1, result["notes"]
