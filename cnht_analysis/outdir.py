"""Report directories that are replaced whole or not at all.

A render writes into a staging directory beside the report directory (same filesystem), then
swaps it into place with one rename. Until the swap the previous report is untouched; after it
the new one is complete. Leftovers of a killed run (staging directories, a previous report
moved aside during a non-atomic swap) are cleaned or restored by the next run, under the lock.

Layout under OUT/<region>/:
    2024/                        the published report
    .cnht-2024.lock              the lock (see lock.py)
    .cnht-2024.tmp-<pid>-<hex>   a run's staging directory
    .cnht-2024.old-<pid>-<hex>   the previous report, between the two renames of a fallback swap
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import secrets
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_file(path: Path, data: bytes) -> None:
    """Write bytes to a file and flush them to disk (every file of a report goes through here)."""
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _prefix(report_dir: Path) -> str:
    return f".cnht-{report_dir.name}"


def new_staging(report_dir: Path) -> Path:
    """Create an empty staging directory beside `report_dir`."""
    report_dir.parent.mkdir(parents=True, exist_ok=True)
    path = report_dir.parent / f"{_prefix(report_dir)}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir()
    return path


def recover(report_dir: Path) -> list[Path]:
    """Restore or delete what a killed run left beside `report_dir`; call it holding the lock."""
    parent = report_dir.parent
    touched: list[Path] = []
    if not parent.is_dir():
        return touched
    for old in sorted(parent.glob(f"{_prefix(report_dir)}.old-*")):
        if not report_dir.exists():
            os.rename(old, report_dir)  # killed between the two renames: put the good one back
        else:
            shutil.rmtree(old, ignore_errors=True)
        touched.append(old)
    for tmp in parent.glob(f"{_prefix(report_dir)}.tmp-*"):
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        touched.append(tmp)
    return touched


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where that is not available."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _carry_over(report_dir: Path, staging: Path, superseded: frozenset[str]) -> None:
    """Put into `staging` what `report_dir` holds that this run did not produce (hard links,
    or copies where links are impossible), so that publishing never deletes someone's file."""
    for entry in sorted(report_dir.iterdir()):
        dest = staging / entry.name
        if entry.name in superseded or dest.exists() or dest.is_symlink():
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), dest)
        elif entry.is_dir():
            shutil.copytree(entry, dest, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_file():
            _link_or_copy(entry, dest)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def publish(
    staging: Path, report_dir: Path, superseded: frozenset[str] | set[str] = frozenset()
) -> None:
    """Put the complete `staging` directory in place of `report_dir` in one rename.

    Files of the earlier report that this run did not produce are kept (carried into the
    staging directory first, so the swap stays atomic); only names in `superseded` (e.g. the
    failed notebook of an earlier run of the same notebook) are dropped.
    """
    if report_dir.is_dir():
        _carry_over(report_dir, staging, frozenset(superseded))
    _fsync_dir(staging)
    if not report_dir.exists():
        os.rename(staging, report_dir)
    elif _exchange(staging, report_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous report
    else:
        old = report_dir.parent / f"{_prefix(report_dir)}.old-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(report_dir, old)
        try:
            os.rename(staging, report_dir)
        except OSError:
            os.rename(old, report_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(report_dir.parent)


def keep_failed(data: bytes, report_dir: Path, name: str) -> Path:
    """Store a failed run's notebook as `report_dir/name`, touching nothing else there."""
    report_dir.mkdir(parents=True, exist_ok=True)
    tmp = report_dir.parent / f"{_prefix(report_dir)}.tmp-{os.getpid()}-{secrets.token_hex(4)}.nb"
    try:
        write_file(tmp, data)
        os.replace(tmp, report_dir / name)
    finally:
        tmp.unlink(missing_ok=True)
    return report_dir / name


def sha256_of(path: Path) -> str:
    """The sha256 hex digest of a file's bytes (manifest and report provenance)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
