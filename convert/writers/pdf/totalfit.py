"""Total-fit line breaking (Knuth and Plass): a paragraph's breaks chosen together, for evenly spaced lines.

First fit, reportlab's own way, fills each line as full as it can and leaves the next line to
cope: loose lines beside tight ones, hyphens stacked down the margin. Here every break of a
paragraph is chosen at once, as TeX does, over boxes (pieces of words), glue (spaces that
stretch and shrink) and penalties (places a word may be hyphenated or a URL cut), minimising
the sum of each line's demerits. Nothing here knows about fonts or reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

STRETCH = 0.35
"""How far a space may stretch within tolerance, as a share of its width: loose lines cost more than tight ones."""
SHRINK = 0.4
"""How far a space may shrink, as a share of its width: a line a little tight rather than one too loose."""
TRACKING = 0.015
"""How far a justified line's letters may spread, in ems each: slack the spaces need not take."""
TRACKING_SHRINK = 0.5
"""How far letters may tighten, as a share of how far they may spread."""
INFINITY = 10_000
"""A penalty this high forbids a break; its negative forces one."""

_BOX, _GLUE, _PENALTY = 0, 1, 2
_INF = float("inf")
_NO_GLUE = 1e9
"""The badness of a line with nothing to stretch: worse than any line with spaces, however loose.

Unlike TeX, badness is not capped: when no set of breaks keeps every line within tolerance, the
loosest line is still made as tight as it can be rather than any line past the cap being alike."""


@dataclass(frozen=True, slots=True)
class Rules:
    """How breaks are weighed: TeX's parameters, under their TeX names where they have one."""

    tolerance: float
    """The largest adjustment ratio a line may have (1: its spaces stretched by all their stretch);
    `float("inf")` accepts any line that is not overfull."""
    line_penalty: float = 10.0
    """\\linepenalty: every line costs this, so fewer lines win when all else is equal."""
    double_hyphen_demerits: float = 10_000.0
    """\\doublehyphendemerits: two hyphenated lines one after the other."""
    adjacent_demerits: float = 10_000.0
    """\\adjdemerits: a loose line next to a tight one (fitness classes more than one apart)."""
    most_flagged_in_a_row: int = 1
    """No more hyphenated lines than this one after the other."""


class Items:
    """A paragraph as boxes, glue and penalties, in order; widths in points."""

    def __init__(self) -> None:
        self.kinds: list[int] = []
        self.widths: list[float] = []
        self.stretch: list[float] = []
        self.shrink: list[float] = []
        self.costs: list[float] = []
        self.flagged: list[bool] = []

    def __len__(self) -> int:
        return len(self.kinds)

    def box(self, width: float) -> None:
        """Something that is never broken: a word or a piece of one."""
        self._add(_BOX, width, 0.0, 0.0, 0.0, False)

    def glue(self, width: float, stretch: float, shrink: float) -> None:
        """A space: a break may follow the box before it; it vanishes at a break."""
        self._add(_GLUE, width, stretch, shrink, 0.0, False)

    def penalty(self, width: float, cost: float, flagged: bool) -> None:
        """A place to break at `cost`; `width` (a hyphen's) is set only when the line breaks here."""
        self._add(_PENALTY, width, 0.0, 0.0, cost, flagged)

    def _add(self, kind: int, width: float, stretch: float, shrink: float, cost: float, flagged: bool) -> None:
        self.kinds.append(kind)
        self.widths.append(width)
        self.stretch.append(stretch)
        self.shrink.append(shrink)
        self.costs.append(cost)
        self.flagged.append(flagged)


class _Node:
    """A feasible break: where it is, the totals after it, and the best way of reaching it."""

    __slots__ = ("demerits", "first", "fitness", "flagged_run", "position", "previous", "shrink", "stretch", "width")

    def __init__(
        self, position: int, first: bool, fitness: int, flagged_run: int, demerits: float, previous: _Node | None
    ) -> None:
        self.position = position
        self.first = first
        """Whether the line after this break is the paragraph's first (only the start is)."""
        self.fitness = fitness
        self.flagged_run = flagged_run
        """Hyphenated lines in a row ending at this break (0 when this break is no hyphen)."""
        self.demerits = demerits
        self.previous = previous
        self.width = self.stretch = self.shrink = 0.0


def break_points(items: Items, first_width: float, width: float, rules: Rules) -> list[int] | None:
    """Where the lines of `items` end, as item indexes (the last is `len(items)`), or None if no set
    of breaks keeps every line within `rules.tolerance`.

    The first line is `first_width` wide, the rest `width`. The paragraph ends as TeX's does: its
    last line is filled out with infinite stretch, and a hyphen never ends the line before it.
    """
    kinds, widths, stretches, shrinks = items.kinds, items.widths, items.stretch, items.shrink
    costs, flags = items.costs, items.flagged
    count = len(kinds)
    # Totals of items[0:i], so any line's natural width, stretch and shrink are two subtractions.
    # A penalty's width (its hyphen) counts only on the line that breaks at it.
    sum_width, sum_stretch, sum_shrink = [0.0], [0.0], [0.0]
    for index in range(count):
        sum_width.append(sum_width[-1] + (widths[index] if kinds[index] != _PENALTY else 0.0))
        sum_stretch.append(sum_stretch[-1] + stretches[index])
        sum_shrink.append(sum_shrink[-1] + shrinks[index])
    tolerance, most_flagged = rules.tolerance, rules.most_flagged_in_a_row
    line_penalty, double_hyphen, adjacent = rules.line_penalty, rules.double_hyphen_demerits, rules.adjacent_demerits
    active: list[_Node] = [_Node(-1, True, 1, 0, 0.0, None)]
    for position in range(count + 1):
        final = position == count
        if final:
            cost, flagged, extra = -float(INFINITY), False, 0.0
        else:
            kind = kinds[position]
            if kind == _BOX or (kind == _GLUE and (position == 0 or kinds[position - 1] != _BOX)):
                continue
            cost = costs[position]
            if cost >= INFINITY:
                continue
            flagged = flags[position]
            extra = widths[position] if kind == _PENALTY else 0.0
        end_width, end_stretch, end_shrink = sum_width[position] + extra, sum_stretch[position], sum_shrink[position]
        cost_demerits = cost * cost if cost >= 0 else -cost * cost if cost > -INFINITY else 0.0
        kept: list[_Node] = []
        best: dict[tuple[int, int], _Node] = {}
        for node in active:
            room = first_width if node.first else width
            natural = end_width - node.width
            if natural > room:
                shrink = end_shrink - node.shrink
                ratio = (room - natural) / shrink if shrink > 0 else -2.0
                if ratio < -1.0:
                    continue  # overfull from here on: this break can start no more lines
            elif final:
                ratio = 0.0
            else:
                stretch = end_stretch - node.stretch
                ratio = (room - natural) / stretch if stretch > 0 else _INF
            if not final:
                kept.append(node)
            if ratio > tolerance:
                continue
            run = node.flagged_run
            if run and (final or (flagged and run >= most_flagged)):
                continue  # no hyphen on the second-to-last line, nor more in a row than allowed
            badness = _NO_GLUE if ratio == _INF else 100.0 * abs(ratio) ** 3
            demerits = (line_penalty + badness) ** 2 + cost_demerits
            if flagged and run:
                demerits += double_hyphen
            fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1.0 else 3
            if fitness - node.fitness > 1 or node.fitness - fitness > 1:
                demerits += adjacent
            total = node.demerits + demerits
            key = (fitness, run + 1 if flagged else 0)
            held = best.get(key)
            if held is None or total < held.demerits:
                best[key] = _Node(position, False, fitness, key[1], total, node)
        if best:
            after_width, after_stretch, after_shrink = _after_break(items, position, sum_width, sum_stretch, sum_shrink)
            for node in best.values():
                node.width, node.stretch, node.shrink = after_width, after_stretch, after_shrink
                kept.append(node)
        active = kept
        if not active:
            return None
    best_node = min(active, key=lambda node: node.demerits)
    breaks: list[int] = []
    found: _Node | None = best_node
    while found is not None and found.position >= 0:
        breaks.append(found.position)
        found = found.previous
    breaks.reverse()
    return breaks


def _after_break(
    items: Items, position: int, sum_width: list[float], sum_stretch: list[float], sum_shrink: list[float]
) -> tuple[float, float, float]:
    """The totals where the next line starts: glue and penalties after a break vanish with it."""
    kinds = items.kinds
    index = position
    if index < len(kinds) and kinds[index] != _BOX:
        index += 1
    while index < len(kinds) and kinds[index] != _BOX:
        if kinds[index] == _PENALTY and items.costs[index] <= -INFINITY:
            break
        index += 1
    return sum_width[index], sum_stretch[index], sum_shrink[index]
