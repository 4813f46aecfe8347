"""The procedure's people: sessions, committees, their Groups, countries and memberships.

Roles are data: a Membership says what a user is in one committee (secretariat, coordinator of
a Group, officer, member, plenary clerk, observer). Nothing checks a user name or a Django group.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drafting.models import Draft


class Session(models.Model):
    number = models.PositiveIntegerField(_("session number"), unique=True)
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)

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
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, help_text=_("As in C.App./D.16"))
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.GENERAL_DISCUSSION)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")
    draft = models.ForeignKey(
        Draft, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def document_symbol(self, number: int) -> str:
        return f"{self.acronym}/D.{number}"


class Group(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        EMPLOYERS = "employers", _("Employers")
        WORKERS = "workers", _("Workers")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)

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
    code = models.CharField(max_length=3, unique=True, help_text=_("ISO 3166 alpha-3"))
    name = models.CharField(_("name"), max_length=200)

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
    name = models.CharField(_("name"), max_length=200)
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
