"""Role overviews: "what is a release train engineer?" gets the definition and a profile."""

from __future__ import annotations

from bot.engine.answer import Answer, Kind
from bot.engine.decide.context import MAX_SHOWN, Context
from bot.engine.phrasing import article, sentence
from bot.engine.reading import Reading


def overview(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    role = ix.roles[r.roles[0]]
    return Answer(
        r.question.text,
        Kind.ROLE,
        f"{sentence(article(role.name))} {role.name}"
        + (f" ({role.short})" if role.short != role.name and role.short.isupper() else "")
        + f": {role.definition}",
        roles=(role,),
        confidence=r.confidence,
        claims=tuple(ix.definitions(role)[:MAX_SHOWN]),
        misnomer=r.misnomer,
        profile=ix.profiles[role.id],
    )
