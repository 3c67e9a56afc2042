"""Score answers against golden questions (the YAML format of tests/golden/questions.yaml).

Each field present in a case is checked against the answer's JSON form; absent fields are not.
This is the curators' regression test: `rte-bot eval FILE` runs it over a whole file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

ANSWERED_KINDS = {"answer", "comparison", "topic", "role"}
DECLINED_KINDS = {"no-match", "help"}


@dataclass(frozen=True)
class Case:
    question: str
    expected: dict[str, Any]
    where: str  # file:line, for failure messages


@dataclass(frozen=True)
class Result:
    case: Case
    got: dict[str, Any]
    reasons: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def wrong(self) -> bool:
        """Answered, and the answer fails: the worst outcome, a confident wrong answer."""
        return not self.passed and self.got["kind"] in ANSWERED_KINDS

    @property
    def missed(self) -> bool:
        """Declined a question it should have answered."""
        return not self.passed and self.got["kind"] in DECLINED_KINDS


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _stance(value: Any) -> Any:
    # A golden file with a bare yes/no gets booleans from YAML 1.1; read them as meant.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def check(expected: dict[str, Any], got: dict[str, Any]) -> tuple[str, ...]:
    """Why `got` does not match `expected`; empty when it does."""
    reasons: list[str] = []
    kinds = _as_list(expected.get("kind", []))
    if "kind" in expected and got["kind"] not in kinds:
        reasons.append(f"kind {got['kind']!r}, expected {' or '.join(map(repr, kinds))}")
    if got["kind"] in DECLINED_KINDS and got["kind"] in kinds:
        # A decline the case allows: the other fields describe the answer it would have given.
        if "reason" in expected and got.get("reason") not in _as_list(expected["reason"]):
            reasons.append(
                f"declined for {got.get('reason')!r}, expected {_as_list(expected['reason'])}"
            )
        return tuple(reasons)
    if "roles" in expected:
        want = [str(r) for r in _as_list(expected["roles"])]
        have = list(got["roles"])
        if "comparison" in kinds:
            if set(have) != set(want):
                reasons.append(f"roles {have}, expected exactly {want}")
        elif not have or have[0] != want[0] or not set(want) <= set(have):
            reasons.append(f"roles {have}, expected {want} with {want[0]!r} first")
    if "topic" in expected:
        topics = _as_list(expected["topic"])
        if got["topic"] not in topics:
            reasons.append(f"topic {got['topic']!r}, expected one of {topics}")
    if "duty" in expected:
        duties = _as_list(expected["duty"])
        if got.get("duty") not in duties:
            reasons.append(f"duty {got.get('duty')!r}, expected one of {duties}")
    if "verdict" in expected:
        verdicts = [_stance(v) for v in _as_list(expected["verdict"])]
        if got["verdict"] not in verdicts:
            reasons.append(f"verdict {got['verdict']!r}, expected one of {verdicts}")
    if "contested" in expected and bool(expected["contested"]) != got["contested"]:
        reasons.append(f"contested {got['contested']}, expected {bool(expected['contested'])}")
    if got["kind"] in ANSWERED_KINDS:
        urls = [s.get("url", "") for c in got.get("claims", []) for s in c.get("sources", [])]
        if not any(u.startswith(("http://", "https://")) for u in urls):
            reasons.append("cites no source URL")
    return tuple(reasons)


def run(cases: Iterable[Case], answer: Callable[[str], dict[str, Any]]) -> list[Result]:
    return [Result(case, got := answer(case.question), check(case.expected, got)) for case in cases]


@dataclass(frozen=True)
class Summary:
    total: int
    passed: int
    out_of_scope: int  # cases that expect only no-match / help
    out_of_scope_answered: int
    wrong: int = 0  # answered, but wrongly
    missed: int = 0  # declined, but answerable

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def line(self) -> str:
        return (
            f"accuracy {self.passed}/{self.total} = {100 * self.accuracy:.1f}%; "
            f"wrong answers: {self.wrong}; missed (declined but answerable): {self.missed}; "
            f"out-of-scope answered: {self.out_of_scope_answered}/{self.out_of_scope}"
        )


def summarise(results: list[Result]) -> Summary:
    def declines_only(case: Case) -> bool:
        kinds = set(map(str, _as_list(case.expected.get("kind", []))))
        return bool(kinds) and kinds <= {"no-match", "help"}

    oos = [r for r in results if declines_only(r.case)]
    return Summary(
        total=len(results),
        passed=sum(r.passed for r in results),
        out_of_scope=len(oos),
        out_of_scope_answered=sum(r.got["kind"] in ANSWERED_KINDS for r in oos),
        wrong=sum(r.wrong for r in results),
        missed=sum(r.missed for r in results),
    )
