import os

import pytest

from generator.parallel import map_chunks


def _square(chunk, shared):
    return [(x * x, shared, os.getpid()) for x in chunk]


@pytest.mark.parametrize("jobs,n", [("1", 500), ("2", 500), ("2", 10)])
def test_map_chunks_runs_meanwhile_once_while_results_keep_their_order(
    monkeypatch, jobs, n
):
    monkeypatch.setenv("GEN_MODELS_JOBS", jobs)
    calls = []
    got = map_chunks(
        _square, list(range(n)), "s", meanwhile=lambda: calls.append(os.getpid())
    )
    assert [x for x, _, _ in got] == [i * i for i in range(n)]
    assert {s for _, s, _ in got} == {"s"}
    assert calls == [os.getpid()]  # once, in this process
    workers = {pid for _, _, pid in got}
    if jobs == "2" and n >= 100:
        assert os.getpid() not in workers  # the work was done by workers meanwhile
    else:
        assert workers == {os.getpid()}
