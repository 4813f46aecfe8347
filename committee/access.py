"""Who may do what in a committee, decided from memberships on the server.

`access_for(user, committee)` is computed once per request and answers every question a view
or template asks; views never look at roles themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from committee.models import Committee, Membership

Role = Membership.Role
Officer = Membership.Officer
PRESIDING = frozenset({Officer.CHAIRPERSON, Officer.EMPLOYER_VICE_CHAIR, Officer.WORKER_VICE_CHAIR})


@dataclass(frozen=True)
class Access:
    committee: Committee
    roles: frozenset[str] = frozenset()
    group_ids: frozenset[int] = frozenset()
    coordinated_group_ids: frozenset[int] = frozenset()
    officers: frozenset[str] = field(default_factory=frozenset)
    # Whom a Government coordinator may submit for: their own country and regional group.
    coordinated_country_ids: frozenset[int] = frozenset()
    coordinated_regional_group_ids: frozenset[int] = frozenset()

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

    @property
    def can_translate(self) -> bool:
        """The secretariat keeps the French and Spanish texts in step with the source."""
        return self.is_secretariat

    # Amendments. Who may know of an amendment at all is Amendment.objects.visible_to(access).
    @property
    def can_prepare_amendments(self) -> bool:
        """Group coordinators prepare, table and withdraw their own Group's amendments."""
        return bool(self.coordinated_group_ids)

    @property
    def can_manage_amendments(self) -> bool:
        """The secretariat validates tabled amendments and records what happens to them."""
        return self.is_secretariat

    @property
    def can_propose_subamendments(self) -> bool:
        return self.is_secretariat or self.can_prepare_amendments

    # The floor (committee.floor): the sitting console and decisions; the record.
    @property
    def can_run_floor(self) -> bool:
        return self.is_secretariat

    @property
    def can_read_record(self) -> bool:
        return self.is_member

    @property
    def can_follow_as_chair(self) -> bool:
        """The Chair's view (read-only): the Chairperson, the Vice-Chairpersons, and the
        secretariat who sits beside them. Not the Reporter, members or observers."""
        return self.is_secretariat or bool(self.officers & PRESIDING)

    def may_edit_amendment(self, amendment) -> bool:
        return amendment.is_draft and self.coordinates(amendment.group_id)

    def may_withdraw_amendment(self, amendment) -> bool:
        return amendment.is_pending and self.coordinates(amendment.group_id)

    def coordinates(self, group_id: int | None) -> bool:
        return group_id is not None and group_id in self.coordinated_group_ids

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied


def access_for(user, committee: Committee) -> Access:
    if not user.is_authenticated:
        return Access(committee)
    # A deactivated member keeps the row (and its history) but loses every right.
    memberships = list(Membership.objects.filter(committee=committee, user=user, is_active=True))
    return Access(
        committee=committee,
        roles=frozenset(m.role for m in memberships),
        group_ids=frozenset(m.group_id for m in memberships if m.group_id),
        coordinated_group_ids=frozenset(
            m.group_id for m in memberships if m.role == Role.COORDINATOR and m.group_id
        ),
        officers=frozenset(m.officer for m in memberships if m.officer),
        coordinated_country_ids=frozenset(
            m.country_id for m in memberships if m.role == Role.COORDINATOR and m.country_id
        ),
        coordinated_regional_group_ids=frozenset(
            m.regional_group_id
            for m in memberships
            if m.role == Role.COORDINATOR and m.regional_group_id
        ),
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
        return self.edit_mode(user, draft) is not None

    def edit_mode(self, user, draft) -> str | None:
        """How the user may edit the text directly, honouring its stage (committee.stages):
        "free" in the drafting group stage, "editorial" (labelled corrections with a reason)
        in the committee stage, None in the frozen stages or without the right."""
        from committee.stages import current_stage, edit_mode

        committees = list(Committee.objects.filter(draft=draft))
        if not committees:
            return "free" if user.is_superuser else None
        modes = {
            edit_mode(current_stage(c))
            for c in committees
            if user.is_superuser or access_for(user, c).can_edit_text
        }
        return "free" if "free" in modes else "editorial" if "editorial" in modes else None

    def can_export(self, user, draft) -> bool:
        return user.is_superuser or any(a.can_export for a in self._accesses(user, draft))

    def can_translate(self, user, draft) -> bool:
        return user.is_superuser or any(a.can_translate for a in self._accesses(user, draft))

    def replace_refusal(self, user, draft) -> str | None:
        """A committee's draft is replaced only before the first amendment is tabled to it."""
        from django.utils.translation import gettext as _

        from committee.models import Amendment

        if Amendment.objects.filter(draft=draft, number__isnull=False).exists():
            return _(
                "Amendments have been tabled to this text: it can no longer be replaced. "
                "Change it paragraph by paragraph instead."
            )
        return None

    def paragraph_actions(self, user, draft) -> str | None:
        """A template the draft page includes beside each paragraph (e.g. "Propose amendment").

        It is rendered with the context of the draft page plus `unit` (a drafting.outline.Unit).
        None: no extra actions for this user.
        """
        accesses = self._accesses(user, draft)
        if any(a.can_prepare_amendments for a in accesses):
            return "committee/amendments/_paragraph_actions.html"
        if any(a.can_manage_amendments for a in accesses):
            return "committee/amendments/_paragraph_actions_secretariat.html"
        return None

    def page_context(self, user, draft) -> dict:
        """The committee and the user's access to it, so drafting pages show its navigation."""
        committee = Committee.objects.filter(draft=draft).select_related("session").first()
        if committee is None:
            return {}
        return {"committee": committee, "access": access_for(user, committee)}

    def export_meta(self, draft) -> dict:
        """Header data the committee adds to exports of its draft: session and committee name."""
        committee = Committee.objects.filter(draft=draft).select_related("session").first()
        if committee is None:
            return {}
        return {
            "session": committee.session.name,
            "committee": committee.name,
            "author": committee.name,
        }
