"""Read a golden-question file: a YAML list of {q, kind, roles, topic, duty, verdict, contested,
reason}, each case optionally with `src` (the page a real person asked it on) and `note`."""

from __future__ import annotations

from pathlib import Path

from bot.evaluate import Case
from bot.kb.problems import KBError, Problem
from bot.kb.yaml_source import Mapping, Sequence, parse

# Checked fields, then `src` (where a real person asked it) and `note` (how it was judged).
FIELDS = {"q", "kind", "roles", "topic", "duty", "verdict", "contested", "reason", "src", "note"}
NOT_CHECKED = {"q", "src", "note"}


def load_cases(path: Path) -> list[Case]:
    """The cases of one file; raises KBError with located problems if it is malformed."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KBError([Problem(shown, 1, 1, "encoding", "file is not valid UTF-8")]) from None
    data, problems = parse(text, shown)
    if data is not None and not isinstance(data, Sequence):
        problems.append(Problem(shown, 1, 1, "not-a-list", "a golden file is a list of cases"))
    cases: list[Case] = []
    for index, entry in enumerate(data if isinstance(data, Sequence) else []):
        line, col = data.mark(index)
        if not isinstance(entry, Mapping) or not isinstance(entry.get("q"), str):
            problems.append(Problem(shown, line, col, "bad-case", "a case needs a `q` string"))
            continue
        for key in entry:
            if key not in FIELDS:
                k_line, k_col = entry.mark(key)
                problems.append(
                    Problem(shown, k_line, k_col, "unknown-key", f"unknown key `{key}`")
                )
        expected = {k: v for k, v in entry.items() if k not in NOT_CHECKED}
        cases.append(Case(entry["q"], expected, f"{shown}:{line}"))
    if problems:
        raise KBError(problems)
    return cases
