"""Whether a library's private parts are the ones an adapter was written against: checked once, warned once.

Each adapter module (one per library whose internals a writer uses) records the versions it was
written and tested against and a probe for the names it needs. Outside that range, or when a
name is gone, the adapter takes the library's public path instead: slower or plainer output,
never a failure, and one ConvertWarning per process naming the library (a Python warning: it
is about this machine, not about any one document, so it stays out of the documents' warnings).
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable

from convert.entrypoints import versions
from convert.errors import ConvertWarning

_NUMBER = re.compile(r"\d+")


def release(version: str) -> tuple[int, ...]:
    """The leading numbers of a version, for comparing: "4.1.0" → (4, 1, 0), "5.0.1rc1" → (5, 0, 1)."""
    numbers: list[int] = []
    for part in version.split("."):
        digits = _NUMBER.match(part)
        if digits is None:
            break
        numbers.append(int(digits.group()))
        if digits.end() < len(part):
            break
    return tuple(numbers)


class Internals:
    """The private parts of one library that an adapter uses, and the versions it was written for."""

    def __init__(self, distribution: str, lowest: str, below: str, present: Callable[[], bool]) -> None:
        self.distribution = distribution
        """The library's distribution name, normalised as `convert.entrypoints.versions` gives it."""
        self.lowest = lowest
        """The oldest version the adapter was tested on: the project's declared minimum."""
        self.below = below
        """The first version it was not written for: the library's next major version."""
        self.present = present
        """Whether every internal the adapter uses is there in the installed library."""
        self._usable: bool | None = None
        self._lock = threading.Lock()

    def usable(self) -> bool:
        """Whether to take the private path; the first call that says no also warns."""
        usable = self._usable
        if usable is None:
            with self._lock:
                if self._usable is None:
                    self._usable = self._check()
                usable = self._usable
        return usable

    def _check(self) -> bool:
        version = versions().get(self.distribution)
        if version is None or not release(self.lowest) <= release(version) < release(self.below):
            found = f"{self.distribution} {version}" if version else f"{self.distribution} of unknown version"
            reason = f"{found} is not one of the versions {self.lowest} to below {self.below} convert was written for"
        else:
            try:
                if self.present():
                    return True
            except Exception:  # a probe that trips over changed internals means they changed
                pass
            reason = f"{self.distribution} {version} lacks internals convert uses"
        # Checked once per adapter, so this warns once per process.
        warnings.warn(
            f"{reason}; convert uses its public interface instead, which may be slower or plainer",
            ConvertWarning,
            stacklevel=4,
        )
        return False
