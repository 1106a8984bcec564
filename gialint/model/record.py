"""Immutable records that cost nothing to define: the shape of the model's classes.

The document model, diagnostics and rule metadata were frozen dataclasses; creating one such
class generates its methods through ``exec`` (about 0.9 ms a class with ``order=True``), which
a cold one-file run paid some 30 times before it read a byte. A :class:`Record` subclass names
its fields in ``__slots__`` (in ``__init__`` order) and writes its own ``__init__``; the
methods a frozen dataclass would generate — ``__eq__``/``__hash__`` over the compared fields,
``__repr__``, ordering, refusing assignment, pickling — are defined once, here.

Assigning to a field raises :class:`dataclasses.FrozenInstanceError` (an ``AttributeError``), as
before. :func:`replace` stands in for ``dataclasses.replace`` (it accepts dataclasses too);
records also offer ``__replace__`` (``copy.replace`` on Python 3.13+).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, Self, TypeVar

T = TypeVar("T")

setfield = object.__setattr__
"""What a record's ``__init__`` uses to set its fields (``setfield(self, "name", value)``)."""


def field_setters(cls: type[Record]) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of ``cls``'s fields, in ``__slots__`` order: for the ``__init__`` of a
    record made by the ten thousand (``setter(self, value)``). :data:`setfield` is slower on a
    record, because ``object.__setattr__`` first checks that the class's own ``__setattr__``
    (which refuses assignment) may be bypassed."""
    return tuple(cls.__dict__[name].__set__ for name in cls._fields)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function returning ``names``' values of an object as a tuple (also for one name)."""
    if len(names) == 1:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    return attrgetter(*names)


def _dataclass_fields(names: tuple[str, ...]) -> dict[str, dataclasses.Field[Any]]:
    """What ``dataclasses.replace``, ``fields`` and ``asdict`` look for, so that plugins written
    when these classes were dataclasses keep working (the fields only; nothing is generated)."""
    out: dict[str, dataclasses.Field[Any]] = {}
    for name in names:
        f: dataclasses.Field[Any] = dataclasses.field()
        f.name = name
        f.type = Any
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        out[name] = f
    return out


class Record:
    """Base of the immutable records: subclass with ``__slots__`` (the fields, in ``__init__``
    order) and an ``__init__`` that sets them with :data:`setfield`.

    Class keywords: ``compare=`` the fields that equality, hashing and order use (default: all),
    ``hide=`` fields left out of ``repr``.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], tuple[Any, ...]]]
    _key: ClassVar[Callable[[Any], tuple[Any, ...]]]
    _shown: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, compare: tuple[str, ...] | None = None, hide: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = tuple(cls.__dict__.get("__slots__", ()))
        if not fields:  # an abstract base (OrderedRecord)
            return
        cls._fields = fields
        cls.__match_args__ = fields
        cls._values = staticmethod(_getter(fields))  # type: ignore[assignment]
        cls._key = staticmethod(_getter(compare if compare is not None else fields))  # type: ignore[assignment]
        cls._shown = tuple(name for name in fields if name not in hide)
        cls.__dataclass_fields__ = _dataclass_fields(fields)  # type: ignore[attr-defined]

    def _init(self, *values: Any) -> None:
        """Set every field, in ``__slots__`` order (for a subclass's ``__init__``)."""
        for name, value in zip(self._fields, values, strict=True):
            setfield(self, name, value)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (like :func:`dataclasses.replace`)."""
        return self.__replace__(**changes)

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), self._values(self)

    def __replace__(self, **changes: Any) -> Self:
        values = dict(zip(self._fields, self._values(self), strict=True))
        values.update(changes)
        return type(self)(**values)


class OrderedRecord(Record):
    """A :class:`Record` ordered by its compared fields, in order (as ``order=True`` did)."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) < key(other)
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) <= key(other)
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) > key(other)
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) >= key(other)
        return NotImplemented


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record (or dataclass) ``obj`` with ``changes``, like ``dataclasses.replace``."""
    method = getattr(type(obj), "__replace__", None)
    if method is not None:
        return method(obj, **changes)  # type: ignore[no-any-return]
    import dataclasses

    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
