"""The summary of one point for discussion as a Word document (python-docx)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _

from discussion.tally import Tally, mmss
from drafting.inputs import xml_text


def summary_docx(t: Tally) -> bytes:
    from docx import Document

    point = t.point
    doc = Document()
    doc.core_properties.title = _("Summary of point %(n)s") % {"n": point.number}
    doc.add_heading(xml_text(str(point.committee)), level=1)
    doc.add_heading(
        _("General discussion: point %(n)s") % {"n": point.number},
        level=2,
    )
    doc.add_paragraph(xml_text(point.text))

    doc.add_heading(_("Speakers"), level=3)
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

    doc.add_heading(_("Time per Group"), level=3)
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

    out = BytesIO()
    doc.save(out)
    return out.getvalue()
