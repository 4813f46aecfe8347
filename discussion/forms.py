from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.access import Access
from committee.models import Committee, Country, Group
from discussion.models import Point
from discussion.services import MAX_LABEL, MAX_POINT_TEXT, parse_mmss
from discussion.tally import mmss
from drafting.inputs import MAX_ID, TextField


class PointForm(forms.Form):
    text_en = TextField(
        label=_("Question (English, the working language)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_POINT_TEXT,
    )
    text_fr = TextField(
        label=_("Question (French)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_POINT_TEXT,
    )
    text_es = TextField(
        label=_("Question (Spanish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_POINT_TEXT,
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ID
    )


class AllocationForm(forms.Form):
    """One minutes:seconds field per Group, regional group and the observers."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)

    def __init__(self, point: Point, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {a.key: a.seconds for a in point.allocations.all()}
        self.slot_fields: list[str] = []
        help_text = _("minutes:seconds, e.g. 12:30")
        for group in point.committee.groups.all():
            self._slot(f"g{group.pk}", group.name, current, help_text, group=True)
        for rg in point.committee.regional_groups.all():
            self._slot(
                f"r{rg.pk}", rg.name, current, _("Optional: its own time, else Government time")
            )
        self._slot("obs", _("Observers"), current, _("Optional"))
        self.initial.setdefault("version", point.version)

    def _slot(self, key, label, current, help_text, group=False):
        self.fields[key] = forms.CharField(
            label=label,
            required=False,
            max_length=10,
            help_text=help_text,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0:00"}),
        )
        self.initial[key] = mmss(current[key]) if current.get(key) is not None else ""
        self.slot_fields.append(key)

    def clean(self):
        cleaned = super().clean()
        self.seconds: dict[str, int | None] = {}
        for key in self.slot_fields:
            try:
                self.seconds[key] = parse_mmss(self.data.get(key, ""))
            except ValueError as exc:
                self.add_error(key, str(exc))
        return cleaned

    @property
    def slots(self):
        return [self[key] for key in self.slot_fields]


class SpeakerForm(forms.Form):
    label = TextField(
        label=_("Speaker"),
        required=False,
        multiline=False,
        max_length=MAX_LABEL,
        help_text=_(
            "As the records name them, e.g. “Employer Vice-Chairperson”. "
            "Left empty, it is written from the Group, country and regional group."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), required=False, empty_label=None
    )
    country = forms.ModelChoiceField(
        label=_("Country (Government members)"), queryset=Country.objects.all(), required=False
    )
    regional_group = forms.ModelChoiceField(
        label=_("On behalf of (regional group)"), queryset=Group.objects.none(), required=False
    )

    def __init__(self, committee: Committee, access: Access, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation accepts any Group of this committee (the view refuses other Groups' speakers
        # with a 403); the choices shown are only those the user may use.
        groups = committee.groups.all()
        self.fields["group"].queryset = groups
        self.fields["regional_group"].queryset = committee.regional_groups.all()
        if access.is_secretariat:
            self.fields["group"].empty_label = _("Observers")
            self.fields["group"].widget.choices = [
                *[(g.pk, g.name) for g in groups],
                ("", _("Observers")),
            ]
        else:
            self.fields["group"].widget.choices = [
                (g.pk, g.name) for g in groups if access.coordinates(g.pk)
            ]


class RenewScreenKeyForm(forms.Form):
    """Renew the projector's screen key. `current` names the key the page showed (a digest, not
    the key), so that a renewal from a page loaded before a colleague's is refused."""

    current = forms.CharField(max_length=64, widget=forms.HiddenInput)
