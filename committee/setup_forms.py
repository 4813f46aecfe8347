"""Forms of the committee's set-up: they check the shape of the input; committee.setup, the
import and the composition check the rules."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.members_file import MAX_BYTES
from committee.members_import import ROLES, resolve_country
from committee.models import Committee, Group, Membership, Session
from drafting.inputs import TextField

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
LANGUAGE_CHOICES = settings.LANGUAGES


def _zone_choices():
    return [(z, z) for z in sorted(available_timezones())]


def _local_datetime_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
    )


def in_zone(value: datetime | None, zone) -> datetime | None:
    """The form field made it aware in the server's zone; the user meant the committee's."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return timezone.make_aware(naive, zone)


class SessionForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Zurich")

    class Meta:
        model = Session
        fields = ["number", "year", "name", "place", "start_date", "end_date", "time_zone"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"name": _("e.g. 113th Session of the International Labour Conference")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = _zone_choices()
        self.fields["start_date"].required = True
        self.fields["end_date"].required = True

    def clean(self):
        data = super().clean()
        start, end, year = data.get("start_date"), data.get("end_date"), data.get("year")
        if start and end and end < start:
            self.add_error("end_date", _("The session cannot close before it opens."))
        if start and year and start.year != year:
            self.add_error("start_date", _("The session opens in another year."))
        return data


class CommitteeCreateForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.all())
    name = TextField(multiline=False, label=_("Name"), max_length=300)
    acronym = TextField(
        multiline=False,
        label=_("Document symbol prefix"),
        max_length=40,
        help_text=_("e.g. C.G.D.Mig"),
    )
    slug = forms.SlugField(
        label=_("Short name for the address"),
        max_length=50,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the prefix when left empty."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Committee.Kind.choices)
    secretariat_name = TextField(
        multiline=False, label=_("Secretariat: name"), max_length=300, required=False
    )
    secretariat_email = forms.EmailField(
        label=_("Secretariat: e-mail"),
        required=False,
        help_text=_("Leave empty to be the committee's secretariat yourself."),
    )

    def clean(self):
        data = super().clean()
        if data.get("secretariat_email") and not data.get("secretariat_name"):
            self.add_error("secretariat_name", _("Give the name of the secretariat."))
        return data


class CommitteeSettingsForm(forms.Form):
    name = TextField(multiline=False, label=_("Name"), max_length=300)
    acronym = TextField(multiline=False, label=_("Document symbol prefix"), max_length=40)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the text"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    original_language = forms.ChoiceField(label=_("Original language"), choices=LANGUAGE_CHOICES)
    time_zone = forms.ChoiceField(label=_("Time zone"))
    amendment_deadline = _local_datetime_field(
        _("Deadline for tabling amendments"),
        required=False,
        help_text=_("In the committee's time zone, within the session."),
    )

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        self.committee = committee
        deadline = committee.amendment_deadline
        kwargs.setdefault(
            "initial",
            {
                "name": committee.name,
                "acronym": committee.acronym,
                "languages": [c for c in committee.languages.split(",") if c],
                "original_language": committee.original_language,
                "time_zone": committee.time_zone,
                "amendment_deadline": timezone.localtime(deadline, committee.zone).replace(
                    tzinfo=None
                )
                if deadline
                else None,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = _zone_choices()

    def clean(self):
        data = super().clean()
        languages = data.get("languages") or []
        original = data.get("original_language")
        if original and languages and original not in languages:
            self.add_error("original_language", _("The original must be one of the languages."))
        zone = data.get("time_zone")
        deadline = data.get("amendment_deadline")
        if deadline and zone:
            from zoneinfo import ZoneInfo

            deadline = in_zone(deadline, ZoneInfo(zone))
            data["amendment_deadline"] = deadline
            session = self.committee.session
            day = deadline.astimezone(ZoneInfo(zone)).date()
            if (session.start_date and day < session.start_date) or (
                session.end_date and day > session.end_date
            ):
                self.add_error(
                    "amendment_deadline",
                    _("The deadline must fall within the session (%(start)s to %(end)s).")
                    % {"start": session.start_date, "end": session.end_date},
                )
        if languages and original:
            ordered = [original, *[c for c in languages if c != original]]
            data["languages"] = ",".join(ordered)
        return data


class GroupNamesForm(forms.Form):
    government = TextField(multiline=False, label=_("Government group"), max_length=200)
    employers = TextField(multiline=False, label=_("Employers' group"), max_length=200)
    workers = TextField(multiline=False, label=_("Workers' group"), max_length=200)


class RegionalGroupForm(forms.Form):
    name = TextField(multiline=False, label=_("Name"), max_length=200)
    countries = TextField(
        label=_("Member countries"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names or ISO codes, separated by commas (e.g. KEN, Nigeria, ZAF)."),
    )

    def clean_countries(self) -> list[str]:
        codes, unknown = [], []
        for part in self.cleaned_data["countries"].replace(";", ",").replace("\n", ",").split(","):
            if not part.strip():
                continue
            found = resolve_country(part.strip())
            if found is None:
                unknown.append(part.strip())
            else:
                codes.append(found[0])
        if unknown:
            raise forms.ValidationError(
                _("Unknown countries: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return list(dict.fromkeys(codes))


class OfficersForm(forms.Form):
    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = (
            Membership.objects.filter(
                committee=committee,
                is_active=True,
                role__in=[Membership.Role.MEMBER, Membership.Role.COORDINATOR],
            )
            .select_related("user", "group", "country")
            .order_by("group__kind", "user__last_name")
        )
        for position in Membership.Officer:
            if not position.value:
                continue
            field = forms.ModelChoiceField(
                label=position.label, queryset=members, required=False, empty_label=_("(vacant)")
            )
            field.label_from_instance = _member_label
            holder = next((m for m in members if m.officer == position.value), None)
            field.initial = holder.pk if holder else None
            self.fields[position.value] = field


def _member_label(m: Membership) -> str:
    where = ", ".join(str(x) for x in (m.group, m.country) if x)
    return f"{m.user.get_full_name() or m.user.username} ({where})"


class MemberForm(forms.Form):
    """One member: the same checks as a row of the imported list (committee.members_import)."""

    name = TextField(multiline=False, label=_("Name"), max_length=300)
    email = forms.EmailField(label=_("E-mail"))
    group = forms.ChoiceField(label=_("Group"), choices=[(k.value, k.label) for k in Group.Kind])
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in Membership.Role if r.value in ROLES.values()],
    )
    country = TextField(
        multiline=False,
        label=_("Country"),
        required=False,
        max_length=200,
        help_text=_("For Government members: name or ISO code."),
    )
    regional_group = forms.ChoiceField(label=_("Regional group"), required=False)
    seat = forms.ChoiceField(label=_("Seat"), choices=Membership.Seat.choices)
    officer = forms.ChoiceField(
        label=_("Officer position"), choices=Membership.Officer.choices, required=False
    )
    state = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = TextField(multiline=False, label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, committee: Committee, membership: Membership | None = None, **kw):
        if membership is not None and "initial" not in kw:
            from committee.setup import member_state

            kw["initial"] = {
                "name": membership.user.get_full_name(),
                "email": membership.user.email,
                "group": membership.group.kind if membership.group else "",
                "role": membership.role,
                "country": membership.country.code if membership.country else "",
                "regional_group": membership.regional_group.name
                if membership.regional_group
                else "",
                "seat": membership.seat,
                "officer": membership.officer,
                "state": member_state(membership),
            }
        super().__init__(*args, **kw)
        self.fields["regional_group"].choices = [("", _("(none)"))] + [
            (r.name, r.name) for r in committee.regional_groups.all()
        ]
        if membership is not None:
            # The e-mail names the account; it is not changed from here.
            self.fields["email"].disabled = True
            self.fields["email"].required = False
        else:
            del self.fields["reason"]

    def cells(self) -> dict:
        """The row the import's checks read (group and role by their codes, which they know)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data.get("email") or self.initial.get("email", ""),
            "group": data["group"],
            "country": data.get("country", ""),
            "regional_group": data.get("regional_group", ""),
            "seat": data["seat"],
            "officer": data.get("officer", ""),
            "role": data["role"],
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of members (CSV or XLSX)"),
        help_text=_(
            "Columns: name, email, group, country, regional group, seat (titular or deputy), "
            "officer, role (member or coordinator)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB: split the list.")
                % {"size": MAX_BYTES // 2**20}
            )
        return upload


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
    reason = TextField(multiline=False, label=_("Reason"), max_length=500)
    state = forms.CharField(widget=forms.HiddenInput)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(initial=True, widget=forms.HiddenInput)


class CompositionForm(forms.Form):
    effective_from = _local_datetime_field(
        _("Date of effect"), help_text=_("In the committee's time zone.")
    )
    government = forms.IntegerField(label=_("Government members entitled to vote"), min_value=1)
    employers = forms.IntegerField(label=_("Employer members"), min_value=1)
    workers = forms.IntegerField(label=_("Worker members"), min_value=1)
    note = TextField(
        multiline=False,
        label=_("Note"),
        required=False,
        max_length=5000,
        help_text=_("e.g. Report of the Selection Committee, second sitting."),
    )

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        self.committee = committee
        super().__init__(*args, **kwargs)

    def clean_effective_from(self):
        return in_zone(self.cleaned_data["effective_from"], self.committee.zone)


class DraftForm(forms.Form):
    symbol = TextField(
        multiline=False,
        label=_("Document symbol"),
        max_length=100,
        help_text=_("e.g. C.G.D.Mig/D.1"),
    )
    title = TextField(multiline=False, label=_("Title"), max_length=500)
