"""The contract every writer meets, built-in or installed by a third party."""

from __future__ import annotations

from typing import BinaryIO, ClassVar, Protocol

from convert.model import Publication
from convert.styles.types import Style


class Writer(Protocol):
    """Renders a publication in one format; knows nothing of files, the clock or the command line."""

    name: ClassVar[str]
    """Format name used with `--to`, such as "pdf"."""
    suffix: ClassVar[str]
    """Output file suffix with its dot, such as ".pdf"."""
    media_type: ClassVar[str]

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Write the publication to `stream`; return warnings about anything the format could not carry."""
        ...
