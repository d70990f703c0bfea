from __future__ import annotations

import pytest

from guard import SecretGuard
from tests.guard.corpus import Sample, build_corpus


@pytest.fixture(scope="session")
def guard() -> SecretGuard:
    return SecretGuard()


@pytest.fixture(scope="session")
def corpus() -> list[Sample]:
    return build_corpus()
