"""The "What is wrong?" form: store the reason with the vote, then close the form."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack
from slack_sdk.webhook import WebhookClient

from bot.render.blocks import REASON_BLOCK, REASON_INPUT


def feedback_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    meta = json.loads(view.get("private_metadata") or "{}")
    values = (view.get("state") or {}).get("values") or {}
    reason = ((values.get(REASON_BLOCK) or {}).get(REASON_INPUT) or {}).get("value") or ""
    user = (body.get("user") or {}).get("id") or "unknown"
    if reason.strip() and meta.get("ref"):
        context["feedback"].record_reason(meta["ref"], user, reason.strip())
    ack()  # closes the form, after the reason is safely stored
    if reason.strip() and meta.get("url"):
        WebhookClient(meta["url"]).send(
            text="Thanks: the reason is recorded for the curators.",
            response_type="ephemeral",
            replace_original=False,
        )
