"""Forms for amendments: they check the shape of the input; services check the rules."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee import submitters
from committee.models import Amendment, AmendmentChange, Committee, Group
from drafting.inputs import EARLIEST, LATEST, MAX_ID, BoundedDateTimeField, TextField
from drafting.models import MAX_TEXT_LENGTH, Paragraph

INSERT_KIND_CHOICES = [
    (k.value, k.label) for k in Paragraph.Kind if k.value in AmendmentChange.INSERT_KINDS
]


class SubmittersForm(forms.Form):
    """Who submits it, in what language, and why. Countries only for the Government group."""

    countries = forms.ModelMultipleChoiceField(
        label=_("Government members of"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regional_group = forms.ModelChoiceField(
        label=_("or on behalf of the regional group"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
    )
    language = forms.ChoiceField(
        label=_("Language of submission"), choices=Amendment.Language.choices, initial="en"
    )
    explanatory_note = TextField(
        label=_("Explanatory note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, committee: Committee, group: Group, access, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        if group.kind == Group.Kind.GOVERNMENT:
            # Only whom this coordinator speaks for (the services check it again).
            self.fields["countries"].queryset = submitters.own_countries(access).order_by("name")
            self.fields["regional_group"].queryset = submitters.own_regional_groups(access)
        else:
            del self.fields["countries"]
            del self.fields["regional_group"]

    def submitter_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "countries": list(data.get("countries") or []),
            "regional_group": data.get("regional_group"),
            "language": data["language"],
            "explanatory_note": data.get("explanatory_note", ""),
        }


class ChangeForm(forms.Form):
    action = forms.ChoiceField(
        label=_("The change"),
        choices=AmendmentChange.Action.choices,
        initial=AmendmentChange.Action.REPLACE,
        widget=forms.RadioSelect,
    )
    insert_kind = forms.ChoiceField(
        label=_("New unit"), choices=INSERT_KIND_CHOICES, required=False
    )
    proposed_text = TextField(
        label=_("Proposed text"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-autofocus": ""}),
    )
    paragraph = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)
    # One per opening of the editor: the same token posted twice saves one draft.
    form_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class EditChangeForm(forms.Form):
    proposed_text = TextField(
        label=_("Proposed text"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-autofocus": ""}),
    )


class ReasonForm(forms.Form):
    reason = TextField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class OptionalReasonForm(forms.Form):
    reason = TextField(
        label=_("Note (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MessageForm(forms.Form):
    reason = TextField(
        label=_("Message to the Group"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TakeUpForm(forms.Form):
    taken_up_by = TextField(label=_("Taken up by"), max_length=500, multiline=False)
    reason = TextField(
        label=_("Note (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SecondForm(forms.Form):
    seconded_by = TextField(label=_("Seconded by"), max_length=500, multiline=False)


class SubamendmentForm(forms.Form):
    proposed_text = TextField(
        label=_("Text as subamended"),
        max_length=MAX_TEXT_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    submitters = TextField(
        label=_("Proposed by"),
        required=False,
        multiline=False,
        max_length=1000,
        help_text=_("For example: the Worker members; the Government member of Kenya."),
    )

    def __init__(self, *args, access, group: Group | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not access.is_secretariat and group is not None:
            # In writing a coordinator speaks for their own Group; the secretariat records
            # an oral subamendment from anyone.
            names = submitters.subamendment_submitters(access, group)
            self.fields["submitters"] = forms.ChoiceField(
                label=_("Proposed by"),
                choices=[(n, n) for n in names],
                initial=names[0],
                required=False,
            )


class DeadlineForm(forms.Form):
    deadline = BoundedDateTimeField(
        label=_("Deadline for tabling amendments"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the committee's time zone. Leave empty for no deadline."),
    )

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        self.committee = committee
        if committee.amendment_deadline and "initial" not in kwargs:
            local = timezone.localtime(committee.amendment_deadline, committee.zone)
            kwargs["initial"] = {"deadline": local.replace(tzinfo=None)}
        super().__init__(*args, **kwargs)
        # A deadline falls in the session's year, give or take a year.
        earliest, latest = committee.deadline_bounds()
        field = self.fields["deadline"]
        field.earliest, field.latest = max(earliest, EARLIEST), min(latest, LATEST)

    def clean_deadline(self) -> datetime | None:
        value = self.cleaned_data.get("deadline")
        if value is None:
            return None
        # The form field made it aware in the server's zone; the user meant the committee's.
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        session = self.committee.session
        # A session's dates are set in committee set-up; the demo's session has none.
        if (session.start_date and naive.date() < session.start_date) or (
            session.end_date and naive.date() > session.end_date
        ):
            raise forms.ValidationError(
                _("The deadline must fall within the session (%(start)s to %(end)s).")
                % {"start": session.start_date, "end": session.end_date}
            )
        return timezone.make_aware(naive, self.committee.zone)
