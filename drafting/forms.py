from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from drafting.inputs import MAX_ID, TextField
from drafting.models import MAX_TEXT_LENGTH, Paragraph

MAX_DOCX_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    # The whole draft at once: the importer checks it line by line under the input policy and
    # says which line holds what it refuses (Django's request size limit bounds it).
    text = forms.CharField(
        label=_("Text of the draft"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "import-text"}),
        help_text=_(
            "Paste the text: sections (“Resolution concerning …”, “Conclusions concerning …”), "
            "parts (I., II.), paragraphs (1., 2.), clauses ((a), (b)) and sub-clauses "
            "((i), (ii)), one per line."
        ),
    )
    file = forms.FileField(
        label=_("Or a Word document (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    reason = TextField(label=_("Reason"), required=False, max_length=1000, multiline=False)
    replace = forms.BooleanField(
        label=_("Replace the current text (it is marked deleted and stays in the history)"),
        required=False,
    )
    draft_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Only Word documents (.docx) can be read."))
        if upload.size > MAX_DOCX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 10 MB)."))
        return upload


class InsertForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of unit"),
        choices=[(k, label) for k, label in Paragraph.Kind.choices],
    )
    text = TextField(
        label=_("Text"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "data-autofocus": ""}),
        strip=False,
        required=False,
    )
    reason = TextField(label=_("Reason"), required=False, max_length=1000, multiline=False)
    draft_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)
