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
