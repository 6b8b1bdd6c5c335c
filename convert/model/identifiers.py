"""Identifiers derived from content, so that the same text always gets the same identifier."""

from __future__ import annotations

import hashlib
import uuid


def content_identifier(*parts: str) -> str:
    """A `urn:uuid:` made from the SHA-256 of the parts; equal parts give equal identifiers."""
    hashed = hashlib.sha256()
    for index, part in enumerate(parts):  # part by part: a large seed's text is not copied whole
        if index:
            hashed.update(b"\x1f")
        hashed.update(part.encode("utf-8"))
    digest = hashed.digest()
    return f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=5)}"
