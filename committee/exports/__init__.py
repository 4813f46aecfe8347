"""Exports of the compilation of amendments: DOCX, PDF, HTML and Akoma Ntoso 3.0.

    document = build_compilation(committee, access=request.access, params=request.GET)
    result = render(document, "docx")   # -> drafting.exports.Export(content, filename, type)

`build_compilation` reads the same amendments as the compilation page
(`committee.compilation.tabled_amendments`, in the order of `committee.compilation.build`) and
turns them into a neutral model (`CompilationDocument` of `Place`s, `Cluster`s and `Item`s, every
change as diff operations against the paragraph's current text). Each format only reads the
model and reuses the drafting exports' builders (DocxBuilder, AknBuilder, the print stylesheet).

Confidentiality: an export is a document for circulation. Whoever asks, it holds tabled
amendments only (those with a number) — never a Group's draft, never an amendment submitted late
and not yet accepted — exactly what the compilation page shows. The command, which runs with no
user, reads them as any member of the committee would (`public_access`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee import compilation as comp
from committee import names
from committee.access import Access
from committee.models import Amendment, AmendmentChange, Committee, Group, Membership
from drafting import inputs
from drafting.exports import Export, ExportError, Format
from drafting.exports.document import LANGUAGES, Ops, check_language
from drafting.models import Paragraph
from drafting.outline import outline
from drafting.references import localise
from drafting.textdiff import word_diff

__all__ = [
    "FORMATS",
    "CompilationDocument",
    "ExportError",
    "build_compilation",
    "public_access",
    "render",
]

Action = AmendmentChange.Action
Status = Amendment.Status
# "For the next sitting": still before the committee (deferred ones come back too).
PENDING = (Status.TABLED, Status.CLARIFICATION, Status.DEFERRED)
FILTERS = ("group", "status", "paragraph", "q")


FORMATS: dict[str, Format] = {
    f.key: f
    for f in [
        Format(
            "docx",
            "Word (DOCX)",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "committee.exports.word:render_docx",
        ),
        Format("pdf", "PDF", "pdf", "application/pdf", "committee.exports.web:render_pdf"),
        Format(
            "html",
            "HTML",
            "html",
            "text/html; charset=utf-8",
            "committee.exports.web:render_html",
        ),
        Format(
            "akn",
            "Akoma Ntoso 3.0 (XML)",
            "akn.xml",
            "application/akn+xml",
            "committee.exports.akn:render_akn",
        ),
    ]
}


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """One submitter as Akoma Ntoso names it: a Group, a regional group or a country's member."""

    eid: str
    tag: str  # "TLCOrganization" or "TLCPerson"
    href: str
    show_as: str


@dataclass
class Subitem:
    submitters: str
    origin: str
    status: str
    text: str
    ops: Ops
    created_at: dt.datetime | None = None


@dataclass
class Item:
    """One change of one tabled amendment, at one place in the text."""

    amendment_pk: int
    change_pk: int
    number: int
    symbol: str  # "C.G.D.Mig/D.12"
    short_symbol: str  # "D.12"
    submitters: str
    parties: list[Party]
    status: str  # the status as written ("Adopted as subamended")
    status_key: str
    notes: list[str]  # late, taken up by ..., seconded by ...
    reference: str  # the reference as tabled, in the document's language
    tabled_as: str  # "tabled as Paragraph 4" when the unit has been renumbered since, or ""
    action: str
    action_label: str  # "Delete", "Insert new paragraph", "" for an amendment of the words
    current_text: str
    proposed_text: str
    ops: Ops  # the change as track changes against the current text
    explanatory_note: str
    language: str
    tabled_on: dt.date | None
    subamendments: list[Subitem] = field(default_factory=list)
    # When it was tabled (its Word revisions carry that date), and a note when the unit has
    # changed since ("Tabled to the text of 10 June 2017; …"): `ops` are always as tabled.
    tabled_at: dt.datetime | None = None
    tabled_note: str = ""
    cluster_kind: str = ""  # "identical", "collision" or ""
    cluster_label: str = ""
    # In another language than the working one (committee.compilation.localise): why the change
    # is shown in the working language, and its words in the chosen language where known.
    marker: str = ""
    translated_text: str = ""
    is_original: bool = False

    @property
    def pending(self) -> bool:
        return self.status_key in PENDING


@dataclass
class Cluster:
    kind: str  # "identical" or "collision"
    label: str  # "D.1 and D.2 change the same words; ..."
    items: list[Item]


@dataclass
class Place:
    """A unit of the text (changes to it) or the gap after it (new units)."""

    reference: str
    current_text: str
    is_insertion: bool
    unit_pk: int | None
    target_eid: str  # the unit's eId in the draft's Akoma Ntoso export ("para_12")
    clusters: list[Cluster]
    singles: list[Item]
    marker: str = ""  # the current text is in the working language, for want of a translation

    @property
    def items(self) -> list[Item]:
        return [i for c in self.clusters for i in c.items] + self.singles

    @property
    def count(self) -> int:
        return len({i.amendment_pk for i in self.items})


@dataclass
class CompilationDocument:
    title: str  # "Compilation of amendments"
    symbol: str  # the draft's symbol
    draft_work: str  # the FRBR work of the draft's Akoma Ntoso export
    draft_title: str
    committee: str
    committee_slug: str
    acronym: str
    session: str
    language: str
    generated: dt.datetime
    date: dt.date
    pending_only: bool
    filters: list[str]  # how the selection was narrowed, as sentences
    places: list[Place]
    total: int
    working_language: str = ""
    untranslated: int = 0  # amendments shown in the working language for want of a translation

    @property
    def translation_note(self) -> str:
        """The heading note of a compilation in another language than the working one."""
        if not self.untranslated or self.language == self.working_language:
            return ""
        from committee.translation_services import language_name

        with translation.override(self.language):
            return ngettext(
                "%(count)s amendment not yet translated is shown in the original language "
                "(%(working)s).",
                "%(count)s amendments not yet translated are shown in the original language "
                "(%(working)s).",
                self.untranslated,
            ) % {"count": self.untranslated, "working": language_name(self.working_language)}

    @property
    def author(self) -> str:
        return self.committee or "Committee"

    @property
    def heading(self) -> str:
        with translation.override(self.language):
            if self.pending_only:
                return _("Amendments pending for the next sitting")
            return _("All tabled amendments")

    @property
    def filename_stem(self) -> str:
        base = self.acronym or self.committee_slug or "committee"
        safe = "".join(c if c.isalnum() or c in ".-_" else "-" for c in base).strip("-.")
        suffix = "compilation-pending" if self.pending_only else "compilation"
        return f"{safe or 'committee'}-{suffix}"

    def items(self):
        for place in self.places:
            yield from place.items


# --- building it -------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    return tuple(word_diff(old, new))


def change_ops(change: AmendmentChange, current_text: str) -> Ops:
    """The change as diff operations against the paragraph's current text (as on the page)."""
    if change.action == Action.INSERT:
        return [(1, change.proposed_text)] if change.proposed_text else []
    if change.action == Action.DELETE:
        return [(-1, current_text)] if current_text else []
    return list(_diff(current_text, change.proposed_text))


def public_access(committee: Committee) -> Access:
    """What any member of the committee may see: the access of an export made with no user."""
    return Access(committee=committee, roles=frozenset({Membership.Role.OBSERVER}))


def _action_label(change: AmendmentChange) -> str:
    if change.action == Action.DELETE:
        return _("Delete")
    if change.action == Action.INSERT:
        kinds = {
            "paragraph": _("Insert a new paragraph"),
            "clause": _("Insert a new clause"),
            "subclause": _("Insert a new sub-clause"),
            "preamble": _("Insert a new preambular paragraph"),
        }
        return kinds.get(change.insert_kind, _("Insert"))
    return ""


def _eid(text: str) -> str:
    return slugify(text).replace("-", "") or "x"


def parties(amendment: Amendment, prefix: str = "") -> list[Party]:
    """The submitters as Akoma Ntoso references (TLCOrganization or TLCPerson)."""
    group = amendment.group
    kind = group.kind
    org = "/ontology/organization/un/ilo"
    if kind != Group.Kind.GOVERNMENT:
        return [
            Party(f"{prefix}{kind}", "TLCOrganization", f"{org}.{kind}", str(group.members_label))
        ]
    regional = amendment.submitter_regional_group
    if regional is not None:
        return [
            Party(
                f"{prefix}{_eid(regional.name)}",
                "TLCOrganization",
                f"{org}.{_eid(regional.name)}",
                _("Government members %(of_group)s")
                % {"of_group": names.of_regional_group(regional)},
            )
        ]
    found = [
        Party(
            f"{prefix}gov{country.code.lower()}",
            "TLCPerson",
            f"/ontology/person/un/ilo.government-member.{country.code.lower()}",
            _("Government member of %(country)s") % {"country": names.country_name(country)},
        )
        for country in sorted(amendment.submitter_countries.all(), key=lambda c: c.name)
    ]
    return found or [
        Party(f"{prefix}{kind}", "TLCOrganization", f"{org}.{kind}", str(group.members_label))
    ]


EID_PREFIXES = {
    Paragraph.Kind.PARAGRAPH: "para",
    Paragraph.Kind.CLAUSE: "point",
    Paragraph.Kind.SUBCLAUSE: "point",
    Paragraph.Kind.PART: "part",
    Paragraph.Kind.PREAMBLE: "prmbl",
    Paragraph.Kind.SECTION: "prmbl",
}


def _target_eid(unit) -> str:
    """The eId drafting's Akoma Ntoso export gives the unit (from its stable identity)."""
    if unit is None:
        return ""
    return f"{EID_PREFIXES.get(unit.kind, 'para')}_{unit.pk}"


def _draft_work(draft) -> str:
    """The FRBR work URI drafting's Akoma Ntoso export gives the draft (see render_akn)."""
    if draft is None:
        return ""
    from drafting.exports.akn import COUNTRY, slug

    date = (draft.date or timezone.localdate()).isoformat()
    return f"/akn/{COUNTRY}/doc/conclusions/{date}/{slug(draft.symbol or draft.title)}"


def _notes(amendment: Amendment) -> list[str]:
    notes = []
    if amendment.is_late:
        notes.append(_("accepted late"))
    if amendment.taken_up_by:
        notes.append(_("taken up by %(who)s") % {"who": amendment.taken_up_by})
    if amendment.seconded:
        if amendment.seconded_by:
            notes.append(_("seconded by %(who)s") % {"who": amendment.seconded_by})
        else:
            notes.append(_("seconded"))
    return notes


def entry_ops(entry: comp.Entry) -> Ops:
    """The entry as diff operations between its two texts, in the language it is shown in."""
    change = entry.change
    if change.action == Action.INSERT:
        return [(1, entry.proposed_text)] if entry.proposed_text else []
    if change.action == Action.DELETE:
        return [(-1, entry.current_text)] if entry.current_text else []
    return list(_diff(entry.current_text, entry.proposed_text))


def _item(entry: comp.Entry, current_text: str) -> Item:
    change = entry.change
    amendment = entry.amendment
    return Item(
        amendment_pk=amendment.pk,
        change_pk=change.pk,
        number=amendment.number,
        symbol=amendment.symbol,
        short_symbol=amendment.short_symbol,
        submitters=entry.submitters or amendment.submitters,
        parties=parties(amendment),
        status=str(amendment.get_status_display()),
        status_key=amendment.status,
        notes=_notes(amendment),
        reference=localise(change.reference),
        tabled_as=str(entry.tabled_as),
        action=change.action,
        action_label=_action_label(change),
        current_text=entry.current_text or current_text,
        proposed_text=entry.proposed_text,
        ops=entry_ops(entry),
        explanatory_note=entry.explanatory_note,
        language=amendment.language,
        tabled_on=timezone.localdate(amendment.tabled_at) if amendment.tabled_at else None,
        tabled_at=amendment.tabled_at,
        tabled_note=entry.tabled_note,
        subamendments=[
            Subitem(
                submitters=names.typed_submitters(sub.submitters),
                origin=str(sub.get_origin_display()),
                status=str(sub.get_status_display()),
                text=sub.proposed_text,
                ops=list(_diff(change.proposed_text, sub.proposed_text)),
                created_at=sub.created_at,
            )
            for sub, _html in entry.subamendments
        ],
    )


def _localised_item(entry: comp.Entry, current_text: str) -> Item:
    item = _item(entry, current_text)
    item.marker = entry.marker
    item.translated_text = entry.translated_text
    item.is_original = entry.is_original
    return item


def _filter_sentences(committee: Committee, params: Mapping[str, str], units) -> list[str]:
    out = []
    group = params.get("group", "")
    if group.isdigit():
        found = committee.groups.filter(pk=int(group)).first()
        if found is not None:
            out.append(_("Group: %(group)s") % {"group": found.name})
    status = params.get("status", "")
    if status in Status.values:
        out.append(_("Status: %(status)s") % {"status": Status(status).label})
    paragraph = params.get("paragraph", "")
    if paragraph.isdigit():
        reference = next((u.reference for u in units if u.pk == int(paragraph)), "")
        if reference:
            out.append(_("Only %(reference)s") % {"reference": reference})
    q = (params.get("q") or "").strip()[:200]
    if q:
        out.append(_("Containing “%(words)s”") % {"words": q})
    return out


def check_params(params: Mapping[str, str]) -> list[str]:
    """Messages for filter values that are not understood (empty: all good)."""
    errors = []
    group = params.get("group", "")
    if group and inputs.int_or_none(group) is None:
        errors.append(_("Unknown Group: %(value)s.") % {"value": inputs.query_text(group, 40)})
    status = params.get("status", "")
    if status and status not in Status.values:
        errors.append(_("Unknown status: %(value)s.") % {"value": status})
    paragraph = params.get("paragraph", "")
    if paragraph and inputs.int_or_none(paragraph) is None:
        errors.append(
            _("Unknown paragraph: %(value)s.") % {"value": inputs.query_text(paragraph, 40)}
        )
    return errors


def build_compilation(
    committee: Committee,
    *,
    access: Access | None = None,
    params: Mapping[str, str] | None = None,
    pending_only: bool = False,
    language: str | None = None,
) -> CompilationDocument:
    """The compilation as `access` sees it on the page (default: as any member sees it).

    `params` are the page's filters (group, status, paragraph, q); `pending_only` keeps the
    amendments still before the committee ("for the next sitting").
    """
    params = {k: params.get(k, "") for k in FILTERS} if params else {}
    draft = committee.draft
    language = check_language(language, draft.language if draft else "en")
    errors = check_params(params)
    if errors:
        raise ExportError(" ".join(errors))
    with translation.override(language):
        access = access or public_access(committee)
        amendments = comp.tabled_amendments(access, params)
        if pending_only:
            amendments = [a for a in amendments if a.status in PENDING]
        prefetch_related_objects(amendments, "submitter_countries", "submitter_regional_group")
        for amendment in amendments:
            amendment.committee = committee  # for its symbol, without a query each
        compiled = comp.localise(committee, comp.build(committee, amendments, params), language)
        places = []
        for slot in compiled.slots:
            clusters = []
            for cluster in slot.clusters:
                label = "; ".join([cluster.label, *cluster.identical_labels])
                items = [_localised_item(e, slot.current_text) for e in cluster.entries]
                for item in items:
                    item.cluster_kind, item.cluster_label = cluster.kind, label
                clusters.append(Cluster(cluster.kind, label, items))
            places.append(
                Place(
                    reference=slot.reference,
                    current_text=slot.current_text,
                    is_insertion=slot.is_insertion,
                    unit_pk=slot.unit.pk if slot.unit else None,
                    target_eid=_target_eid(slot.unit),
                    clusters=clusters,
                    singles=[_localised_item(e, slot.current_text) for e in slot.singles],
                    marker=slot.marker,
                )
            )
        paragraph = params.get("paragraph", "")
        units = outline(draft) if draft is not None and paragraph else []
        filters = _filter_sentences(committee, params, units)
        now = timezone.localtime(timezone.now(), committee.zone)
        return CompilationDocument(
            title=_("Compilation of amendments"),
            symbol=draft.symbol if draft else "",
            draft_work=_draft_work(draft),
            draft_title=draft.title_in(language) if draft else "",
            committee=committee.name,
            committee_slug=committee.slug,
            acronym=committee.acronym,
            session=committee.session.name,
            language=language,
            generated=now,
            date=now.date(),
            pending_only=pending_only,
            filters=filters,
            places=places,
            total=len(amendments),
            working_language=compiled.working_language,
            untranslated=compiled.untranslated,
        )


def get_format(key: str | None) -> Format:
    if key not in FORMATS:
        raise ExportError(
            _("Unknown format %(format)s: choose one of %(choices)s.")
            % {"format": key or "", "choices": ", ".join(FORMATS)}
        )
    return FORMATS[key]


def render(document: CompilationDocument, format_key: str) -> Export:
    fmt = get_format(format_key)
    module, function = fmt.renderer.split(":")
    renderer: Callable[[CompilationDocument], bytes | str] = getattr(
        import_module(module), function
    )
    content = renderer(document)
    if isinstance(content, str):
        content = content.encode("utf-8")
    return Export(content, f"{document.filename_stem}.{fmt.extension}", fmt.content_type)


def languages() -> list[tuple[str, str]]:
    return [(code, code.upper()) for code in LANGUAGES]
