"""The `rte-bot` command, through click's CliRunner (and once as a real process)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.conftest import KB_DIR, ROOT, shared_file

JSON_KEYS = {
    "question",
    "duty",
    "reviewed",
    "review_overdue",
    "framework",
    "reason",
    "kind",
    "roles",
    "topic",
    "verdict",
    "contested",
    "confidence",
    "claims",
    "suggestions",
}
CLAIM_KEYS = {
    "id",
    "role",
    "topic",
    "duty",
    "stance",
    "status",
    "text",
    "sources",
    "secondary",
    "reviewed",
    "review_overdue",
}


def invoke(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ask_answers_in_words_with_numbered_sources() -> None:
    code, out, _ = invoke("ask", "does an RTE handle scope?")
    assert code == 0
    assert out.startswith("No:")
    assert "[1]" in out and "https://scaledagileframework.com/" in out
    assert "[CONTESTED]" in out


def test_ask_json_shape() -> None:
    code, out, _ = invoke("ask", "--json", "is an RTE a business analyst?")
    assert code == 0
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert data["kind"] == "answer" and data["roles"][:2] == ["rte", "business-analyst"]
    assert data["verdict"] == "no" and data["contested"] is True
    assert 0 <= data["confidence"] <= 1
    for claim in data["claims"]:
        assert set(claim) == CLAIM_KEYS
        assert claim["sources"] and all(s["url"].startswith("http") for s in claim["sources"])


def test_ask_json_stdin_one_object_per_line_in_order() -> None:
    questions = ["RTE vs program manager", "who removes blockers?", "", "qwertyuiop"]
    code, out, _ = invoke("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert code == 0
    lines = out.splitlines()
    assert [json.loads(line)["kind"] for line in lines] == [
        "comparison",
        "topic",
        "help",
        "no-match",
    ]
    assert [json.loads(line)["question"] for line in lines][:2] == questions[:2]


def test_invalid_utf8_on_stdin_is_a_clear_error() -> None:
    code, out, err = invoke("ask", "--json", "-", stdin=b"does an RTE own scope?\n\xff\xfe\n")
    assert code == 1
    assert out == ""
    assert "not valid UTF-8 (line 2" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [("ask",), ("ask", "   ")])
def test_empty_question_is_a_usage_error(args: tuple[str, ...]) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert 'rte-bot ask "does an RTE handle scope?"' in err


def test_huge_question_is_truncated_not_fatal() -> None:
    code, out, _ = invoke("ask", "--json", "does an RTE handle scope? " + "x" * 40_000)
    assert code == 0
    data = json.loads(out)
    assert len(data["question"]) <= 500


def test_compare_resolves_names_and_topics() -> None:
    code, out, _ = invoke("compare", "RTE", "project manager", "--topic", "scope")
    assert code == 0
    assert "Release Train Engineer vs Project Manager" in out
    assert "Scope" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("compare", "rte", "dba"), "unknown role 'dba'"),
        (("compare", "rte"), "at least two different roles"),
        (("compare", "rte", "pm", "--topic", "weather"), "unknown topic 'weather'"),
    ],
)
def test_compare_usage_errors(args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert message in err


def test_roles_and_topics_list_the_kb() -> None:
    code, out, _ = invoke("roles")
    assert code == 0 and out.count("\n") >= 20 and "release-manager" in out
    code, out, _ = invoke("topics")
    assert code == 0 and "reporting-line" in out


def test_kb_check_clean_prints_one_summary_line() -> None:
    code, out, _ = invoke("kb", "check", "--kb", str(KB_DIR))
    assert code == 0
    assert out.strip().count("\n") == 0
    assert re.search(r": ok: \d+ roles, \d+ topics, \d+ claims", out)


def broken_kb(tmp_path: Path) -> Path:
    for name in ("sources.yaml", "roles.yaml", "topics.yaml"):
        (tmp_path / name).write_bytes((KB_DIR / name).read_bytes())
    (tmp_path / "claims.yaml").write_text(
        "claims:\n"
        "  - id: bad-claim\n"
        "    roles: [rte]\n"
        "    topic: scope\n"
        "    stance: no\n"
        "    status: established\n"
        "    statement: Broken on purpose.\n"
        "    sources: [nowhere]\n"
        "    reviewed: 2026-11-01\n",
        encoding="utf-8",
    )
    return tmp_path


def test_kb_check_reports_file_line_and_exits_1(tmp_path: Path) -> None:
    folder = broken_kb(tmp_path)
    code, out, _ = invoke("kb", "check", "--kb", str(folder))
    assert code == 1
    assert "claims.yaml:5:5: [error]" in out and "(yaml-boolean)" in out
    assert "claims.yaml:8:15: [error] claim `bad-claim`: unknown source `nowhere`" in out


def test_commands_refuse_an_invalid_kb_with_the_same_messages(tmp_path: Path) -> None:
    folder = broken_kb(tmp_path)
    code, _, err = invoke("ask", "--kb", str(folder), "does an RTE handle scope?")
    assert code == 1
    assert "claims.yaml:8:15" in err and "is invalid" in err


def test_kb_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RTE_BOT_KB", str(broken_kb(tmp_path)))
    code, _, err = invoke("ask", "does an RTE handle scope?")
    assert code == 1 and "claims.yaml" in err


def test_eval_scores_a_file_and_honours_min(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        '- {q: "does an RTE handle scope?", kind: answer, roles: [rte], verdict: ["no"],'
        ' src: "https://example.org/q/1", note: "asked on a forum"}\n'
        '- {q: "what is terraform", kind: answer}\n',
        encoding="utf-8",
    )
    code, out, _ = invoke("eval", str(cases), "--min", "0.5")
    assert code == 0
    assert "MISS" in out and "'what is terraform'" in out
    assert out.strip().endswith(
        "accuracy 1/2 = 50.0%; wrong answers: 0; missed (declined but answerable): 1; "
        "out-of-scope answered: 0/0"
    )
    code, _, _ = invoke("eval", str(cases), "--min", "0.9")
    assert code == 1


def test_eval_counts_wrong_answers_apart_and_honours_max_wrong(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        # answered with "no", expected "yes": a wrong answer, not a miss
        '- {q: "does an RTE handle scope?", kind: answer, verdict: ["yes"]}\n'
        # a decline the case allows passes, whatever the other fields would have said
        '- {q: "what is terraform", kind: [no-match, role], roles: [rte]}\n',
        encoding="utf-8",
    )
    code, out, _ = invoke("eval", str(cases), "--min", "0", "--max-wrong", "0")
    assert code == 1
    assert "WRONG" in out and "wrong answers: 1; missed (declined but answerable): 0" in out
    code, _, _ = invoke("eval", str(cases), "--min", "0", "--max-wrong", "1")
    assert code == 0


def test_eval_on_the_public_dev_set() -> None:
    path = shared_file("eval/dev-questions.yaml")
    code, out, _ = invoke("eval", str(path), "--min", "0.95")
    assert code == 0, out
    assert "out-of-scope answered: 0/" in out


def test_python_dash_m_bot_runs_from_another_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "ask",
            "--json",
            "does a release trian engineer manage risks",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "yes"
