"""The migration that gives history its kind reads the old entries right and loses nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("drafting", "0002_parallel_texts")]
AFTER = [("drafting", "0003_history_kind")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_entries_get_their_kind_from_what_changed():
    apps = migrate(BEFORE)
    try:
        Draft = apps.get_model("drafting", "Draft")
        Paragraph = apps.get_model("drafting", "Paragraph")
        History = apps.get_model("drafting", "HistoricalParagraph")
        draft = Draft.objects.create(title="Conclusions")
        unit = Paragraph.objects.create(draft=draft, kind="paragraph", text="Migration.")
        now = timezone.now()

        def entry(n, kind="~", **fields):
            values = {"text": "Migration.", "position": 0, "is_deleted": False, **fields}
            History.objects.create(
                id=unit.pk, draft_id=draft.pk, kind="paragraph", version=n, history_type=kind,
                history_date=now + timezone.timedelta(seconds=n), **values,
            )  # fmt: skip

        entry(1, "+")
        entry(2, text="Fair migration.", history_change_reason="Shorter")
        entry(3, text="Fair migration!", history_change_reason="Correction rédactionnelle : !")
        entry(4, text="Fair migration!", position=10)
        entry(5, text="Fair migration!", position=10, is_deleted=True)
        entry(6, text="Fair migration!", position=10)

        apps = migrate(AFTER)
        History = apps.get_model("drafting", "HistoricalParagraph")
        rows = History.objects.filter(id=unit.pk).order_by("history_date")
        assert [r.history_kind for r in rows] == [
            "created", "edited", "editorial", "moved", "deleted", "undeleted",
        ]  # fmt: skip
        assert [r.text for r in rows][-1] == "Fair migration!"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
