"""Check the knowledge base's YAML and build typed records from it.

Each rule reports a located `Problem` instead of raising, so a curator sees every mistake in one
run, each as `file:line:col`. Records are only built from a knowledge base without errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from bot.kb.problems import Level, Problem
from bot.kb.yaml_source import Mapping, Sequence
from bot.records import (
    RELATION_TOPICS,
    Citation,
    Claim,
    Decline,
    Duty,
    Evidence,
    Label,
    Misnomer,
    Owner,
    Publisher,
    Role,
    Sense,
    Source,
    SourceKind,
    Stance,
    Status,
    Topic,
)

SECTIONS = ("publishers", "owners", "declines", "sources", "roles", "topics", "claims")
REVIEW_MONTHS = 12  # a claim is due for review this long after it was reviewed
VERDICT_STATUS = {
    "supported": Status.ESTABLISHED,
    "partly-supported": Status.CONTESTED,
    "contested": Status.CONTESTED,
    "wrong": Status.CORRECTED,
}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SEED = re.compile(r"^(?:A\d{1,2}|C\d|S28-\d)$")

_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required keys, optional keys)
    "publisher": ({"id", "name", "hosts"}, set()),
    "owner": ({"id", "name"}, {"contact"}),
    "decline": ({"id", "reply", "phrases"}, set()),
    "source": (
        {"id", "title", "publisher", "url", "kind", "accessed"},
        {"section", "read_at", "framework", "edition"},
    ),
    "role": (
        {"id", "name", "definition", "sources"},
        {
            "short",
            "frameworks",
            "aliases",
            "abbreviations",
            "misnomers",
            "abbreviations_in",
            "labels",
        },
    ),
    "misnomer": ({"phrase", "correction", "sources"}, set()),
    "label": ({"phrase", "caveat", "sources"}, set()),
    "topic": (
        {"id", "name", "label", "question"},
        {"synonyms", "weak_synonyms", "verdicts", "antonyms", "duties", "senses"},
    ),
    "duty": ({"id", "name", "label", "question", "synonyms"}, {"verdicts"}),
    "sense": ({"phrase"}, {"means"}),
    "claim": (
        {"id", "roles", "topic", "status", "statement", "sources", "reviewed", "owner"},
        {
            "stance",
            "headline",
            "examples",
            "claimed_by",
            "claimed_stance",
            "verdict",
            "evidence",
            "correction",
            "seed",
            "duty",
            "review_by",
        },
    ),
    "evidence": ({"text", "sources"}, set()),
    "citation": ({"source"}, {"section"}),
}


@dataclass(frozen=True)
class Item:
    """One record's mapping and the file it came from."""

    path: str
    data: Mapping


def alias_key(text: str) -> str:
    """How two aliases are compared for clashes: case, spacing and dots do not count."""
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", text.lower().replace(".", "")).split())


class Checker:
    """Collects problems while turning YAML items into records."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.publishers: dict[str, Publisher] = {}
        self.owners: dict[str, Owner] = {}
        self.duty_items: list[tuple[Item, str]] = []
        self.sense_items: list[tuple[Item, str, Sense]] = []

    # -- reporting -------------------------------------------------------------------------
    def report(
        self,
        item: Item,
        key: Any,
        code: str,
        message: str,
        level: Level = Level.ERROR,
        at: tuple[int, int] | None = None,
    ) -> None:
        line, col = at or (
            item.data.mark(key) if key is not None else (item.data.line, item.data.column)
        )
        self.problems.append(Problem(item.path, line, col, code, message, level))

    # -- field readers ---------------------------------------------------------------------
    def fields(self, item: Item, kind: str, name: str) -> bool:
        """Report unknown and missing keys; False when a required key is missing."""
        required, optional = _FIELDS[kind]
        ok = True
        for key in item.data:
            if key not in required and key not in optional:
                known = ", ".join(sorted(required | optional))
                self.report(
                    item, key, "unknown-key", f"{name}: unknown key `{key}` (known: {known})"
                )
        for key in sorted(required - set(item.data)):
            self.report(item, None, "missing-key", f"{name}: missing required key `{key}`")
            ok = False
        return ok

    def text(self, item: Item, key: str, name: str, required: bool = True) -> str | None:
        value = item.data.get(key)
        if value is None:
            if required and key in item.data:
                self.report(item, key, "empty", f"{name}: `{key}` is empty")
            return None
        if isinstance(value, bool | dt.date) or not isinstance(value, str | int | float):
            self.report(item, key, "bad-type", f"{name}: `{key}` must be text")
            return None
        text = " ".join(str(value).split())
        if not text:
            self.report(item, key, "empty", f"{name}: `{key}` is empty")
            return None
        return text

    def text_list(self, item: Item, key: str, name: str) -> tuple[str, ...]:
        value = item.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(item, key, "bad-type", f"{name}: `{key}` must be a list of text")
            return ()
        out: list[str] = []
        for index, entry in enumerate(value):
            if isinstance(entry, bool) or not isinstance(entry, str | int | float):
                at = value.mark(index) if isinstance(value, Sequence) else None
                self.report(item, key, "bad-type", f"{name}: `{key}` item must be text", at=at)
                continue
            if str(entry).strip():
                out.append(" ".join(str(entry).split()))
        return tuple(out)

    def ident(self, item: Item, name_kind: str) -> str | None:
        value = item.data.get("id")
        if value is None:
            return None
        if not isinstance(value, str) or not _ID.match(value):
            self.report(
                item,
                "id",
                "bad-id",
                f"{name_kind} id `{value}` must be lowercase letters, digits and single hyphens",
            )
            return None
        return value

    def enum(
        self, item: Item, key: str, name: str, allowed: tuple[str, ...], required: bool = False
    ) -> str | None:
        if key not in item.data or item.data[key] is None:
            if required:
                self.report(item, key, "missing-key", f"{name}: missing required key `{key}`")
            return None
        value = item.data[key]
        if isinstance(value, bool):
            self.report(
                item,
                key,
                "yaml-boolean",
                f"{name}: `{key}` reads as the boolean {str(value).lower()}: YAML turns a bare "
                f'yes/no into true/false; quote it ("yes" / "no")',
            )
            return None
        if value not in allowed:
            self.report(
                item,
                key,
                "bad-value",
                f"{name}: `{key}` is `{value}`; expected one of: {', '.join(allowed)}",
            )
            return None
        return str(value)

    def date(self, item: Item, key: str, name: str) -> dt.date | None:
        value = item.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.report(item, key, "bad-date", f"{name}: `{key}` must be a date like 2026-11-25")
        return None

    def citations(self, item: Item, key: str, name: str) -> tuple[Citation, ...]:
        """A list of source ids or {source, section} mappings; at least one that resolves."""
        value = item.data.get(key)
        if value is None:
            if key in item.data:
                self.report(item, key, "no-sources", f"{name}: `{key}` is empty; cite >= 1 source")
            return ()
        if isinstance(value, str):
            value_list: list[Any] = [value]
            marks: list[tuple[int, int]] = [item.data.mark(key)]
        elif isinstance(value, list):
            value_list = list(value)
            marks = [
                value.mark(i) if isinstance(value, Sequence) else item.data.mark(key)
                for i in range(len(value))
            ]
        else:
            self.report(item, key, "bad-type", f"{name}: `{key}` must be a list of source ids")
            return ()
        out: list[Citation] = []
        for entry, at in zip(value_list, marks, strict=True):
            section: str | None = None
            if isinstance(entry, Mapping):
                sub = Item(item.path, entry)
                self.fields(sub, "citation", f"{name}: citation")
                source_id = entry.get("source")
                section = self.text(sub, "section", f"{name}: citation", required=False)
            else:
                source_id = entry
            if not isinstance(source_id, str):
                self.report(item, key, "bad-type", f"{name}: a citation needs a source id", at=at)
                continue
            source = self.sources.get(source_id)
            if source is None:
                self.report(
                    item, key, "unknown-source", f"{name}: unknown source `{source_id}`", at=at
                )
                continue
            out.append(Citation(source, section))
        if not out and value_list:
            return ()
        if not value_list:
            self.report(item, key, "no-sources", f"{name}: `{key}` is empty; cite >= 1 source")
        return tuple(out)

    def mappings(self, item: Item, key: str, name: str) -> list[Item]:
        """The mappings of a list-valued key (`duties`, `misnomers`...), each as an Item."""
        value = item.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(item, key, "bad-type", f"{name}: `{key}` must be a list")
            return []
        out: list[Item] = []
        for index, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                at = value.mark(index) if isinstance(value, Sequence) else None
                self.report(item, key, "bad-type", f"{name}: `{key}` items are mappings", at=at)
                continue
            out.append(Item(item.path, entry))
        return out

    # -- records -----------------------------------------------------------------------------
    def publisher(self, item: Item) -> Publisher | None:
        name = f"publisher `{item.data.get('id', '?')}`"
        complete = self.fields(item, "publisher", name)
        publisher_id = self.ident(item, "publisher")
        title = self.text(item, "name", name)
        hosts = tuple(h.lower() for h in self.text_list(item, "hosts", name))
        for host in hosts:
            if not re.match(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", host):
                self.report(item, "hosts", "bad-host", f"{name}: `{host}` is not a host name")
        if "hosts" in item.data and not hosts:
            self.report(item, "hosts", "empty", f"{name}: `hosts` needs at least one host")
        if not (complete and publisher_id and title and hosts):
            return None
        return Publisher(publisher_id, title, hosts)

    def owner(self, item: Item) -> Owner | None:
        name = f"owner `{item.data.get('id', '?')}`"
        complete = self.fields(item, "owner", name)
        owner_id = self.ident(item, "owner")
        title = self.text(item, "name", name)
        contact = self.text(item, "contact", name, required=False)
        if not (complete and owner_id and title):
            return None
        return Owner(owner_id, title, contact)

    def decline(self, item: Item) -> Decline | None:
        name = f"decline `{item.data.get('id', '?')}`"
        complete = self.fields(item, "decline", name)
        decline_id = self.ident(item, "decline")
        reply = self.text(item, "reply", name)
        phrases = self.text_list(item, "phrases", name)
        if "phrases" in item.data and not phrases:
            self.report(item, "phrases", "empty", f"{name}: `phrases` needs at least one phrase")
        if not (complete and decline_id and reply and phrases):
            return None
        return Decline(decline_id, reply, phrases)

    def source(self, item: Item) -> Source | None:
        name = f"source `{item.data.get('id', '?')}`"
        complete = self.fields(item, "source", name)
        source_id = self.ident(item, "source")
        title = self.text(item, "title", name)
        publisher = self.text(item, "publisher", name)
        url = self.text(item, "url", name)
        kind = self.enum(item, "kind", name, tuple(k.value for k in SourceKind))
        accessed = self.date(item, "accessed", name)
        section = self.text(item, "section", name, required=False)
        read_at = self.text(item, "read_at", name, required=False)
        framework = self.text(item, "framework", name, required=False)
        edition = self.text(item, "edition", name, required=False)
        for key, link in (("url", url), ("read_at", read_at)):
            if link and not re.match(r"^https?://[^\s/]+\.[^\s]+$", link):
                self.report(item, key, "bad-url", f"{name}: `{key}` must be an http(s) URL")
        owner = self.publishers.get(publisher or "")
        if kind == SourceKind.PRIMARY and publisher and owner is None:
            self.report(
                item,
                "publisher",
                "unknown-publisher",
                f"{name}: a primary source names its publisher by an id from `publishers` "
                f"(`{publisher}` is not one), so its link can be checked against their hosts",
            )
        if kind == SourceKind.PRIMARY and owner is not None and url and not owner.owns(url):
            self.report(
                item,
                "url",
                "off-publisher-host",
                f"{name}: users are sent to `{url}`, which is not on {owner.name}'s own hosts "
                f"({', '.join(owner.hosts)}); link the publisher's page and keep the copy you "
                "read in `read_at`",
            )
        if not (complete and source_id and title and publisher and url and kind and accessed):
            return None
        return Source(
            source_id,
            title,
            owner.name if owner else publisher,
            url,
            SourceKind(kind),
            section,
            accessed,
            framework,
            edition,
            owner.id if owner else None,
        )

    def misnomers(self, item: Item, name: str) -> tuple[Misnomer, ...]:
        value = item.data.get("misnomers")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(item, "misnomers", "bad-type", f"{name}: `misnomers` must be a list")
            return ()
        out: list[Misnomer] = []
        for index, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                at = value.mark(index) if isinstance(value, Sequence) else None
                self.report(
                    item, "misnomers", "bad-type", f"{name}: a misnomer must be a mapping", at=at
                )
                continue
            sub = Item(item.path, entry)
            label = f"{name}: misnomer"
            complete = self.fields(sub, "misnomer", label)
            phrase = self.text(sub, "phrase", label)
            correction = self.text(sub, "correction", label)
            cites = self.citations(sub, "sources", label)
            if complete and phrase and correction and cites:
                out.append(Misnomer(phrase, correction, cites))
        return tuple(out)

    def role(self, item: Item) -> Role | None:
        name = f"role `{item.data.get('id', '?')}`"
        complete = self.fields(item, "role", name)
        role_id = self.ident(item, "role")
        role_name = self.text(item, "name", name)
        short = self.text(item, "short", name, required=False)
        definition = self.text(item, "definition", name)
        cites = self.citations(item, "sources", name)
        frameworks = self.text_list(item, "frameworks", name)
        aliases = self.text_list(item, "aliases", name)
        abbreviations = self.text_list(item, "abbreviations", name)
        misnomers = self.misnomers(item, name)
        in_context = self.abbreviations_in(item, name)
        labels = []
        for sub in self.mappings(item, "labels", name):
            label = f"{name}: label"
            complete_label = self.fields(sub, "label", label)
            phrase = self.text(sub, "phrase", label)
            caveat = self.text(sub, "caveat", label)
            label_cites = self.citations(sub, "sources", label)
            if complete_label and phrase and caveat and label_cites:
                labels.append(Label(phrase, caveat, label_cites))
        if not (complete and role_id and role_name and definition and cites):
            return None
        return Role(
            role_id,
            role_name,
            short or role_name,
            definition,
            cites,
            frameworks,
            aliases,
            abbreviations,
            misnomers,
            in_context,
            tuple(labels),
        )

    def abbreviations_in(self, item: Item, name: str) -> tuple[tuple[str, str], ...]:
        """`abbreviations_in: {SAFe: [PM]}`: abbreviations that mean this role in that framework."""
        value = item.data.get("abbreviations_in")
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.report(
                item,
                "abbreviations_in",
                "bad-type",
                f"{name}: `abbreviations_in` must be a mapping",
            )
            return ()
        sub = Item(item.path, value)
        out: list[tuple[str, str]] = []
        for framework in value:
            for text in self.text_list(sub, framework, f"{name}: abbreviations_in"):
                out.append((str(framework), text))
        return tuple(out)

    def topic(self, item: Item) -> Topic | None:
        name = f"topic `{item.data.get('id', '?')}`"
        complete = self.fields(item, "topic", name)
        topic_id = self.ident(item, "topic")
        topic_name = self.text(item, "name", name)
        label = self.text(item, "label", name)
        question = self.text(item, "question", name)
        synonyms = self.text_list(item, "synonyms", name)
        weak = self.text_list(item, "weak_synonyms", name)
        verdicts = self.verdict_phrases(item, name)
        antonyms = self.text_list(item, "antonyms", name)
        duties = tuple(
            duty
            for sub in self.mappings(item, "duties", name)
            if (duty := self.duty(sub, topic_id or "?"))
        )
        senses = []
        for sub in self.mappings(item, "senses", name):
            label_ = f"{name}: sense"
            ok = self.fields(sub, "sense", label_)
            phrase = self.text(sub, "phrase", label_)
            means = self.text(sub, "means", label_, required=False)
            if ok and phrase:
                senses.append((sub, Sense(phrase, means)))
        if not (complete and topic_id and topic_name and label and question):
            return None
        self.sense_items.extend((sub, topic_id, sense) for sub, sense in senses)
        return Topic(
            topic_id,
            topic_name,
            label,
            question,
            synonyms,
            weak,
            verdicts,
            antonyms,
            duties,
            tuple(sense for _, sense in senses),
        )

    def duty(self, item: Item, topic_id: str) -> Duty | None:
        name = f"duty `{item.data.get('id', '?')}`"
        complete = self.fields(item, "duty", name)
        duty_id = self.ident(item, "duty")
        duty_name = self.text(item, "name", name)
        label = self.text(item, "label", name)
        question = self.text(item, "question", name)
        synonyms = self.text_list(item, "synonyms", name)
        if "synonyms" in item.data and not synonyms:
            self.report(item, "synonyms", "empty", f"{name}: `synonyms` needs at least one phrase")
        verdicts = self.verdict_phrases(item, name)
        if not (complete and duty_id and duty_name and label and question and synonyms):
            return None
        self.duty_items.append((item, duty_id))
        return Duty(duty_id, topic_id, duty_name, label, question, synonyms, verdicts)

    def verdict_phrases(self, item: Item, name: str) -> tuple[tuple[Stance, str], ...]:
        value = item.data.get("verdicts")
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.report(item, "verdicts", "bad-type", f"{name}: `verdicts` must be a mapping")
            return ()
        out: list[tuple[Stance, str]] = []
        sub = Item(item.path, value)
        for key in value:
            if isinstance(key, bool):
                self.report(
                    sub,
                    key,
                    "yaml-boolean",
                    f"{name}: verdicts key reads as the boolean {str(key).lower()}; "
                    'quote it ("yes")',
                )
                continue
            if key not in tuple(s.value for s in Stance):
                self.report(sub, key, "bad-value", f"{name}: verdicts key `{key}` is not a stance")
                continue
            text = self.text(sub, key, f"{name}: verdicts")
            if text:
                out.append((Stance(key), text))
        return tuple(out)

    def claim(
        self, item: Item, roles: set[str], topics: set[str], duties: dict[str, str]
    ) -> Claim | None:
        data = item.data
        name = f"claim `{data.get('id', '?')}`"
        complete = self.fields(item, "claim", name)
        claim_id = self.ident(item, "claim")
        role_ids = self.text_list(item, "roles", name)
        if "roles" in data and not role_ids:
            self.report(item, "roles", "empty", f"{name}: `roles` needs at least one role id")
        for role_id in role_ids:
            if role_id not in roles:
                self.report(item, "roles", "unknown-role", f"{name}: unknown role `{role_id}`")
        if len(set(role_ids)) != len(role_ids):
            self.report(item, "roles", "duplicate-role", f"{name}: a role is listed twice")
        topic_id = self.text(item, "topic", name)
        if topic_id and topic_id not in topics:
            self.report(item, "topic", "unknown-topic", f"{name}: unknown topic `{topic_id}`")
        duty_id = self.text(item, "duty", name, required=False)
        if duty_id and duty_id not in duties:
            self.report(item, "duty", "unknown-duty", f"{name}: unknown duty `{duty_id}`")
        elif duty_id and topic_id and duties[duty_id] != topic_id:
            self.report(
                item,
                "duty",
                "duty-topic",
                f"{name}: duty `{duty_id}` belongs to topic `{duties[duty_id]}`, not `{topic_id}`",
            )
        owner = self.text(item, "owner", name)
        if owner and owner not in self.owners:
            known = ", ".join(sorted(self.owners)) or "none defined"
            self.report(
                item, "owner", "unknown-owner", f"{name}: unknown owner `{owner}` (known: {known})"
            )
        stances = tuple(s.value for s in Stance)
        status = self.enum(item, "status", name, tuple(s.value for s in Status))
        stance = self.enum(item, "stance", name, stances)
        claimed_stance = self.enum(item, "claimed_stance", name, stances)
        verdict = self.enum(item, "verdict", name, tuple(VERDICT_STATUS))
        statement = self.text(item, "statement", name)
        cites = self.citations(item, "sources", name)
        reviewed = self.date(item, "reviewed", name)
        review_by = self.date(item, "review_by", name)
        if reviewed and not review_by:
            review_by = _months_later(reviewed, REVIEW_MONTHS)
        if review_by and reviewed and review_by <= reviewed:
            self.report(item, "review_by", "bad-date", f"{name}: `review_by` is before `reviewed`")
        examples = self.text_list(item, "examples", name)
        correction = self.text(item, "correction", name, required=False)
        seed = self.text(item, "seed", name, required=False)
        headline = data.get("headline", False)
        if not isinstance(headline, bool):
            self.report(item, "headline", "bad-type", f"{name}: `headline` must be true or false")
            headline = False

        claimed_by: Source | None = None
        if "claimed_by" in data:
            by = data.get("claimed_by")
            claimed_by = self.sources.get(by) if isinstance(by, str) else None
            if claimed_by is None:
                self.report(
                    item,
                    "claimed_by",
                    "unknown-source",
                    f"{name}: unknown source `{by}` in claimed_by",
                )
        evidence = self.evidence(item, name)

        if seed and not _SEED.match(seed):
            self.report(item, "seed", "bad-value", f"{name}: `seed` must look like A5, C1 or S28-1")
        if review_by and self.today > review_by:
            self.report(
                item,
                "review_by" if "review_by" in data else "reviewed",
                "stale",
                f"{name}: review overdue since {review_by.isoformat()}"
                + (f" (last reviewed {reviewed.isoformat()})" if reviewed else ""),
                Level.WARNING,
            )
        if reviewed and reviewed > self.today:
            self.report(item, "reviewed", "bad-date", f"{name}: `reviewed` is in the future")
        if status in (Status.CONTESTED, Status.CORRECTED):
            for key, present in (
                ("claimed_by", "claimed_by" in data),
                ("evidence", "evidence" in data),
                ("correction", correction is not None),
            ):
                if not present:
                    self.report(
                        item,
                        "status",
                        "disputed-needs",
                        f"{name}: a {status} claim needs `{key}` (who makes it, the evidence "
                        "against it with its sources, and a one-sentence correction)",
                    )
        if verdict and status and VERDICT_STATUS[verdict] != status:
            self.report(
                item,
                "verdict",
                "verdict-status",
                f"{name}: verdict `{verdict}` goes with status "
                f"`{VERDICT_STATUS[verdict]}`, not `{status}`",
            )
        if seed and not verdict:
            self.report(item, "seed", "missing-key", f"{name}: a seed claim needs its `verdict`")
        if not (complete and claim_id and role_ids and topic_id and status and statement and cites):
            return None
        if "reviewed" in data and data["reviewed"] is not None and reviewed is None:
            return None  # a malformed date, already reported
        return Claim(
            id=claim_id,
            roles=role_ids,
            topic=topic_id,
            status=Status(status),
            statement=statement,
            citations=cites,
            reviewed=reviewed,
            stance=Stance(stance) if stance else None,
            headline=headline,
            examples=examples,
            claimed_by=claimed_by,
            claimed_stance=Stance(claimed_stance) if claimed_stance else None,
            verdict=verdict,
            evidence=evidence,
            correction=correction,
            seed=seed,
            duty=duty_id,
            owner=owner,
            review_by=review_by,
        )

    def evidence(self, item: Item, name: str) -> Evidence | None:
        value = item.data.get("evidence")
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.report(item, "evidence", "bad-type", f"{name}: `evidence` must be a mapping")
            return None
        sub = Item(item.path, value)
        label = f"{name}: evidence"
        complete = self.fields(sub, "evidence", label)
        text = self.text(sub, "text", label)
        cites = self.citations(sub, "sources", label)
        if complete and text and cites:
            return Evidence(text, cites)
        return None


def collect(documents: list[tuple[str, Any]], problems: list[Problem]) -> dict[str, list[Item]]:
    """Split every file's top-level lists into items, reporting misplaced structure."""
    items: dict[str, list[Item]] = {section: [] for section in SECTIONS}
    for path, data in documents:
        if data is None:
            continue
        if not isinstance(data, Mapping):
            problems.append(
                Problem(path, 1, 1, "not-a-mapping", f"top level must be a mapping of {SECTIONS}")
            )
            continue
        for key, value in data.items():
            line, col = data.mark(key)
            if key not in SECTIONS:
                problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        "unknown-key",
                        f"unknown top-level key `{key}` (known: {', '.join(SECTIONS)})",
                    )
                )
                continue
            if not isinstance(value, Sequence):
                problems.append(Problem(path, line, col, "not-a-list", f"`{key}` must be a list"))
                continue
            for index, entry in enumerate(value):
                if not isinstance(entry, Mapping):
                    at_line, at_col = value.mark(index)
                    problems.append(
                        Problem(
                            path,
                            at_line,
                            at_col,
                            "not-a-mapping",
                            f"each entry of `{key}` must be a mapping",
                        )
                    )
                    continue
                items[key].append(Item(path, entry))
    return items


def check_unique_ids(checker: Checker, items: list[Item], kind: str) -> None:
    first: dict[Any, Item] = {}
    for item in items:
        value = item.data.get("id")
        if value is None:
            continue
        key = value if isinstance(value, str) else repr(value)
        if key in first:
            where = first[key]
            checker.report(
                item,
                "id",
                "duplicate-id",
                f"{kind} id `{value}` is already used at {where.path}:{where.data.mark('id')[0]}",
            )
        else:
            first[key] = item


def check_aliases(checker: Checker, items: list[tuple[Item, Role]]) -> None:
    """An alias, abbreviation or misnomer may name only one role."""
    owner: dict[str, str] = {}
    for item, role in items:
        names = [
            ("name", role.name),
            *(("aliases", a) for a in role.aliases),
            *(("abbreviations", a) for a in role.abbreviations),
            *(("misnomers", m.phrase) for m in role.misnomers),
        ]
        seen_here: set[str] = set()
        for key, text in names:
            folded = alias_key(text)
            if not folded or folded in seen_here:
                continue
            seen_here.add(folded)
            other = owner.setdefault(folded, role.id)
            if other != role.id:
                checker.report(
                    item,
                    key,
                    "alias-conflict",
                    f"role `{role.id}`: `{text}` in {key} is already claimed by role `{other}`",
                )


def check_synonyms(checker: Checker, items: list[tuple[Item, Topic]]) -> None:
    owner: dict[str, str] = {}
    for item, topic in items:
        words = (*topic.synonyms, *topic.weak_synonyms, *topic.antonyms)
        for text in sorted({alias_key(s) for s in words}):
            other = owner.setdefault(text, topic.id)
            if other != topic.id:
                checker.report(
                    item,
                    "synonyms",
                    "synonym-conflict",
                    f"topic `{topic.id}`: synonym `{text}` is already used by topic `{other}`",
                )
    duty_items = {duty_id: item for item, duty_id in checker.duty_items}
    for item, topic in items:
        for duty in topic.duties:
            for text in sorted({alias_key(s) for s in duty.synonyms}):
                other = owner.setdefault(text, duty.id)
                if other != duty.id:
                    checker.report(
                        duty_items.get(duty.id, item),
                        "synonyms",
                        "synonym-conflict",
                        f"duty `{duty.id}`: synonym `{text}` is already used by `{other}`",
                    )


def check_headlines(checker: Checker, items: list[tuple[Item, Claim]]) -> None:
    """Where established claims on one role and topic disagree, exactly one is the headline."""
    groups: dict[tuple[str, str, str, str], list[tuple[Item, Claim]]] = defaultdict(list)
    for item, claim in items:
        if claim.status is Status.ESTABLISHED and claim.stance is not None:
            # "is an RTE a BA?" and "is an RTE a Scrum Master?" are different questions
            relation = claim.topic in RELATION_TOPICS and len(claim.roles) > 1
            other = claim.roles[1] if relation else ""
            groups[(claim.role, claim.topic, claim.duty or "", other)].append((item, claim))
    for (role, topic, duty, _), members in sorted(groups.items()):
        if duty:
            topic = f"{topic}` duty `{duty}"
        headlines = [(item, claim) for item, claim in members if claim.headline]
        stances = {claim.stance for _, claim in members}
        if len(headlines) > 1:
            for item, claim in headlines[1:]:
                checker.report(
                    item,
                    "headline",
                    "headline",
                    f"claim `{claim.id}`: role `{role}` topic `{topic}` already has headline "
                    f"claim `{headlines[0][1].id}`; mark only one",
                )
        elif len(stances) > 1 and not headlines:
            item, claim = members[0]
            listed = ", ".join(f"`{c.id}` ({c.stance})" for _, c in members)
            checker.report(
                item,
                "stance",
                "headline",
                f"role `{role}` topic `{topic}`: established claims disagree on stance "
                f"({listed}); mark the one that answers the plain question `headline: true`",
            )


def _months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the 28th where the month is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def check_duties(checker: Checker, topics: list[tuple[Item, Topic]]) -> None:
    """Duty ids are unique and never a topic's id; a sense names a word of its topic and means a
    topic or duty that exists."""
    topic_ids = {topic.id for _, topic in topics}
    duty_ids = {duty.id for _, topic in topics for duty in topic.duties}
    seen: dict[str, str] = {}
    for item, duty_id in checker.duty_items:
        if duty_id in topic_ids:
            checker.report(
                item, "id", "duplicate-id", f"duty id `{duty_id}` is already a topic's id"
            )
        elif duty_id in seen:
            checker.report(
                item, "id", "duplicate-id", f"duty id `{duty_id}` is already used by a duty"
            )
        seen[duty_id] = item.path
    words = {
        topic.id: {
            alias_key(w)
            for w in (
                *topic.synonyms,
                *topic.weak_synonyms,
                *(s for d in topic.duties for s in d.synonyms),
            )
        }
        for _, topic in topics
    }
    for item, topic_id, sense in checker.sense_items:
        phrase = f" {alias_key(sense.phrase)} "
        if not any(f" {w} " in phrase for w in words.get(topic_id, ())):
            checker.report(
                item,
                "phrase",
                "sense-unused",
                f"topic `{topic_id}`: sense `{sense.phrase}` contains none of the topic's words, "
                "so it changes nothing",
            )
        if sense.means and sense.means not in topic_ids | duty_ids:
            checker.report(
                item,
                "means",
                "unknown-topic",
                f"topic `{topic_id}`: sense `{sense.phrase}` means `{sense.means}`, "
                "which is no topic or duty",
            )
