"""Hostile folders, built at test time (no such file is committed): names and files a real archive can hold.

Names are bytes, as Linux keeps them: ``\\xff`` is no UTF-8 at all, and
newlines, ESC and a bidi override are legal in a name too.  The files cover
empty, binary, one over the size limit (sparse: no disk used) and one large
enough to take a while to segment.  Three files carry the same story, so the
non-UTF-8 names take part in variant groups, diffs and bookmarks.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.engine.ingest.scan import DEFAULT_MAX_BYTES

STORY = (
    "# Bridge reopens after repairs\n\n"
    "The mayor said on Monday that the old river bridge will reopen next week, after eight months of repairs.\n\n"
    "Engineers found cracks in two of the piers last spring and closed the bridge to all traffic in June.\n\n"
    "Traders on both banks said the closure had cost them customers, and welcomed the news.\n\n"
    "市政府表示，旧桥将于下周重新开放，维修工程历时八个月。\n"
)
OTHER = "# 地方新闻\n\n今天上午，市图书馆举行了新馆开放仪式，数百名市民到场参观。\n\n馆长说，新馆藏书超过三十万册。\n"

NOT_UTF8 = b"a\xff.txt"  # the story
NOT_UTF8_DIR = b"sub\xfe"  # a folder whose name is not UTF-8 either
NAMES: dict[bytes, bytes] = {
    NOT_UTF8: STORY.encode(),
    NOT_UTF8_DIR + b"/b\xff\xfe.txt": STORY.replace("eight months", "eight long months").encode(),
    "新闻\n换行.txt".encode(): STORY.replace("Monday", "Tuesday").encode(),
    b"esc\x1b[31mred.txt": OTHER.encode(),
    "bidi\u202etxt.md".encode(): OTHER.replace("三十万", "二十万").encode(),
    b"empty.txt": b"",
    b"binary.txt": bytes(range(256)) * 64,
    b"large.txt": ("\n\n".join(f"第{n}段。" + "新闻内容，" * 40 for n in range(3000)) + "\n").encode(),
}
TOO_BIG = b"huge.txt"


def path_of(root: Path, name: bytes) -> bytes:
    return os.path.join(os.fsencode(root), name)


def write(root: Path, name: bytes, data: bytes) -> None:
    path = path_of(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def build(root: Path) -> Path:
    """Fill ``root`` with the hostile files; returns it."""
    for name, data in NAMES.items():
        write(root, name, data)
    with open(path_of(root, TOO_BIG), "wb") as f:
        f.truncate(DEFAULT_MAX_BYTES + 1)
    return root


def name(relpath: bytes) -> str:
    """A relative path as the engine holds it: the OS's bytes through surrogateescape."""
    return os.fsdecode(relpath)
