"""The compilation as Akoma Ntoso 3.0: an `amendmentList` whose components are `amendment`s.

    <amendmentList name="compilationOfAmendments">
      <meta> FRBR of the compilation; the ILO, Draftroom and the committee as TLCOrganization
      <preface> the draft's symbol, the session, the title
      <collectionBody>
        <component eId="cmp_1">
          <amendment name="amendment">
            <meta> FRBR of the amendment; its submitters as TLCOrganization (a Group, a regional
                   group) or TLCPerson (the Government member of a country)
            <preface> docNumber (C.G.D.Mig/D.12), docProponent, docStatus
            <amendmentBody>
              <amendmentHeading> the number and submitters
              per change: <amendmentReference> (a <ref> to the unit's eId in the draft's export)
                          <amendmentContent> a <mod> with the proposed words in <quotedText>,
                                             and the change as <del>/<ins> against the current text
              <amendmentJustification> the explanatory note
            <components> subamendments, each an `amendment name="subamendment"`

Amendments come in the order of the text (the first place each changes). Every eId inside a
component is prefixed with the component's ("cmp_1__..."), as the naming convention asks, so
they stay unique in the whole list. The result validates against the OASIS schema.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from committee.exports import CompilationDocument, Item, Place
from drafting.exports.akn import COUNTRY, ORGANIZATION, AknBuilder, el, slug
from drafting.inputs import xml_text


def _references(meta, references) -> None:
    refs = el("references", meta, source="#draftroom")
    for tag, eid, href, show in references:
        el(tag, refs, eId=eid, href=href, showAs=show)


def _mod_text(item: Item, place: Place) -> str:
    if item.action == "delete":
        return _("Delete %(reference)s.") % {"reference": place.reference}
    if item.action == "insert":
        return _("%(action)s %(reference)s:") % {
            "action": item.action_label,
            "reference": place.reference,
        }
    return _("In %(reference)s, the text shall read:") % {"reference": place.reference}


class _Writer:
    def __init__(self, document: CompilationDocument) -> None:
        self.document = document
        self.builder = AknBuilder(language=document.language, date=document.date)

    def amendment_work(self, item: Item) -> str:
        date = (item.tabled_on or self.document.date).isoformat()
        return f"/akn/{COUNTRY}/amendment/{date}/{slug(item.symbol)}"

    def amendment(self, component, prefix: str, item: Item, changes: list[tuple[Item, Place]]):
        builder = AknBuilder(language=self.document.language, date=item.tabled_on)
        node = el("amendment", component, name="amendment")
        builder.meta(node, work=self.amendment_work(item), component="main")
        meta = node.find(f"{{{node.nsmap[None]}}}meta")
        _references(meta, [(p.tag, prefix + p.eid, p.href, p.show_as) for p in item.parties])
        proponents = " ".join(f"#{prefix}{p.eid}" for p in item.parties)
        preface = el("preface", node)
        el("docNumber", el("p", preface, class_="number"), item.symbol)
        el("docProponent", el("p", preface, class_="proponent"), item.submitters,
           refersTo=proponents)  # fmt: skip
        status = item.status + "".join(f"; {note}" for note in item.notes)
        el("docStatus", el("p", preface, class_="status"), status)

        body = el("amendmentBody", node)
        heading = el("amendmentHeading", body, eId=f"{prefix}heading")
        el("p", heading, f"{item.short_symbol} — {item.submitters}")
        for number, (change, place) in enumerate(changes, start=1):
            reference = el("amendmentReference", body, eId=f"{prefix}ref_{number}")
            p = el("p", reference)
            href = f"{self.document.draft_work}/!main#{place.target_eid}"
            if self.document.draft_work and place.target_eid:
                el("ref", p, place.reference, eId=f"{prefix}ref_{number}__ref", href=href)
            else:
                p.text = xml_text(place.reference)
            if change.tabled_as:
                el("p", reference, _("Tabled as: %(reference)s") % {"reference": change.reference})
            content = el("amendmentContent", body, eId=f"{prefix}chg_{number}")
            mod = el("mod", el("p", content), _mod_text(change, place),
                     eId=f"{prefix}chg_{number}__mod")  # fmt: skip
            if change.action != "delete":
                el("quotedText", mod, change.proposed_text or "")
            builder.p(content, change.ops, class_="trackChanges")
            if change.tabled_note:
                el("p", content, change.tabled_note, class_="tabledTo")
            if change.marker:
                el("p", content, change.marker, class_="translationMissing")
            if change.translated_text:
                el("p", content, change.translated_text, class_="translation")
            if change.cluster_label:
                el("p", content, change.cluster_label, class_=f"cluster {change.cluster_kind}")
        if item.explanatory_note:
            justification = el("amendmentJustification", body, eId=f"{prefix}note")
            for line in item.explanatory_note.splitlines() or [item.explanatory_note]:
                if line.strip():
                    el("p", justification, line.strip())

        subs = [(c, place, s) for c, place in changes for s in c.subamendments]
        if subs:
            components = el("components", node, eId=f"{prefix}subs")
            for n, (_change, place, sub) in enumerate(subs, start=1):
                sub_prefix = f"{prefix}cmp_{n}__"
                component = el("component", components, eId=f"{prefix}cmp_{n}")
                sub_node = el("amendment", component, name="subamendment")
                builder.meta(sub_node, work=self.amendment_work(item),
                             component=f"subamendment_{n}")  # fmt: skip
                sub_preface = el("preface", sub_node)
                el("docProponent", el("p", sub_preface, class_="proponent"), sub.submitters,
                   refersTo=proponents)  # fmt: skip
                el("docStatus", el("p", sub_preface, class_="status"),
                   f"{sub.status} ({sub.origin})")  # fmt: skip
                sub_body = el("amendmentBody", sub_node)
                el("p", el("amendmentHeading", sub_body),
                   _("Subamendment to %(symbol)s") % {"symbol": item.short_symbol})  # fmt: skip
                sub_content = el("amendmentContent", sub_body, eId=f"{sub_prefix}chg")
                sub_mod = el("mod", el("p", sub_content),
                             _("In %(symbol)s (%(reference)s), the proposed text shall read:")
                             % {"symbol": item.short_symbol, "reference": place.reference},
                             eId=f"{sub_prefix}chg__mod")  # fmt: skip
                el("quotedText", sub_mod, sub.text)
                builder.p(sub_content, sub.ops, class_="trackChanges")
        return node

    def render(self) -> bytes:
        document = self.document
        builder = self.builder
        work = f"/akn/{COUNTRY}/amendmentList/{builder.date}/{slug(document.acronym)}-compilation"
        references = [
            ORGANIZATION[:2] + (_("International Labour Organization"),),
            ("draftroom", "/ontology/organization/un/ilo.draftroom", "Draftroom"),
            ("committee", f"/ontology/organization/un/ilo.{slug(document.committee)}",
             document.committee),
        ]  # fmt: skip
        root = el("akomaNtoso")
        collection = el("amendmentList", root, name="compilationOfAmendments")
        builder.meta(collection, work=work, component="main", references=references)
        title = f"{document.title}: {document.draft_title}" if document.draft_title else None
        builder.preface(
            collection,
            title=title or document.title,
            symbol=document.symbol,
            session=document.session,
        )
        body = el("collectionBody", collection)
        # One amendment per tabled amendment, in the order of the text; its changes in order.
        order: dict[int, list[tuple[Item, Place]]] = {}
        for place in document.places:
            for item in place.items:
                order.setdefault(item.amendment_pk, []).append((item, place))
        for number, changes in enumerate(order.values(), start=1):
            component = el("component", body, eId=f"cmp_{number}")
            self.amendment(component, f"cmp_{number}__", changes[0][0], changes)
        if not order:
            # The schema wants at least one component: an empty list says so in words.
            component = el("component", body, eId="cmp_1")
            doc = el("doc", component, name="note")
            builder.meta(doc, work=work, component="note")
            el("p", el("mainBody", doc), _("No tabled amendment matches."))
        return builder.serialize(root)


def render_akn(document: CompilationDocument) -> bytes:
    with translation.override(document.language):
        return _Writer(document).render()
