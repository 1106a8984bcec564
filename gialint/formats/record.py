"""Immutable slotted classes that cost nothing to create.

A ``@dataclass(frozen=True, slots=True)`` generates its methods with ``exec`` and rebuilds the
class for its slots: ~0.9 ms a class at import, for every run. A :class:`Record` subclass names
its fields in ``__slots__`` and sets them in a plain ``__init__`` (``_init``); equality, hashing,
``repr`` and :meth:`Record.replace` are written once, here, for every record. Like a frozen
dataclass, a record cannot be changed once made (setting an attribute raises
:class:`dataclasses.FrozenInstanceError`).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, TypeVar

R = TypeVar("R", bound="Record")

_set = object.__setattr__


class Record:
    __slots__: tuple[str, ...] = ()

    def _init(self, *values: Any) -> None:
        """Set every field, in ``__slots__`` order (for the subclass's ``__init__``)."""
        for name, value in zip(self.__slots__, values, strict=True):
            _set(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def _key(self) -> tuple[Any, ...]:
        """What equality and hashing compare: every field, unless a record leaves some out."""
        return self._values()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._values())  # pickling and copying skip __init__

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (like :func:`dataclasses.replace`)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        for name in self.__slots__:
            _set(copy, name, changes[name] if name in changes else getattr(self, name))
        return copy


def _rebuild(cls: type[R], values: tuple[Any, ...]) -> R:
    record = object.__new__(cls)
    record._init(*values)
    return record
