"""The procedure's people: sessions, committees, their Groups, countries and memberships.

Roles are data: a Membership says what a user is in one committee (secretariat, coordinator of
a Group, officer, member, plenary clerk, observer). Nothing checks a user name or a Django group.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drafting.inputs import DateBounds, TextPolicy
from drafting.models import Draft, Paragraph


class Session(models.Model):
    number = models.PositiveIntegerField(_("session number"), unique=True)
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200, validators=[TextPolicy()])
    # Set up in the browser (committee.setup); the demo's session predates these.
    place = models.CharField(
        _("place"), max_length=200, blank=True, default="Geneva", validators=[TextPolicy()]
    )
    start_date = models.DateField(_("opening date"), null=True, blank=True)
    end_date = models.DateField(_("closing date"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    class Kind(models.TextChoices):
        GENERAL_DISCUSSION = "general", _("General discussion")
        STANDARD_SETTING = "standard", _("Standard-setting")
        OTHER = "other", _("Other")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("name"), max_length=300, validators=[TextPolicy()])
    slug = models.SlugField(unique=True)
    acronym = models.CharField(
        _("acronym"), max_length=40, help_text=_("As in C.App./D.16"), validators=[TextPolicy()]
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.GENERAL_DISCUSSION)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[TextPolicy()]
    )
    draft = models.ForeignKey(
        Draft, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Amendments to the committee's draft: the deadline for tabling them (None: no deadline
    # set yet) and the last number given. The counter row is locked while a number is given,
    # so numbers are unique and gap-free however many Groups table at the same moment.
    amendment_deadline = models.DateTimeField(
        _("deadline for tabling amendments"), null=True, blank=True, validators=[DateBounds()]
    )
    last_amendment_number = models.PositiveIntegerField(default=0, editable=False)
    # The languages of the committee's text; the original is the one the others translate.
    languages = models.CharField(_("languages of the text"), max_length=64, default="en,fr,es")
    original_language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def document_symbol(self, number: int) -> str:
        return f"{self.acronym}/D.{number}"

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("Europe/Zurich")

    def deadline_bounds(self) -> tuple[date, date]:
        """The days a deadline may fall on: the session's year, give or take a year. A session
        on record from past years (the demo's is 2017's) still takes a deadline up to next
        year, so that it can be used today."""
        year = self.session.year
        return date(year - 1, 1, 1), date(max(year, timezone.localdate().year) + 1, 12, 31)

    def clean(self) -> None:
        """The deadline within `deadline_bounds` (as the form says)."""
        from django.core.exceptions import ValidationError

        from drafting.inputs import date_problem

        if self.amendment_deadline is not None and self.session_id is not None:
            try:
                local = timezone.localtime(self.amendment_deadline, self.zone)
            except (OverflowError, ValueError):  # year 1 or 9999 cannot change zone
                local = self.amendment_deadline
            message = date_problem(local, *self.deadline_bounds())
            if message:
                raise ValidationError({"amendment_deadline": message})

    def deadline_passed(self, when: datetime | None = None) -> bool:
        if self.amendment_deadline is None:
            return False
        return (when or timezone.now()) > self.amendment_deadline


class Group(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        EMPLOYERS = "employers", _("Employers")
        WORKERS = "workers", _("Workers")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[TextPolicy()])

    class Meta:
        ordering = ["committee", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "kind"], name="one_group_of_each_kind")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def members_label(self) -> str:
        """How a submitter is written in the records: 'the Employer members'."""
        return {
            self.Kind.GOVERNMENT: _("Government members"),
            self.Kind.EMPLOYERS: _("Employer members"),
            self.Kind.WORKERS: _("Worker members"),
        }[self.kind]


class Country(models.Model):
    code = models.CharField(
        max_length=3, unique=True, help_text=_("ISO 3166 alpha-3"), validators=[TextPolicy()]
    )
    name = models.CharField(_("name"), max_length=200, validators=[TextPolicy()])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class RegionalGroup(models.Model):
    """A regional group or group of countries within the Government group (Africa group ...)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="regional_groups"
    )
    name = models.CharField(_("name"), max_length=200, validators=[TextPolicy()])
    countries = models.ManyToManyField(Country, related_name="regional_groups", blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unique_regional_group")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        COORDINATOR = "coordinator", _("Group coordinator")
        MEMBER = "member", _("Member")
        CLERK = "clerk", _("Plenary clerk")
        OBSERVER = "observer", _("Observer")

    class Officer(models.TextChoices):
        NONE = "", _("None")
        CHAIRPERSON = "chairperson", _("Chairperson")
        EMPLOYER_VICE_CHAIR = "employer_vice", _("Employer Vice-Chairperson")
        WORKER_VICE_CHAIR = "worker_vice", _("Worker Vice-Chairperson")
        REPORTER = "reporter", _("Reporter")

    class Seat(models.TextChoices):
        TITULAR = "titular", _("Titular member")
        DEPUTY = "deputy", _("Deputy member")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    officer = models.CharField(max_length=16, choices=Officer.choices, blank=True, default="")
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, null=True, blank=True
    )
    # Only Government members entitled to vote count towards the weights.
    entitled_to_vote = models.BooleanField(default=True)
    # A deputy member sits in place of a titular one; both are on the list of members.
    seat = models.CharField(_("seat"), max_length=8, choices=Seat.choices, default=Seat.TITULAR)
    # Deactivated, never deleted: the row and its history stay; access and weights skip it.
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "user", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.committee})"


# Amendments -------------------------------------------------------------------------------


def random_id() -> int:
    """A primary key that says nothing: sequential ids of Group drafts would let another Group
    count them from the gaps in the numbers it sees. Below 2**53 so JavaScript reads it whole."""
    return secrets.randbelow(2**53 - 2) + 1


class AmendmentQuerySet(models.QuerySet):
    def visible_to(self, access) -> AmendmentQuerySet:
        """The amendments `access` may know of: the one rule of confidentiality.

        A tabled amendment (one with a number) is seen by everyone on the committee. An
        amendment not yet tabled belongs to its Group: only that Group's coordinators see it,
        in any page, fragment, count or history. The secretariat does not see Group drafts
        (ILO practice: private to the Group until submitted); it does see an amendment a Group
        has submitted after the deadline, so that it can accept it late.
        """
        if not access.is_member:
            return self.none()
        rule = models.Q(number__isnull=False)
        if access.coordinated_group_ids:
            rule |= models.Q(group_id__in=access.coordinated_group_ids)
        if access.is_secretariat:
            rule |= models.Q(status=Amendment.Status.LATE)
        return self.filter(rule, committee=access.committee)

    def tabled(self) -> AmendmentQuerySet:
        return self.filter(number__isnull=False)


class Amendment(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (private to the Group)")
        # Set aside by its Group: kept (and in its history) but never seen by anyone else.
        DISCARDED = "discarded", _("Discarded by the Group")
        LATE = "late", _("Submitted after the deadline")
        TABLED = "tabled", _("Tabled")
        CLARIFICATION = "clarification", _("Clarification requested")
        INADMISSIBLE = "inadmissible", _("Inadmissible")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # Decisions in the room (recorded by the sitting, next issue).
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_SUBAMENDED = "adopted_subamended", _("Adopted as subamended")
        REJECTED = "rejected", _("Rejected")
        FELL = "fell", _("Fell")
        NOT_SECONDED = "not_seconded", _("Not seconded")
        DEFERRED = "deferred", _("Deferred")

    # Never tabled: no filter, list or count of tabled amendments offers these.
    UNTABLED = (Status.DRAFT, Status.LATE, Status.DISCARDED)

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        ES = "es", _("Spanish")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="amendments")
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="amendments")
    submitters = models.CharField(_("submitted by"), max_length=1000, validators=[TextPolicy()])
    submitter_countries = models.ManyToManyField(Country, blank=True, related_name="+")
    submitter_regional_group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    language = models.CharField(
        _("language of submission"), max_length=2, choices=Language.choices, default="en"
    )
    explanatory_note = models.TextField(
        _("explanatory note"), blank=True, max_length=5000, validators=[TextPolicy()]
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    status_message = models.TextField(
        _("reason or message"), blank=True, max_length=5000, validators=[TextPolicy()]
    )
    is_late = models.BooleanField(_("late"), default=False)
    taken_up_by = models.CharField(
        _("taken up by"), max_length=500, blank=True, validators=[TextPolicy()]
    )
    seconded = models.BooleanField(_("seconded"), default=False)
    seconded_by = models.CharField(
        _("seconded by"), max_length=500, blank=True, validators=[TextPolicy()]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tabled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tabled_at = models.DateTimeField(_("tabled at"), null=True, blank=True)
    receipt_text = models.TextField(blank=True, validators=[TextPolicy()])
    receipt_sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, validators=[TextPolicy()]
    )
    # Bumped on every change, so two people editing one draft never overwrite each other.
    version = models.PositiveIntegerField(default=1)
    # The one-time token of the form that created it: "Save draft" clicked twice saves one.
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    history = HistoricalRecords()

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["committee", "number", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"], name="one_amendment_per_number"
            ),
            models.UniqueConstraint(
                fields=["group", "form_token"],
                condition=~models.Q(form_token=""),
                name="one_amendment_per_form_token",
            ),
        ]

    def __str__(self) -> str:
        if self.short_symbol:
            return self.short_symbol
        created = (
            date_format(localtime(self.created_at), "SHORT_DATETIME_FORMAT")
            if self.created_at
            else ""
        )
        return gettext("Draft amendment of %(date)s") % {"date": created}

    @property
    def symbol(self) -> str:
        return self.committee.document_symbol(self.number) if self.number else ""

    @property
    def short_symbol(self) -> str:
        return f"D.{self.number}" if self.number else ""

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_discarded(self) -> bool:
        return self.status == self.Status.DISCARDED

    @property
    def is_tabled(self) -> bool:
        return self.number is not None

    @property
    def is_pending(self) -> bool:
        """Tabled and not yet decided or withdrawn: still before the committee."""
        return self.status in (self.Status.TABLED, self.Status.CLARIFICATION)

    @property
    def status_class(self) -> str:
        S = self.Status
        if self.status in (S.TABLED, S.ADOPTED, S.ADOPTED_SUBAMENDED):
            return "ok"
        if self.status in (S.INADMISSIBLE, S.REJECTED, S.WITHDRAWN, S.FELL, S.NOT_SECONDED):
            return "danger"
        return "warn"


class AmendmentChange(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)

    """One change an amendment makes to one unit of the text."""

    class Action(models.TextChoices):
        REPLACE = "replace", _("Amend the text")
        DELETE = "delete", _("Delete")
        INSERT = "insert", _("Insert new unit after")

    INSERT_KINDS = (
        Paragraph.Kind.PARAGRAPH,
        Paragraph.Kind.CLAUSE,
        Paragraph.Kind.SUBCLAUSE,
        Paragraph.Kind.PREAMBLE,
    )

    amendment = models.ForeignKey(Amendment, on_delete=models.PROTECT, related_name="changes")
    position = models.PositiveIntegerField(default=0)
    action = models.CharField(max_length=16, choices=Action.choices, default=Action.REPLACE)
    # The target (replace, delete) or the anchor a new unit goes after (insert).
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="+")
    insert_kind = models.CharField(
        max_length=16, choices=Paragraph.Kind.choices, blank=True, default=""
    )
    base_version = models.PositiveIntegerField()
    base_text = models.TextField(blank=True, validators=[TextPolicy()])
    proposed_text = models.TextField(
        _("proposed text"), blank=True, max_length=20_000, validators=[TextPolicy()]
    )
    # The reference as it read when the change was drafted and, from tabling on, frozen.
    reference = models.CharField(_("reference"), max_length=300, validators=[TextPolicy()])
    is_removed = models.BooleanField(default=False)
    # Re-applied on the text after another amendment was adopted (the floor): the text as
    # tabled is kept; a change that could not be re-applied cleanly is flagged as colliding.
    original_base_text = models.TextField(blank=True, validators=[TextPolicy()])
    original_proposed_text = models.TextField(
        blank=True, max_length=20_000, validators=[TextPolicy()]
    )
    is_rebased = models.BooleanField(_("rebased"), default=False)
    collides = models.BooleanField(_("colliding"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["amendment", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.amendment}: {self.reference}"


class Subamendment(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)

    """A change to the proposed text of one change of a tabled amendment."""

    class Origin(models.TextChoices):
        ORAL = "oral", _("Oral, in the room")
        WRITTEN = "written", _("Tabled in writing")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # Decisions in the room (next issue).
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        NOT_SECONDED = "not_seconded", _("Not seconded")

    change = models.ForeignKey(
        AmendmentChange, on_delete=models.PROTECT, related_name="subamendments"
    )
    origin = models.CharField(max_length=16, choices=Origin.choices)
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitters = models.CharField(_("proposed by"), max_length=1000, validators=[TextPolicy()])
    proposed_text = models.TextField(
        _("proposed text"), max_length=20_000, validators=[TextPolicy()]
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "created_at", "pk"]

    def __str__(self) -> str:
        return gettext("Subamendment to %(amendment)s") % {"amendment": self.change.amendment}


# Translations of amendments ----------------------------------------------------------------
#
# An amendment is tabled in one language (Amendment.language). Its changes' `proposed_text` is
# always in the draft's working language: that is what the floor merges and adopts. The text in
# each other language of the draft is a translation row added by the secretariat; when the
# amendment was tabled in another language than the working one, the row in that language holds
# the tabled original and is marked `is_original` (the working-language text being then the
# secretariat's or the Group's rendering of it). A change that deletes a unit has no words to
# translate and no row.


class AmendmentChangeTranslation(models.Model):
    """One change's proposed words in one of the draft's other languages."""

    change = models.ForeignKey(
        AmendmentChange, on_delete=models.PROTECT, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    proposed_text = models.TextField(
        _("proposed text"), blank=True, max_length=20_000, validators=[TextPolicy()]
    )
    # The unit's text in this language when the translation was made (from drafting's
    # ParagraphTranslation; empty when the unit had none, and for insertions).
    base_text = models.TextField(blank=True, validators=[TextPolicy()])
    is_original = models.BooleanField(_("text as tabled"), default=False)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation of an amendment")
        verbose_name_plural = _("translations of amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["change", "language"], name="one_translation_per_change_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.change} [{self.language}]"


class AmendmentNoteTranslation(models.Model):
    """An amendment's explanatory note in one of the draft's other languages."""

    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, related_name="note_translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(
        _("explanatory note"), blank=True, max_length=5000, validators=[TextPolicy()]
    )
    is_original = models.BooleanField(_("text as tabled"), default=False)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation of an explanatory note")
        verbose_name_plural = _("translations of explanatory notes")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "language"], name="one_note_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amendment} [{self.language}]"


# The floor: stages of the text, the sitting console and its decisions ----------------------


class Stage(models.TextChoices):
    DRAFTING_GROUP = "drafting_group", _("Drafting group")
    COMMITTEE = "committee", _("Committee")
    ADOPTED_BY_COMMITTEE = "adopted_by_committee", _("Adopted by the committee")
    PLENARY = "plenary", _("Plenary")
    ADOPTED_BY_CONFERENCE = "adopted_by_conference", _("Adopted by the Conference")


class Floor(models.Model):
    """One row per committee: its stage, what the room screen shows, the console's order.

    Every floor write locks this row first (after the committee), so decisions on one committee
    are serialised; `version` is the console state token a decision form carries.
    """

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, primary_key=True, related_name="floor"
    )
    stage = models.CharField(
        _("stage"), max_length=32, choices=Stage.choices, default=Stage.DRAFTING_GROUP
    )
    version = models.PositiveBigIntegerField(default=1)
    # On the room screen: a paragraph (the unit the console walks) and an amendment on it.
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The order of discussion the secretariat set: {"<paragraph id>": [amendment ids]}.
    orders = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.committee} ({self.get_stage_display()})"


class TextSnapshot(models.Model):
    """The text as it stood when it moved to another stage: every row, as JSON."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="snapshots")
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(
        max_length=32, validators=[TextPolicy()]
    )  # the row source name: "drafting_group", ...
    label = models.CharField(_("label"), max_length=200, validators=[TextPolicy()])
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["committee", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label


class StageTransition(models.Model):
    """A move from one stage to another (forward, or reopened by the secretariat)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="stage_transitions"
    )
    from_stage = models.CharField(max_length=32, choices=Stage.choices)
    to_stage = models.CharField(max_length=32, choices=Stage.choices)
    is_reopening = models.BooleanField(default=False)
    reason = models.TextField(_("reason"), blank=True, max_length=5000, validators=[TextPolicy()])
    date = models.DateField(_("date"), validators=[DateBounds()])
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    snapshot = models.ForeignKey(
        TextSnapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class Decision(models.Model):
    """What the committee decided on an amendment, or on a paragraph. Never deleted: an undone
    decision is marked undone (and its text reverted as a new version)."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_SUBAMENDED = "adopted_subamended", _("Adopted as subamended")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        TAKEN_UP = "taken_up", _("Taken up")
        NOT_SECONDED = "not_seconded", _("Not seconded")
        FELL = "fell", _("Fell")
        DEFERRED = "deferred", _("Deferred")
        PARAGRAPH_ADOPTED = "paragraph_adopted", _("Paragraph adopted")
        PARAGRAPH_ADOPTED_AS_AMENDED = "paragraph_amended", _("Paragraph adopted as amended")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="decisions")
    sequence = models.PositiveIntegerField()
    # The unit the console walks (a paragraph with its clauses) the decision was taken on.
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference"), max_length=300, validators=[TextPolicy()])
    amendment = models.ForeignKey(
        Amendment, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    subamendment_text = models.TextField(
        _("subamended text"), blank=True, max_length=20_000, validators=[TextPolicy()]
    )
    taken_up_by = models.CharField(
        _("taken up by"), max_length=500, blank=True, validators=[TextPolicy()]
    )
    vote = models.JSONField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000, validators=[TextPolicy()])
    # What the decision did, so that it can be undone exactly (texts, rebased changes, status).
    effects = models.JSONField(default=dict, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    undone = models.BooleanField(default=False)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undo_reason = models.TextField(blank=True, max_length=5000, validators=[TextPolicy()])
    # Identical amendments are decided together: each gets its own decision, pointing to the
    # decision on the amendment the committee took (committee/identical.py).
    identical_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="identical"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "sequence"], name="one_decision_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_outcome_display()}"

    @property
    def is_on_paragraph(self) -> bool:
        return self.amendment_id is None

    @property
    def outcome_text(self) -> str:
        """ "Adopted", or "Adopted, identical to D.12" for an identical amendment taken with it
        (needs `identical_to__amendment` loaded, or one query)."""
        label = self.get_outcome_display()
        if self.identical_to_id is None:
            return label
        return gettext("%(outcome)s, identical to %(symbol)s") % {
            "outcome": label,
            "symbol": self.identical_to.amendment.short_symbol,
        }


# Setting up a committee: its composition for the weights, and invitations ------------------


class Composition(models.Model):
    """The committee's composition from a date of effect: the members entitled to vote per Group.

    The Selection Committee changes it during the session; a vote uses the composition in force
    when it is taken (committee.composition), and the weights follow from it."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="compositions")
    effective_from = models.DateTimeField(_("date of effect"))
    government = models.PositiveIntegerField(_("Government members"))
    employers = models.PositiveIntegerField(_("Employer members"))
    workers = models.PositiveIntegerField(_("Worker members"))
    note = models.TextField(_("note"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("composition of the committee")
        verbose_name_plural = _("compositions of the committee")
        ordering = ["committee", "-effective_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "effective_from"], name="one_composition_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee}: {self.government}/{self.employers}/{self.workers}"

    @property
    def sizes(self) -> dict[str, int]:
        return {
            Group.Kind.GOVERNMENT: self.government,
            Group.Kind.EMPLOYERS: self.employers,
            Group.Kind.WORKERS: self.workers,
        }


class Invitation(models.Model):
    """An e-mail inviting a member to set a password (the link is Django's one-time token)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.sent_at:%Y-%m-%d})"
