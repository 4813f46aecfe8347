"""What each reader may see of an amendment's history.

The Group that drafts an amendment sees all of it. Everyone else sees only what was put before
them: the amendment from tabling on and, for the secretariat, each late submission as it was
submitted (and its own decision on it). What the Group wrote in between (before tabling, or
privately again after a late amendment was declined) stays the Group's.
"""

from __future__ import annotations

from datetime import datetime

from committee.access import Access
from committee.models import Amendment, AmendmentChange


def _shown_to(access: Access, record) -> bool:
    if record.number is not None:
        return True
    return access.is_secretariat and record.status == Amendment.Status.LATE


def visible_history(access: Access, amendment: Amendment) -> tuple[list, list]:
    """(amendment records, change records) `access` may read, newest first."""
    records = list(
        amendment.history.select_related("history_user").order_by("history_date", "history_id")
    )
    changes = list(
        AmendmentChange.history.filter(amendment_id=amendment.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if access.coordinates(amendment.group_id):
        return records[::-1], changes[::-1]
    shown, windows = [], []
    for i, record in enumerate(records):
        following = records[i + 1].history_date if i + 1 < len(records) else None
        if _shown_to(access, record):
            start = record.history_date
            if record.number is not None and record.tabled_at is not None:
                # Amendments tabled before submissions were stamped with one time.
                start = min(start, record.tabled_at)
            shown.append(record)
            windows.append((start, following))
        elif i and _shown_to(access, records[i - 1]):
            # The step that ended what they saw (a late amendment declined): who, when, why.
            shown.append(record)
    return shown[::-1], [c for c in changes if _within(c.history_date, windows)][::-1]


def _within(when: datetime, windows: list[tuple[datetime, datetime | None]]) -> bool:
    return any(start <= when and (end is None or when < end) for start, end in windows)
