"""Knowing when the open folder changes: inotify (through watchfiles) when the system gives events, else polling.

Polling stats every file of the folder: 64 ms of CPU a pass at 10,000
files, about 0.9 s at 100,000, so a poll every 2 s keeps a core busy on a
big archive that nobody is touching.  A kernel watch costs nothing while
nothing changes.  Polling stays as the fallback, for what gives no events:
watchfiles not installed, the system's limit on watches reached, a network
or FUSE filesystem (changes made on another machine send none), or
``NEWSREAD_WATCH=poll``; the reader then says so, and spaces its polls so
that they take at most :data:`POLL_SHARE` of a core.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SHARE = 0.02  # polls are spaced so that they use at most this share of a core
WATCH_ENV = "NEWSREAD_WATCH"
DEBOUNCE_MS = 1600  # changes are gathered for at most this long before they are reported...
STEP_MS = 50  # ...and reported once none came for this long
# Filesystems whose changes may be made where this kernel does not see them (network, FUSE): inotify misses those.
NO_EVENTS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre", "gpfs"}
NO_EVENTS |= {"vboxsf", "virtiofs", "fuse", "sshfs"}


def poll_delay(cost: float, shortest: float) -> float:
    """Seconds to wait before the next poll, when the last one took ``cost`` seconds of CPU."""
    return max(shortest, cost / POLL_SHARE)


def _unescape(field: str) -> str:
    """A path as /proc/self/mountinfo writes it (space, tab, newline, backslash as octal escapes)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem_of(path: Path, mountinfo: str) -> str | None:
    """The type of the filesystem ``path`` (resolved) is on, from the text of /proc/self/mountinfo."""
    best, kind = "", None
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        mount = _unescape(fields[4])
        fstype = line.split(" - ", 1)[1].split()[0]
        inside = str(path) == mount or str(path).startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):  # the deepest mount holding it; the later one when stacked
            best, kind = mount, fstype
    return kind


def gives_no_events(fstype: str | None) -> bool:
    return fstype is not None and (fstype in NO_EVENTS or fstype.startswith("fuse."))


def why_poll(folder: Path) -> str | None:
    """Why ``folder`` cannot be watched with kernel events (polled instead), or None when it can."""
    if os.environ.get(WATCH_ENV, "").strip().lower() == "poll":
        return f"{WATCH_ENV}=poll"
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return "watchfiles is not installed"
    if os.path.isdir("/proc/sys/fs"):  # Linux: inotify, unless the kernel was built without it
        if not os.path.isdir("/proc/sys/fs/inotify"):
            return "this system has no inotify"
        try:
            with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
                fstype = filesystem_of(folder.resolve(), f.read())
        except OSError:
            fstype = None
        if gives_no_events(fstype):
            return f"the folder is on {fstype}, which does not report every change"
    return None


def relevant(root: Path, paths: Iterable[str]) -> bool:
    """Whether any changed path can change the folder's listing: hidden names (editors' temporary and swap
    files, never listed) do not; the folder itself does (it went, or came back)."""
    for path in paths:
        try:
            parts = Path(path).relative_to(root).parts
        except ValueError:
            return True  # not under the folder as named: the folder itself, moved
        if not any(part.startswith(".") for part in parts):
            return True
    return False


class Watch:
    """Kernel events for ``folder`` (recursively), reported from a thread of its own.

    ``changed()`` is called after changes that can matter (a burst of them
    once), ``failed(reason)`` if watching stops working; both from the
    watching thread, so they must hand over to the UI without waiting.
    """

    def __init__(self, folder: Path, changed: Callable[[], None], failed: Callable[[str], None]) -> None:
        self.folder = Path(os.path.abspath(folder))  # as the events name paths
        self.changed = changed
        self.failed = failed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> str | None:
        """Start watching; the reason it cannot (the caller polls instead), or None."""
        try:
            notify = self._notify()
        except OSError as e:  # the limit on watches reached (ENOSPC), the folder gone...
            return f"cannot watch the folder ({e.strerror or e})"
        except Exception as e:  # the binding's own error for anything else
            return f"cannot watch the folder ({e})"
        self._thread = threading.Thread(target=self._run, args=(notify,), name="newsread-watch", daemon=True)
        self._thread.start()
        return None

    def _notify(self):
        from watchfiles._rust_notify import RustNotify  # watchfiles' documented low-level watcher

        return RustNotify([str(self.folder)], False, False, 0, True, True)

    def _run(self, notify) -> None:
        from watchfiles._rust_notify import WatchfilesRustInternalError

        try:
            while notify is not None:
                try:
                    with notify:
                        self._wait(notify)
                    return
                except WatchfilesRustInternalError:
                    # A name that is not UTF-8 changed: watchfiles cannot report it, and the watch keeps
                    # failing from then on.  Something changed, so say so, and watch afresh.
                    self.changed()
                    notify = None if self._stop.is_set() else self._notify()
        except Exception as e:
            if not self._stop.is_set():
                self.failed(f"watching the folder stopped ({e})")

    def _wait(self, notify) -> None:
        while not self._stop.is_set():
            got = notify.watch(DEBOUNCE_MS, STEP_MS, 0, self._stop)
            if isinstance(got, set) and relevant(self.folder, (path for _, path in got)):
                self.changed()

    def stop(self) -> None:
        """Stop watching (returns at once; the thread ends within a step)."""
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()
