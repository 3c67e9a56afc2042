"""The `rte-bot` command: ask the knowledge base from a terminal, check it, and run the bot.

Each command is a thin adapter over an engine or kb function of the same name; engine errors
become clean one-line errors (exit 1), bad usage exits 2, results go to stdout and
diagnostics to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot import kb as kb_store
from bot.config import database_url
from bot.engine import Engine
from bot.evaluate import run, summarise
from bot.kb.golden import load_cases
from bot.kb.problems import KBError, Level
from bot.records import Claim
from bot.render.json import answer_json
from bot.render.text import render

if TYPE_CHECKING:
    from bot.feedback.store import FeedbackStore

KB_OPTION = click.option(
    "--kb",
    "kb_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="RTE_BOT_KB",
    show_envvar=True,
    help="Knowledge base folder to use instead of the one shipped with rte-bot.",
)


def _load(kb_dir: Path | None) -> kb_store.KnowledgeBase:  # type: ignore[name-defined]
    try:
        return kb_store.load(kb_dir)
    except KBError as exc:
        for problem in exc.problems:
            if problem.level is Level.ERROR:
                click.echo(str(problem), err=True)
        raise click.ClickException(
            f"the knowledge base at {kb_dir or kb_store.default_dir()} is invalid "
            "(run `rte-bot kb check` for details)"
        ) from None


def _engine(kb_dir: Path | None) -> Engine:
    return Engine(_load(kb_dir))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rte-bot")
def cli() -> None:
    """Answer questions about delivery roles from a curated, sourced knowledge base.

    rte-bot settles arguments such as "does an RTE handle scope?" or "is a Release Train
    Engineer just a release manager?" with short answers that cite their sources and flag
    claims that sources dispute. The same engine answers in Slack.

    \b
    Examples:
      rte-bot ask "does an RTE handle scope?"
      rte-bot compare rte program-manager
      rte-bot kb check
    """


@cli.command()
@click.argument("question", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@KB_OPTION
def ask(question: tuple[str, ...], as_json: bool, kb_dir: Path | None) -> None:
    """Answer QUESTION from the knowledge base.

    QUESTION is the question in plain words; quotes are optional. Use - to read one question
    per line from standard input and answer each in order (one JSON object per line with
    --json). The JSON object has the keys question, kind, roles, topic, verdict, contested,
    confidence, claims and suggestions.

    \b
    Examples:
      rte-bot ask "does an RTE handle scope?"
      rte-bot ask --json "is an RTE a business analyst?"
      printf 'RTE vs PgM\\nwho removes blockers?\\n' | rte-bot ask --json -
    """
    if question == ("-",):
        _ask_stdin(as_json, kb_dir)
        return
    text = " ".join(question).strip()
    if not text:
        raise click.UsageError('Ask a question, e.g. rte-bot ask "does an RTE handle scope?"')
    answer = _engine(kb_dir).ask(text)
    click.echo(json.dumps(answer_json(answer), ensure_ascii=False) if as_json else render(answer))


def _ask_stdin(as_json: bool, kb_dir: Path | None) -> None:
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise click.ClickException(
            f"standard input is not valid UTF-8 (line {line}, byte {exc.start}); "
            "save the questions as UTF-8 and try again"
        ) from None
    engine = _engine(kb_dir)
    for n, line in enumerate(text.splitlines()):
        answer = engine.ask(line)
        if as_json:
            click.echo(json.dumps(answer_json(answer), ensure_ascii=False))
        else:
            click.echo(("\n" if n else "") + render(answer))


@cli.command()
@click.argument("roles", nargs=-1, required=True)
@click.option("--topic", "-t", help="Compare on this one topic only (an id or a word for it).")
@KB_OPTION
def compare(roles: tuple[str, ...], topic: str | None, kb_dir: Path | None) -> None:
    """Compare two or more ROLES side by side, topic by topic.

    ROLES are role ids (see `rte-bot roles`), names or abbreviations.

    \b
    Examples:
      rte-bot compare rte program-manager
      rte-bot compare RTE PM --topic scope
    """
    engine = _engine(kb_dir)
    ids = []
    for text in roles:
        role_id = engine.resolve_role(text)
        if role_id is None:
            raise click.BadParameter(
                f"unknown role {text!r}; known: {', '.join(engine.index.roles)}", param_hint="ROLES"
            )
        ids.append(role_id)
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise click.UsageError("Name at least two different roles to compare.")
    topic_id = None
    if topic:
        topic_id = engine.resolve_topic(topic)
        if topic_id is None:
            raise click.BadParameter(
                f"unknown topic {topic!r}; see `rte-bot topics`", param_hint="--topic"
            )
    click.echo(render(engine.compare(ids, topic_id)))


@cli.command()
@KB_OPTION
def roles(kb_dir: Path | None) -> None:
    """List the roles the knowledge base knows, with their ids and abbreviations."""
    for role in _load(kb_dir).roles:
        names = ", ".join(role.abbreviations) or "-"
        click.echo(f"{role.id:<18} {role.name}  [{names}]")
        click.echo(f"{'':<18} {role.definition}")


@cli.command()
@KB_OPTION
def topics(kb_dir: Path | None) -> None:
    """List the topics the knowledge base answers about, with a sample question each."""
    for topic in _load(kb_dir).topics:
        click.echo(f"{topic.id:<24} {topic.name:<24} e.g. {topic.question}")


@cli.group()
def kb() -> None:
    """Check and inspect the knowledge base (the YAML files curators edit)."""


@kb.command("check")
@KB_OPTION
@click.option("--strict", is_flag=True, help="Exit 2 when there are warnings but no errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text: file:line:col: [level] message (code); github: CI annotations.",
)
def kb_check(kb_dir: Path | None, strict: bool, fmt: str) -> None:
    """Validate every file of the knowledge base and report each problem with its location.

    Prints one line per problem as `file:line:col: [level] message (code)` and exits 1 when
    there is any error. When there is none, prints the warnings (such as claims past their
    `review_by` date) and one summary line of counts, and exits 0 (2 with --strict if warned).

    \b
    Examples:
      rte-bot kb check
      rte-bot kb check --kb ./my-knowledge --strict
    """
    folder = kb_dir or kb_store.default_dir()
    found, problems = kb_store.read(folder)
    for problem in problems:
        click.echo(problem.github() if fmt == "github" else str(problem))
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    if found is None:
        click.echo(f"{errors} error(s), {warnings} warning(s) in {folder}", err=True)
        sys.exit(1)
    counts = found.counts()
    unreviewed = sum(c.reviewed is None for c in found.claims)
    click.echo(
        f"{folder}: ok: {counts['roles']} roles, {counts['topics']} topics, "
        f"{counts['claims']} claims ({counts['contested_or_corrected']} contested or corrected, "
        f"{unreviewed} not yet reviewed), {counts['sources']} sources; {warnings} warning(s)"
    )
    if strict and warnings:
        sys.exit(2)


@kb.command("stale")
@KB_OPTION
@click.option("--owner", help="Only this owner's claims (an id from knowledge/owners.yaml).")
@click.option(
    "--within",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Also list claims that fall due within this many days.",
)
def kb_stale(kb_dir: Path | None, owner: str | None, within: int) -> None:
    """List the claims due for review, grouped by the owner who answers for them.

    A claim is due when nobody has re-checked it against its sources yet (`reviewed: null`) or
    when its `review_by` date (by default a year after `reviewed`) has passed. A curator re-reads
    the claim's sources, fixes the claim if needed, and sets `reviewed` to that day.

    \b
    Examples:
      rte-bot kb stale
      rte-bot kb stale --owner safe --within 30
    """
    found = _load(kb_dir)
    owners = {o.id: o for o in found.owners}
    if owner is not None and owner not in owners:
        raise click.BadParameter(
            f"unknown owner {owner!r}; known: {', '.join(sorted(owners))}", param_hint="--owner"
        )
    horizon = dt.date.today() + dt.timedelta(days=within)
    due = [
        c
        for c in found.claims
        if (owner is None or c.owner == owner) and (c.reviewed is None or c.overdue(horizon))
    ]
    groups: dict[str, list[Claim]] = {}
    for claim in sorted(due, key=lambda c: (c.review_by is None, c.review_by or dt.date.max, c.id)):
        groups.setdefault(claim.owner or "", []).append(claim)
    for owner_id, claims in sorted(groups.items()):
        name = owners[owner_id].name if owner_id in owners else "no owner"
        click.echo(f"{owner_id or '-'} ({name}): {len(claims)} due")
        for claim in claims:
            when = (
                f"due {claim.review_by.isoformat()}"
                if claim.review_by is not None
                else "not yet reviewed"
            )
            click.echo(f"  {when:<18} {claim.id}  ({claim.role}, {claim.topic})")
    click.echo(f"{len(due)} claim(s) due for review", err=True)


@cli.group()
def feedback() -> None:
    """Read what users said: answers marked wrong, unanswered questions, helpful rates."""


DB_OPTION = click.option(
    "--db",
    "db_url",
    help="Database URL or SQLite file (default: DATABASE_URL, else RTE_BOT_DB, else "
    "rte-bot.sqlite3 in this folder).",
)
SINCE_OPTION = click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only feedback from this date on (YYYY-MM-DD).",
)


def _store(db_url: str | None) -> FeedbackStore:
    # Imported here: asking questions must not pay for loading the database layer.
    from sqlalchemy.exc import SQLAlchemyError

    from bot.feedback.store import FeedbackStore

    url = database_url({"RTE_BOT_DB": db_url} if db_url else dict(os.environ))
    try:
        return FeedbackStore(url)
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot open the feedback database {url}: {exc}") from None


def _since(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value else None


@feedback.command("report")
@DB_OPTION
@SINCE_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one `section` column) instead.")
@click.option(
    "--limit", type=click.IntRange(1), default=20, show_default=True, help="Rows per list."
)
@KB_OPTION
def feedback_report(
    db_url: str | None,
    since: dt.datetime | None,
    as_csv: bool,
    limit: int,
    kb_dir: Path | None,
) -> None:
    """Report the claims most often marked wrong, the questions most often unanswered, and the
    helpful rate per role and topic.

    Each wrong claim is listed with its id, what it says, its sources and the reasons people
    gave, so a curator can go straight to the claim to fix in knowledge/claims/.

    \b
    Examples:
      rte-bot feedback report --since 2026-11-01
      DATABASE_URL=postgres://... rte-bot feedback report --csv > report.csv
    """

    from bot.feedback import report

    store = _store(db_url)
    try:
        found = _load(kb_dir)
        data = report.build(
            store.votes(_since(since)), store.unanswered_questions(_since(since)), found, limit
        )
    finally:
        store.close()
    click.echo(report.render_csv(data) if as_csv else report.render_text(data), nl=not as_csv)


@feedback.command("export")
@DB_OPTION
@SINCE_OPTION
@click.option("--csv", "as_csv", is_flag=True, required=True, help="Write CSV (the one format).")
def feedback_export(db_url: str | None, since: dt.datetime | None, as_csv: bool) -> None:
    """Dump every feedback vote and unanswered question as CSV, one row per record.

    The `record` column says which kind of row it is; the other columns are those of the
    stored tables.

    \b
    Example:
      rte-bot feedback export --csv > feedback.csv
    """

    from bot.feedback import report

    store = _store(db_url)
    try:
        text = report.export_csv(
            store.votes(_since(since)), store.unanswered_questions(_since(since))
        )
    finally:
        store.close()
    click.echo(text, nl=False)


@cli.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--min",
    "minimum",
    type=click.FloatRange(0, 1),
    default=0.95,
    show_default=True,
    help="Exit 1 when the share of passing questions is below this.",
)
@click.option(
    "--max-wrong",
    type=click.IntRange(0),
    default=None,
    help="Exit 1 when more than this many questions get a wrong answer (not a decline).",
)
@click.option("--verbose", "-v", is_flag=True, help="Also list the questions that pass.")
@KB_OPTION
def eval_(
    file: Path, minimum: float, max_wrong: int | None, verbose: bool, kb_dir: Path | None
) -> None:
    """Score the bot on FILE, a YAML list of golden questions with expected answers.

    Each case has `q` and any of kind, roles, topic, duty, verdict, contested and reason; only
    the fields present are checked (`src` and `note` are for people). Prints each failure,
    marked WRONG (answered, but wrongly: the worst outcome) or MISS (declined, though it could
    have answered), then the accuracy, both counts and how many out-of-scope questions were
    answered instead of declined.

    \b
    Examples:
      rte-bot eval tests/golden/questions.yaml
      rte-bot eval tests/golden/real/qa-sites.yaml --min 0.9 --max-wrong 2
    """
    try:
        cases = load_cases(file)
    except KBError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{file} is not a valid golden-question file") from None
    engine = _engine(kb_dir)
    results = run(cases, lambda q: answer_json(engine.ask(q)))
    for result in results:
        if not result.passed:
            mark = "WRONG" if result.wrong else "MISS "
            click.echo(f"{mark} {result.case.where}: {result.case.question!r}")
            for reason in result.reasons:
                click.echo(f"     {reason}")
        elif verbose:
            click.echo(f"ok    {result.case.where}: {result.case.question!r}")
    summary = summarise(results)
    click.echo(summary.line())
    if summary.accuracy < minimum or (max_wrong is not None and summary.wrong > max_wrong):
        sys.exit(1)


@cli.command()
@click.option("--port", "-p", type=int, default=3000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
def serve(port: int, host: str) -> None:
    """Serve Slack's HTTP requests locally at http://HOST:PORT/slack/events.

    For development: a threaded standard-library server. In production run gunicorn as the
    Procfile does. Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; /healthz reports the
    knowledge base in use.

    \b
    Example:
      SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... rte-bot serve --port 3000
    """
    from bot.serve import serve_http

    serve_http(port, host)


@cli.command()
def socket() -> None:
    """Connect to Slack in Socket Mode (no public URL needed) and answer until stopped.

    Needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-..., with connections:write).

    \b
    Example:
      SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... rte-bot socket
    """
    from bot.serve import StartupError, serve_socket

    try:
        serve_socket()
    except StartupError as exc:
        click.echo(f"rte-bot: {exc}", err=True)
        sys.exit(exc.code)


@cli.command()
@click.option(
    "--url", help="Public base URL (https://HOST): print the HTTP-mode manifest with its URLs."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the Slack CLI's get-manifest).")
def manifest(url: str | None, as_json: bool) -> None:
    """Print the Slack app manifest, to create the app at api.slack.com/apps.

    Without --url it is the Socket Mode manifest (the same as manifest.yml); with --url the
    slash command, events and interactivity point at URL/slash/events.

    \b
    Examples:
      rte-bot manifest --url https://rte-bot.example.com
      rte-bot manifest --json
    """
    from bot.manifest import manifest as build
    from bot.manifest import to_json, to_yaml

    if url and not url.startswith("https://"):
        raise click.BadParameter("Slack only calls https:// URLs", param_hint="--url")
    data = build(url)
    click.echo(to_json(data) if as_json else to_yaml(data), nl=False)
    if as_json:
        click.echo()
