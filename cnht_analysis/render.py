"""`cnht render`: execute the annual assessment notebook once and publish its reports.

    validate data ─▶ resolve and check parameters ─▶ lock OUT/<region>/<year>
        ─▶ execute with papermill (project kernel) into a staging directory
        ─▶ one offline HTML per language (in-process nbconvert), assessment.csv, manifest.json
        ─▶ swap the staging directory into place

Nothing is written next to a published report except, when a run fails, the failed executed
notebook (`<name>.failed.ipynb`). Exit codes: 2 bad input or parameters (before any kernel
starts), 3 another render holds the lock, 1 the run failed (the earlier report is untouched).
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import numbers
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__, outdir, paths
from .errors import InputError, RenderError, UsageError
from .lock import report_lock

NOTEBOOK = paths.NOTEBOOKS_DIR / "annual_assessment.ipynb"
LANGS = ("vi", "en")
ASSESSMENT_CSV = "assessment.csv"
MANIFEST = "manifest.json"
Scalar = int | float | str | bool | None

log = logging.getLogger("cnht_analysis.render")


@dataclass(frozen=True)
class RenderResult:
    """What a successful render published."""

    report_dir: Path
    files: tuple[Path, ...]
    parameters: dict[str, Scalar]
    seconds: float
    manifest: dict[str, Any] = field(repr=False)


class Terminated(BaseException):
    """SIGTERM arrived; raised in the main thread so that clean-up runs (not an Exception, so
    library code catching Exception cannot swallow it)."""


class _RunFailed(Exception):
    """The notebook run failed; the message says where and why (no traceback)."""


# --- parameters ------------------------------------------------------------------------------


def langs_of(option: str) -> tuple[str, ...]:
    """The report languages of a `--lang` value: "vi", "en" or "all"."""
    if option == "all":
        return LANGS
    if option in LANGS:
        return (option,)
    raise UsageError(f"--lang: '{option}' is not a report language — expected vi, en or all")


def _plain(name: str, value: object) -> Scalar:
    """The value as a plain Python scalar; papermill would turn anything else into a string."""
    if value is None or type(value) in (bool, int, float, str):
        return value  # type: ignore[return-value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return str(value)
    raise UsageError(
        f"parameter '{name}': {type(value).__name__} value {value!r} — expected int, float, "
        "str, bool or None"
    )


def _declared_types(spec: Mapping[str, Any]) -> set[str]:
    """Type names a `parameters` cell declares for one name (from its annotation or default)."""
    annotation = str(spec.get("inferred_type_name") or "None")
    if annotation == "None":  # no annotation: go by the default value's type
        try:
            default = ast.literal_eval(str(spec.get("default")))
        except (ValueError, SyntaxError):
            return set()
        return {type(default).__name__} if default is not None else set()
    names = set(re.findall(r"[A-Za-z_]\w*", annotation)) - {"Optional", "Union", "typing"}
    if "Optional" in annotation or "None" in names:
        names.add("NoneType")
    names.discard("None")
    return names


def check_parameters(notebook: Path, parameters: Mapping[str, object]) -> dict[str, Scalar]:
    """Check names and types against the notebook's `parameters` cell; UsageError if they differ."""
    _skip_slow_optional_imports()
    import papermill

    try:
        declared = papermill.inspect_notebook(str(notebook))
    except Exception as exc:  # noqa: BLE001 - unreadable notebook: one clear line
        raise UsageError(f"{notebook}: cannot read the notebook's parameters ({exc})") from None
    if not declared:
        raise UsageError(f"{notebook}: no cell tagged 'parameters' — cannot pass parameters")
    problems: list[str] = []
    plain: dict[str, Scalar] = {}
    for name, raw in parameters.items():
        value = _plain(name, raw)
        plain[name] = value
        if name not in declared:
            known = ", ".join(sorted(declared))
            problems.append(
                f"{notebook.name}: unknown parameter '{name}' — expected one of {known}"
            )
            continue
        types = _declared_types(declared[name])
        got = type(value).__name__
        ok = not types or got in types or (got == "int" and "float" in types)
        if not ok:
            problems.append(
                f"{notebook.name}: parameter '{name}' must be {' or '.join(sorted(types))} "
                f"(as its parameters cell declares), got {got} {value!r}"
            )
    if problems:
        raise UsageError("\n".join(problems))
    return plain


# --- helpers ---------------------------------------------------------------------------------


# Optional packages jsonschema imports, when installed, only to check string formats ("iri",
# "duration", "color"…) that nbformat never asks for: nbformat validates with fastjsonschema and
# imports jsonschema without a format checker. rfc3987_syntax alone builds an Earley grammar for
# about 3 s at import; the others together cost about 0.1 s.
_UNUSED_FORMAT_CHECKERS = (
    "rfc3987_syntax",
    "rfc3987",
    "rfc3986_validator",
    "rfc3339_validator",
    "fqdn",
    "idna",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "isoduration",
)


def _skip_slow_optional_imports() -> None:
    """Import jsonschema (used by nbformat) without its optional format checkers.

    They are hidden only while jsonschema loads; anything importing them later gets them.
    """
    if "jsonschema" in sys.modules:
        return
    hidden = [m for m in _UNUSED_FORMAT_CHECKERS if m not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import jsonschema  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _format_escape(path: Path) -> str:
    # papermill runs str.format(**parameters) on both paths; keep braces in paths literal.
    return str(path).replace("{", "{{").replace("}", "}}")


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for dist in ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "matplotlib"):
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return found


def _first_line(source: str) -> str:
    lines = [x.strip() for x in str(source).splitlines() if x.strip()]
    text = lines[0] if lines else ""
    return text if len(text) <= 60 else text[:57] + "..."


def _short(text: object, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _last_started_cell(nb_file: Path) -> str:
    """Describe the cell that was running when the run stopped (from the saved notebook)."""
    try:
        import nbformat

        nb = nbformat.read(nb_file, as_version=4)
    except Exception:  # noqa: BLE001 - only used to improve a message
        return "a cell"
    started = [
        c
        for c in nb.cells
        if c.cell_type == "code" and c.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return "the first cell"
    cell = started[-1]
    index = nb.cells.index(cell)
    return f"cell {index + 1} ({_first_line(cell.source)!r})"


# --- the work done beside the kernel ---------------------------------------------------------


class _Beside:
    """Work that does not need the kernel, done in a thread while the kernel runs.

    The kernel is another process on the other core; our main thread mostly waits for its
    messages. Building the HTML exporter (imports, template compilation) and the assessment
    table here takes them off the critical path.
    """

    def __init__(self, ds: Any, region: str, year: int) -> None:
        self._args = (ds, region, year)
        self.csv = ""
        self.exporter: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="cnht-render-beside", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from .assess import assess_all, to_csv
            from .export import HtmlReportExporter

            ds, region, year = self._args
            self.csv = to_csv(assess_all(ds, region, year))
            self.exporter = HtmlReportExporter()
            self.exporter.warm_up()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread by result()
            self._error = exc

    def result(self) -> tuple[str, Any]:
        """The assessment CSV text and the ready exporter (re-raises the thread's error)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.csv, self.exporter


# --- execution -------------------------------------------------------------------------------


ENGINE_NAME = "cnht-analysis"


def _register_engine() -> type:
    """papermill's nbclient engine, remembering the notebook it runs.

    papermill saves the output notebook when a cell raises, but not when a cell times out or
    the kernel dies (unless it saves after every cell, which costs a write per cell). Keeping
    a reference lets us save the partly executed notebook ourselves for `*.failed.ipynb`.
    """
    from papermill.engines import NBClientEngine, papermill_engines

    class KeepNotebookEngine(NBClientEngine):  # type: ignore[misc]
        running: Any = None

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            KeepNotebookEngine.running = nb_man.nb
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE_NAME, KeepNotebookEngine)
    return KeepNotebookEngine


def _save_partial(engine: type, executed: Path) -> None:
    """Write the notebook as far as it ran, unless papermill already saved it."""
    nb = getattr(engine, "running", None)
    if nb is None or executed.exists():
        return
    try:
        import nbformat

        outdir.write_file(executed, nbformat.writes(nb).encode("utf-8"))
    except Exception:  # noqa: BLE001 - a missing debug copy must not hide the real failure
        log.warning("could not save the partly executed notebook", exc_info=True)


def _execute(notebook: Path, executed: Path, parameters: dict[str, Scalar], timeout: int) -> Any:
    """Run the notebook with papermill in the project kernel; _RunFailed names the failing cell."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .kernel import KERNEL_NAME, ensure_kernelspec, kernel_manager_class

    ensure_kernelspec()
    engine = _register_engine()
    try:
        return papermill.execute_notebook(
            _format_escape(notebook),
            _format_escape(executed),
            parameters=parameters,
            engine_name=ENGINE_NAME,
            kernel_name=KERNEL_NAME,
            language="python",
            cwd=str(paths.PROJECT_ROOT),
            progress_bar=False,
            log_output=True,
            # Saving after every cell costs a write per cell; failures are saved by
            # _save_partial, and a killed run's staging copy is discarded anyway.
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            kernel_manager_class=kernel_manager_class(),
            # Kill the kernel when done instead of asking it to shut down: faster, and a
            # timed-out cell cannot print a traceback from a closing socket.
            shutdown_kernel="immediate",
        )
    except papermill.PapermillExecutionError as exc:
        raise _RunFailed(
            f"cell {exc.cell_index + 1} ({_first_line(exc.source)!r}) raised "
            f"{exc.ename}: {_short(exc.evalue)}"
        ) from None
    except CellTimeoutError:
        _save_partial(engine, executed)
        where = _last_started_cell(executed)
        raise _RunFailed(f"{where} did not finish within {timeout} s (--timeout)") from None
    except DeadKernelError:
        _save_partial(engine, executed)
        where = _last_started_cell(executed)
        raise _RunFailed(
            f"the kernel died while running {where} (killed, out of memory, or crashed)"
        ) from None
    except (RuntimeError, TimeoutError, OSError) as exc:
        _save_partial(engine, executed)
        raise _RunFailed(
            f"the notebook kernel failed: {type(exc).__name__}: {_short(exc)}"
        ) from None
    except BaseException:
        _save_partial(engine, executed)
        raise


def _produced(staging: Path) -> dict[str, Path]:
    """Every file this run put in the staging directory (the snapshot and manifest aside)."""
    return {
        str(p.relative_to(staging)): p
        for p in sorted(staging.rglob("*"))
        if p.is_file() and p.name != MANIFEST and p.relative_to(staging).parts[0] != INPUTS_DIR
    }


def _manifest(
    *,
    notebook: Path,
    parameters: dict[str, Scalar],
    source_dir: Path,
    inputs: list[dict[str, Any]],
    started: str,
    t0: float,
    outputs: dict[str, Path],
) -> dict[str, Any]:
    from .kernel import KERNEL_NAME

    return {
        "package": "cnht-analysis",
        "version": __version__,
        "parameters": parameters,
        "notebook": {"path": str(notebook), "sha256": outdir.sha256_of(notebook)},
        "kernel": KERNEL_NAME,
        "data_dir": str(source_dir),
        "inputs": inputs,
        "started_utc": started,
        "finished_utc": _utc_now(),
        "duration_s": round(time.perf_counter() - t0, 3),
        "outputs": [
            {"file": name, "bytes": path.stat().st_size, "sha256": outdir.sha256_of(path)}
            for name, path in sorted(outputs.items())
        ],
        "versions": _versions(),
    }


def _failure_note(executed: Path, message: str) -> bytes | None:
    """The executed notebook, with a note on top saying why the run failed; None if absent."""
    if not executed.is_file():
        return None
    try:
        import nbformat

        nb = nbformat.read(executed, as_version=4)
        if not any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in nb.cells):
            note = nbformat.v4.new_markdown_cell(
                f"**`cnht render` failed ({_utc_now()}):** {message}",
                metadata={"tags": ["cnht-render-failed"]},
            )
            nb.cells.insert(0, note)
        return nbformat.writes(nb).encode("utf-8")
    except Exception:  # noqa: BLE001 - keep the raw file rather than nothing
        return executed.read_bytes()


# --- the input snapshot ----------------------------------------------------------------------

INPUTS_DIR = "inputs"  # the data files exactly as used, inside the report folder


def read_inputs(data_dir: Path) -> dict[str, bytes]:
    """Read every data file once, now: {name: bytes}. Only regular files are read (a FIFO or a
    directory named like a data file is an input error, and never blocks the read)."""
    import stat as stat_

    from .load import FILE_ORDER, load_dataset

    if not data_dir.is_dir():
        load_dataset(data_dir)  # the loader's own message for a missing or wrong directory
    found: dict[str, bytes] = {}
    problems: list[str] = []
    for name in FILE_ORDER:
        path = data_dir / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            continue  # a missing required file is reported by the loader
        except OSError as exc:
            problems.append(f"{path}: cannot read it ({exc.strerror or exc})")
            continue
        try:
            if not stat_.S_ISREG(os.fstat(fd).st_mode):
                problems.append(f"{path}: is not a regular file — expected the file {name}")
                continue
            with os.fdopen(os.dup(fd), "rb") as f:
                found[name] = f.read()
        finally:
            os.close(fd)
    if problems:
        raise InputError("\n".join(problems))
    return found


def write_inputs(files: Mapping[str, bytes], folder: Path) -> Path:
    """Write the snapshot into `folder` (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        outdir.write_file(folder / name, data)
    return folder


# --- the pipeline ----------------------------------------------------------------------------


def render_report(
    data_dir: Path | str | None = None,
    region: str = "hanoi",
    as_of: int | None = None,
    langs: Sequence[str] = ("vi",),
    out_root: Path | str | None = None,
    timeout: int = 600,
    notebook: Path | str | None = None,
    extra_parameters: Mapping[str, object] | None = None,
    pdf: bool = False,
) -> RenderResult:
    """Execute the notebook once and publish HTML per language, CSV and manifest under OUT.

    The notebook also writes the Word draft `<stem>.vi.docx`; with `pdf`, LibreOffice converts
    it to `<stem>.vi.pdf` before publishing (UsageError before any kernel when it is missing).
    """
    from .assess import check_region, default_as_of
    from .load import load_dataset

    t0 = time.perf_counter()
    started = _utc_now()
    nb_path = Path(notebook if notebook is not None else NOTEBOOK).absolute()
    langs = tuple(dict.fromkeys(langs))
    for lang in langs:
        langs_of(lang)
    if not langs:
        raise UsageError("--lang: no report language given — expected vi, en or all")
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout <= 0:
        raise UsageError(f"--timeout: {timeout!r} — expected a positive number of seconds")
    if not nb_path.is_file():
        raise UsageError(f"notebook not found: {nb_path}")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", region):
        raise UsageError(f"--region: '{region}' is not a region id such as hanoi")
    if pdf:
        from .docx_pdf import find_soffice

        if find_soffice() is None:
            raise UsageError(
                "--pdf: LibreOffice is not installed (no soffice or libreoffice on PATH); "
                "install it, or render without --pdf"
            )

    source_dir = Path(data_dir if data_dir is not None else paths.DATA_DIR).absolute()
    snapshot = read_inputs(source_dir)  # read once: the run never looks at source_dir again
    with tempfile.TemporaryDirectory(prefix="cnht-inputs-") as tmp:
        ds = load_dataset(write_inputs(snapshot, Path(tmp)))  # InputError (exit 2)
    check_region(ds, region)
    year = default_as_of(ds, region) if as_of is None else int(as_of)
    wanted: dict[str, object] = {
        "as_of": year,
        "region": region,
        "lang": "all" if len(langs) > 1 else langs[0],
        "data_dir": "",  # the snapshot in the staging directory, set under the lock
        "output_dir": "",
        "previous_data_dir": "",
    }
    wanted.update(extra_parameters or {})
    log.info("%.2f s: data loaded, as-of %s", time.perf_counter() - t0, year)
    with _charts_ahead(ds, region, year, langs, snapshot):
        return _render_loaded(
            nb_path,
            ds,
            _Loaded(source_dir, snapshot, region, year, langs, wanted, extra_parameters or {}),
            out_root,
            timeout,
            pdf,
            started,
            t0,
        )


@contextmanager
def _charts_ahead(
    ds: Any, region: str, year: int, langs: Sequence[str], snapshot: Mapping[str, bytes]
) -> Iterator[None]:
    """The report's charts drawn by a helper while the kernel starts (`ahead`), for this run."""
    from . import ahead

    helper = ahead.start(ds, region, year, langs, snapshot)
    if helper is None:
        yield
        return
    before = os.environ.get(ahead.ENV)
    os.environ[ahead.ENV] = str(helper.folder)  # the kernel started now inherits it
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ahead.ENV, None)
        else:
            os.environ[ahead.ENV] = before
        taken, planned = helper.taken()
        log.info("charts drawn ahead: the kernel took %d of %d", taken, planned)
        with _handler_only_flags():
            helper.stop()


@dataclass(frozen=True)
class _Loaded:
    source_dir: Path
    snapshot: Mapping[str, bytes]
    region: str
    year: int
    langs: tuple[str, ...]
    wanted: dict[str, object]
    extra_parameters: Mapping[str, object]


def _render_loaded(
    nb_path: Path,
    ds: Any,
    loaded: _Loaded,
    out_root: Path | str | None,
    timeout: int,
    pdf: bool,
    started: str,
    t0: float,
) -> RenderResult:
    """render_report once the inputs are loaded: parameters, lock, run, publish."""
    source_dir, snapshot, region = loaded.source_dir, loaded.snapshot, loaded.region
    year, langs, wanted = loaded.year, loaded.langs, loaded.wanted
    extra_parameters = loaded.extra_parameters
    declared = _declared_names(nb_path)
    for name in _RENDER_SET:  # passed only to notebooks that declare them
        if name not in declared and name not in (extra_parameters or {}):
            del wanted[name]
    parameters = check_parameters(nb_path, wanted)  # exit 2 before any kernel starts
    log.info("%.2f s: parameters checked", time.perf_counter() - t0)
    inputs = [
        {
            "file": f"{INPUTS_DIR}/{name}",
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        for name, data in snapshot.items()
    ]

    out = Path(out_root if out_root is not None else paths.REPORTS_DIR).absolute()
    report_dir = out / region / str(year)
    shown = display_path(report_dir)
    stem = nb_path.stem
    with report_lock(report_dir, label=shown):
        return _run_locked(
            nb_path,
            stem,
            parameters,
            ds,
            _Inputs(source_dir, snapshot, inputs),
            langs,
            report_dir,
            timeout,
            started,
            t0,
            pdf,
        )


_RENDER_SET = ("data_dir", "output_dir", "previous_data_dir")


def _declared_names(notebook: Path) -> set[str]:
    _skip_slow_optional_imports()
    import papermill

    try:
        return set(papermill.inspect_notebook(str(notebook)))
    except Exception:  # noqa: BLE001 - check_parameters says what is wrong
        return set()


@dataclass(frozen=True)
class _Inputs:
    source_dir: Path
    files: Mapping[str, bytes]
    manifest: list[dict[str, Any]]


def _run_locked(
    nb_path: Path,
    stem: str,
    parameters: dict[str, Scalar],
    ds: Any,
    inputs: _Inputs,
    langs: tuple[str, ...],
    report_dir: Path,
    timeout: int,
    started: str,
    t0: float,
    pdf: bool = False,
) -> RenderResult:
    shown = display_path(report_dir)
    try:
        outdir.recover(report_dir)
        staging = outdir.new_staging(report_dir)
    except OSError as exc:
        raise RenderError(f"cannot prepare {shown}: {exc.strerror or exc}") from None
    executed = staging / f"{stem}.ipynb"
    written: dict[str, Path] = {}
    published = False
    try:
        try:
            _skip_slow_optional_imports()
            import papermill  # noqa: F401 - imported before the helper thread starts

            snapshot_dir = write_inputs(inputs.files, staging / INPUTS_DIR)
            parameters = dict(parameters)
            if "data_dir" in parameters:
                parameters["data_dir"] = str(snapshot_dir)
            if "output_dir" in parameters:
                parameters["output_dir"] = str(staging)
            previous = report_dir.parent / str(int(parameters["as_of"]) - 1) / INPUTS_DIR  # type: ignore[arg-type]
            if "previous_data_dir" in parameters:
                parameters["previous_data_dir"] = str(previous) if previous.is_dir() else ""
            beside = _Beside(ds, str(parameters["region"]), int(parameters["as_of"]))  # type: ignore[arg-type]
            log.info("%.2f s: starting the kernel", time.perf_counter() - t0)
            with _no_raise_on_sigterm():
                nb = _execute(nb_path, executed, parameters, timeout)
            log.info("%.2f s: notebook executed", time.perf_counter() - t0)
            csv_text, exporter = beside.result()
            log.info("%.2f s: exporter ready", time.perf_counter() - t0)
            for lang in langs:
                page = exporter.export(nb, lang, base_dir=str(nb_path.parent))
                outdir.write_file(staging / f"{stem}.{lang}.html", page.encode("utf-8"))
            if not (staging / ASSESSMENT_CSV).is_file():  # unless the notebook wrote it
                outdir.write_file(staging / ASSESSMENT_CSV, csv_text.encode("utf-8"))
            draft = staging / f"{stem}.vi.docx"
            if draft.is_file():
                if pdf:
                    from .docx_pdf import docx_to_pdf

                    try:
                        docx_to_pdf(draft, timeout=min(timeout, 180))
                    except RenderError as exc:
                        raise _RunFailed(str(exc)) from None
                    log.info("%.2f s: PDF of the Word draft", time.perf_counter() - t0)
            elif pdf:
                raise _RunFailed(f"--pdf: the notebook wrote no Word draft ({draft.name})")
            written.update(_produced(staging))
            shown_parameters = {  # the paths as they are once published
                k: v.replace(str(staging), str(report_dir)) if isinstance(v, str) else v
                for k, v in parameters.items()
            }
            manifest = _manifest(
                notebook=nb_path,
                parameters=shown_parameters,
                source_dir=inputs.source_dir,
                inputs=inputs.manifest,
                started=started,
                t0=t0,
                outputs=written,
            )
            data = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            outdir.write_file(staging / MANIFEST, data)
            with _sigterm_deferred():  # a SIGTERM that came before is honoured here
                outdir.publish(staging, report_dir, superseded={f"{stem}.failed.ipynb"})
                published = True
                _PUBLISHED[0] = report_dir  # from here a SIGTERM says the new report is whole
            log.info("%.2f s: published", time.perf_counter() - t0)
        except _RunFailed as exc:
            why = "interrupted by SIGTERM" if _TERMINATED.is_set() else str(exc)
            raise _failed(why, executed, report_dir, stem) from None
        except OSError as exc:
            what = display_path(Path(exc.filename)) if exc.filename else "the report"
            why = f"cannot write {what}: {exc.strerror or exc}"
            raise _failed(why, executed, report_dir, stem) from None
        except Terminated:
            if published:  # the signal came during the publish, which was let finish
                raise RenderError(sigterm_message()) from None
            raise _failed("interrupted by SIGTERM", executed, report_dir, stem) from None
        except KeyboardInterrupt:
            from .kernel import kill_kernels

            kill_kernels()
            _failed("interrupted", executed, report_dir, stem)
            raise
        except Exception as exc:  # a bug or an unforeseen failure: still keep the notebook
            if _TERMINATED.is_set():  # the signal's exception surfaced as another library's error
                raise _failed("interrupted by SIGTERM", executed, report_dir, stem) from None
            why = f"unexpected error: {type(exc).__name__}: {_short(exc)}"
            raise _failed(why, executed, report_dir, stem) from exc
    finally:
        with _handler_only_flags():  # the clean-up is not cut short either
            shutil.rmtree(staging, ignore_errors=True)
    _check_terminated()  # a SIGTERM during the clean-up of a published run
    files = tuple(report_dir / name for name in [*sorted(written), MANIFEST, INPUTS_DIR])
    return RenderResult(report_dir, files, parameters, round(time.perf_counter() - t0, 3), manifest)


def _failed(why: str, executed: Path, report_dir: Path, stem: str) -> RenderError:
    """Keep the failed notebook beside the report and build the error the user sees."""
    shown = display_path(report_dir)
    kept = ""
    data = _failure_note(executed, why)
    if data is not None:
        try:
            path = outdir.keep_failed(data, report_dir, f"{stem}.failed.ipynb")
            kept = f"; the executed notebook is kept as {display_path(path)}"
        except OSError as exc:
            kept = f"; the failed notebook could not be kept ({exc.strerror or exc})"
    previous = (report_dir / MANIFEST).is_file()
    tail = f"; the previous report in {shown} is unchanged" if previous else ""
    return RenderError(f"render failed: {why}{kept}{tail}")


# --- the command -----------------------------------------------------------------------------


_TERMINATED = threading.Event()  # set by the SIGTERM handler of the running `cnht render`
# The folder this run has published into, once it has: a SIGTERM after that moment (removing
# the staging folder, releasing the lock, printing the summary) must not say that nothing was
# published, since the folder already holds the new report, complete.
_PUBLISHED: list[Path | None] = [None]


def sigterm_message() -> str:
    """What a SIGTERM of this run means for the report folder, in one line."""
    if _PUBLISHED[0] is not None:
        return (
            f"interrupted by SIGTERM just after publishing: {display_path(_PUBLISHED[0])} "
            "holds the new report, complete"
        )
    return "interrupted by SIGTERM"


_RAISE_OK = [True]  # False while papermill runs: the handler then only sets _TERMINATED


@contextmanager
def _handler_only_flags() -> Iterator[None]:
    """Inside, the SIGTERM handler only sets _TERMINATED (and kills the kernel), raising
    nothing; the caller checks the flag once out (not while another exception propagates)."""
    raise_ok, _RAISE_OK[0] = _RAISE_OK[0], False
    try:
        yield
    finally:
        _RAISE_OK[0] = raise_ok


@contextmanager
def _no_raise_on_sigterm() -> Iterator[None]:
    """SIGTERM only sets _TERMINATED (and kills the kernel) inside; checked on the way out."""
    with _handler_only_flags():
        yield
    _check_terminated()


def _check_terminated() -> None:
    if _TERMINATED.is_set():
        raise Terminated(signal.SIGTERM)


@contextmanager
def _sigterm_deferred() -> Iterator[None]:
    """SIGTERM is held back inside (delivered on the way out), so a publish is never cut short."""
    can_block = threading.current_thread() is threading.main_thread()
    if can_block:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        if can_block and signal.SIGTERM in signal.sigpending():
            _TERMINATED.set()
        _check_terminated()
        # The mask holds only for this thread: a signal sent to the process can be taken by
        # another thread (a helper's), and Python then runs the handler here all the same.
        # So the handler must not raise inside either; it only sets the flag.
        with _handler_only_flags():
            yield
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    _check_terminated()


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into the Terminated exception (main thread only) so clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        from .kernel import kill_kernels

        _TERMINATED.set()
        # Killing the kernel makes papermill fail in its own orderly way (DeadKernelError).
        # While papermill's event loop runs (and while publishing) nothing is raised here: an
        # exception there may be swallowed or printed as a traceback; the run checks the flag
        # as soon as it is back in our code.
        kill_kernels()
        if _RAISE_OK[0]:
            raise Terminated(signum)

    _TERMINATED.clear()
    _PUBLISHED[0] = None
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (pytest and callers may swap it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _log_to_stderr() -> None:
    """Notebook stderr and papermill warnings go to our stderr (cron mail, Airflow task log).

    CNHT_LOG_LEVEL=INFO also shows the notebook's stdout and the time of each step.
    """
    level = os.environ.get("CNHT_LOG_LEVEL", "WARNING").upper()
    for name, prefix in (("papermill", "cnht: notebook: "), ("cnht_analysis", "cnht: ")):
        logger = logging.getLogger(name)
        if logger.handlers:
            continue
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter(prefix + "%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False


def render_checked(
    *,
    data_dir: str | Path | None,
    region: str,
    as_of: int | None,
    langs: tuple[str, ...],
    out_root: str | Path | None,
    timeout: int,
    notebook: Path | str | None = None,
    pdf: bool = False,
) -> RenderResult:
    """`render_report` as the command runs it: notebook warnings on stderr, and a SIGTERM is a
    RenderError that says whether the new report was published."""
    _log_to_stderr()
    try:
        with _sigterm_raises():
            return render_report(
                data_dir=data_dir,
                region=region,
                as_of=as_of,
                langs=langs,
                out_root=out_root,
                timeout=timeout,
                notebook=notebook,
                pdf=pdf,
            )
    except Terminated:
        if _PUBLISHED[0] is not None:  # after the publish: cleaning up or releasing the lock
            raise RenderError(sigterm_message()) from None
        raise RenderError("render interrupted by SIGTERM; nothing was published") from None


def summary_lines(
    result: RenderResult, chosen: bool, data_dir: str | Path | None, region: str
) -> list[str]:
    """What `cnht render` prints once it has published: the files, why this year, the paths."""
    names = ", ".join(p.name for p in result.files)
    head = f"cnht: wrote {display_path(result.report_dir)}: {names} ({result.seconds:.1f} s)"
    return [head, *final_lines(result, chosen=chosen, region_name=_region_name(data_dir, region))]


def _region_name(data_dir: str | Path | None, region: str) -> str | None:
    """The region's Vietnamese name for the final lines ('Hà Nội'), None if it cannot be read."""
    try:
        from .load import load_dataset

        return load_dataset(data_dir).region_name(region, "vi")
    except Exception:  # noqa: BLE001 - the render succeeded; the id will do
        return None


def final_lines(result: RenderResult, chosen: bool, region_name: str | None = None) -> list[str]:
    """Why this as-of year, and the full path and file:// URL of every page and draft."""
    year = result.parameters.get("as_of")
    region = region_name or result.parameters.get("region")
    if chosen:
        why = (
            f"cnht: as of {year}: the latest year with an actual or preliminary figure for "
            f"{region} (another year: --as-of YEAR, or make report AS_OF=YEAR)"
        )
    else:
        why = f"cnht: as of {year}, as asked"
    out = [why]
    for path in result.files:
        if path.suffix in (".html", ".docx", ".pdf"):
            full = path.resolve()
            out.append(f"  {full}  ({full.as_uri()})")
    return out
