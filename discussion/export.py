"""The summary of one point for discussion as a Word document.

Drafting's `DocxBuilder` gives it the look of the other exports: A4, the body font, the
committee and the point in the running header, "Page n of N" in the footer, real properties.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from discussion.tally import Tally, mmss
from drafting.exports.docx import DocxBuilder
from drafting.inputs import xml_text


def summary_docx(t: Tally) -> bytes:
    point = t.point
    committee = point.committee
    language = (translation.get_language() or "en")[:2]
    builder = DocxBuilder(author=str(committee), date=t.now.astimezone(dt.UTC), language=language)
    title = _("Summary of point %(n)s") % {"n": point.number}
    builder.properties(title=title, subject=str(committee), author=str(committee), when=t.now)
    builder.header_footer(
        committee.acronym or str(committee),
        title,
        _("Page %(page)s of %(pages)s") % {"page": "{page}", "pages": "{pages}"},
    )
    doc = builder.document
    session = getattr(committee.session, "name", "")
    if session:
        builder.text(session, "Subtitle")
    builder.text(str(committee), "Subtitle")
    builder.text(_("General discussion: point %(n)s") % {"n": point.number}, "Title")
    from drafting.exports.document import format_moment

    builder.text(format_moment(timezone.localtime(t.now, committee.zone), language), "Subtitle")
    builder.text(point.text)

    builder.text(_("Speakers"), "Heading 3")
    speakers = doc.add_table(rows=1, cols=4)
    speakers.style = "Table Grid"
    for cell, text in zip(
        speakers.rows[0].cells, ["#", _("Speaker"), _("Group"), _("Time used")], strict=True
    ):
        cell.text = text
    for i, st in enumerate(t.called, start=1):
        row = speakers.add_row().cells
        row[0].text = str(i)
        row[1].text = xml_text(st.speaker.label)
        row[2].text = xml_text(st.speaker.group_label)
        row[3].text = mmss(st.seconds)

    builder.text(_("Time per Group"), "Heading 3")
    times = doc.add_table(rows=1, cols=4)
    times.style = "Table Grid"
    for cell, text in zip(
        times.rows[0].cells, [_("Group"), _("Allocated"), _("Used"), _("Remaining")], strict=True
    ):
        cell.text = text
    for slot in t.slots:
        row = times.add_row().cells
        row[0].text = xml_text(slot.label)
        row[1].text = mmss(slot.allocated)
        row[2].text = mmss(slot.used)
        row[3].text = mmss(slot.remaining) + (f" ({_('Overrun')})" if slot.overrun else "")
    row = times.add_row().cells
    row[0].text = _("Total")
    row[1].text = mmss(t.allocated)
    row[2].text = mmss(t.used)
    row[3].text = mmss(t.remaining)

    return builder.to_bytes()
