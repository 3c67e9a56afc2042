"""The engine's behaviour by kind of question (the golden files hold the broad coverage)."""

import pytest

from bot.engine import Engine
from bot.engine.answer import Kind
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
    assert answer.duty is not None and answer.duty.id == "backlog-ordering"
    assert [row.topic.id for row in answer.rows] == ["backlog-ordering"]  # the duty asked about


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


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("is the scrum master an official PMI role?", "scrum-master"),
        ("is a business analyst a role in scrum?", "business-analyst"),
        ("is there a program manager in Scrum?", "program-manager"),
        ("does PMI define the RTE role?", "rte"),
        ("is the agile coach a SAFe role?", "agile-coach"),
    ],
)
def test_a_role_is_not_official_in_a_framework_that_does_not_define_it(
    engine: Engine, question: str, role: str
) -> None:
    answer = engine.ask(question)
    assert (answer.kind, answer.roles[0].id, answer.verdict) == (Kind.ANSWER, role, Stance.NO)
    assert answer.topic is not None and answer.topic.id == "official-role"


def test_pm_means_product_management_in_a_safe_question(engine: Engine) -> None:
    assert engine.ask("in SAFe does the PM own the ART backlog?").roles[0].id == "product-manager"
    assert engine.ask("does the PM own the budget?").roles[0].id == "project-manager"


@pytest.mark.parametrize(
    "question",
    [
        "who is our product owner?",
        "can the PO join the standup tomorrow?",
        "can you schedule a meeting with the scrum master?",
        "what salary does an RTE make?",
        "how much does a project manager earn?",
        "who is on call for the release this weekend?",
    ],
)
def test_questions_about_a_team_a_day_or_pay_are_declined(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind is Kind.NO_MATCH and answer.note


def test_two_questions_with_different_answers_are_split(engine: Engine) -> None:
    answer = engine.ask("does the RTE manage risk and own the backlog?")
    assert answer.kind is Kind.NO_MATCH
    assert len(answer.suggestions) == 2
    verdicts = {engine.ask(s.question).verdict for s in answer.suggestions}
    assert len(verdicts) == 2
    # two things with the same answer are one answer
    assert engine.ask("does the RTE manage risk and escalate impediments?").verdict is Stance.YES


def test_open_questions_get_no_verdict_from_a_dispute(engine: Engine) -> None:
    answer = engine.ask("who does the RTE report to?")
    assert answer.kind is Kind.ANSWER and answer.verdict is None
    assert engine.ask("does the RTE assist the program manager?").verdict is not None


def test_can_x_become_y_gets_claims_but_no_verdict(engine: Engine) -> None:
    answer = engine.ask("can a scrum master become an RTE?")
    assert answer.kind is Kind.ANSWER and answer.verdict is None and answer.claims


def test_plain_text_handles_and_channel_links_are_not_words(engine: Engine) -> None:
    assert engine.ask("@rte-bot is an RTE a BA?").verdict is Stance.NO
    assert engine.ask("<#C0123|scrum-masters> does the RTE manage risk?").roles[0].id == "rte"


def test_a_question_asking_the_opposite_gets_the_opposite_verdict(engine: Engine) -> None:
    plain = engine.ask("is the scrum master an official role?")
    opposite = engine.ask("is the scrum master an unofficial role?")
    assert (plain.verdict, opposite.verdict) == (Stance.YES, Stance.NO)
    assert opposite.headline.startswith("No: the Scrum Master is an official")


def test_the_role_named_twice_by_its_two_names(engine: Engine) -> None:
    assert engine.ask("does RTE stand for release train engineer?").verdict is Stance.YES
    wrong_name = engine.ask("does RTE stand for release training engineer?")
    assert wrong_name.verdict is not Stance.YES and wrong_name.contested


def test_who_acts_on_a_role_is_a_who_question(engine: Engine) -> None:
    answer = engine.ask("who coaches scrum masters?")
    assert answer.kind is Kind.TOPIC and answer.topic is not None
    assert answer.topic.id == "coaching"


@pytest.mark.parametrize(
    "question", ["RTE vs DevOps lead", "does the devops lead own releases?", "RTE same as PMO?"]
)
def test_an_unknown_job_title_is_not_answered_about(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind is Kind.NO_MATCH


def test_a_role_abbreviation_inside_an_event_name_is_the_event(engine: Engine) -> None:
    answer = engine.ask("does a product manager take part in the PO sync?")
    assert [r.id for r in answer.roles] == ["product-manager"]
    assert answer.topic is not None and answer.topic.id == "events"


def test_shorthand_role_names(engine: Engine) -> None:
    assert engine.ask("rel mgr risk?").roles[0].id == "release-manager"
    assert engine.ask("does prod mgmt decide what to release").roles[0].id == "product-manager"
