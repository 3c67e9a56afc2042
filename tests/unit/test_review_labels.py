"""Answers say how fresh and how well sourced their claims are: "reviewed DATE", "review overdue"
(with lower confidence), "not yet reviewed", "secondary source"."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from bot.engine import OVERDUE_CONFIDENCE, Engine
from bot.records import KnowledgeBase
from bot.render.blocks import answer_message
from bot.render.json import answer_json
from bot.render.text import render as render_text

QUESTION = "who owns the sprint backlog?"
YES_NO = "does the PO own the sprint backlog?"


def _engine(kb: KnowledgeBase, today: dt.date) -> Engine:
    return Engine(kb, today=lambda: today)


def test_fresh_answer_shows_its_review_date(shipped_kb: KnowledgeBase) -> None:
    answer = _engine(shipped_kb, dt.date(2026, 12, 2)).ask(YES_NO)
    assert answer.reviewed is not None and not answer.review_overdue
    text = render_text(answer)
    assert f"reviewed {answer.reviewed.isoformat()}" in text and "overdue" not in text


def test_overdue_answer_says_so_and_is_less_sure(shipped_kb: KnowledgeBase) -> None:
    fresh = _engine(shipped_kb, dt.date(2026, 12, 2)).ask(YES_NO)
    late = _engine(shipped_kb, dt.date(2031, 1, 1)).ask(YES_NO)
    assert late.review_overdue and late.verdict == fresh.verdict
    assert late.confidence == round(fresh.confidence * OVERDUE_CONFIDENCE, 2)
    assert "review overdue" in render_text(late)
    assert "review overdue" in json.dumps(answer_message(late).blocks)
    assert answer_json(late)["review_overdue"] is True


def test_never_reviewed_claim_is_labelled(shipped_kb: KnowledgeBase) -> None:
    claims = tuple(
        dataclasses.replace(c, reviewed=None, review_by=None) if c.duty == "sprint-backlog" else c
        for c in shipped_kb.claims
    )
    kb = dataclasses.replace(shipped_kb, claims=claims)
    answer = _engine(kb, dt.date(2026, 12, 2)).ask(YES_NO)
    assert answer.reviewed is None
    assert "not yet reviewed" in render_text(answer)
    assert "not yet reviewed" in json.dumps(answer_message(answer).blocks)


def test_secondary_only_claims_are_labelled(engine: Engine) -> None:
    answer = engine.ask("does an agile coach practise servant leadership?")
    secondary = [c for c in answer.all_claims() if c.secondary_only]
    assert secondary, "the shipped KB has agile-coach claims resting on secondary sources only"
    assert "secondary source" in render_text(answer)
    assert "secondary source" in json.dumps(answer_message(answer).blocks)
