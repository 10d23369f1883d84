"""Results kept per dataset, handed out so that no caller can change another's.

Figures, page data and words are dicts and lists that callers go on to dress, fill or
serialise; a cache that handed out its own copy would let one caller's change reach every
later one. `kept` hands each caller a deep copy (cheap beside building the value again);
what is only ever read, coordinates for example, is cached as tuples instead, which the
copy hands on as they are."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def kept(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Like functools.lru_cache, but each call returns its own copy of the kept value."""

    def wrap(build: Callable[..., T]) -> Callable[..., T]:
        cached = functools.lru_cache(maxsize=maxsize)(build)

        @functools.wraps(build)
        def fresh_copy(*args, **kwargs) -> T:
            return copied(cached(*args, **kwargs))

        fresh_copy.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        fresh_copy.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return fresh_copy

    return wrap


ATOMS = frozenset({str, int, float, bool, type(None)})


def copied(value: T) -> T:
    """A deep copy that hands on a tuple of numbers and words as it is: copy.deepcopy
    would look at each of a front's tens of thousands of coordinates to find that. For
    figures, page data and words (dicts, lists, tuples, numbers and text)."""
    kind = type(value)
    if kind in ATOMS:
        return value
    if kind is dict:
        return {key: copied(item) for key, item in value.items()}
    if kind is list:
        return [copied(item) for item in value]
    if kind is tuple:
        return value if set(map(type, value)) <= ATOMS else tuple(copied(v) for v in value)
    return copy.deepcopy(value)
