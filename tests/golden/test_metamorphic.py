"""Stable verdicts: a question re-asked in a way that changes nothing for a person keeps its answer.

Every golden question is re-asked lower-cased without punctuation, after an @-mention, wrapped in
"hi all, quick question: ... thanks!", with doubled question marks, in Slack bold, and with two
letters swapped in one long word that is not part of a role's name. Each variant must keep the
answer's kind, first role, topic, duty and verdict: at most 0.5% of answered variants may change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.kb.golden import load_cases
from bot.render.json import answer_json

HERE = Path(__file__).parent
SETS = sorted(HERE.glob("*.yaml")) + sorted((HERE / "real").glob("*.yaml"))
MAX_CHANGED = 0.005


def _typo(question: str, engine: Engine) -> str | None:
    """Two neighbouring letters swapped in the longest word (8+ letters) outside role names."""
    reading = engine.reader.read(engine_question(question))
    in_roles = {t for h in reading.role_hits for t in reading.question.tokens[h.start : h.end]}
    words = [w for w in re.findall(r"[A-Za-z]{8,}", question) if w.lower() not in in_roles]
    if not words:
        return None
    word = max(words, key=len)
    i = len(word) // 2
    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return question.replace(word, swapped, 1)


def engine_question(text: str):  # type: ignore[no-untyped-def]
    from bot.engine.normalise import normalise

    return normalise(text)


def variants(question: str, engine: Engine) -> Iterator[tuple[str, str]]:
    plain = re.sub(r"[^\w\s]", " ", re.sub(r"['\u2019]", "", question)).lower()
    yield "lower case, no punctuation", " ".join(plain.split())
    yield "an @-mention in front", f"<@U0RTEBOT1> {question}"
    yield "greeting and thanks", f"hi all, quick question: {question} thanks!"
    yield "doubled question marks", question.rstrip("?") + "??"
    yield "Slack bold", f"*{question}*"
    typo = _typo(question, engine)
    if typo:
        yield "one swapped-letter typo", typo


def _key(got: dict[str, object]) -> tuple[object, ...]:
    roles = got["roles"]
    first = roles[0] if isinstance(roles, list) and roles else None
    return (got["kind"], first, got["topic"], got.get("duty"), got["verdict"])


def test_rephrasing_that_changes_nothing_keeps_the_answer(engine: Engine) -> None:
    answered = 0
    changed: list[str] = []
    for path in SETS:
        for case in load_cases(path):
            base = answer_json(engine.ask(case.question))
            if base["kind"] in ("no-match", "help"):
                continue
            for name, variant in variants(case.question, engine):
                answered += 1
                got = answer_json(engine.ask(variant))
                if _key(got) != _key(base):
                    changed.append(
                        f"{case.where} [{name}] {variant!r}: {_key(base)} -> {_key(got)}"
                    )
    assert answered > 1000
    share = len(changed) / answered
    assert share <= MAX_CHANGED, f"{len(changed)}/{answered} changed:\n" + "\n".join(changed)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is the scrum master responsible for quality?",
            "is the scrum master resposnible for quality?",
        ),
        ("does the release train engineer own scope?", None),  # its only long word is a role's
    ],
)
def test_the_typo_lands_outside_role_names(
    engine: Engine, question: str, expected: str | None
) -> None:
    assert _typo(question, engine) == expected
