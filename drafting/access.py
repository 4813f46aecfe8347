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


def paragraph_actions(user, draft) -> str | None:
    """A template to include beside each unit (e.g. "Propose amendment"), or None."""
    return policy().paragraph_actions(user, draft)


def page_context(user, draft) -> dict:
    """Extra context for drafting pages (e.g. the committee, for the navigation), if offered."""
    hook = getattr(policy(), "page_context", None)
    return dict(hook(user, draft)) if hook else {}
