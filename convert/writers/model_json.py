"""JSON output: the model itself, an editable form that reads back to the same bytes."""

from __future__ import annotations

from typing import BinaryIO, ClassVar

from convert.model import Document, Publication
from convert.model.jsonform import dump
from convert.styles.types import Style


class JsonWriter:
    """Writes a lone article as a document and anything larger as a publication."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Write the JSON form (tests prove it reads back to the same model, for any model)."""
        item: Document | Publication = publication.documents[0] if publication.is_single else publication
        dump(item, stream)
        return []
