"""JSON shapes that are at once a JSON Schema fragment and the check a reader makes of a value.

Each shape's `check` accepts exactly the values its `schema()` accepts under JSON Schema draft
2020-12 with format assertion on (tests/test_json_schema_agrees.py holds them to it), and
refuses a value with a `ShapeError` naming the JSON path of the first fault. The rules that make
the two agree live here: JSON Schema's integers include 2.0 but never `true` (Python's bool is
an int), its `const` compares numbers by value, its patterns are searched for (so a whole-string
one is anchored, in a way that also refuses a final newline), and its formats are narrowed by a
pattern to the strings Python parses exactly as RFC 3339 reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JsonSchema = dict[str, Any]

_NAME = re.compile("[A-Za-z_][A-Za-z0-9_]*")


_LONGEST_REPEAT = 4
"""Steps a repeated unit of a path may have (`.items[0][0]` is three)."""
_FEWEST_REPEATS = 4
"""Repeats in a row that a message says as a count."""


class ShapeError(Exception):
    """A value that does not have its shape: why, and where (the keys and indexes leading to it).

    The place is gathered on the way out, each shape adding its step, so that checking a value
    that has its shape builds no path at all."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.steps: list[str | int] = []
        """From the value up to the root."""

    def at(self, step: str | int) -> ShapeError:
        """This error, one step further from the root."""
        self.steps.append(step)
        return self

    @property
    def path(self) -> str:
        """The JSON path, "" for the root: `blocks[0].inlines[2]`, or `metadata["odd key"]`."""
        return "".join(self._parts())

    @property
    def shown_path(self) -> str:
        """The path for a message: steps repeated many times in a row are said once with their count,
        "blocks[0], then .blocks[0] 64 times", so that a refusal of deep nesting stays readable."""
        parts = self._parts()
        shown: list[str] = []
        index = 0
        repeated = False  # the part before was a repeat said with its count: what follows is said after it
        while index < len(parts):
            for width in range(1, _LONGEST_REPEAT + 1) if parts[index].startswith(".") else ():
                unit = parts[index : index + width]
                count = 1
                while parts[index + count * width : index + (count + 1) * width] == unit:
                    count += 1
                if count >= _FEWEST_REPEATS:
                    shown.append(f", then {''.join(unit)} {count} times")
                    index += count * width
                    repeated = True
                    break
            else:
                shown.append(f", then {parts[index]}" if repeated else parts[index])
                index += 1
                repeated = False
        return "".join(shown)

    def _parts(self) -> list[str]:
        """The path's steps as written: `blocks`, `[0]`, `.inlines`, `[2]`."""
        parts: list[str] = []
        for step in reversed(self.steps):
            if isinstance(step, int):
                parts.append(f"[{step}]")
            elif _NAME.fullmatch(step):
                parts.append(f".{step}" if parts else step)
            else:
                parts.append(f"[{json.dumps(step)}]")
        return parts


def shown(value: object) -> str:
    """A value as JSON in a message: on one line, ASCII only, cut short when long."""
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def anchored(pattern: str) -> str:
    """`pattern` as a JSON Schema pattern for the whole string. JSON Schema searches for a
    pattern, so it needs anchors; `$` alone would also match before a final newline in
    Python's `re` (which Python validators use), and `(?!\\n)` after it refuses that."""
    body = f"(?:{pattern})" if "|" in pattern else pattern
    return f"^{body}$(?!\\n)"


class Shape(ABC):
    """What a JSON value may be."""

    @abstractmethod
    def schema(self) -> JsonSchema:
        """The JSON Schema that accepts the values `check` accepts."""

    @abstractmethod
    def check(self, value: object) -> None:
        """Return if `value` has this shape, else raise ShapeError."""


@dataclass(frozen=True)
class Format:
    """A JSON Schema format, with a pattern narrowing it to what `parse` reads exactly."""

    name: str
    pattern: str
    parse: Callable[[str], object]
    """Raises ValueError for a string of the pattern that names no real day or time."""
    form: str
    """The pattern in words, for messages."""


DATE = Format("date", "[0-9]{4}-[0-9]{2}-[0-9]{2}", dt.date.fromisoformat, "a date YYYY-MM-DD")
DATE_TIME = Format(
    "date-time",
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])",
    dt.datetime.fromisoformat,
    "a time YYYY-MM-DDThh:mm:ss with a UTC offset (Z or +hh:mm)",
)
"""RFC 3339 date-time, without leap seconds, lower-case letters or more than six decimals (which
Python refuses or rounds)."""


@dataclass(frozen=True)
class String(Shape):
    """A string, non-empty if asked, matching a pattern or of a format when given."""

    non_empty: bool = False
    pattern: str | None = None
    """Searched for, as JSON Schema does: `anchored()` makes one for the whole string."""
    form: str = ""
    """What the pattern asks for, in words, for messages."""
    format: Format | None = None
    _compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.format is not None:
            object.__setattr__(self, "pattern", anchored(self.format.pattern))
            object.__setattr__(self, "form", self.format.form)
        object.__setattr__(self, "_compiled", re.compile(self.pattern) if self.pattern else None)

    def schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "string"}
        if self.non_empty:
            schema["minLength"] = 1
        if self.pattern:
            schema["pattern"] = self.pattern
        if self.format:
            schema["format"] = self.format.name
        return schema

    def check(self, value: object) -> None:
        if not isinstance(value, str):
            raise ShapeError("expected a string")
        if self.non_empty and not value:
            raise ShapeError("expected a non-empty string")
        if self._compiled is not None and self._compiled.search(value) is None:
            raise ShapeError(f"expected {self.form}, not {shown(value)}")
        if self.format is not None:
            try:
                self.format.parse(value)
            except ValueError:
                raise ShapeError(f"not a day in the calendar: {shown(value)}") from None


@dataclass(frozen=True)
class Integer(Shape):
    """A whole number (2.0 counts, as in JSON Schema; true and false do not) within bounds."""

    minimum: int
    maximum: int

    def schema(self) -> JsonSchema:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def check(self, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ShapeError("expected a whole number")
        if isinstance(value, float) and not value.is_integer():
            raise ShapeError("expected a whole number")
        if not self.minimum <= value <= self.maximum:
            raise ShapeError(f"expected a whole number from {self.minimum} to {self.maximum}, not {shown(value)}")


@dataclass(frozen=True)
class Boolean(Shape):
    """true or false."""

    def schema(self) -> JsonSchema:
        return {"type": "boolean"}

    def check(self, value: object) -> None:
        if not isinstance(value, bool):
            raise ShapeError("expected true or false")


@dataclass(frozen=True)
class Choice(Shape):
    """One of a few strings; a single one is a JSON Schema `const`."""

    values: tuple[str, ...]

    def schema(self) -> JsonSchema:
        return {"const": self.values[0]} if len(self.values) == 1 else {"enum": list(self.values)}

    def check(self, value: object) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise ShapeError(f"expected {alternatives(self.values)}, not {shown(value)}")


@dataclass(frozen=True)
class Number(Shape):
    """One number, compared by value as JSON Schema's `const` does (1.0 is 1; true is not)."""

    value: int

    def schema(self) -> JsonSchema:
        return {"const": self.value}

    def check(self, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or value != self.value:
            raise ShapeError(f"expected {self.value}, not {shown(value)}")


@dataclass(frozen=True)
class Nullable(Shape):
    """`shape`, or null."""

    shape: Shape

    def schema(self) -> JsonSchema:
        schema = self.shape.schema()
        if isinstance(schema.get("type"), str):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}

    def check(self, value: object) -> None:
        if value is not None:
            self.shape.check(value)


@dataclass(frozen=True)
class Array(Shape):
    """A list of `items`, at least `min_items` long."""

    items: Shape
    min_items: int = 0

    def schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "array", "items": self.items.schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def check(self, value: object) -> None:
        if not isinstance(value, list):
            raise ShapeError("expected a list")
        if len(value) < self.min_items:
            raise ShapeError(f"expected at least {self.min_items} item{'' if self.min_items == 1 else 's'}")
        check = self.items.check
        for index, item in enumerate(value):
            try:
                check(item)
            except ShapeError as error:
                raise error.at(index) from None


@dataclass(frozen=True)
class Field:
    """A key of an object and the shape of its value; a key that is not required may be absent."""

    name: str
    shape: Shape
    required: bool = True


@dataclass(frozen=True)
class Object(Shape):
    """An object with exactly these keys (the optional ones may be absent) and no others."""

    fields: tuple[Field, ...]
    _names: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", frozenset(item.name for item in self.fields))

    def schema(self) -> JsonSchema:
        return {
            "type": "object",
            "required": [item.name for item in self.fields if item.required],
            "additionalProperties": False,
            "properties": {item.name: item.shape.schema() for item in self.fields},
        }

    def check(self, value: object) -> None:
        if not isinstance(value, dict):
            raise ShapeError("expected an object")
        if not self._names.issuperset(value):
            key = next(key for key in value if key not in self._names)
            allowed = ", ".join(item.name for item in self.fields)
            raise ShapeError(f"unknown key; allowed here: {allowed}").at(key)
        for item in self.fields:
            if item.name in value:
                try:
                    item.shape.check(value[item.name])
                except ShapeError as error:
                    raise error.at(item.name) from None
            elif item.required:
                raise ShapeError("missing").at(item.name)


@dataclass(frozen=True)
class Variant:
    """One kind of a tagged object: the tag values that name it and its other keys."""

    tags: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Tagged(Shape):
    """Objects of several kinds told apart by the string under `tag`; with `plain`, also a
    value that is no object (an inline's text)."""

    tag: str
    kind: str
    """What the tag names, for messages: "block type", "schema"."""
    variants: tuple[Variant, ...]
    plain: Shape | None = None
    _objects: dict[str, Object] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for variant in self.variants:
            shape = Object((Field(self.tag, Choice(variant.tags)), *variant.fields))
            self._objects.update(dict.fromkeys(variant.tags, shape))

    def schema(self) -> JsonSchema:
        shapes = [self._objects[variant.tags[0]] for variant in self.variants]
        return {"oneOf": [shape.schema() for shape in ([self.plain] if self.plain else []) + shapes]}

    def check(self, value: object) -> None:
        if self.plain is not None and not isinstance(value, dict):
            self.plain.check(value)
            return
        if not isinstance(value, dict):
            raise ShapeError("expected an object")
        if self.tag not in value:
            raise ShapeError("missing").at(self.tag)
        tag = value[self.tag]
        shape = self._objects.get(tag) if isinstance(tag, str) else None
        if shape is None:
            expected = alternatives(tuple(self._objects))
            raise ShapeError(f"unknown {self.kind} {shown(tag)}; expected {expected}").at(self.tag)
        shape.check(value)


class Definitions:
    """Named shapes (a JSON Schema's `$defs`), which may refer to each other and to themselves."""

    def __init__(self) -> None:
        self.shapes: dict[str, Shape] = {}

    def define(self, name: str, shape: Shape) -> Ref:
        """Name `shape`; the reference returned stands for it in other shapes."""
        self.shapes[name] = shape
        return self.ref(name)

    def ref(self, name: str) -> Ref:
        """A reference to the shape named `name`, which may be defined later."""
        return Ref(name, self)

    def schema(self) -> JsonSchema:
        """Every named shape's schema, in the order defined."""
        return {name: shape.schema() for name, shape in self.shapes.items()}


@dataclass(frozen=True, eq=False)
class Ref(Shape):
    """A named shape, looked up when used, so that a shape can hold itself (blocks in blocks)."""

    name: str
    table: Definitions

    def schema(self) -> JsonSchema:
        return {"$ref": f"#/$defs/{self.name}"}

    def check(self, value: object) -> None:
        self.table.shapes[self.name].check(value)


def alternatives(values: tuple[str, ...]) -> str:
    """`"a", "b" or "c"`."""
    quoted = [json.dumps(value) for value in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
