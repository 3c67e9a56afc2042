"""Turn what people type (in Slack or a terminal) into plain tokens the matcher can compare.

Slack wraps mentions, channels and links in `<...>`, escapes `&`, `<` and `>`, and people add emoji,
bold, typos, British spellings and plurals. Matching works on the words alone, so all of that is
stripped here, once, before anything else looks at the question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Enough for any real question; a 40,000-character paste is cut before any regex touches it.
MAX_INPUT_CHARS = 2_000
MAX_QUESTION_CHARS = 500

_USER = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|[^>]*)?>")
_SPECIAL = re.compile(r"<![^>]*>")
_LABELLED_LINK = re.compile(r"<(?:https?://|mailto:)[^|>]*\|([^>]*)>")
_OTHER_ANGLE = re.compile(r"<[^>]*>")
_UNCLOSED = re.compile(r"<[^>]*$")  # a token cut in half by the length limit
_EMOJI = re.compile(r":[a-z0-9_+'\-]+:(?::skin-tone-\d:)?")
_HANDLE = re.compile(r"(?<![\w.])@[\w.\-]+")  # "@rte-bot", "@here" typed as plain text
_FORMATTING = re.compile(r"[*~`]+")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['\u2019](?=[a-z])")
# "the RTE's manager": a possessive 's is a word of its own ("rte s manager"), so the role's name
# stays whole; "what's", "who's" and the like stay contractions ("whats").
_POSSESSIVE = re.compile(r"\b([a-z0-9]+)['\u2019]s\b")
_CONTRACTED = frozenset("what who it that there here how where let he she one".split())
_WORDS = re.compile(r"[a-z0-9]+|=")
_DOUBLE_END = re.compile(r"([b-df-hj-np-rtv-z])\1$")
# Words the suffix rules would merge with another meaning ("training" is not the release train).
_KEEP = {"training": "training", "trainings": "training"}
# Shorthands people type for the words role names are made of.
_SHORTHAND = {"mgmt": "management", "mngmt": "management", "mgr": "manager", "mgrs": "managers"}
_ROLE_SHORTHAND = {"rel": "release", "prod": "product", "proj": "project", "prog": "program"}


def strip_markup(text: str) -> str:
    """Slack markup removed, entities decoded; what a person would read, on one line."""
    text = text[:MAX_INPUT_CHARS]
    text = _USER.sub(" ", text)
    text = _CHANNEL.sub(" ", text)  # a channel link says where, not what is asked
    text = _SPECIAL.sub(" ", text)
    text = _LABELLED_LINK.sub(lambda m: f" {m.group(1)} ", text)
    text = _OTHER_ANGLE.sub(" ", text)
    text = _UNCLOSED.sub(" ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = _EMOJI.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _FORMATTING.sub(" ", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def fold(text: str) -> str:
    """Lower case, accents and compatibility forms removed: full-width and accented "role"
    both read as "role"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> tuple[str, ...]:
    """The lower-case word tokens of already-stripped text; "R.T.E." is one token, "&" is "and"."""
    text = fold(text)
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    text = _POSSESSIVE.sub(
        lambda m: m.group(0) if m.group(1) in _CONTRACTED else f"{m.group(1)} s", text
    )
    text = _APOSTROPHE.sub("", text)
    text = text.replace("&", " and ")
    found = [_SHORTHAND.get(w, w) for w in _WORDS.findall(text)]
    for i in range(len(found) - 1):  # "rel mgr", "prod mgmt": shorthand before a role noun
        if found[i] in _ROLE_SHORTHAND and found[i + 1] in {"manager", "managers", "management"}:
            found[i] = _ROLE_SHORTHAND[found[i]]
    return tuple(found)


def _possessive(match: re.Match[str]) -> str:
    word = match.group(1)
    return match.group(0) if word in _CONTRACTED else f"{word} s"


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing, -ed, a final e, and -ize spelled -ise.

    Both the knowledge base's phrases and the question go through it, so it only has to be
    consistent, not linguistically right ("release", "releases", "released" all give "releas").
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _KEEP:
        return _KEEP[word]
    if len(word) > 5 and "iz" in word:
        word = word.replace("iz", "is")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            return root[:-1] if _DOUBLE_END.search(root) else root
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("es") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
        if _DOUBLE_END.search(word):
            word = word[:-1]
    return word


@dataclass(frozen=True)
class Question:
    """A question ready for matching: the readable text, its tokens and their stems."""

    text: str
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    truncated: bool


def is_blank(raw: str) -> bool:
    """Nothing but whitespace and mentions of users: a greeting, not an unreadable question."""
    return not _USER.sub("", raw[:MAX_INPUT_CHARS]).strip()


# A greeting before the question ("hi all, quick question: ...") and thanks after it change nothing
# of what is asked; they are left out of the words read (not out of the text echoed).
_GREETING = re.compile(
    r"^\s*(?:(?:hi|hey|hello|morning|yo|dear|ok|okay|so)\b[^:?]{0,40}?[:,!.-]\s*)?"
    r"(?:(?:a\s+)?quick\s+(?:question|one|q)|question|q)\s*[:,-]\s*",
    re.IGNORECASE,
)
_HELLO = re.compile(
    r"^\s*(?:hi|hey|hello|morning|yo)\b(?:\s+(?:all|folks|team|everyone|guys|there))?\s*[,!:.-]+\s*",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"[\s,.!-]*(?:(?:many\s+)?thanks|thank\s+you|thx|ty|cheers)(?:\s+(?:in\s+advance|all|folks))?[\s.!]*$",
    re.IGNORECASE,
)


def question_part(text: str) -> str:
    """The text without a greeting in front or thanks at the end."""
    core = _THANKS.sub("", _HELLO.sub("", _GREETING.sub("", text, count=1), count=1))
    return core if core.strip() else text


def normalise(raw: str) -> Question:
    text = strip_markup(raw)
    tokens = words(question_part(text))
    truncated = len(raw) > MAX_INPUT_CHARS or len(" ".join(raw.split())) > MAX_QUESTION_CHARS
    return Question(text, tokens, tuple(stem(t) for t in tokens), truncated)
