"""A small draft for amendment tests, and helpers to prepare and table amendments."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from committee import services
from committee.access import access_for
from committee.models import Amendment, Committee
from drafting.models import Draft, Paragraph

K = Paragraph.Kind


def add(draft, kind, text, parent=None, position=0):
    return Paragraph.objects.create(
        draft=draft, kind=kind, text=text, parent=parent, position=position
    )


def make_draft(committee: Committee) -> dict[str, Paragraph]:
    """Conclusions with a part, three paragraphs, clauses: enough to amend."""
    draft = Draft.objects.create(title="Conclusions concerning labour migration", symbol="D.0")
    part = add(draft, K.PART, "Guiding principles", position=0)
    p1 = add(draft, K.PARAGRAPH, "Labour migration should be fair and effective.", part, 0)
    p2 = add(draft, K.PARAGRAPH, "Members should:", part, 1)
    c_a = add(draft, K.CLAUSE, "ratify the relevant Conventions;", p2, 0)
    c_b = add(draft, K.CLAUSE, "protect the rights of migrant workers;", p2, 1)
    p3 = add(
        draft,
        K.PARAGRAPH,
        "The Office should support constituents in developing labour migration policies.",
        part,
        2,
    )
    committee.draft = draft
    committee.save(update_fields=["draft"])
    return {"draft": draft, "part": part, "p1": p1, "p2": p2, "a": c_a, "b": c_b, "p3": p3}


def user(username: str):
    return get_user_model().objects.get(username=username)


def access(committee: Committee, username: str):
    return access_for(user(username), Committee.objects.get(pk=committee.pk))


def prepare(
    committee: Committee,
    username: str,
    paragraph: Paragraph,
    text: str = "",
    *,
    action: str = "replace",
    **kwargs,
) -> Amendment:
    """A draft amendment by the coordinator `username` with one change."""
    paragraph.refresh_from_db()
    if username in ("government", "africa") and "countries" not in kwargs:
        kwargs.setdefault(
            "regional_group",
            committee.regional_groups.get(
                name="GRULAC" if username == "government" else "Africa group"
            ),
        )
    return services.create_amendment(
        access(committee, username),
        user(username),
        paragraph_id=paragraph.pk,
        action=action,
        proposed_text=text,
        base_version=paragraph.version,
        **kwargs,
    )


def table(committee: Committee, username: str, paragraph: Paragraph, text: str = "", **kw):
    amendment = prepare(committee, username, paragraph, text, **kw)
    return services.table_amendment(access(committee, username), user(username), amendment.pk)
