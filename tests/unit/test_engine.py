"""The engine's behaviour by kind of question (the golden files hold the broad coverage)."""

import pytest

from bot.answer import Kind
from bot.engine import Engine
from bot.records import Stance


def kind_of(engine: Engine, question: str) -> Kind:
    return engine.ask(question).kind


@pytest.mark.parametrize(
    "question",
    [
        "does the CFO approve the budget?",
        "does a DBA handle backups?",
        "is the tech lead responsible for releases?",
        "does a chef manage the budget?",
        "can the head of sales remove impediments?",
        "what's the wifi password?",
        "please book me a meeting room",
        "tell me a joke",
        "asdfghjkl qwerty",
        ":tada:",
        "RTE vs DBA",
        "does an RTE like pizza?",
    ],
)
def test_declines_what_it_does_not_know(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind is Kind.NO_MATCH
    assert answer.verdict is None
    assert 1 <= len(answer.suggestions) <= 3


def test_unknown_role_is_named_in_the_note(engine: Engine) -> None:
    answer = engine.ask("does the CFO approve the budget?")
    assert answer.note is not None and "cfo" in answer.note.lower()


def test_every_suggestion_gets_a_real_answer(engine: Engine) -> None:
    questions = [
        "does the CFO approve the budget?",
        "qwertyuiop",
        "does an RTE like pizza?",
        "help",
    ]
    for question in questions:
        for suggestion in engine.ask(question).suggestions:
            follow_up = engine.ask(suggestion.question)
            assert follow_up.kind not in (Kind.NO_MATCH, Kind.HELP), suggestion.question


@pytest.mark.parametrize("question", ["", "   ", "<@U0RTEBOT1>", "help", "what can you do?"])
def test_help(engine: Engine, question: str) -> None:
    assert kind_of(engine, question) is Kind.HELP


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("RTE versus STE", ("rte", "ste")),
        ("how is a scrum master different from an agile coach?", ("scrum-master", "agile-coach")),
        ("PO or product manager: who prioritises features?", ("product-owner", "product-manager")),
        (
            "compare the business analyst and the product owner",
            ("business-analyst", "product-owner"),
        ),
    ],
)
def test_comparisons_name_exactly_the_compared_roles(
    engine: Engine, question: str, roles: tuple[str, ...]
) -> None:
    answer = engine.ask(question)
    assert answer.kind is Kind.COMPARISON
    assert {r.id for r in answer.roles} == set(roles)
    assert answer.rows


def test_comparison_on_one_topic_has_one_row(engine: Engine) -> None:
    answer = engine.ask("PO or product manager: who prioritises features?")
    assert answer.topic is not None and answer.topic.id == "backlog"
    assert [row.topic.id for row in answer.rows] == ["backlog"]


@pytest.mark.parametrize(
    "question",
    [
        "is the release training engineer a servant leader?",
        "what does a release & training engineer do",
    ],
)
def test_misnomer_is_answered_with_its_correction(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind is not Kind.NO_MATCH
    assert answer.roles[0].id == "rte"
    assert answer.misnomer is not None
    assert answer.contested


def test_typo_in_a_role_name_still_finds_it(engine: Engine) -> None:
    answer = engine.ask("does the scrum mastr remove impedimants?")
    assert answer.kind is Kind.ANSWER
    assert answer.roles[0].id == "scrum-master"
    assert answer.verdict is Stance.YES


def test_a_contested_claim_decides_only_when_asked_about(engine: Engine) -> None:
    # Asked plainly, the established claims decide; the article's dispute is shown beside them.
    plain = engine.ask("does the RTE handle scope?")
    assert plain.verdict is Stance.NO
    assert plain.claims and not plain.claims[0].disputed
    assert plain.contested
    # Asked about the article's claim itself, that claim (and its correction) decides.
    about = engine.ask("do RTEs only exist in companies with more than 150 people?")
    assert about.verdict is Stance.NO
    assert about.disputed and about.disputed[0].seed == "A10"


def test_identity_answers_use_the_claims_linking_the_roles(engine: Engine) -> None:
    answer = engine.ask("isn't an RTE basically a business analyst?")
    assert answer.kind is Kind.ANSWER
    assert [r.id for r in answer.roles] == ["rte", "business-analyst"]
    assert answer.verdict is Stance.NO
    assert answer.contested


def test_role_overview(engine: Engine) -> None:
    answer = engine.ask("tell me about the solution train engineer")
    assert answer.kind is Kind.ROLE
    assert answer.roles[0].id == "ste"
    assert answer.claims and answer.profile


def test_who_question(engine: Engine) -> None:
    answer = engine.ask("who is responsible for removing blockers?")
    assert answer.kind is Kind.TOPIC
    assert answer.topic is not None and answer.topic.id == "impediments"
    assert answer.holders[0].stance is Stance.YES


def test_framework_in_a_who_question_filters_roles(engine: Engine) -> None:
    answer = engine.ask("in Scrum, who owns the backlog?")
    assert answer.kind is Kind.TOPIC
    assert all("Scrum" in h.role.frameworks for h in answer.holders)


def test_very_long_question_is_truncated_and_answered(engine: Engine) -> None:
    answer = engine.ask("does an RTE handle scope? " + "blah " * 8_000)
    assert answer.truncated
    assert answer.kind in (Kind.ANSWER, Kind.NO_MATCH)


def test_answers_cite_sources(engine: Engine) -> None:
    for question in ["does an RTE handle scope?", "RTE vs program manager", "who owns scope?"]:
        sources = engine.ask(question).sources()
        assert sources and all(s.url.startswith(("http://", "https://")) for s in sources)
