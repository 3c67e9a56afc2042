"""Golden questions: answers must match what each case expects.

Every *.yaml here is one of the project's own sets; the workplace's public dev set runs too where
../shared exists. A set passes at its accuracy floor with no out-of-scope question answered, the
same rule `rte-bot eval` applies (both use bot.evaluate). Failures are listed in the message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluate import run, summarise
from bot.kb.golden import load_cases
from bot.render.json import answer_json
from tests.conftest import shared_file

HERE = Path(__file__).parent
FLOOR = {"questions.yaml": 0.95, "holdout.yaml": 0.90, "dev-questions.yaml": 0.95}


def _score(engine: Engine, path: Path) -> None:
    results = run(load_cases(path), lambda q: answer_json(engine.ask(q)))
    summary = summarise(results)
    failures = "\n".join(
        f"{r.case.where}: {r.case.question!r}: {'; '.join(r.reasons)}"
        for r in results
        if not r.passed
    )
    assert summary.out_of_scope_answered == 0, failures
    assert summary.accuracy >= FLOOR.get(path.name, 0.95), f"{summary.line()}\n{failures}"


@pytest.mark.parametrize("path", sorted(HERE.glob("*.yaml")), ids=lambda p: p.name)
def test_own_golden_set(engine: Engine, path: Path) -> None:
    _score(engine, path)


def test_public_dev_set(engine: Engine) -> None:
    _score(engine, shared_file("eval/dev-questions.yaml"))
