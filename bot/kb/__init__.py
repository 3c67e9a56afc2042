"""The knowledge base as stored: YAML files under a folder, checked and turned into records.

This package is the only code that knows the knowledge base is YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from bot.kb.problems import KBError, Level, Problem
from bot.kb.schema import (
    SECTIONS,
    Checker,
    check_aliases,
    check_duties,
    check_headlines,
    check_synonyms,
    check_unique_ids,
    collect,
)
from bot.kb.yaml_source import parse
from bot.records import KnowledgeBase

__all__ = ["KBError", "Level", "Problem", "check", "default_dir", "load", "read"]

ENV_VAR = "RTE_BOT_KB"


def default_dir() -> Path:
    """The knowledge base to use: $RTE_BOT_KB, else the one shipped with the package.

    Installed, it is `bot/knowledge` inside the package; in a checkout (and an editable install)
    it is `knowledge/` at the top of the repository, where curators edit it.
    """
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parents[1]
    installed = package / "knowledge"
    return installed if installed.is_dir() else package.parent / "knowledge"


def _files(kb_dir: Path) -> list[Path]:
    return sorted(p for p in kb_dir.rglob("*.yaml") if p.is_file())


def _display(path: Path) -> str:
    """Paths as a curator would type them: relative to the working directory when possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def read(kb_dir: Path, today: dt.date | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Check every file; return the knowledge base (None if there are errors) and all problems."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not kb_dir.is_dir():
        return None, [Problem(str(kb_dir), 1, 1, "no-kb", "knowledge base folder not found")]
    files = _files(kb_dir)
    if not files:
        return None, [Problem(str(kb_dir), 1, 1, "no-kb", "no *.yaml files in the folder")]

    digest = hashlib.sha256()
    documents = []
    for path in files:
        shown = _display(path)
        raw = path.read_bytes()
        digest.update(path.relative_to(kb_dir).as_posix().encode() + b"\0" + raw + b"\0")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            problems.append(Problem(shown, line, 1, "encoding", "file is not valid UTF-8"))
            continue
        data, found = parse(text, shown)
        problems.extend(found)
        documents.append((shown, data))

    items = collect(documents, problems)
    checker = Checker(today)
    for section in SECTIONS:
        check_unique_ids(checker, items[section], section.removesuffix("s"))

    for item in items["publishers"]:
        if publisher := checker.publisher(item):
            checker.publishers.setdefault(publisher.id, publisher)
    for item in items["owners"]:
        if owner := checker.owner(item):
            checker.owners.setdefault(owner.id, owner)
    declines = [decline for item in items["declines"] if (decline := checker.decline(item))]
    for item in items["sources"]:
        source = checker.source(item)
        if source is not None:
            checker.sources.setdefault(source.id, source)
    roles = [(item, role) for item in items["roles"] if (role := checker.role(item))]
    topics = [(item, topic) for item in items["topics"] if (topic := checker.topic(item))]
    role_ids = {str(item.data.get("id")) for item in items["roles"]}
    topic_ids = {str(item.data.get("id")) for item in items["topics"]}
    duties = {duty.id: topic.id for _, topic in topics for duty in topic.duties}
    claims = [
        (item, claim)
        for item in items["claims"]
        if (claim := checker.claim(item, role_ids, topic_ids, duties))
    ]
    check_aliases(checker, roles)
    check_synonyms(checker, topics)
    check_duties(checker, topics)
    check_headlines(checker, claims)
    for section, records in (("roles", roles), ("topics", topics), ("claims", claims)):
        if not records and not any(p.level is Level.ERROR for p in [*problems, *checker.problems]):
            checker.problems.append(
                Problem(str(kb_dir), 1, 1, "empty", f"the knowledge base has no {section}")
            )
    problems.extend(checker.problems)
    problems.sort()

    if any(p.level is Level.ERROR for p in problems):
        return None, problems
    kb = KnowledgeBase(
        sources=tuple(checker.sources.values()),
        roles=tuple(role for _, role in roles),
        topics=tuple(topic for _, topic in topics),
        claims=tuple(claim for _, claim in claims),
        version=digest.hexdigest()[:12],
        warnings=tuple(str(p) for p in problems),
        declines=tuple(declines),
        owners=tuple(checker.owners.values()),
        publishers=tuple(checker.publishers.values()),
    )
    return kb, problems


def check(kb_dir: Path, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the knowledge base, errors and warnings, sorted by file and line."""
    return read(kb_dir, today)[1]


def load(kb_dir: Path | None = None, today: dt.date | None = None) -> KnowledgeBase:
    """The checked knowledge base; raises KBError (with every located problem) when invalid."""
    kb, problems = read(kb_dir or default_dir(), today)
    if kb is None:
        raise KBError(problems)
    return kb
