"""The project's Jupyter kernel, `cnht-analysis`, always bound to the running interpreter.

Notebooks name this kernel in their metadata. `cnht render` never looks the name up among the
kernelspecs on disk (a stale spec of the same name in ~/.local/share/jupyter could point at
another environment); it starts the kernel from an in-memory spec for `sys.executable`. The spec
on disk is written for JupyterLab users, so that opening a notebook picks this environment too.

The kernel `cnht render` starts differs from the one on disk in one way: it runs without the
debugger. ipykernel imports debugpy at start-up whenever it is installed (about 0.15 s of every
render), and nobody attaches a debugger to a scheduled run; JupyterLab users keep it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import weakref
from pathlib import Path
from typing import Any

KERNEL_NAME = "cnht-analysis"
DISPLAY_NAME = "Python (cnht-analysis)"


def kernel_spec_dict() -> dict[str, Any]:
    """The kernel.json content of the project kernel for the running interpreter."""
    return {
        # -Xfrozen_modules=off keeps the debugger's "frozen modules" warning out of scheduler logs.
        "argv": [
            sys.executable,
            "-Xfrozen_modules=off",
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
        ],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        # With pyzmq's CurveZMQ, JupyterLab's kernel manager (transport_encryption "auto", set
        # by ensure_kernelspec) encrypts the kernel's TCP sockets: no "running over TCP without
        # encryption" warning at every kernel start, and no plain-text traffic.
        "metadata": {"debugger": True, **_encryption_metadata()},
    }


def _curve_available() -> bool:
    try:
        import zmq

        return bool(zmq.has("curve"))
    except ImportError:  # pragma: no cover - pyzmq comes with ipykernel
        return False


def _encryption_metadata() -> dict[str, Any]:
    return {"supported_encryption": ["curve"]} if _curve_available() else {}


def server_config_file() -> Path:
    """The Jupyter server configuration of this environment (sys.prefix/etc/jupyter/)."""
    return Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def ensure_transport_encryption() -> Path | None:
    """Ask this environment's Jupyter server to provision CurveZMQ keys for kernels that
    declare support (ours); other settings in the file are kept. None if not possible."""
    if not _curve_available():
        return None
    path = server_config_file()
    try:
        config = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return None
    section = config.setdefault("KernelManager", {})
    if section.get("transport_encryption") in ("auto", "required"):
        return path
    section["transport_encryption"] = "auto"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return None
    return path


# ipykernel_launcher, except that debugpy cannot be imported (ipykernel then runs without the
# debugger). `python -c` puts "" (the working directory) first on sys.path; like
# ipykernel_launcher, this removes it while ipykernel loads, and IPython adds it back.
_LAUNCH_WITHOUT_DEBUGGER = """\
import sys
if sys.path[:1] == [""]:
    del sys.path[0]
sys.modules["debugpy"] = None
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""


def render_kernel_spec_dict() -> dict[str, Any]:
    """The spec of the kernel `cnht render` starts: the project kernel without the debugger."""
    return {
        "argv": [sys.executable, "-c", _LAUNCH_WITHOUT_DEBUGGER, "-f", "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "env": {},
        "metadata": {"debugger": False},
    }


def kernelspec_dir() -> Path:
    """Where the kernelspec of this environment lives: sys.prefix/share/jupyter/kernels/."""
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def ensure_kernelspec() -> Path | None:
    """Write the on-disk kernelspec if missing or stale; its folder, or None if read-only."""
    folder = kernelspec_dir()
    ensure_transport_encryption()
    wanted = kernel_spec_dict()
    spec_file = folder / "kernel.json"
    try:
        if json.loads(spec_file.read_text(encoding="utf-8")) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = spec_file.with_name(f".kernel.json.{os.getpid()}")
        tmp.write_text(json.dumps(wanted, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, spec_file)
    except OSError:
        # A read-only prefix (system Python) only costs JupyterLab users the menu entry;
        # rendering does not need the file.
        return None
    return folder


def kernel_manager_class() -> type:
    """A jupyter_client kernel manager that starts `cnht-analysis` from the in-memory spec."""
    global _PINNED
    if _PINNED is None:
        from jupyter_client import AsyncKernelManager
        from jupyter_client.kernelspec import KernelSpec

        class PinnedKernelManager(AsyncKernelManager):  # type: ignore[misc]
            """Starts the project kernel with this interpreter (no debugger), whatever is on disk.

            It talks to the kernel over Unix sockets in a private directory (IPC transport):
            no TCP port is open to other local users, and the kernel does not log its
            "running over TCP without encryption" warning into scheduler logs.
            """

            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                _remove_stale_socket_dirs()
                folder = tempfile.mkdtemp(prefix=f"cnht-kernel-{os.getpid()}-")
                weakref.finalize(self, shutil.rmtree, folder, True)
                self.transport = "ipc"
                self.ip = os.path.join(folder, "k")

            @property
            def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
                if self._kernel_spec is None:
                    self._kernel_spec = KernelSpec(resource_dir="", **render_kernel_spec_dict())
                    _LIVE.add(self)
                return self._kernel_spec

        _PINNED = PinnedKernelManager
    return _PINNED


def _remove_stale_socket_dirs() -> None:
    """Remove socket folders of processes that no longer exist (a run killed with SIGKILL)."""
    for folder in Path(tempfile.gettempdir()).glob("cnht-kernel-*-*"):
        pid = folder.name.split("-")[2]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def kill_kernels() -> int:
    """Kill the kernels this process started, and what they started; how many were running."""
    killed = 0
    for km in list(_LIVE):
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            killed += 1
            try:
                # jupyter_client starts a kernel as the leader of its own process group: kill
                # the group, so that a chart helper the kernel started goes with it
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                try:
                    process.kill()
                except OSError:
                    pass
    return killed


_PINNED: type | None = None
_LIVE: weakref.WeakSet[Any] = weakref.WeakSet()


def main() -> int:
    """`python -m cnht_analysis.kernel`: install the kernelspec so JupyterLab offers it."""
    folder = ensure_kernelspec()
    if folder is None:
        print(f"cannot write {kernelspec_dir()} (read-only prefix)", file=sys.stderr)
        return 1
    print(f"kernel '{KERNEL_NAME}' for {sys.executable}: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
