"""Every process-wide cache under one policy: a bound of its own, the least recently used entry
dropped first, and `clear_caches()` to empty them all."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from dataclasses import dataclass
from typing import Generic, ParamSpec, Protocol, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

__all__ = ["CacheInfo", "Lru", "cache_info", "clear_caches", "memoised"]


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """One registered cache: its name, the entries it holds, and the most it may hold."""

    name: str
    size: int
    maxsize: int


class _Cache(Protocol):
    name: str
    maxsize: int

    def __len__(self) -> int: ...

    def clear(self) -> None: ...


_REGISTRY: list[_Cache] = []
"""Every cache made here, in the order their modules were imported; a module never imported has none."""


class Lru(Generic[K, V]):
    """A registered mapping of at most `maxsize` entries: for caches whose key is not simply the
    arguments of one function. Values are never None, so `get` answers None for a miss."""

    __slots__ = ("_entries", "maxsize", "name")

    def __init__(self, name: str, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError(f"a cache holds at least one entry, not {maxsize}")
        self.name = name
        self.maxsize = maxsize
        self._entries: OrderedDict[K, V] = OrderedDict()
        _REGISTRY.append(self)

    def get(self, key: K) -> V | None:
        """The value kept for `key`, now the most recently used, or None."""
        value = self._entries.get(key)
        if value is not None:
            with suppress(KeyError):  # another thread dropped it meanwhile: still a hit
                self._entries.move_to_end(key)
        return value

    def keep(self, key: K, value: V) -> V:
        """Keep `value` for `key`, dropping the least recently used entry when over the bound."""
        self._entries[key] = value
        with suppress(KeyError):
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class _Function:
    """A function's `functools.lru_cache`, as the registry sees it."""

    __slots__ = ("maxsize", "name", "wrapper")

    def __init__(self, name: str, maxsize: int, wrapper: functools._lru_cache_wrapper[object]) -> None:
        self.name = name
        self.maxsize = maxsize
        self.wrapper = wrapper

    def clear(self) -> None:
        self.wrapper.cache_clear()

    def __len__(self) -> int:
        return self.wrapper.cache_info().currsize


def memoised(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """`functools.lru_cache(maxsize)`, registered: for a function of hashable arguments whose
    result depends on nothing else (or on what a registered cache beside it holds)."""
    if maxsize < 1:
        raise ValueError(f"a cache holds at least one entry, not {maxsize}")

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        wrapper = functools.lru_cache(maxsize=maxsize)(function)
        _REGISTRY.append(_Function(f"{function.__module__}.{function.__qualname__}", maxsize, wrapper))
        return cast("Callable[P, R]", wrapper)

    return decorate


def cache_info() -> tuple[CacheInfo, ...]:
    """Every cache of the modules imported so far, with its size and bound."""
    return tuple(CacheInfo(cache.name, len(cache), cache.maxsize) for cache in _REGISTRY)


def clear_caches() -> None:
    """Empty every cache: what the process remembered of styles, fonts, writers and installed
    packages is worked out again on next use (after installing a font package, say)."""
    for cache in _REGISTRY:
        cache.clear()
