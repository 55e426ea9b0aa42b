"""An exclusive lock on one report directory, so two renders never interleave their files.

The lock is `fcntl.flock` on a small file next to the directory: the kernel releases it when
the process exits, however it exits (SIGKILL included), so a crashed run never leaves a stale
lock behind. The file itself stays; deleting a lock file would let two processes lock two
different files of the same name.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import LockHeldError, RenderError


def lock_path(report_dir: Path) -> Path:
    """The lock file guarding `report_dir` (e.g. reports/hanoi/.cnht-2024.lock)."""
    return report_dir.parent / f".cnht-{report_dir.name}.lock"


@contextmanager
def report_lock(report_dir: Path, label: str | None = None) -> Iterator[Path]:
    """Hold the lock of `report_dir` for the duration; LockHeldError if another process has it."""
    path = lock_path(report_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise RenderError(f"cannot create the lock file {path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            raise LockHeldError(
                f"another cnht render is writing {label or report_dir} "
                f"({holder or 'pid unknown'}); try again when it has finished"
            ) from None
        started = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
