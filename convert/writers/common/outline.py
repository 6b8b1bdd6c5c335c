"""How deep each title and heading sits in the outline: one rule for PDF bookmarks and DOCX outline levels.

A group's title (a digest's week or month) is level 0; an article's title is level 0 on its own
or in a digest without groups, 1 under a group; a heading of level n inside it is n below its
article's title.
"""

from __future__ import annotations

from convert.model import Heading, Section

GROUP_LEVEL = 0
DEEPEST = 8
"""The deepest outline level Word has (levels 0 to 8)."""


def article_level(section: Section) -> int:
    """The outline level of the titles of the articles in `section`."""
    return GROUP_LEVEL if section.title is None else GROUP_LEVEL + 1


def heading_level(article: int, heading: Heading) -> int:
    """The outline level of `heading` inside an article whose title is at level `article`."""
    return min(article + max(heading.level, 1), DEEPEST)
