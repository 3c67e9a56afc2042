"""Render an Answer as a Slack message: Block Kit blocks plus a plain-text fallback.

Every block is built with slack_sdk's Block Kit model classes, whose validators check Slack's
per-field limits when the message is turned into JSON; what they do not check (50 blocks per
message, 2000 characters per field) is enforced here by shortening with "...and N more".
All text that can carry user input or curated content is escaped (`&`, `<`, `>`), so a question
containing `<!channel>` can never ping anyone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.engine.answer import Answer, Kind
from bot.records import Claim, Role, Source, Stance, Topic
from bot.render.labels import claim_labels, review_fact

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_VALUE = 2000
MAX_FALLBACK = 3000
ECHO_CHARS = 300  # how much of the question an answer repeats back

STANCE_MARK = {
    Stance.YES: ":white_check_mark: yes",
    Stance.NO: ":x: no",
    Stance.PARTLY: ":large_orange_diamond: partly",
    None: ":grey_question: no stance",
}
CONTESTED_MARK = ":warning:"

# action_ids, shared with the Slack layer (bot/slack/ids.py re-exports them)
ACTION_POST_TO_CHANNEL = "post_to_channel"
ACTION_ASK_SUGGESTION = "ask_suggestion"
ACTION_FEEDBACK_HELPFUL = "feedback_helpful"
ACTION_FEEDBACK_WRONG = "feedback_wrong"
FEEDBACK_QUESTION_CHARS = 600
VIEW_FEEDBACK_REASON = "feedback_reason"
REASON_BLOCK = "reason"
REASON_INPUT = "reason_input"
MAX_REASON = 2000


@dataclass(frozen=True)
class Message:
    """What to send: blocks as JSON-ready dicts and the plain-text fallback."""

    blocks: list[dict[str, Any]]
    text: str


def escape(text: str) -> str:
    """Slack's three control characters, escaped (and only those: Slack decodes no others)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "\u2026"


def link(url: str, label: str) -> str:
    return f"<{escape(url)}|{escape(label).replace('|', '/')}>"


def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=True)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=_mrkdwn(shorten(text, MAX_SECTION)))


def _lines_within(lines: Sequence[str], limit: int, more: str = "...and {n} more") -> str:
    """Join lines, stopping before the limit and saying how many were left out."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        tail = "\n" + more.format(n=len(lines) - i)
        if used + len(line) + 1 + len(tail) > limit and out:
            return "\n".join(out) + tail
        out.append(shorten(line, limit - len(tail) - 1))
        used += len(out[-1]) + 1
    return "\n".join(out)


class _Numbers:
    """Numbers sources in the order the answer lists them."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.sources = list(sources)
        self.order = {s.id: n for n, s in enumerate(self.sources, 1)}

    def refs(self, claim: Claim | None, evidence: bool = False) -> str:
        if claim is None:
            return ""
        cites = claim.evidence.citations if evidence and claim.evidence else claim.citations
        nums = dict.fromkeys(self.order[c.source.id] for c in cites if c.source.id in self.order)
        return "".join(f"[{n}]" for n in nums)


def _sources_context(numbers: _Numbers) -> list[Block]:
    """Numbered source links in context blocks (10 elements each, at most 2 blocks)."""
    items = [link(s.url, f"[{n}] {s.name}") for n, s in enumerate(numbers.sources, 1)]
    if not items:
        return []
    per_element = max(1, -(-len(items) // (2 * MAX_CONTEXT_ELEMENTS)))  # ceil
    elements = [
        _mrkdwn(shorten("  ".join(items[i : i + per_element]), MAX_FIELD))
        for i in range(0, len(items), per_element)
    ]
    return [
        ContextBlock(elements=elements[i : i + MAX_CONTEXT_ELEMENTS])
        for i in range(0, len(elements), MAX_CONTEXT_ELEMENTS)
    ]


def _claims_section(claims: Sequence[Claim], numbers: _Numbers) -> list[Block]:
    if not claims:
        return []
    lines = [f"\u2022 {escape(c.statement)} {numbers.refs(c)}{_labels(c)}" for c in claims]
    return [_section(_lines_within(lines, MAX_SECTION))]


def _labels(claim: Claim) -> str:
    labels = claim_labels(claim)
    return f" _({', '.join(labels)})_" if labels else ""


def _disputed_blocks(claims: Sequence[Claim], numbers: _Numbers) -> list[Block]:
    if not claims:
        return []
    blocks: list[Block] = [
        DividerBlock(),
        _section(f"{CONTESTED_MARK} *Contested or corrected claims: both sides*"),
    ]
    for claim in claims:
        by = escape(claim.claimed_by.title) if claim.claimed_by else "someone"
        label = "Corrected" if claim.status.value == "corrected" else "Contested"
        parts = [
            f"*{label}* \u2014 claimed by {by}: {escape(claim.statement)} {numbers.refs(claim)}"
        ]
        if claim.evidence:
            evidence = numbers.refs(claim, evidence=True)
            parts.append(f"*What the sources say:* {escape(claim.evidence.text)} {evidence}")
        if claim.correction:
            parts.append(f"*Correction:* {escape(claim.correction)}")
        blocks.append(_section("\n".join(parts)))
    return blocks


def _facts_context(answer: Answer, asked_by: str | None) -> ContextBlock:
    facts = [escape(r.name) for r in answer.roles]
    if answer.topic:
        facts.append(escape(answer.topic.name))
    if answer.framework:
        facts.append(f"in {escape(answer.framework)}")
    if answer.contested:
        facts.append(f"{CONTESTED_MARK} contested")
    review = review_fact(answer)
    if review:
        facts.append(review)
    question = escape(shorten(answer.question, ECHO_CHARS))
    asked = f"asked by <@{asked_by}>: " if asked_by else "asked: "
    elements = [
        _mrkdwn(" \u00b7 ".join(facts) or "rte-bot"),
        _mrkdwn(f"{asked}\u201c{question}\u201d"),
    ]
    return ContextBlock(elements=elements)


def _comparison_blocks(answer: Answer, numbers: _Numbers) -> list[Block]:
    """The table topic | role A | role B ... as two-column fields, five topics per section."""
    blocks: list[Block] = []
    rows_per_section = MAX_FIELDS // 2
    for start in range(0, len(answer.rows), rows_per_section):
        fields = []
        for row in answer.rows[start : start + rows_per_section]:
            cells = []
            for cell in row.cells:
                mark = f" {CONTESTED_MARK}" if cell.contested else ""
                refs = numbers.refs(cell.claim)
                cells.append(
                    f"*{escape(cell.role.short)}:* {STANCE_MARK[cell.stance]}{mark} {refs}"
                )
            fields.append(_mrkdwn(shorten(f"*{escape(row.topic.name)}*", MAX_FIELD)))
            fields.append(_mrkdwn(shorten("\n".join(cells), MAX_FIELD)))
        blocks.append(SectionBlock(fields=fields))
    if answer.rows and len(answer.rows) <= 2:
        for row in answer.rows:
            lines = [
                f"*{escape(c.role.short)}:* {escape(c.claim.statement)} {numbers.refs(c.claim)}"
                for c in row.cells
                if c.claim
            ]
            blocks.append(_section(_lines_within(lines, MAX_SECTION)))
    if any(row.contested for row in answer.rows):
        blocks.append(
            ContextBlock(
                elements=[
                    _mrkdwn(
                        f"{CONTESTED_MARK} someone claims otherwise on that topic: ask about "
                        "the role and topic to see both sides"
                    )
                ]
            )
        )
    return blocks


def _topic_blocks(answer: Answer, numbers: _Numbers) -> list[Block]:
    lines = []
    for h in answer.holders:
        mark = f" {CONTESTED_MARK}" if h.claim.disputed else ""
        lines.append(
            f"{STANCE_MARK[h.stance]}{mark} *{escape(h.role.name)}:* "
            f"{escape(h.claim.statement)} {numbers.refs(h.claim)}"
        )
    return [_section(_lines_within(lines, MAX_SECTION))] if lines else []


def _profile_context(answer: Answer) -> list[Block]:
    parts = []
    for stance, label in ((Stance.YES, "Does"), (Stance.PARTLY, "Partly"), (Stance.NO, "Does not")):
        names = [p.topic.name.lower() for p in answer.profile if p.stance is stance]
        if names:
            parts.append(f"*{label}:* " + escape(", ".join(names)))
    return [ContextBlock(elements=[_mrkdwn(shorten(p, MAX_FIELD)) for p in parts])] if parts else []


def feedback_value(answer: Answer) -> str:
    """What a feedback button must remember about the answer, in at most 2000 characters."""
    data: dict[str, Any] = {
        "q": answer.question[:FEEDBACK_QUESTION_CHARS],
        "k": answer.kind.value,
        "r": [r.id for r in answer.roles],
        "t": answer.topic.id if answer.topic else None,
        "v": answer.verdict.value if answer.verdict else None,
        "c": [c.id for c in answer.all_claims()],
        "kb": answer.kb_version,
    }
    text = json.dumps(data, separators=(",", ":"))
    while len(text) > MAX_VALUE and data["c"]:
        data["c"] = data["c"][:-1]  # the first claims decide the answer; keep those
        text = json.dumps(data, separators=(",", ":"))
    return text


def feedback_from_value(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _buttons(answer: Answer, share_value: str | None, feedback: bool) -> list[Block]:
    elements = []
    if answer.kind is Kind.NO_MATCH or answer.kind is Kind.HELP:
        for n, s in enumerate(answer.suggestions[:3]):
            elements.append(
                ButtonElement(
                    text=PlainTextObject(text=shorten(s.question, MAX_BUTTON_TEXT)),
                    action_id=f"{ACTION_ASK_SUGGESTION}_{n}",
                    value=shorten(s.question, MAX_VALUE),
                )
            )
    if share_value is not None and answer.kind not in (Kind.NO_MATCH, Kind.HELP):
        elements.append(
            ButtonElement(
                text=PlainTextObject(text="Post to channel"),
                action_id=ACTION_POST_TO_CHANNEL,
                value=share_value[:MAX_VALUE],
                style="primary",
            )
        )
    if feedback and answer.kind is not Kind.HELP:
        value = feedback_value(answer)
        elements.append(
            ButtonElement(
                text=PlainTextObject(text="Helpful"), action_id=ACTION_FEEDBACK_HELPFUL, value=value
            )
        )
        elements.append(
            ButtonElement(
                text=PlainTextObject(text="Wrong"),
                action_id=ACTION_FEEDBACK_WRONG,
                value=value,
                style="danger",
            )
        )
    return [ActionsBlock(elements=elements)] if elements else []


def share_value(question: str) -> str:
    """The button value that lets "Post to channel" ask the same question again (<= 2000)."""
    text = question
    while len(json.dumps({"q": text})) > MAX_VALUE:
        text = text[: len(text) - 100]
    return json.dumps({"q": text})


def question_from_value(value: str) -> str:
    try:
        data = json.loads(value)
    except ValueError:
        return value
    return str(data.get("q", "")) if isinstance(data, dict) else value


def fallback_text(answer: Answer) -> str:
    """The plain-text version: notifications, screen readers, clients without blocks."""
    parts = [answer.headline]
    if answer.kind is Kind.NO_MATCH:
        if answer.note:
            parts.append(answer.note)
        if answer.suggestions:
            parts.append("Try: " + " / ".join(s.question for s in answer.suggestions))
    elif answer.claims:
        parts.append(answer.claims[0].statement)
    if answer.contested:
        parts.append("(Includes contested claims.)")
    sources = answer.sources()
    if sources:
        parts.append(
            f"Sources: {sources[0].url}"
            + (f" and {len(sources) - 1} more" if len(sources) > 1 else "")
        )
    return escape(shorten(" ".join(parts), MAX_FALLBACK))


def answer_message(
    answer: Answer,
    *,
    asked_by: str | None = None,
    share: str | None = None,
    feedback: bool = True,
) -> Message:
    """The message for one answer. `share` is the "Post to channel" button's value, if wanted;
    `feedback` adds the "Helpful" / "Wrong" buttons."""
    numbers = _Numbers(answer.sources())
    head: list[Block] = [_section(f"*{escape(answer.headline)}*")]
    body: list[Block] = []
    if answer.kind is Kind.HELP:
        body.append(_section(escape(USAGE)))
    elif answer.kind is Kind.NO_MATCH:
        if answer.note:
            body.append(_section(escape(answer.note)))
        if answer.suggestions:
            body.append(_section("I can answer questions like these:"))
    else:
        head.append(_facts_context(answer, asked_by))
        if answer.note:
            body.append(ContextBlock(elements=[_mrkdwn(escape(answer.note))]))
        if answer.misnomer:
            body.append(
                _section(f"{CONTESTED_MARK} *Wrong name:* {escape(answer.misnomer.correction)}")
            )
        body += _claims_section(answer.claims, numbers)
        body += _comparison_blocks(answer, numbers) if answer.rows else []
        body += _topic_blocks(answer, numbers)
        body += _profile_context(answer) if answer.profile else []
        body += _disputed_blocks(answer.disputed, numbers)
    tail = _sources_context(numbers) + _buttons(answer, share, feedback)
    if answer.truncated:
        tail.insert(
            0, ContextBlock(elements=[_mrkdwn("(A long question: only its start was read.)")])
        )
    room = MAX_BLOCKS - len(head) - len(tail)
    if len(body) > room:
        left = len(body) - room + 1
        body = [*body[: room - 1], _section(f"...and {left} more (ask about one topic to see it)")]
    blocks = [b.to_dict() for b in (*head, *body, *tail)]
    return Message(blocks, fallback_text(answer))


def header_message(title: str, lines: Sequence[str]) -> Message:
    """A simple list message (roles, topics), inside the limits however long the list."""
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=shorten(title, MAX_HEADER)))]
    chunk: list[str] = []
    for line in lines:
        if sum(len(x) + 1 for x in chunk) + len(line) > MAX_SECTION - 50 and chunk:
            blocks.append(_section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(_section("\n".join(chunk)))
    blocks = blocks[:MAX_BLOCKS]
    return Message(
        [b.to_dict() for b in blocks],
        escape(shorten(title + ": " + "; ".join(lines), MAX_FALLBACK)),
    )


def roles_message(roles: Sequence[Role]) -> Message:
    lines = [
        f"*{escape(r.name)}* ({escape(', '.join(r.abbreviations) or r.id)}): {escape(r.definition)}"
        for r in roles
    ]
    return header_message("Roles I know", lines)


def topics_message(topics: Sequence[Topic]) -> Message:
    lines = [f"*{escape(t.name)}*: e.g. \u201c{escape(t.question)}\u201d" for t in topics]
    return header_message("Topics I answer about", lines)


USAGE = """\
Ask me about delivery roles: RTE, STE, project and program managers, Scrum Master, Product Owner,
Product Management, release manager, business analyst, agile coach. Every answer cites its sources
and flags claims that sources dispute.
- /rte does an RTE handle scope?   (only you see the answer; "Post to channel" shares it)
- /rte compare RTE and program manager on scope   (posted in the channel)
- /rte is an RTE a business analyst?
- /rte who removes impediments?
- /rte roles  ·  /rte topics  ·  /rte help
- Mention me in a channel, or send me a direct message."""


def reason_modal(private_metadata: str, question: str) -> dict[str, Any]:
    """The small form "Wrong" opens: an optional reason, sent to curators."""
    view = View(
        type="modal",
        callback_id=VIEW_FEEDBACK_REASON,
        title=PlainTextObject(text="What is wrong?"),
        submit=PlainTextObject(text="Send"),
        close=PlainTextObject(text="Skip"),
        private_metadata=private_metadata,
        blocks=[
            _section(
                "Thanks: your vote is recorded. If you can, say what is wrong with the answer to "
                f"\u201c{escape(shorten(question, ECHO_CHARS))}\u201d, and curators will check "
                "the claim and its sources."
            ),
            InputBlock(
                block_id=REASON_BLOCK,
                label=PlainTextObject(text="What is wrong (optional)"),
                optional=True,
                element=PlainTextInputElement(
                    action_id=REASON_INPUT, multiline=True, max_length=MAX_REASON
                ),
            ),
        ],
    )
    return view.to_dict()
