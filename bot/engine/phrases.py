"""Find known phrases (role names, topic and duty words) in a question's tokens.

Exact lookup by token and stem tuples, plus fuzzy lookup of the longer phrases with rapidfuzz, only
in windows that hold a word nobody knows (where a typo may hide).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.lexicon import ARTICLES, STOPWORDS
from bot.engine.normalise import stem
from bot.engine.normalise import words as split_words
from bot.records import Label, Misnomer

MAX_TYPOS = 4


@dataclass(frozen=True)
class Phrase:
    owner: str  # role or topic id ("" for a sense that means no topic)
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    text: str
    exact_only: bool = False
    weak: bool = False
    misnomer: Misnomer | None = None
    label: Label | None = None  # another name some people use for the role, with its caveat
    antonym: bool = False
    duty: str | None = None  # the duty of `owner` this phrase names
    sense: bool = False  # a phrase whose topic word means something else here


def make_phrase(owner: str, text: str, **kwargs: object) -> Phrase | None:
    tokens = tuple(t for t in split_words(text) if t not in ARTICLES) or split_words(text)
    if not tokens:
        return None
    return Phrase(owner, tokens, tuple(stem(t) for t in tokens), " ".join(tokens), **kwargs)  # type: ignore[arg-type]


def _typos_allowed(text: str) -> int:
    """How many edits (a swap of two letters counts as one) still count as the same name:
    none for short words, where one letter makes another word ("scope" is not "score"),
    more for long names."""
    n = len(text)
    return 0 if n <= 5 else 1 if n <= 8 else 2 if n <= 11 else 3 if n <= 20 else 4


def _is_swap(a: str, b: str) -> bool:
    """ "scoep" for "scope": two neighbouring letters swapped, the commonest typo in short words."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


@dataclass(frozen=True)
class Candidate:
    """A phrase found at tokens[start:end], with how sure the match is (1.0 exact)."""

    phrase: Phrase
    start: int
    end: int
    score: float

    @property
    def owner(self) -> str:
        return self.phrase.owner

    @property
    def weak(self) -> bool:
        return self.phrase.weak

    @property
    def misnomer(self) -> Misnomer | None:
        return self.phrase.misnomer

    @property
    def label(self) -> Label | None:
        return self.phrase.label

    @property
    def antonym(self) -> bool:
        return self.phrase.antonym

    @property
    def size(self) -> int:
        return self.end - self.start


class PhraseIndex:
    """Exact lookup by token and stem tuples, plus fuzzy lookup of the longer phrases."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.by_tokens: dict[tuple[str, ...], list[Phrase]] = {}
        self.by_stems: dict[tuple[str, ...], list[Phrase]] = {}
        fuzzy: list[Phrase] = []
        for p in phrases:
            self.by_tokens.setdefault(p.tokens, []).append(p)
            self.by_stems.setdefault(p.stems, []).append(p)
            # Weak words are matched fuzzily only when long ("coordniate" is "coordinate").
            weak_ok = not p.weak or len(p.text) >= 8
            if not p.exact_only and weak_ok and not p.sense and len(p.text) >= 4:
                fuzzy.append(p)
        self.longest = max(
            (len(p.tokens) for group in self.by_tokens.values() for p in group), default=1
        )
        self.fuzzy_by_size: dict[int, tuple[list[Phrase], list[str]]] = {}
        for p in fuzzy:
            bucket = self.fuzzy_by_size.setdefault(len(p.tokens), ([], []))
            bucket[0].append(p)
            bucket[1].append(p.text)
        # A window of known words can only fuzzily match a *different* known phrase ("project
        # manager" is two edits from "product manager"), so only windows with an unknown word,
        # where a typo may hide, are compared.
        self.vocabulary = frozenset(t for key in self.by_tokens for t in key) | STOPWORDS
        self.stem_vocabulary = frozenset(stem(t) for t in self.vocabulary)

    def candidates(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int] | None = None
    ) -> list[Candidate]:
        skip = skip or set()
        out: list[Candidate] = []
        # Articles do not count: "part of the Scrum Guide" matches "part of scrum guide".
        kept = [i for i, t in enumerate(tokens) if t not in ARTICLES]
        words = tuple(tokens[i] for i in kept)
        roots = tuple(stems[i] for i in kept)
        for a in range(len(kept)):
            if kept[a] in skip:
                continue
            for size in range(1, min(self.longest, len(kept) - a) + 1):
                start, end = kept[a], kept[a + size - 1] + 1
                if skip.intersection(range(start, end)):
                    break
                for p in self.by_tokens.get(words[a : a + size], ()):
                    out.append(Candidate(p, start, end, 1.0))
                for p in self.by_stems.get(roots[a : a + size], ()):
                    if p.tokens != words[a : a + size]:
                        out.append(Candidate(p, start, end, 0.99))
        out.extend(self._fuzzy(tokens, stems, skip))
        return out

    def _fuzzy(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int]
    ) -> list[Candidate]:
        unknown = {
            i
            for i, (t, s) in enumerate(zip(tokens, stems, strict=True))
            if i not in skip
            and t not in self.vocabulary
            and s not in self.stem_vocabulary
            and len(t) > 2
        }
        out: list[Candidate] = []
        for size, (phrases, texts) in self.fuzzy_by_size.items():
            for start in range(max(0, min(unknown, default=0) - size + 1), len(tokens) - size + 1):
                end = start + size
                span = range(start, end)
                if not unknown.intersection(span) or skip.intersection(span):
                    continue
                # extract() with a distance scorer keeps the choices at or under the cutoff.
                window = " ".join(tokens[start:end])
                for _, distance, pi in process.extract(
                    window, texts, scorer=OSA.distance, score_cutoff=MAX_TYPOS, limit=None
                ):
                    p = phrases[pi]
                    if 0 < distance <= _typos_allowed(p.text) or _is_swap(window, p.text):
                        score = 0.97 * (1.0 - distance / len(p.text))
                        out.append(Candidate(p, start, end, score))
        return out
