"""An exclusive lock on one report directory, so two renders never interleave their files.

The lock is `fcntl.flock` on a small file next to the directory: the kernel releases it when
the process exits, however it exits (SIGKILL included), so a crashed run never leaves a lock
held. The file is opened without following symbolic links and only if it is a regular file, so
a link planted at its name can never make a render truncate or write another file; it is
removed (while still locked) when the run ends, so no lock file stays visible after a run. A
process that locked a file which was removed meanwhile notices (the name no longer points at
its file) and tries again, so two processes never hold two different files of one name.
"""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import LockHeldError, RenderError


def lock_path(report_dir: Path) -> Path:
    """The lock file guarding `report_dir` (e.g. reports/hanoi/.cnht-2024.lock)."""
    return report_dir.parent / f".cnht-{report_dir.name}.lock"


def _open_lock_file(path: Path) -> int:
    """Open (creating if absent) the lock file; never follows a link, never opens a non-file."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if os.path.islink(path):
            raise RenderError(
                f"{path} is a symbolic link, not a lock file — refusing to use it "
                "(remove it and run again; the file it points to was not touched)"
            ) from None
        raise RenderError(f"cannot create the lock file {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RenderError(
            f"{path} is not a regular file — refusing to use it as the lock file "
            "(remove it and run again)"
        )
    return fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


@contextmanager
def report_lock(report_dir: Path, label: str | None = None) -> Iterator[Path]:
    """Hold the lock of `report_dir` for the duration; LockHeldError if another process has it."""
    path = lock_path(report_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    for _attempt in range(20):
        fd = _open_lock_file(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise LockHeldError(
                f"another cnht render is writing {label or report_dir} "
                f"({holder or 'pid unknown'}); try again when it has finished"
            ) from None
        if _same_file(fd, path):
            break
        os.close(fd)  # the holder removed it before we locked it: lock the new one
    else:
        raise RenderError(f"cannot lock {path}: it keeps being replaced")
    try:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield path
    finally:
        try:
            if _same_file(fd, path):
                os.unlink(path)  # still locked: nobody else can be using this file
        except OSError:
            pass
        os.close(fd)  # closing the descriptor releases the flock
