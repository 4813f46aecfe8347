"""Inviting members by e-mail to set their password.

The link carries Django's password-reset token (django.contrib.auth.tokens): it is signed, it
expires after PASSWORD_RESET_TIMEOUT, and it stops working once used, because the token
depends on the password it replaces. The e-mail goes through Django's e-mail framework: the
console in the demo, SMTP when EMAIL_HOST is set (config/settings.py). An Invitation row
records each e-mail sent, only after the server accepted it.
"""

from __future__ import annotations

import smtplib

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from committee.models import Invitation, Membership


class InvitationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def invitation_link(user, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("invitation", args=[uid, token])


def invite(access, sender, membership: Membership, *, base_url: str) -> Invitation:
    if not access.is_secretariat:
        raise PermissionDenied
    if membership.committee_id != access.committee.pk:
        raise PermissionDenied
    member = membership.user
    if not membership.is_active:
        raise InvitationError(_("This member is deactivated: reactivate them first."))
    if not member.email:
        raise InvitationError(_("This member has no e-mail address."))
    committee = access.committee
    context = {
        "name": member.get_full_name() or member.username,
        "committee": committee.name,
        "session": committee.session.name,
        "role": membership.get_role_display(),
        "group": membership.group.name if membership.group else "",
        "link": invitation_link(member, base_url),
        "username": member.username,
        "sender": sender.get_full_name() or sender.username,
    }
    subject = _("Draftroom: your account for the %(committee)s") % {"committee": committee.name}
    body = render_to_string("committee/setup/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [member.email])
    except (smtplib.SMTPException, OSError) as error:
        raise InvitationError(
            _("The e-mail to %(email)s could not be sent (%(error)s).")
            % {"email": member.email, "error": error}
        ) from error
    return Invitation.objects.create(membership=membership, email=member.email, sent_by=sender)


def not_yet_invited(committee):
    """Active members with an e-mail and no password who have never been sent an invitation."""
    return (
        Membership.objects.filter(committee=committee, is_active=True, invitations__isnull=True)
        .exclude(user__email="")
        .filter(user__password__startswith="!")
        .select_related("user", "group", "committee__session")
        .distinct()
    )


def invite_all(access, sender, *, base_url: str) -> tuple[int, list[str]]:
    """(sent, messages of those that failed): one failure does not stop the others."""
    if not access.is_secretariat:
        raise PermissionDenied
    sent, failed = 0, []
    for membership in not_yet_invited(access.committee):
        try:
            invite(access, sender, membership, base_url=base_url)
            sent += 1
        except InvitationError as error:
            failed.append(error.message)
    return sent, failed
