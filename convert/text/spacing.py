"""Where a line must not break: the no-break spaces every set format puts between words that belong together.

A reader stumbles over "40" at a line's end and "mg/L" at the next one's start, over "7" and
"March", "$1.5" and "million", "11,000" and "people", "page" and "12". The PDF, EPUB and DOCX writers pass every text
they set through `bind_spaces` (the article's and their own words: a date line or a digest's
dates are never split either), so the three formats keep the same pairs together; the JSON
model keeps the article's own spaces.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_UNITS = (
    "mg/L|mg/l|µg/m³|µg|mg|kg|g|t|km/h|km²|km|m²|m³|mm|cm|m|mph|ft|mi|ha|ml|mL|cl|l|L|hl|kWh|MWh|GWh|TWh|W|kW|MW|GW"
    "|V|kV|A|Hz|kHz|MHz|GHz|dB|°C|°F|K|%|‰|pp|bps|kB|MB|GB|TB|ms|min|h|hrs?|am|pm|a\\.m\\.|p\\.m\\."
)
_SCALES = "thousand|million|billion|trillion|bn|m|k|per cent|percent"
_NUMBER = r"[$€£¥₹]?\d[\d,.]*"
"""A figure, perhaps after a currency sign: 40, 1.5, 11,000, $1.5, €48."""

_FUNCTION_WORDS = (
    "a|after|all|also|an|and|are|as|at|be|because|before|but|by|during|for|from|had|has|have|he|her|his|i|if"
    "|in|into|is|it|its|many|more|most|not|of|on|only|or|our|over|per|she|since|so|some|than|that|the|their"
    "|then|there|these|they|this|those|to|under|until|up|was|we|were|when|where|which|while|who|will|with|you"
)
"""Words a figure is followed by without qualifying them ("rose by 9 to 12", "in 2015 the council")."""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split("|"))
"""The same little words: a display line does not end on one."""

_PAIRS = re.compile(
    rf"(?<![\w.,])(?P<figure>{_NUMBER}) (?=(?:{_UNITS}|{_SCALES})(?![\w/²³]))"  # 40 mg/L, $1.5 million
    rf"|(?<![\w.,:])(?P<count>{_NUMBER}) (?=(?!(?:{_FUNCTION_WORDS})\b)[a-z])"  # 11,000 people
    rf"|(?<![\w.,])(?P<day>\d{{1,2}}) (?=(?:{_MONTHS})\b)"  # 7 March
    rf"|\b(?P<month>{_MONTHS}) (?=\d{{1,2}}\b(?!,\d|\.\d)|\d{{3,4}}\b)"  # March 7, March 2024
    r"|\b(?P<page>[Pp]age|[Pp]p?\.|[Nn]o\.|[Cc]hapter|[Ss]ection) (?=\d)"  # page 12, p. 4, No. 7
)


def bind_spaces(text: str) -> str:
    """`text` with a no-break space in each place a line must not break; other spaces unchanged."""
    if " " not in text or not any(char.isdigit() for char in text):
        return text
    return _PAIRS.sub(_bound, text)


def _bound(match: re.Match[str]) -> str:
    return match.group(0)[:-1] + NO_BREAK_SPACE
