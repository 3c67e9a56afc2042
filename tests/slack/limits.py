"""Slack's Block Kit limits, checked on what the bot actually sends (slack-platform.md §7)."""

from __future__ import annotations

import re
from typing import Any

LIMITS = {
    "blocks": 50,
    "section_text": 3000,
    "fields": 10,
    "field_text": 2000,
    "header_text": 150,
    "context_elements": 10,
    "actions_elements": 25,
    "button_text": 75,
    "button_value": 2000,
    "action_id": 255,
    "block_id": 255,
    "text": 40_000,
}
PING = re.compile(r"<!(?:channel|here|everyone)|<!subteam\^")


def problems(blocks: list[dict[str, Any]], text: str) -> list[str]:
    found = []
    if not text:
        found.append("no plain-text fallback")
    if len(text) > LIMITS["text"]:
        found.append("text over 40,000 characters")
    if len(blocks) > LIMITS["blocks"]:
        found.append(f"{len(blocks)} blocks")
    for n, block in enumerate(blocks):
        kind = block.get("type")
        if len(block.get("block_id", "")) > LIMITS["block_id"]:
            found.append(f"block {n}: block_id too long")
        if kind == "section":
            if len(block.get("text", {}).get("text", "")) > LIMITS["section_text"]:
                found.append(f"block {n}: section text too long")
            fields = block.get("fields", [])
            if len(fields) > LIMITS["fields"]:
                found.append(f"block {n}: {len(fields)} fields")
            found += [
                f"block {n}: field too long"
                for f in fields
                if len(f["text"]) > LIMITS["field_text"]
            ]
            if "text" not in block and not fields:
                found.append(f"block {n}: empty section")
        elif kind == "header" and len(block["text"]["text"]) > LIMITS["header_text"]:
            found.append(f"block {n}: header too long")
        elif kind == "context" and len(block["elements"]) > LIMITS["context_elements"]:
            found.append(f"block {n}: {len(block['elements'])} context elements")
        elif kind == "actions":
            if len(block["elements"]) > LIMITS["actions_elements"]:
                found.append(f"block {n}: too many buttons")
            ids = [e.get("action_id") for e in block["elements"]]
            if len(set(ids)) != len(ids):
                found.append(f"block {n}: duplicate action_id")
            for e in block["elements"]:
                if len(e["text"]["text"]) > LIMITS["button_text"]:
                    found.append(f"block {n}: button text too long")
                if len(e.get("value", "")) > LIMITS["button_value"]:
                    found.append(f"block {n}: button value too long")
                if len(e.get("action_id", "")) > LIMITS["action_id"]:
                    found.append(f"block {n}: action_id too long")
    return found


def pings(payload: str) -> list[str]:
    """Mass-mention syntax anywhere in what is sent."""
    return PING.findall(payload)
