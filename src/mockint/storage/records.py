"""Records declared like pydantic models, checked by pydantic only when it matters.

settings.toml and the theme files are read on every start, before the first
frame; importing pydantic for them cost ~10 MiB and a fifth of the start-up
(bench: startup-home, startup-rss). A `Record` subclass declares its fields
the pydantic way, one line each (annotation, default, `Field(...)` with its
rules), and that declaration is the only one:

- values that plainly follow the rules (the right type, within the bounds,
  no unknown key) are taken as they are, without pydantic;
- anything else (an unknown key, a wrong type, a value out of range, a rule
  this module does not know) goes through the real pydantic model built from
  the same declaration, so what the user is told is pydantic's message, word
  for word, as before.

The quick check only ever accepts what pydantic accepts, and gives the same
values; when in doubt it asks pydantic.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, Union, dataclass_transform

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

_MISSING: Any = object()
_BOUNDS = ("gt", "ge", "lt", "le")
_KNOWN_RULES = {*_BOUNDS, "strict", "pattern"}


class FieldSpec:
    """What `Field(...)` declared: the default and pydantic's keyword rules."""

    def __init__(self, default: Any, default_factory: Callable[[], Any] | None,
                 rules: dict[str, Any]) -> None:
        self.default, self.default_factory, self.rules = default, default_factory, rules


def Field(default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None,  # noqa: N802
          **rules: Any) -> Any:
    """Like `pydantic.Field` (the same keywords), for a `Record` field."""
    return FieldSpec(default, default_factory, rules)


class _Unsure(Exception):
    """The quick check cannot vouch for a value: pydantic decides."""


class _PydanticFields:
    """`Record.model_fields`: pydantic's FieldInfo of each field (loads pydantic)."""

    def __get__(self, record: object, owner: type[Record]) -> dict[str, FieldInfo]:
        return owner.pydantic_model().model_fields


@dataclass_transform(kw_only_default=True, field_specifiers=(Field,))
class Record:
    """A plain record with pydantic's declaration and (the used part of) its API."""

    _fields: ClassVar[dict[str, FieldSpec]]
    _hints: ClassVar[dict[str, Any] | None]
    _pydantic: ClassVar[type[BaseModel] | None]
    if TYPE_CHECKING:
        model_fields: ClassVar[dict[str, FieldInfo]]
    else:
        model_fields = _PydanticFields()  # for the screens that word the rules (loads pydantic)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, FieldSpec] = {}
        for name in cls.__dict__.get("__annotations__", {}):
            if name.startswith("_"):
                continue
            value = cls.__dict__.get(name, _MISSING)
            fields[name] = value if isinstance(value, FieldSpec) else FieldSpec(value, None, {})
            if isinstance(value, FieldSpec):
                delattr(cls, name)  # the instance attribute is the value, never the spec
        cls._fields, cls._hints, cls._pydantic = fields, None, None

    def __init__(self, **values: Any) -> None:
        checked = type(self)._checked(values)
        self.__dict__.update(checked)

    # --- pydantic's API, the part mockint uses -----------------------------------

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """The record for `data`; raises pydantic's ValidationError when it breaks a rule."""
        record = cls.__new__(cls)
        record.__dict__.update(cls._checked(data))
        return record

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """The defaults (and `values`), unchecked, as pydantic's `model_construct`."""
        record = cls.__new__(cls)
        for name, spec in cls._fields.items():
            record.__dict__[name] = values[name] if name in values else _default(spec)
        return record

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        return {name: _copy(value) for name, value in self.__dict__.items()
                if name in self._fields and not (exclude_none and value is None)}

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with `update` applied, unchecked (as pydantic's `model_copy`)."""
        record = type(self).__new__(type(self))
        record.__dict__.update(self.__dict__)
        record.__dict__.update(update or {})
        return record

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        body = ", ".join(f"{name}={value!r}" for name, value in self.model_dump().items())
        return f"{type(self).__name__}({body})"

    # --- checking ----------------------------------------------------------------

    @classmethod
    def _checked(cls, data: Any) -> dict[str, Any]:
        try:
            return cls._quick(data)
        except _Unsure:
            model = cls.pydantic_model().model_validate(data)  # raises ValidationError
            return {name: getattr(model, name) for name in cls._fields}

    @classmethod
    def _quick(cls, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict) or not set(data) <= set(cls._fields):
            raise _Unsure
        hints = cls._type_hints()
        values: dict[str, Any] = {}
        for name, spec in cls._fields.items():
            if name in data:
                values[name] = _plain(data[name], hints[name], spec.rules)
            elif spec.default is _MISSING and spec.default_factory is None:
                raise _Unsure  # a required field is missing: pydantic words it
            else:
                values[name] = _default(spec)
        return values

    @classmethod
    def _type_hints(cls) -> dict[str, Any]:
        if cls._hints is None:  # the annotations are text (`from __future__ import annotations`)
            namespace = vars(sys.modules[cls.__module__])
            annotations = cls.__dict__.get("__annotations__", {})
            cls._hints = {name: eval(hint, namespace) if isinstance(hint, str) else hint  # noqa: S307
                          for name, hint in annotations.items() if name in cls._fields}
        return cls._hints

    @classmethod
    def pydantic_model(cls) -> type[BaseModel]:
        """The pydantic model of the same declaration (extra keys forbidden), built once."""
        if cls._pydantic is None:
            from pydantic import ConfigDict, create_model
            from pydantic import Field as PydanticField

            hints = cls._type_hints()
            fields: dict[str, Any] = {}
            for name, spec in cls._fields.items():
                kwargs = dict(spec.rules)
                if spec.default_factory is not None:
                    kwargs["default_factory"] = spec.default_factory
                elif spec.default is not _MISSING:
                    kwargs["default"] = spec.default
                fields[name] = (hints[name], PydanticField(**kwargs))
            cls._pydantic = create_model(cls.__name__, __config__=ConfigDict(extra="forbid"),
                                         **fields)
        return cls._pydantic


def first_error(error: Exception) -> Any:
    """The first problem (`loc`, `msg`, `type`) of pydantic's ValidationError `error`.

    For `except Exception` around `model_validate`: pydantic is imported only when
    something was wrong; any other exception is raised again.
    """
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        raise error
    return error.errors()[0]


def _default(spec: FieldSpec) -> Any:
    return spec.default_factory() if spec.default_factory is not None else _copy(spec.default)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _plain(value: Any, hint: Any, rules: dict[str, Any]) -> Any:
    """`value` as pydantic would give it, if it plainly follows `hint` and `rules`."""
    if set(rules) - _KNOWN_RULES:
        raise _Unsure
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        others = [a for a in args if a is not type(None)]
        if len(others) != 1:
            raise _Unsure
        hint, origin, args = others[0], typing.get_origin(others[0]), typing.get_args(others[0])
    if hint is str:
        result: Any = _text(value, rules)
    elif hint is bool:
        if type(value) is not bool:
            raise _Unsure
        result = value
    elif hint is int:
        if type(value) is not int:
            raise _Unsure
        result = value
    elif hint is float:
        if type(value) not in (int, float):  # pydantic turns an int into a float
            raise _Unsure
        result = float(value)
    elif origin is Literal:
        if type(value) is not str or value not in args:
            raise _Unsure
        result = value
    elif origin is list and args == (str,):
        if type(value) is not list or any(type(v) is not str for v in value):
            raise _Unsure
        result = list(value)
    elif origin is dict and args == (str, str):
        if type(value) is not dict or any(type(v) is not str for v in value.values()):
            raise _Unsure
        result = dict(value)
    else:
        raise _Unsure
    for rule in _BOUNDS:
        if rule in rules and not _within(result, rule, rules[rule]):
            raise _Unsure
    return result


def _text(value: Any, rules: dict[str, Any]) -> str:
    if type(value) is not str:
        raise _Unsure
    pattern = rules.get("pattern")
    if pattern is not None and ("\n" in value or re.fullmatch(pattern, value) is None):
        raise _Unsure
    return value


def _within(value: Any, rule: str, bound: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return {"gt": value > bound, "ge": value >= bound, "lt": value < bound,
            "le": value <= bound}[rule]
