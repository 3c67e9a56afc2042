"""Read YAML keeping where every key and item came from, and catching duplicate keys.

PyYAML silently keeps the last of two equal keys; a curator who pastes a claim twice would never
know. This loader records each mapping key's line and column so that every later check can say
`file:line:col: what is wrong`.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.kb.problems import Problem

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict[Any, Any]):
    """A YAML mapping that knows where it and each of its keys start (1-based)."""

    line: int = 1
    column: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.key_marks: dict[Any, tuple[int, int]] = {}

    def mark(self, key: Any) -> tuple[int, int]:
        return self.key_marks.get(key, (self.line, self.column))


class Sequence(list[Any]):
    """A YAML sequence that knows where each item starts (1-based)."""

    line: int = 1
    column: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.item_marks: list[tuple[int, int]] = []

    def mark(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_marks):
            return self.item_marks[index]
        return (self.line, self.column)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    mapping = Mapping()
    mapping.line, mapping.column = _position(node)
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            line, col = _position(key_node)
            loader.problems.append(
                Problem(loader.path, line, col, "yaml-key", "a mapping key must be a plain value")
            )
            continue
        if key in mapping:
            line, col = _position(key_node)
            first = mapping.key_marks[key][0]
            loader.problems.append(
                Problem(
                    loader.path,
                    line,
                    col,
                    "duplicate-key",
                    f"duplicate key `{key}` (first at line {first}); YAML would keep only the last",
                )
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_marks[key] = _position(key_node)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence()
    sequence.line, sequence.column = _position(node)
    for item in node.value:
        sequence.append(loader.construct_object(item, deep=True))
        sequence.item_marks.append(_position(item))
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; on a syntax error return None and a located problem."""
    loader = _Loader(text, path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        return None, [*loader.problems, Problem(path, line, col, "yaml-syntax", what)]
    except yaml.YAMLError as exc:
        return None, [*loader.problems, Problem(path, 1, 1, "yaml-syntax", str(exc))]
    finally:
        loader.dispose()
    return data, loader.problems
