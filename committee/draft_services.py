"""A Group sets aside a draft it no longer wants, or takes it back: never deleted, never shown.

A discarded draft has no number, so `Amendment.objects.visible_to` keeps it the Group's alone;
its history keeps every step, like any other draft's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from committee.access import Access
from committee.models import Amendment
from committee.services import (
    AmendmentError,
    _bump,
    _check_version,
    _editable,
    _locked_amendment,
    normalise,
)


def discard_draft(
    access: Access, user, amendment_id, *, version=None, reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _editable(access, amendment_id, version)
        amendment.status = Amendment.Status.DISCARDED
        _bump(amendment, user, normalise(reason) or _("Draft discarded by the Group"))
    return amendment


def restore_draft(
    access: Access, user, amendment_id, *, version=None, reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _locked_amendment(access, amendment_id)
        if not access.coordinates(amendment.group_id):
            raise PermissionDenied
        if not amendment.is_discarded:
            raise AmendmentError(_("Only a discarded draft can be taken back."))
        _check_version(amendment, version)
        amendment.status = Amendment.Status.DRAFT
        amendment.status_message = ""
        _bump(amendment, user, normalise(reason) or _("Draft taken back by the Group"))
    return amendment
