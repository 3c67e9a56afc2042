"""Render an Answer for a terminal: plain text, numbered sources, contested claims marked."""

from __future__ import annotations

import textwrap

from bot.engine.answer import Answer, Kind, Position
from bot.records import Claim, Stance
from bot.render.labels import claim_labels, review_fact

WIDTH = 92
CONTESTED = "[CONTESTED]"
CORRECTED = "[CORRECTED]"
STANCE_WORD = {Stance.YES: "yes", Stance.NO: "no", Stance.PARTLY: "partly", None: "-"}

USAGE = """\
Ask about delivery roles (RTE, STE, project / program manager, Scrum Master, Product Owner,
Product Management, release manager, business analyst, agile coach), for example:
  rte-bot ask "does an RTE handle scope?"
  rte-bot ask "is an RTE a business analyst?"
  rte-bot ask "RTE vs program manager"
  rte-bot ask "who removes impediments?"
  rte-bot compare rte project-manager --topic scope"""


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


class _Numbers:
    def __init__(self, answer: Answer) -> None:
        self.order = {source.id: n for n, source in enumerate(answer.sources(), 1)}

    def refs(self, claim: Claim, evidence: bool = False) -> str:
        citations = claim.evidence.citations if evidence and claim.evidence else claim.citations
        nums = dict.fromkeys(
            self.order[c.source.id] for c in citations if c.source.id in self.order
        )
        return "".join(f"[{n}]" for n in nums)


def _claim_lines(claim: Claim, numbers: _Numbers) -> list[str]:
    labels = claim_labels(claim)
    note = f" ({', '.join(labels)})" if labels else ""
    return [_wrap(f"{claim.statement} {numbers.refs(claim)}{note}", "    ", "  - ")]


def _disputed_lines(claim: Claim, numbers: _Numbers) -> list[str]:
    marker = CORRECTED if claim.status.value == "corrected" else CONTESTED
    by = claim.claimed_by.title if claim.claimed_by else "someone"
    lines = [
        _wrap(f"{marker} {claim.statement} {numbers.refs(claim)}", "    ", "  ! "),
        _wrap(f"Claimed by: {by}", "    "),
    ]
    if claim.evidence:
        lines.append(
            _wrap(
                f"Sources say: {claim.evidence.text} {numbers.refs(claim, evidence=True)}", "    "
            )
        )
    if claim.correction:
        lines.append(_wrap(f"Correction: {claim.correction}", "    "))
    return lines


def _profile_lines(profile: tuple[Position, ...]) -> list[str]:
    lines = []
    for stance, label in ((Stance.YES, "Does"), (Stance.PARTLY, "Partly"), (Stance.NO, "Does not")):
        names = [p.topic.name.lower() for p in profile if p.stance is stance]
        if names:
            lines.append(_wrap(f"{label}: " + ", ".join(names), "      ", "  "))
    return lines


def render(answer: Answer) -> str:
    numbers = _Numbers(answer)
    out: list[str] = [_wrap(answer.headline, "  ", "")]
    if answer.kind is Kind.HELP:
        out += ["", USAGE]
        if answer.suggestions:
            out += ["", "Try:"] + [f"  - {s.question}" for s in answer.suggestions]
        return "\n".join(out)
    if answer.kind is Kind.NO_MATCH:
        if answer.note:
            out.append(_wrap(answer.note, "  ", ""))
        if answer.suggestions:
            out += ["", "You could ask:"] + [f"  - {s.question}" for s in answer.suggestions]
        return "\n".join(out)

    facts = [r.name for r in answer.roles]
    if answer.topic:
        facts.append(answer.topic.name)
    if answer.framework:
        facts.append(f"in {answer.framework}")
    facts.append(f"confidence {answer.confidence:.2f}")
    review = review_fact(answer)
    if review:
        facts.append(review)
    if answer.contested:
        facts.append(CONTESTED)
    out.append("  " + " | ".join(facts))
    if answer.note:
        out.append(_wrap(answer.note))

    if answer.misnomer:
        out += ["", _wrap(f"{CORRECTED} Name: {answer.misnomer.correction}", "    ", "  ! ")]
    if answer.claims:
        out.append("")
        for claim in answer.claims:
            out += _claim_lines(claim, numbers)
    if answer.holders:
        out.append("")
        for h in answer.holders:
            mark = f" {CONTESTED}" if h.claim.disputed else ""
            refs = numbers.refs(h.claim)
            text = f"{STANCE_WORD[h.stance]:<7}{h.role.name}: {h.claim.statement}{mark} {refs}"
            out.append(_wrap(text, "           ", "  "))
    if answer.rows:
        out.append("")
        names = [cell.role.short for cell in answer.rows[0].cells]
        out.append("  " + "Topic".ljust(24) + "".join(n[:20].ljust(22) for n in names))
        for row in answer.rows:
            cells = "".join(
                (
                    STANCE_WORD[c.stance]
                    + (" *" if c.contested else "")
                    + (f" {numbers.refs(c.claim)}" if c.claim else "")
                ).ljust(22)
                for c in row.cells
            )
            out.append("  " + row.topic.name[:23].ljust(24) + cells)
        if any(row.contested for row in answer.rows):
            out.append("  * contested: someone claims otherwise; ask about that role and topic")
        if len(answer.rows) <= 2:
            for row in answer.rows:
                for cell in row.cells:
                    if cell.claim:
                        out.append(
                            _wrap(
                                f"{cell.role.short} on {row.topic.name.lower()}: "
                                f"{cell.claim.statement} {numbers.refs(cell.claim)}",
                                "    ",
                                "  - ",
                            )
                        )
    if answer.profile:
        out += ["", "  At a glance:", *_profile_lines(answer.profile)]
    if answer.disputed:
        out += ["", "  Disputed claims on this question:"]
        for claim in answer.disputed:
            out += _disputed_lines(claim, numbers)
    sources = answer.sources()
    if sources:
        out += ["", "Sources"]
        for n, source in enumerate(sources, 1):
            out.append(_wrap(f"[{n}] {source.name}; {source.publisher}", "      ", "  "))
            out.append(f"      {source.url}")
    if answer.truncated:
        out += ["", "(The question was long; only its first 500 characters were read.)"]
    return "\n".join(out)
