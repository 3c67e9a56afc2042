"""How answers name roles in sentences: "a Scrum Master", "the RTE", "Product Management"."""

from __future__ import annotations

from bot.records import Role


def article(noun: str) -> str:
    """ "a" or "an" before a noun or an abbreviation ("an RTE", "a PO", "an STE")."""
    return (
        "an"
        if noun[:1].lower() in "aeiou" or (noun.isupper() and noun[:1] in "AEFHILMNORSX")
        else "a"
    )


def subject(role: Role) -> str:
    """How a sentence names the role: "the RTE", but "Product Management", "Business Owners"."""
    plural = role.short.lower().endswith(("management", "owners"))
    return role.short if plural else f"the {role.short}"


def plural(role: Role) -> bool:
    """ "Developers own it", "Business Owners own it", but "Product Management owns it"."""
    return role.name.endswith("s") and not role.name.endswith("ss")


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]
