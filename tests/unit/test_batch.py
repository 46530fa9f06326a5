import pytest

from generator.render import batch


def _double(indices, shared):
    return [(shared, i * 2) for i in indices]


def _neg(indices, shared):
    return [(shared, -i) for i in indices]


@pytest.mark.parametrize("jobs", [1, 2])
def test_parts_run_together_and_get_their_own_results_in_order(jobs):
    calls = []
    a = batch.Part(_double, "a", list(range(0, 300, 3)), lambda: calls.append("a"))
    b = batch.Part(_neg, "b", [5, 1, 7] * 40)  # any order, repeats: kept as given
    c = batch.Part(_neg, "c", [], lambda: calls.append("c"))  # nothing to render
    batch.run([a, b, c], jobs=jobs)
    assert a.results == [("a", i * 2) for i in range(0, 300, 3)]
    assert b.results == [("b", -i) for i in [5, 1, 7] * 40]
    assert c.results == []
    assert calls == ["a", "c"]
