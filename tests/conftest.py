"""Shared pytest setup: the ``--update-golden`` switch (same as ``GEN_MODELS_UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import os


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*/expected (and diagnostics.txt) from the current generator",
    )


def pytest_configure(config):
    if config.getoption("--update-golden", default=False):
        os.environ["GEN_MODELS_UPDATE_GOLDEN"] = "1"


# hypothesis profiles for the fuzz tests (tests/unit/test_fuzz.py says how to fuzz longer)
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
else:
    _SLOW = [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ]
    # CI: reproducible (derandomized, no example database), no per-example deadline
    settings.register_profile(
        "gen-models",
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=_SLOW,
    )
    # GEN_MODELS_FUZZ_EXAMPLES=N: a longer, random local run that remembers its failures
    settings.register_profile(
        "gen-models-long",
        deadline=None,
        derandomize=False,
        print_blob=True,
        suppress_health_check=_SLOW,
    )
    settings.load_profile(
        "gen-models-long"
        if os.environ.get("GEN_MODELS_FUZZ_EXAMPLES")
        else "gen-models"
    )
