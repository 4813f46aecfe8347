from __future__ import annotations

import pytest

from tests.committee.amendment_fixtures import make_draft


@pytest.fixture
def text(committee):
    """The committee's draft: {"p1": Paragraph, "p2": ..., "a": clause (a), ...}."""
    return make_draft(committee)
