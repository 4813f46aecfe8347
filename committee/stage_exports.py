"""The text at each stage as a document: its name as the ILC gives it, its title, its rows.

    rows, meta = stage_text(committee, "adopted_by_committee", "fr")

Stage names are those of `committee.models.Stage` (and "current"): `drafting_group` (the
drafting group's text, as handed to the committee), `committee` (the text as the committee
amends it: as it stands during the committee stage, as the committee left it afterwards),
`adopted_by_committee`, `plenary`, `adopted_by_conference`. Each names its document as the
Conference does: "Draft conclusions", "Conclusions as adopted by the Committee", "Conclusions
as adopted by the Conference"; once the committee has adopted the text its title no longer
says "Draft".
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.models import Committee, Stage, TextSnapshot
from drafting.models import Draft, Paragraph

NAMES = [
    "drafting_group",
    "committee",
    "adopted_by_committee",
    "plenary",
    "adopted_by_conference",
]

HEADINGS = {
    "drafting_group": gettext_lazy("Draft conclusions (the drafting group's text)"),
    "committee": gettext_lazy("Draft conclusions as amended by the Committee"),
    "adopted_by_committee": gettext_lazy("Conclusions as adopted by the Committee"),
    "plenary": gettext_lazy("Conclusions submitted to the Conference"),
    "adopted_by_conference": gettext_lazy("Conclusions as adopted by the Conference"),
    "current": gettext_lazy("The text as it stands now"),
}
# How a text "showing changes since …" names the older version.
LABELS = {
    "drafting_group": gettext_lazy("the drafting group's text"),
    "committee": gettext_lazy("the text as amended by the Committee"),
    "adopted_by_committee": gettext_lazy("the text adopted by the Committee"),
    "plenary": gettext_lazy("the text submitted to the Conference"),
    "adopted_by_conference": gettext_lazy("the text adopted by the Conference"),
    "current": gettext_lazy("the text as it stands now"),
}
ADOPTED = {"adopted_by_committee", "plenary", "adopted_by_conference"}
# "Draft" at the head of a title, in each language: dropped once the text is adopted.
DRAFT_PREFIX = re.compile(r"^(Draft|Projet d[e']|Proyecto d[e'])\s*", re.IGNORECASE)


class StageTextError(ValueError):
    """That stage's text does not exist (yet): the message is for the user."""


def adopted_title(title: str) -> str:
    """ "Draft resolution and conclusions concerning …" -> "Resolution and conclusions …"."""
    bare = DRAFT_PREFIX.sub("", title, count=1)
    if bare == title:
        return title
    bare = re.sub(r"^(résolution) et de ", r"\1 et ", bare, flags=re.IGNORECASE)
    bare = re.sub(r"^(resolución) y de ", r"\1 y ", bare, flags=re.IGNORECASE)
    return bare[:1].upper() + bare[1:]


def stage_meta(draft: Draft, name: str, language: str) -> dict:
    """Title, heading and label of the document of stage `name` (in the active language)."""
    title = draft.title_in(language)
    return {
        "title": adopted_title(title) if name in ADOPTED else title,
        "heading": HEADINGS.get(name, ""),
        "label": LABELS.get(name, ""),
    }


def _latest(committee: Committee, name: str) -> TextSnapshot | None:
    return (
        TextSnapshot.objects.filter(committee=committee, name=name)
        .order_by("-created_at", "-pk")
        .first()
    )


def committee_rows(committee: Committee) -> list:
    """The text as the committee amends it: as it stands during the committee stage, the text
    the committee adopted afterwards; refused before the committee has it."""
    from committee import stages

    adopted = _latest(committee, "adopted_by_committee")
    if adopted is not None and stages.current_stage(committee) != Stage.COMMITTEE:
        return stages.snapshot_rows(adopted)
    if stages.current_stage(committee) == Stage.COMMITTEE:
        return list(Paragraph.objects.filter(draft_id=committee.draft_id))
    raise StageTextError(
        _("The text has not reached that stage yet: %(label)s.")
        % {"label": str(Stage.COMMITTEE.label)}
    )


def available(committee: Committee) -> list[tuple[str, str]]:
    """The stages whose text exists, as (name, heading), and the text as it stands now."""
    from committee import stages

    taken = set(TextSnapshot.objects.filter(committee=committee).values_list("name", flat=True))
    stage = stages.current_stage(committee)
    out = []
    for name in NAMES:
        if name == "committee":
            ok = stage == Stage.COMMITTEE or "adopted_by_committee" in taken
        else:
            ok = name in taken
        if ok:
            out.append((name, str(HEADINGS[name])))
    return [*out, ("current", str(HEADINGS["current"]))]


def filename(draft: Draft, stage: str, language: str, *, changes: bool = False) -> str:
    """ "C.G.D.Mig-D.1-adopted_by_committee-fr-changes": never two downloads of one name."""
    base = draft.symbol or f"draft-{draft.pk}"
    safe = "".join(c if c.isalnum() or c in "._" else "-" for c in base).strip("-.") or "draft"
    return f"{safe}-{stage}-{language}" + ("-changes" if changes else "")
