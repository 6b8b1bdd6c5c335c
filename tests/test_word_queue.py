"""The word queue behaves as the list it stands in for, for every operation reportlab's line breaker uses."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from convert.writers.pdf.wordqueue import QueuedWords, WordQueue

WORDS = st.lists(st.text(max_size=3), max_size=12)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("pop"), st.integers(-3, 3)),
        st.tuples(st.just("pop front"), st.none()),
        st.tuples(st.just("pop back"), st.none()),
        st.tuples(st.just("put in front"), WORDS),
        st.tuples(st.just("insert"), st.tuples(st.integers(-3, 5), st.text(max_size=2))),
        st.tuples(st.just("assign slice"), st.tuples(st.integers(0, 4), st.integers(0, 6), WORDS)),
        st.tuples(st.just("assign item"), st.tuples(st.integers(-2, 2), st.text(max_size=2))),
    ),
    max_size=30,
)


def _apply(items: Any, operation: str, argument: Any) -> object:
    """One operation on a list or a queue; what it returned or the kind of error it raised."""
    try:
        if operation == "pop":
            return items.pop(argument)
        if operation == "pop front":
            return items.pop(0)
        if operation == "pop back":
            return items.pop()
        if operation == "put in front":
            items[0:0] = argument
        elif operation == "insert":
            items.insert(*argument)
        elif operation == "assign slice":
            start, stop, values = argument
            items[start:stop] = values
        else:
            index, value = argument
            items[index] = value
    except IndexError:
        return IndexError
    return None


@given(WORDS, OPERATIONS)
def test_a_queue_does_what_a_list_does(words: list[str], operations: list[tuple[str, Any]]) -> None:
    expected, queue = list(words), WordQueue(words)
    for operation, argument in operations:
        assert _apply(queue, operation, argument) == _apply(expected, operation, argument)
        assert list(queue) == expected
        assert len(queue) == len(expected)
        assert bool(queue) == bool(expected)
        assert queue[1:-1] == expected[1:-1]


@given(WORDS)
def test_the_copy_of_queued_words_is_a_queue_and_every_other_read_a_list_s(words: list[str]) -> None:
    queued = QueuedWords(words)
    copy = queued[:]
    assert isinstance(copy, WordQueue)
    assert list(copy) == words
    assert queued[1:] == words[1:]
    assert list(queued) == words
    if words:
        assert queued[-1] == words[-1]
