"""Who may read and edit a draft: asked of the policy named in settings.DRAFTING_ACCESS_POLICY.

The drafting app knows nothing of committees; the project decides (committee.access.DraftAccess).
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _policy_for(path: str):
    return import_string(path)()


def policy():
    return _policy_for(settings.DRAFTING_ACCESS_POLICY)


def can_view(user, draft) -> bool:
    return bool(user.is_authenticated and policy().can_view(user, draft))


def can_edit(user, draft) -> bool:
    return bool(user.is_authenticated and policy().can_edit(user, draft))


FREE, EDITORIAL = "free", "editorial"


def edit_mode(user, draft) -> str | None:
    """How the user may edit the text: "free", "editorial" (corrections labelled as such, with
    a reason: the text is before a body that changes it otherwise) or None. Policies without
    the hook allow free editing to whoever can edit."""
    if not user.is_authenticated:
        return None
    hook = getattr(policy(), "edit_mode", None)
    if hook is None:
        return FREE if can_edit(user, draft) else None
    return hook(user, draft)


def editorial_reason(reason: str) -> str:
    """The reason an editorial correction is recorded with: labelled, in every history."""
    from django.utils.translation import gettext as _

    return _("Editorial correction: %(reason)s") % {"reason": reason}


def can_export(user, draft) -> bool:
    hook = getattr(policy(), "can_export", None)
    return bool(user.is_authenticated and hook and hook(user, draft))


def replace_refusal(user, draft) -> str | None:
    """Why the whole text may not be replaced now (e.g. amendments were tabled to it), or None.
    Policies without the hook allow it to whoever may edit."""
    hook = getattr(policy(), "replace_refusal", None)
    return hook(user, draft) if hook else None


def paragraph_actions(user, draft) -> str | None:
    """A template to include beside each unit (e.g. "Propose amendment"), or None."""
    return policy().paragraph_actions(user, draft)


def page_context(user, draft) -> dict:
    """Extra context for drafting pages (e.g. the committee, for the navigation), if offered."""
    hook = getattr(policy(), "page_context", None)
    return dict(hook(user, draft)) if hook else {}
