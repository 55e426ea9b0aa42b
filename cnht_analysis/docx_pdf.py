"""PDF of the Word draft with LibreOffice (headless, own throw-away profile, time limit)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import RenderError


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, timeout: int = 180) -> Path:
    """Convert `docx` to a PDF beside it and return its path; RenderError on failure."""
    exe = find_soffice()
    if exe is None:
        raise RenderError("--pdf: LibreOffice is not installed (no soffice or libreoffice on PATH)")
    pdf = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="cnht-lo-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group, so a hang is ended whole
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise RenderError(
                f"--pdf: LibreOffice did not convert {docx.name} within {timeout} s"
            ) from None
        except BaseException:
            _kill_group(proc)
            raise
    if proc.returncode != 0 or not pdf.is_file():
        why = (err or out or "").strip().splitlines()
        raise RenderError(
            f"--pdf: LibreOffice could not convert {docx.name}"
            + (f" ({why[-1][:200]})" if why else f" (exit {proc.returncode})")
        )
    return pdf


def _kill_group(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
