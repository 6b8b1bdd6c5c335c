"""A part's relationships: ids handed out in order of first use, so the same document gets the same ids."""

from __future__ import annotations

from lxml import etree

from convert.writers.docx.ooxml import PACKAGE_RELS_NS, REL_TYPE, package_root, to_bytes


class Relationships:
    """The relationships of one part, with external web links shared by every run that points to them."""

    def __init__(self) -> None:
        self._items: list[tuple[str, str, bool]] = []
        self._links: dict[str, str] = {}

    def add(self, kind: str, target: str) -> str:
        """The id of a new internal relationship to `target`; `kind` is a full type or a short one ("styles")."""
        self._items.append((kind if "://" in kind else REL_TYPE + kind, target, False))
        return f"rId{len(self._items)}"

    def link(self, target: str) -> str:
        """The id of the hyperlink relationship to `target`, a link target (`convert.text.links`)."""
        found = self._links.get(target)
        if found is None:
            self._items.append((REL_TYPE + "hyperlink", target, True))
            found = self._links[target] = f"rId{len(self._items)}"
        return found

    def part(self) -> bytes:
        """The bytes of the part's `.rels` file."""
        root = package_root(PACKAGE_RELS_NS, "Relationships")
        for number, (kind, target, external) in enumerate(self._items, start=1):
            attributes = {"Id": f"rId{number}", "Type": kind, "Target": target}
            if external:
                attributes["TargetMode"] = "External"
            etree.SubElement(root, f"{{{PACKAGE_RELS_NS}}}Relationship", attributes)
        return to_bytes(root)
