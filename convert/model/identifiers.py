"""Identifiers derived from content, so that the same text always gets the same identifier."""

from __future__ import annotations

import hashlib
import uuid


def content_identifier(*parts: str) -> str:
    """A `urn:uuid:` made from the SHA-256 of the parts; equal parts give equal identifiers."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=5)}"
