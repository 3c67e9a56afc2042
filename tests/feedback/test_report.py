"""Curator tools on a seeded database: from "people say this is wrong" to the claim, its
sources and the reasons, in one command."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.feedback.records import Unanswered, Vote
from bot.feedback.store import FeedbackStore
from tests.conftest import KB_DIR


@pytest.fixture
def seeded(db_url: str) -> str:
    store = FeedbackStore(db_url)
    scope = {
        "question": "does an RTE handle scope?",
        "kind": "answer",
        "roles": "rte",
        "topic": "scope",
        "verdict": "no",
        "claim_ids": "rte-scope-not-owner,article-a16-no-scheduling-or-scope",
    }
    store.record_vote(Vote(user_id="U1", answer_ref="C1:1", vote="wrong", **scope))
    store.record_reason("C1:1", "U1", "our SAFe coach says the RTE owns scope")
    store.record_vote(
        Vote(user_id="U2", answer_ref="C1:1", vote="wrong", reason="outdated", **scope)
    )
    store.record_vote(Vote(user_id="U3", answer_ref="C1:1", vote="helpful", **scope))
    store.record_vote(
        Vote(
            user_id="U1",
            answer_ref="C2:2",
            question="who removes impediments?",
            vote="helpful",
            kind="topic",
            topic="impediments",
            claim_ids="sm-impediments-causes-removal",
        )
    )
    for q in ("does a DBA handle backups?", "Does a DBA handle backups", "what is terraform"):
        store.record_unanswered(Unanswered(q, "T1", "C1", "rte-risk", 0.2, "v1"))
    store.close()
    return db_url


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_names_the_claim_its_sources_and_the_reasons(seeded: str) -> None:
    out = run("feedback", "report", "--db", seeded, "--kb", str(KB_DIR))
    assert out.startswith("4 vote(s), 3 unanswered question(s)")
    first = out.split("Claims most often marked wrong\n")[1].splitlines()
    assert first[0].startswith("  rte-scope-not-owner: 2 wrong, 1 helpful")
    block = out.split("Questions most often unanswered")[0]
    assert "scaledagileframework.com" in block
    assert "reason: our SAFe coach says the RTE owns scope" in block
    assert "reason: outdated" in block
    unanswered = out.split("Questions most often unanswered\n")[1]
    assert unanswered.splitlines()[0].startswith("  2 x ")  # the two DBA questions are one
    assert "DBA" in unanswered.splitlines()[0] and "nearest claim: rte-risk" in unanswered
    rates = out.split("Helpful rate per role and topic (least helpful first)\n")[1].splitlines()
    assert rates[0].split() == ["rte", "scope", "1/3", "=", "33%"]


def test_report_as_csv(seeded: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("feedback", "report", "--db", seeded, "--csv"))))
    sections = {r["section"] for r in rows}
    assert sections == {"wrong_claim", "unanswered", "helpful_rate"}
    top = next(r for r in rows if r["section"] == "wrong_claim")
    assert (top["key"], top["count"]) == ("rte-scope-not-owner", "2")


def test_export_dumps_everything(seeded: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("feedback", "export", "--csv", "--db", seeded))))
    assert [r["record"] for r in rows].count("feedback") == 4
    assert [r["record"] for r in rows].count("unanswered") == 3
    assert {r["vote"] for r in rows if r["record"] == "feedback"} == {"wrong", "helpful"}


def test_since_in_the_future_reports_nothing(seeded: str) -> None:
    out = run("feedback", "report", "--db", seeded, "--since", "2999-01-01")
    assert out.startswith("0 vote(s), 0 unanswered question(s)")


def test_kb_stale_lists_due_claims_by_owner(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "kb"
    shutil.copytree(KB_DIR, folder)
    path = folder / "claims" / "rte.yaml"
    text = path.read_text(encoding="utf-8")
    # one claim reviewed long ago (overdue), the others as shipped
    first = text.index("    reviewed: ")
    end = text.index("\n", first)
    path.write_text(text[:first] + "    reviewed: 2024-01-15" + text[end:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["kb", "stale", "--kb", str(folder), "--owner", "safe"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("safe (SAFe roles")
    assert lines[1].split()[:2] == ["due", "2025-01-15"]  # reviewed + 12 months, oldest first
    assert all(not line.startswith("pmi") for line in lines)  # only that owner
    assert "claim(s) due for review" in result.stderr
    check = CliRunner().invoke(cli, ["kb", "check", "--kb", str(folder), "--strict"])
    assert check.exit_code == 2 and "(stale)" in check.stdout and "review overdue" in check.stdout
    unknown = CliRunner().invoke(cli, ["kb", "stale", "--kb", str(folder), "--owner", "nobody"])
    assert unknown.exit_code == 2 and "unknown owner" in unknown.output
