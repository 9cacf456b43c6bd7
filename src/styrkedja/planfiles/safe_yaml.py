"""Safe YAML for plan and follow-up files, within limits (no Django).

PyYAML's safe loader with exact decimals (1393.1 is Decimal('1393.1'), never a float), dates kept as text
for the schema to judge, and limits a hostile or broken file cannot get past quickly:

- nesting deeper than `MAX_DEPTH` levels is refused while the file is read;
- aliases may repeat what their anchors hold, but not make the document more than `MAX_ALIAS_NODES`
  nodes larger than it is written (a "billion laughs" alias bomb is refused in milliseconds), nor refer
  to the node they stand in;
- `.nan` and `.inf` are read as Decimal NaN and Infinity, for the schema to refuse naming the field;
- a number that cannot be read (an integer of thousands of digits, `!!float abc`) is refused with its
  line.

Every refusal is a `yaml.MarkedYAMLError` with the line, or a `yaml.reader.ReaderError` with the position
of a character YAML does not allow (a NUL byte).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

#: How deeply mappings and lists may nest (a plan's goal tree needs about 15 levels).
MAX_DEPTH = 40
#: How many nodes aliases may add to the document beyond those written in it.
MAX_ALIAS_NODES = 10_000
#: The longest integer read (Python refuses to convert more than 4300 digits).
MAX_INTEGER_DIGITS = 100

_SPECIAL = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}


class Loader(yaml.SafeLoader):
    """Safe YAML with exact decimals, dates as text, and a depth limit."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"nested deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    special = _SPECIAL.get(text.lower())
    try:
        return Decimal(special or text)
    except InvalidOperation:
        raise ConstructorError(None, None, f"'{text[:40]}' is not a number", node.start_mark) from None


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if len(text) > MAX_INTEGER_DIGITS:
        raise ConstructorError(
            None, None, f"an integer of {len(text)} digits; at most {MAX_INTEGER_DIGITS}", node.start_mark
        )
    try:
        return int(yaml.SafeLoader.construct_yaml_int(loader, node))
    except ValueError:
        raise ConstructorError(None, None, f"'{text[:40]}' is not a whole number", node.start_mark) from None


def _text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
Loader.add_constructor("tag:yaml.org,2002:int", _integer)
# Dates are validated by the schema, so that "2022-13-45" is refused naming its field.
Loader.add_constructor("tag:yaml.org,2002:timestamp", _text)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_aliases(root: yaml.Node, first_alias: yaml.Mark | None) -> None:
    """Refuse aliases that make the document much larger than written, or deeper than `MAX_DEPTH`, or
    refer to the node they stand in. Computed over the node graph (each node once), so it is quick."""
    if first_alias is None:
        return
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    written: set[int] = set()
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            children = _children(node)
            size[key] = min(1 + sum(size[id(c)] for c in children), 10 * MAX_ALIAS_NODES + 1)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            continue
        if key in size:
            continue
        if key in open_:
            raise ComposerError(None, None, "an alias refers to the node it stands in", first_alias)
        open_.add(key)
        written.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    if size[id(root)] - len(written) > MAX_ALIAS_NODES:
        raise ComposerError(
            None,
            None,
            f"aliases make the document more than {MAX_ALIAS_NODES} nodes larger than it is written",
            first_alias,
        )
    if depth[id(root)] > MAX_DEPTH:
        raise ComposerError(
            None, None, f"aliases nest the document deeper than {MAX_DEPTH} levels", first_alias
        )


class _CountingLoader(Loader):
    first_alias: yaml.Mark | None = None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.first_alias is None and self.check_event(yaml.AliasEvent):
            self.first_alias = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


def load(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data, read once."""
    loader = _CountingLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        check_aliases(root, loader.first_alias)
        return root, loader.construct_document(root)
    finally:
        loader.dispose()
