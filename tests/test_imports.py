"""No import cycle: each module imports on its own, and module-level imports form no loop."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from cnht_analysis.paths import PACKAGE_DIR


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _top_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `name` imports when it is imported (not inside functions)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:  # module level only; `if TYPE_CHECKING:` blocks never run
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
        target = f"{base}.{node.module}" if node.module else base
        for alias in node.names:
            sub = f"{target}.{alias.name}"
            out.add(sub if sub in known else target)
    return out & known - {name}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import loop of `graph` ([] when there is none)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_module_level_imports_form_no_loop() -> None:
    mods = _modules()
    graph = {name: _top_level_imports(name, path, set(mods)) for name, path in mods.items()}
    assert graph["cnht_analysis.history"] >= {"cnht_analysis.results"}  # the graph is read
    assert _cycle(graph) == []


def test_the_loop_check_finds_a_loop() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_every_module_imports_first() -> None:
    """Each module imported first in a fresh package state (a loop would fail half-way)."""
    names = [n for n in _modules() if n != "cnht_analysis.__main__"]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for m in [m for m in sys.modules if m.startswith('cnht_analysis')]:\n"
        "        del sys.modules[m]\n"
        "    importlib.import_module(name)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_argparse_only_in_cli() -> None:
    """The command line is parsed in cli.py alone: every other module takes plain arguments
    (no argparse import, no Namespace parameter), so the library is called the same way from
    a notebook, a test or the command."""
    found = []
    for name, path in _modules().items():
        if name == "cnht_analysis.cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(a.name == "argparse" for a in node.names):
                found.append(f"{name}:{node.lineno}")
            elif isinstance(node, ast.ImportFrom) and node.module == "argparse":
                found.append(f"{name}:{node.lineno}")
            elif isinstance(node, ast.Attribute) and node.attr == "Namespace":
                found.append(f"{name}:{node.lineno}")
    assert not found, found
