"""Writing files so that a reader never sees half of one, and a failed write changes nothing.

`atomic_write` replaces one file: the data go to a temporary file in the same directory, are
flushed to disk, get the mode of the file they replace (a new file gets the mode the umask
gives), and are moved into place with `os.replace`.

`publish` replaces several files as one transaction: every file is staged first; only when all
are staged are they moved into place, and if a move fails the files already moved are put back,
so any failure leaves every file as it was. Failures are raised as `FileWriteError`, which names
the path and the operating system's reason (exit status 1).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import CnhtError


class FileWriteError(CnhtError):
    """Writing a file failed; the message names the path and the reason."""

    def __init__(self, path: Path | str, reason: OSError | str, *, unchanged: bool = True):
        self.path = Path(path)
        why = reason.strerror or str(reason) if isinstance(reason, OSError) else reason
        tail = "; every file was left as it was" if unchanged else ""
        super().__init__(f"cannot write {self.path}: {why}{tail}")


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _target_mode(path: Path) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _umask_mode()
    return stat.S_IMODE(st.st_mode)


def _stage(path: Path, data: bytes | str) -> str:
    """Write `data` to a new temporary file beside `path` with `path`'s mode; return its name."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    mode = _target_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path | str, data: bytes | str) -> Path:
    """Replace `path` with `data` (str is written as UTF-8) in one step; see the module text."""
    path = Path(path)
    try:
        tmp = _stage(path, data)
    except OSError as exc:
        raise FileWriteError(path, exc) from None
    try:
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileWriteError(path, exc) from None
    _fsync_dir(path.parent)
    return path


def atomic_save(path: Path | str, save) -> Path:  # noqa: ANN001 - save(tmp_path) writes the file
    """Like `atomic_write` for a writer that wants a file name (e.g. openpyxl's `save`)."""
    path = Path(path)
    mode = _target_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise FileWriteError(path, exc) from None
    try:
        save(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileWriteError(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def publish(directory: Path | str, files: Mapping[str, bytes | str]) -> list[Path]:
    """Replace every file `directory/name` by its data, all or none (see the module text)."""
    directory = Path(directory)
    temps: dict[str, str] = {}
    backups: dict[str, str | None] = {}
    done: list[str] = []
    try:
        for name, data in files.items():
            try:
                temps[name] = _stage(directory / name, data)
            except OSError as exc:
                raise FileWriteError(directory / name, exc) from None
        # Keep a hard link to every file about to be replaced, so that it can be put back.
        for name in files:
            target = directory / name
            if target.exists():
                fd, bak = tempfile.mkstemp(prefix=f".{name}.", suffix=".bak", dir=directory)
                os.close(fd)
                os.unlink(bak)
                try:
                    os.link(target, bak)
                except OSError as exc:
                    raise FileWriteError(target, exc) from None
                backups[name] = bak
            else:
                backups[name] = None
        for name in files:
            try:
                os.replace(temps[name], directory / name)
            except OSError as exc:
                _roll_back(directory, done, backups)
                raise FileWriteError(directory / name, exc) from None
            done.append(name)
        _fsync_dir(directory)
    finally:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
        for bak in backups.values():
            if bak is not None:
                Path(bak).unlink(missing_ok=True)
    return [directory / name for name in files]


def _roll_back(directory: Path, done: list[str], backups: Mapping[str, str | None]) -> None:
    """Put back the files already replaced (their old versions are hard-linked backups)."""
    for name in reversed(done):
        bak = backups.get(name)
        try:
            if bak is None:
                (directory / name).unlink(missing_ok=True)
            else:
                os.replace(bak, directory / name)
        except OSError:
            pass
