"""When the folder is watched and when polled, and how often a poll may come (no Textual needed)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.reader.watch import POLL_SHARE, filesystem_of, gives_no_events, poll_delay, relevant, why_poll

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/archive rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2
41 40 8:2 / /mnt/archive/local rw,relatime - ext4 /dev/sdb1 rw
42 22 0:40 / /home/me/remote\\040drive rw,nosuid - fuse.sshfs me@host:/news rw
43 22 0:41 / /tmp rw - tmpfs tmpfs rw
"""


def test_the_deepest_mount_decides():
    assert filesystem_of(Path("/home/me/news"), MOUNTINFO) == "ext4"
    assert filesystem_of(Path("/mnt/archive/1916"), MOUNTINFO) == "nfs4"
    assert filesystem_of(Path("/mnt/archive/local/1916"), MOUNTINFO) == "ext4"
    assert filesystem_of(Path("/mnt/archivex"), MOUNTINFO) == "ext4"  # a longer name is not inside
    assert filesystem_of(Path("/home/me/remote drive/a"), MOUNTINFO) == "fuse.sshfs"


def test_network_and_fuse_filesystems_are_polled():
    assert gives_no_events("nfs4") and gives_no_events("fuse.sshfs") and gives_no_events("cifs")
    assert not gives_no_events("ext4") and not gives_no_events("tmpfs") and not gives_no_events(None)


def test_a_local_folder_is_watched_unless_polling_is_asked_for(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSREAD_WATCH", raising=False)
    assert why_poll(tmp_path) is None
    monkeypatch.setenv("NEWSREAD_WATCH", "poll")
    assert why_poll(tmp_path) == "NEWSREAD_WATCH=poll"


def test_hidden_names_do_not_count(tmp_path):
    root = tmp_path.resolve()
    assert not relevant(root, [str(root / ".a.txt.swp"), str(root / ".git" / "index"), str(root / "sub" / ".x")])
    assert relevant(root, [str(root / ".a.swp"), str(root / "sub" / "a.txt")])
    assert relevant(root, [str(root)])  # the folder itself went or came back
    assert relevant(root, [str(tmp_path / "elsewhere")])


@given(st.floats(min_value=0, max_value=100), st.floats(min_value=0.01, max_value=10))
def test_polls_take_at_most_their_share_of_a_core(cost, shortest):
    delay = poll_delay(cost, shortest)
    assert delay >= shortest and cost / delay <= POLL_SHARE + 1e-9
