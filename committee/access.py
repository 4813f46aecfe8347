"""Who may do what in a committee, decided from memberships on the server.

`access_for(user, committee)` is computed once per request and answers every question a view
or template asks; views never look at roles themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from committee.models import Committee, Membership

Role = Membership.Role


@dataclass(frozen=True)
class Access:
    committee: Committee
    roles: frozenset[str] = frozenset()
    group_ids: frozenset[int] = frozenset()
    coordinated_group_ids: frozenset[int] = frozenset()
    officers: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_member(self) -> bool:
        return bool(self.roles)

    @property
    def is_secretariat(self) -> bool:
        return Role.SECRETARIAT in self.roles

    @property
    def is_coordinator(self) -> bool:
        return Role.COORDINATOR in self.roles

    @property
    def is_clerk(self) -> bool:
        return Role.CLERK in self.roles

    @property
    def can_read(self) -> bool:
        """Everyone on the committee reads the text and tabled amendments."""
        return self.is_member

    @property
    def can_edit_text(self) -> bool:
        return self.is_secretariat

    @property
    def can_export(self) -> bool:
        return self.is_secretariat or self.is_clerk

    def coordinates(self, group_id: int | None) -> bool:
        return group_id is not None and group_id in self.coordinated_group_ids

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied


def access_for(user, committee: Committee) -> Access:
    if not user.is_authenticated:
        return Access(committee)
    memberships = list(Membership.objects.filter(committee=committee, user=user))
    return Access(
        committee=committee,
        roles=frozenset(m.role for m in memberships),
        group_ids=frozenset(m.group_id for m in memberships if m.group_id),
        coordinated_group_ids=frozenset(
            m.group_id for m in memberships if m.role == Role.COORDINATOR and m.group_id
        ),
        officers=frozenset(m.officer for m in memberships if m.officer),
    )


class DraftAccess:
    """The policy the drafting app asks (settings.DRAFTING_ACCESS_POLICY).

    A draft is readable by anyone on a committee that works on it, editable by its secretariat.
    A draft no committee holds is visible to superusers only.
    """

    @staticmethod
    def _accesses(user, draft) -> list[Access]:
        return [access_for(user, c) for c in Committee.objects.filter(draft=draft)]

    def can_view(self, user, draft) -> bool:
        return user.is_superuser or any(a.can_read for a in self._accesses(user, draft))

    def can_edit(self, user, draft) -> bool:
        return user.is_superuser or any(a.can_edit_text for a in self._accesses(user, draft))

    def can_export(self, user, draft) -> bool:
        return user.is_superuser or any(a.can_export for a in self._accesses(user, draft))

    def paragraph_actions(self, user, draft) -> str | None:
        """A template the draft page includes beside each paragraph (e.g. "Propose amendment").

        It is rendered with the context of the draft page plus `unit` (a drafting.outline.Unit).
        None: no extra actions for this user.
        """
        return None
