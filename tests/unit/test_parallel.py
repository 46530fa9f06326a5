import os

import pytest

from generator.parallel import map_chunks, workers


def _square(chunk, shared):
    return [(x * x, shared, os.getpid()) for x in chunk]


@pytest.mark.parametrize("jobs,n", [(1, 500), (2, 500), (2, 10)])
def test_map_chunks_runs_meanwhile_once_while_results_keep_their_order(jobs, n):
    calls = []
    got = map_chunks(
        _square,
        list(range(n)),
        "s",
        meanwhile=lambda: calls.append(os.getpid()),
        jobs=jobs,
    )
    assert [x for x, _, _ in got] == [i * i for i in range(n)]
    assert {s for _, s, _ in got} == {"s"}
    assert calls == [os.getpid()]  # once, in this process
    workers = {pid for _, _, pid in got}
    if jobs == 2 and n >= 100:
        assert os.getpid() not in workers  # the work was done by workers meanwhile
    else:
        assert workers == {os.getpid()}


def test_jobs_is_the_number_of_workers_and_0_is_one_per_core():
    assert workers(3) == 3
    assert workers(0) == workers() >= 1


def test_the_environment_does_not_choose_the_workers(monkeypatch):
    monkeypatch.setenv(
        "GEN_MODELS_JOBS", "7"
    )  # read by gen-models 0.1; now only --jobs
    assert workers(0) != 7 or os.cpu_count() == 7
