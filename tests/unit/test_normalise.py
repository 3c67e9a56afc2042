import pytest

from bot.engine.normalise import MAX_QUESTION_CHARS, is_blank, normalise, stem, strip_markup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U0RTEBOT1> does an RTE handle scope?", "does an RTE handle scope?"),
        ("<@U0RTEBOT1|rte-bot> hi", "hi"),
        ("see <#C0KB12345|delivery> about it", "see about it"),
        ("<!channel> <!here> <!everyone> <!subteam^S123|@leads> who owns scope", "who owns scope"),
        ("read <https://scaledagileframework.com/|the SAFe page>", "read the SAFe page"),
        ("read <https://example.com/x>", "read"),
        (":thinking_face: RTE = BA?", "RTE = BA?"),
        ("*does* the _RTE_ own ~scope~ `now`", "does the _RTE_ own scope now"),
        ("R&amp;D &lt;team&gt;", "R&D <team>"),
        ("line\nbreak\ttab", "line break tab"),
    ],
)
def test_strip_markup(raw: str, expected: str) -> None:
    assert strip_markup(raw) == expected


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Does the R.T.E. own it?", ("does", "the", "rte", "own", "it")),
        ("Release & Training Engineer", ("release", "and", "training", "engineer")),
        ("RTE's role", ("rte", "s", "role")),  # a possessive keeps the role's name whole
        ("what's an RTE", ("whats", "an", "rte")),  # a contraction stays one word
        ("R\u00f4le \uff32\uff34\uff25", ("role", "rte")),
        ("product mgmt", ("product", "management")),
        ("buy-in", ("buy", "in")),
        ("_it_ works", ("it", "works")),
    ],
)
def test_tokens(raw: str, tokens: tuple[str, ...]) -> None:
    assert normalise(raw).tokens == tokens


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["release", "releases", "released", "releasing"], True),
        (["prioritise", "prioritize", "prioritised", "prioritizing"], True),
        (["risk", "risks"], True),
        (["dependency", "dependencies"], True),
        (["plan", "planning", "planned"], True),
        (["programme", "program"], True),
        (["training", "train"], False),
    ],
)
def test_stem_groups_word_forms(words: list[str], same: bool) -> None:
    assert (len({stem(w) for w in words}) == 1) is same


def test_long_input_is_cut_and_flagged() -> None:
    question = normalise("does an RTE handle scope? " + "x" * 40_000)
    assert question.truncated
    assert len(question.text) <= MAX_QUESTION_CHARS
    assert question.tokens[:5] == ("does", "an", "rte", "handle", "scope")


def test_blank_means_only_whitespace_and_mentions() -> None:
    assert is_blank("  <@U0RTEBOT1>  ")
    assert not is_blank(":tada:")
    assert not is_blank("hi")
