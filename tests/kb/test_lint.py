"""KB lint: a broken knowledge base gives located problems, yamllint style.

Each case writes a small knowledge base and lists the (file, line, code) it must produce.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent

import pytest

from bot import kb
from bot.kb.problems import KBError, Level

TODAY = dt.date(2026, 11, 25)

SOURCES = """\
publishers:
  - id: someone
    name: Someone
    hosts: [example.org]
owners:
  - id: curators
    name: The curators
sources:
  - id: s1
    title: A source
    publisher: someone
    url: https://example.org/a
    kind: primary
    accessed: 2026-11-01
  - id: article
    title: An article
    publisher: Someone else
    url: https://example.org/b
    kind: article
    accessed: 2026-11-01
"""

ROLES = """\
roles:
  - id: rte
    name: Release Train Engineer
    definition: Coaches a train.
    sources: [s1]
    aliases: [release train engineer]
    abbreviations: [RTE]
  - id: project-manager
    name: Project Manager
    definition: Leads a project.
    sources: [s1]
    abbreviations: [PM]
"""

TOPICS = """\
topics:
  - id: scope
    name: Scope
    label: scope
    question: Who owns scope?
    synonyms: [scope]
  - id: risk
    name: Risk
    label: risk
    question: Who manages risk?
    synonyms: [risk]
"""

GOOD_CLAIM = """\
claims:
  - id: rte-risk
    roles: [rte]
    topic: risk
    stance: "yes"
    status: established
    statement: The RTE helps manage risk.
    sources: [s1]
    reviewed: 2026-11-01
    owner: curators
"""


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {"sources.yaml": SOURCES, "roles.yaml": ROLES, "topics.yaml": TOPICS}
    for name, text in {**base, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return tmp_path


def located(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    folder = write(tmp_path, files)
    return [
        (Path(p.path).name, p.line, p.code)
        for p in kb.check(folder, today=TODAY)
        if p.level is Level.ERROR
    ]


def test_a_minimal_kb_is_clean(tmp_path: Path) -> None:
    assert located(tmp_path, {"claims.yaml": GOOD_CLAIM}) == []


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # a bare yes is a YAML boolean
        (GOOD_CLAIM.replace('stance: "yes"', "stance: yes"), [("claims.yaml", 5, "yaml-boolean")]),
        # no sources at all
        (GOOD_CLAIM.replace("    sources: [s1]\n", ""), [("claims.yaml", 2, "missing-key")]),
        (GOOD_CLAIM.replace("sources: [s1]", "sources: []"), [("claims.yaml", 8, "no-sources")]),
        # an id nobody defined
        (
            GOOD_CLAIM.replace("sources: [s1]", "sources: [s9]"),
            [("claims.yaml", 8, "unknown-source")],
        ),
        (GOOD_CLAIM.replace("roles: [rte]", "roles: [cfo]"), [("claims.yaml", 3, "unknown-role")]),
        (
            GOOD_CLAIM.replace("topic: risk", "topic: weather"),
            [("claims.yaml", 4, "unknown-topic")],
        ),
        (
            GOOD_CLAIM.replace("status: established", "status: maybe"),
            [("claims.yaml", 6, "bad-value")],
        ),
        (
            GOOD_CLAIM.replace('stance: "yes"', 'stance: "sometimes"'),
            [("claims.yaml", 5, "bad-value")],
        ),
        (
            GOOD_CLAIM.replace("reviewed: 2026-11-01", "reviewed: last week"),
            [("claims.yaml", 9, "bad-date")],
        ),
        (
            GOOD_CLAIM.replace("    statement:", "    statment:"),
            [("claims.yaml", 2, "missing-key"), ("claims.yaml", 7, "unknown-key")],
        ),
        # the same id twice
        (GOOD_CLAIM + GOOD_CLAIM.replace("claims:\n", ""), [("claims.yaml", 11, "duplicate-id")]),
        # a duplicate key inside one record
        (
            GOOD_CLAIM.replace("    topic: risk\n", "    topic: risk\n    topic: scope\n"),
            [("claims.yaml", 5, "duplicate-key")],
        ),
        # a contested claim must keep the other side
        (
            GOOD_CLAIM.replace("status: established", "status: contested"),
            [("claims.yaml", 6, "disputed-needs")] * 3,
        ),
        # malformed YAML
        (GOOD_CLAIM.replace("roles: [rte]", "roles: [rte"), [("claims.yaml", 4, "yaml-syntax")]),
    ],
)
def test_claim_problems_are_located(
    tmp_path: Path, claims: str, expected: list[tuple[str, int, str]]
) -> None:
    assert located(tmp_path, {"claims.yaml": claims}) == expected


CONTESTED_CLAIM = """\
  - id: article-a1
    seed: A1
    roles: [rte]
    topic: scope
    status: corrected
    verdict: wrong
    claimed_by: article
    claimed_stance: "yes"
    stance: "no"
    statement: The article says the RTE owns scope.
    sources: [article]
    evidence: {text: Product Management owns it., sources: [s1]}
    correction: Product Management owns scope.
    reviewed: 2026-11-01
    owner: curators
"""


def test_contested_claim_with_both_sides_is_clean(tmp_path: Path) -> None:
    assert located(tmp_path, {"claims.yaml": GOOD_CLAIM + CONTESTED_CLAIM}) == []


def test_contested_claim_needs_counter_sources(tmp_path: Path) -> None:
    claim = CONTESTED_CLAIM.replace("sources: [s1]}", "sources: []}")
    assert located(tmp_path, {"claims.yaml": GOOD_CLAIM + claim}) == [
        ("claims.yaml", 22, "no-sources")
    ]


def test_verdict_must_agree_with_status(tmp_path: Path) -> None:
    claim = GOOD_CLAIM.replace("    reviewed:", "    verdict: wrong\n    reviewed:")
    assert located(tmp_path, {"claims.yaml": claim}) == [("claims.yaml", 9, "verdict-status")]


def test_an_alias_may_name_only_one_role(tmp_path: Path) -> None:
    roles = ROLES.replace("abbreviations: [PM]", "abbreviations: [PM, R.T.E.]")
    found = located(tmp_path, {"roles.yaml": roles, "claims.yaml": GOOD_CLAIM})
    assert found == [("roles.yaml", 12, "alias-conflict")]


def test_disagreeing_established_claims_need_one_headline(tmp_path: Path) -> None:
    second = (
        GOOD_CLAIM.replace("claims:\n", "")
        .replace("rte-risk", "rte-risk-2")
        .replace('"yes"', '"partly"')
    )
    found = located(tmp_path, {"claims.yaml": GOOD_CLAIM + second})
    assert found == [("claims.yaml", 5, "headline")]
    fixed = GOOD_CLAIM.replace("    reviewed:", "    headline: true\n    reviewed:", 1) + second
    assert located(tmp_path, {"claims.yaml": fixed}) == []


def test_stale_claims_are_warnings_not_errors(tmp_path: Path) -> None:
    folder = write(tmp_path, {"claims.yaml": GOOD_CLAIM.replace("2026-11-01", "2025-11-24")})
    problems = kb.check(folder, today=TODAY)
    assert [(p.line, p.code, p.level) for p in problems] == [(9, "stale", Level.WARNING)]
    claim = kb.load(folder, today=TODAY).claims[0]  # still loads
    assert claim.review_by == dt.date(2026, 11, 24)  # reviewed + 12 months by default
    assert claim.overdue(TODAY)


def test_review_by_sets_its_own_date_and_null_means_never_reviewed(tmp_path: Path) -> None:
    claims = GOOD_CLAIM.replace(
        "reviewed: 2026-11-01", "reviewed: 2025-01-02\n    review_by: 2027-01-01"
    )
    folder = write(tmp_path, {"claims.yaml": claims})
    assert kb.check(folder, today=TODAY) == []
    folder = write(tmp_path, {"claims.yaml": GOOD_CLAIM.replace("2026-11-01", "null")})
    claim = kb.load(folder, today=TODAY).claims[0]
    assert (claim.reviewed, claim.review_by, claim.overdue(TODAY)) == (None, None, False)


def test_claims_name_a_known_owner(tmp_path: Path) -> None:
    claims = GOOD_CLAIM.replace("owner: curators", "owner: nobody")
    assert located(tmp_path, {"claims.yaml": claims}) == [("claims.yaml", 10, "unknown-owner")]
    claims = GOOD_CLAIM.replace("    owner: curators\n", "")
    assert located(tmp_path, {"claims.yaml": claims}) == [("claims.yaml", 2, "missing-key")]


DUTY_TOPICS = (
    TOPICS
    + """\
  - id: events
    name: Events
    label: running the events
    question: Who runs the events?
    synonyms: [events, meeting]
    senses:
      - {phrase: meeting room booking}
      - {phrase: weekly sync, means: risk}
      - {phrase: status meeting, means: nowhere}
    duties:
      - id: daily-scrum
        name: Daily Scrum
        label: the Daily Scrum
        question: Who runs the Daily Scrum?
        synonyms: [daily scrum, standup]
      - id: risk
        name: Risk again
        label: risk
        question: Who?
        synonyms: [risk review, meeting]
"""
)


def test_duties_and_senses_are_checked(tmp_path: Path) -> None:
    claims = GOOD_CLAIM.replace("    reviewed:", "    duty: daily-scrum\n    reviewed:")
    found = located(tmp_path, {"topics.yaml": DUTY_TOPICS, "claims.yaml": claims})
    assert found == [
        ("claims.yaml", 9, "duty-topic"),  # daily-scrum is a duty of events, not of risk
        ("topics.yaml", 19, "sense-unused"),  # "weekly sync" has none of the topic's words
        ("topics.yaml", 20, "unknown-topic"),  # "nowhere" is no topic or duty
        ("topics.yaml", 27, "duplicate-id"),  # a duty may not reuse a topic's id
        ("topics.yaml", 31, "synonym-conflict"),  # "meeting" is already the topic's word
    ]


def test_a_primary_source_links_its_publishers_own_host(tmp_path: Path) -> None:
    sources = SOURCES.replace("https://example.org/a", "https://copies.example.net/a")
    folder = write(tmp_path, {"claims.yaml": GOOD_CLAIM, "sources.yaml": sources})
    found = [(Path(p.path).name, p.line, p.code) for p in kb.check(folder, today=TODAY)]
    assert found == [("sources.yaml", 12, "off-publisher-host")]


def test_bad_url_and_encoding(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "claims.yaml": GOOD_CLAIM,
            "sources.yaml": SOURCES.replace("https://example.org/a", "example.org/a"),
        },
    )
    (folder / "extra.yaml").write_bytes(b"claims: []\n# caf\xe9\n")
    found = [(Path(p.path).name, p.line, p.code) for p in kb.check(folder, today=TODAY)]
    assert ("sources.yaml", 12, "bad-url") in found
    assert ("extra.yaml", 2, "encoding") in found


def test_problem_format_is_file_line_col(tmp_path: Path) -> None:
    folder = write(tmp_path, {"claims.yaml": GOOD_CLAIM.replace("topic: risk", "topic: weather")})
    with pytest.raises(KBError) as err:
        kb.load(folder, today=TODAY)
    line = str(err.value.problems[0])
    assert line.endswith(
        "claims.yaml:4:5: [error] claim `rte-risk`: unknown topic `weather` (unknown-topic)"
    )
