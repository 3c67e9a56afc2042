"""`pip install .` ships the knowledge base: a built wheel answers from any folder."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import KB_DIR, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(out.glob("rte_bot-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def test_wheel_carries_every_knowledge_file(installed: Path) -> None:
    shipped = {p.relative_to(KB_DIR).as_posix() for p in KB_DIR.rglob("*.yaml")}
    packaged = {
        p.relative_to(installed / "bot" / "knowledge").as_posix()
        for p in (installed / "bot" / "knowledge").rglob("*.yaml")
    }
    assert shipped == packaged


def test_installed_package_answers_from_another_folder(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "does an RTE handle scope?"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "", "PYTHONPATH": str(installed), "PYTHONNOUSERSITE": "1"},
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["verdict"] == "no"
    assert any(
        "scaledagileframework.com" in s["url"] for c in answer["claims"] for s in c["sources"]
    )
