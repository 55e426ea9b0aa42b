"""The report's charts drawn ahead of the kernel by `cnht render`, on the machine's other core.

Most of a render's work is drawing charts with matplotlib, and a kernel that draws them itself
first pays matplotlib's import and then draws one chart after another. `cnht render` knows the
data, the region and the year before it starts the kernel, so it starts a helper right away
(`start`): a fork of itself that imports matplotlib, builds the same results object and draws
every chart of the report, in two workers, into a folder (a PNG per chart, written
whole or not at all). The kernel, started meanwhile, finds the folder in its environment
(`CNHT_CHARTS_AHEAD`) and takes each chart from it (`Folder.take`); a chart the helper does not
have, could not draw or is late with, the kernel draws itself, with the same code and the same
result. The PNGs are byte-identical either way: the helper runs this very package on the same
input bytes, which the kernel checks (region, year and a fingerprint of its data files).

Only where `os.fork` and `fcntl` exist (Linux) and only from a process with no other thread: a
fork copies the parent's imported modules and loaded data for nothing, where a new interpreter
would spend most of a second importing them again. Elsewhere nothing is started and the kernel
draws as before (with its own helper for a second language, `drawing.ChartsAhead`).

The helper holds a lock on the folder while any worker runs, so the kernel can tell a chart still
coming from one that never will; it exits when its list is done, and `Helper.stop` kills it and
removes the folder when the render ends, however it ends.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .drawing import ChartKey
    from .models import Dataset

ENV = "CNHT_CHARTS_AHEAD"  # the folder, in the environment of the kernel `cnht render` starts
REQUEST = "request.json"  # region, year and fingerprint of the inputs the helper draws from
PLAN = "plan.txt"  # the file name of every chart the helper will draw, one per line
LOCK = "helper.lock"  # locked while the helper or one of its workers runs
TAKEN = "taken.txt"  # the charts the kernel took from the folder, one per line
WAIT_S = 120.0  # how long the kernel waits for one chart before drawing it itself
POLL_S = 0.004


def available() -> bool:
    """Whether this process can start a helper (fork and flock, and no other thread)."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    try:
        import fcntl  # noqa: F401
    except ImportError:  # pragma: no cover - Linux has it
        return False
    return threading.active_count() == 1


def fingerprint(files: Iterable[tuple[str, bytes]], region: str, as_of: int) -> str:
    """One digest of the input files (name and bytes, in the given order), region and year."""
    h = hashlib.sha256(f"{region}\0{as_of}\0".encode())
    for name, data in files:
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def dir_files(data_dir: Path) -> list[tuple[str, bytes]]:
    """The data files of a folder as `cnht render` snapshots them (load.FILE_ORDER's order)."""
    from .load import FILE_ORDER

    out = []
    for name in FILE_ORDER:
        try:
            out.append((name, (data_dir / name).read_bytes()))
        except OSError:
            continue
    return out


def chart_file(key: ChartKey, lang: str) -> str:
    """The file name of one chart in one language (keys hold every word the chart shows)."""
    return hashlib.sha256(repr((key, lang)).encode("utf-8")).hexdigest()[:40] + ".png"


def _write_whole(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --- the render's side -------------------------------------------------------------------------


class Helper:
    """The forked helper of one render: its folder and process; `stop` ends both."""

    def __init__(self, folder: Path, pid: int) -> None:
        self.folder = folder
        self.pid = pid

    def taken(self) -> tuple[int, int]:
        """(charts the kernel took from the folder, charts the helper planned)."""
        try:
            taken = len(set((self.folder / TAKEN).read_text(encoding="utf-8").split()))
        except OSError:
            taken = 0
        try:
            planned = len((self.folder / PLAN).read_text(encoding="utf-8").split())
        except OSError:
            planned = 0
        return taken, planned

    def stop(self) -> None:
        """Kill the helper and its workers if they still run, reap it, remove the folder."""
        import signal

        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def start(
    ds: Dataset,
    region: str,
    as_of: int,
    langs: Sequence[str],
    files: Mapping[str, bytes],
) -> Helper | None:
    """Fork the helper that draws every chart of the report in `langs`; None if it cannot."""
    if not available():
        return None
    try:
        folder = Path(tempfile.mkdtemp(prefix="cnht-charts-"))
    except OSError:
        return None
    request = {
        "region": region,
        "as_of": as_of,
        "langs": list(langs),
        "fingerprint": fingerprint(files.items(), region, as_of),
    }
    try:
        (folder / REQUEST).write_text(json.dumps(request), encoding="utf-8")
        ready_r, ready_w = os.pipe()
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        pid = os.fork()
    except OSError:
        os.close(ready_r)
        os.close(ready_w)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    if pid == 0:  # the helper: never returns
        os.close(ready_r)
        _helper(folder, ready_w, ds, region, as_of, tuple(langs))
    os.close(ready_w)
    try:
        os.read(ready_r, 1)  # the helper holds the lock (or has died): the kernel may look
    finally:
        os.close(ready_r)
    return Helper(folder, pid)


def _helper(
    folder: Path, ready: int, ds: Dataset, region: str, as_of: int, langs: tuple[str, ...]
) -> None:
    """The forked helper: lock the folder, say so, draw; exits the process, never returns."""
    code = 1
    render = os.getppid()
    try:
        import fcntl
        import signal

        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)  # not the render's handlers
        os.setpgid(0, 0)  # one process group with its worker, for Helper.stop
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # nothing printed; and the render's pipes close when it ends
            os.dup2(devnull, fd)
        os.close(devnull)
        lock = os.open(folder / LOCK, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the worker too (it inherits the fd)
        os.write(ready, b"1")
        os.close(ready)
        if _draw(folder, ds, region, as_of, langs) and os.getppid() != render:
            shutil.rmtree(folder, ignore_errors=True)  # the render died without cleaning up
        code = 0
    except BaseException:  # noqa: BLE001 - the kernel draws whatever is missing
        code = 1
    finally:
        os._exit(code)


def _draw(folder: Path, ds: Dataset, region: str, as_of: int, langs: tuple[str, ...]) -> bool:
    """Build the report's results once, then two workers draw the charts; True in the helper
    (once its worker has ended too), False in the worker."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from . import drawing, plots
        from .report import Report
        from .results import Results

        res = Results.build(ds, region, as_of)
        rep = Report(ds, region, as_of, langs, res)
        jobs = rep.draw_jobs()  # in the order the kernel shows them
        _write_whole(
            folder / PLAN, "".join(f"{chart_file(k, lang)}\n" for k, lang in jobs).encode()
        )
        plots.warm_up()  # matplotlib's import and font, once, before the fork shares them
        # two workers go down the same list, each taking the next chart nobody has claimed
        # (with two languages, one draws the Vietnamese and the other the English of each chart,
        # as the kernel shows them both)
        try:
            worker = os.fork()
        except OSError:
            worker = -1  # no worker: this process draws them all
        built: dict[Any, Any] = {}
        for key, lang in jobs:
            name = chart_file(key, lang)
            try:
                os.close(os.open(folder / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                continue  # the other worker draws it
            try:
                chart = built.get(key) or drawing.results_chart(res, key)
                built[key] = chart
                png = plots.figure_png(chart.label(lang))
            except Exception:  # noqa: BLE001 - the kernel draws this one itself
                _write_whole(folder / f"{name}.failed", b"")
                continue
            _write_whole(folder / name, png)
    if worker > 0:
        os.waitpid(worker, 0)
    return worker != 0


# --- the kernel's side -------------------------------------------------------------------------


class Folder:
    """The charts a render's helper draws for this kernel's report (see the module's doc)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._plan: set[str] | None = None

    @classmethod
    def from_env(cls, data_dir: str | Path | None, region: str, as_of: int) -> Folder | None:
        """The folder named in the environment, if drawn from these very inputs."""
        where = os.environ.get(ENV, "")
        if not where or not data_dir:
            return None
        try:
            import fcntl  # noqa: F401

            folder = Path(where)
            request = json.loads((folder / REQUEST).read_text(encoding="utf-8"))
            mine = fingerprint(dir_files(Path(data_dir)), region, as_of)
        except (OSError, ValueError, ImportError):
            return None
        if request.get("fingerprint") != mine:
            return None
        return cls(folder)

    def _planned(self, name: str) -> bool | None:
        """Whether the helper will draw it; None while the plan is not written yet."""
        if self._plan is None:
            try:
                self._plan = set((self.folder / PLAN).read_text(encoding="utf-8").split())
            except OSError:
                return None
        return name in self._plan

    def _helper_ended(self) -> bool:
        import fcntl

        try:
            fd = os.open(self.folder / LOCK, os.O_RDWR)
        except OSError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # still held: the helper or a worker runs
        finally:
            os.close(fd)  # (closing also releases a lock just taken)
        return True

    def take(self, key: ChartKey, lang: str, wait_s: float = WAIT_S) -> bytes | None:
        """The chart's PNG (waiting while it is coming), or None: draw it yourself."""
        name = chart_file(key, lang)
        path = self.folder / name
        deadline = time.monotonic() + wait_s
        while True:
            try:
                png = path.read_bytes()
            except FileNotFoundError:
                png = None
            except OSError:
                return None
            if png is not None:
                try:
                    with open(self.folder / TAKEN, "a", encoding="utf-8") as f:
                        f.write(name + "\n")
                except OSError:
                    pass
                return png
            if (self.folder / f"{name}.failed").exists() or self._planned(name) is False:
                return None
            if self._helper_ended():
                if path.exists():
                    continue  # written just before it ended
                return None
            if time.monotonic() > deadline:
                return None
            time.sleep(POLL_S)
