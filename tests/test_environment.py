"""environment.yml (conda) and pyproject.toml (pip) declare the same packages and minimums."""

from __future__ import annotations

import re
import tomllib

import yaml

from cnht_analysis.paths import PROJECT_ROOT

SPEC = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _parse(req: str) -> tuple[str, str]:
    m = SPEC.match(req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = list(data["project"]["dependencies"]) + list(
        data["project"]["optional-dependencies"]["test"]
    )
    return dict(_parse(r) for r in reqs)


def _conda() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    conda = dict(
        _parse(d) for d in deps if isinstance(d, str) and _parse(d)[0] not in ("python", "pip")
    )
    pip = [d for d in deps if isinstance(d, dict)]
    return conda, pip


def test_same_packages_and_minimum_versions() -> None:
    pyproject = _pyproject()
    conda, _ = _conda()
    assert set(conda) == set(pyproject), (
        f"only in environment.yml: {sorted(set(conda) - set(pyproject))}; "
        f"only in pyproject.toml: {sorted(set(pyproject) - set(conda))}"
    )
    drift = {
        name: (pyproject[name], conda[name]) for name in pyproject if pyproject[name] != conda[name]
    }
    assert not drift, f"version specifiers differ (pyproject, conda): {drift}"


def test_conda_env_uses_conda_forge_python311_and_installs_project_editable() -> None:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    assert "python>=3.11" in env["dependencies"]
    _, pip = _conda()
    assert pip == [{"pip": ["-e ."]}]
