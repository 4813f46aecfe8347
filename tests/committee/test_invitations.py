"""Invitations by e-mail, sent by SMTP to a local server (aiosmtpd on 127.0.0.1, a free port)."""

from __future__ import annotations

import re
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from committee.models import Invitation, Membership
from tests.conftest import login_request

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        with override_settings(MAILERS=mailers):
            yield inbox
    finally:
        controller.stop()


def add_member(client, committee, email="nadia@example.org"):
    response = client.post(
        f"/c/{committee.slug}/members/new/",
        {
            "name": "Nadia Coordinator",
            "email": email,
            "group": "workers",
            "role": "coordinator",
            "seat": "titular",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Membership.objects.get(user__email=email)


def test_an_invited_member_sets_a_password_once_and_logs_in(committee, login, smtp):
    client = login("secretariat")
    member = add_member(client, committee)
    assert not member.user.has_usable_password()
    response = client.post(f"/c/{committee.slug}/members/{member.pk}/invite/", {"confirm": "1"})
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "nadia@example.org"
    body = mail.get_content()
    assert "Nadia Coordinator" in body and committee.name in body
    link = re.search(r"http://testserver(/accounts/invitation/\S+/)", body).group(1)
    assert Invitation.objects.filter(membership=member).count() == 1

    guest = Client()
    form = guest.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    set_url = form.redirect_chain[-1][0]
    done = guest.post(
        set_url, {"new_password1": "a-long-Passphrase-9", "new_password2": "a-long-Passphrase-9"}
    )
    assert done.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("a-long-Passphrase-9")
    assert Client().login(
        request=login_request(), username=member.user.username, password="a-long-Passphrase-9"
    )
    # The link works once.
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]


def test_invite_all_sends_to_those_not_yet_invited_only(committee, login, smtp):
    client = login("secretariat")
    add_member(client, committee, "one@example.org")
    add_member(client, committee, "two@example.org")
    client.post(f"/c/{committee.slug}/members/invite/", {"confirm": "1"})
    assert sorted(m["To"] for m in smtp.messages) == ["one@example.org", "two@example.org"]
    client.post(f"/c/{committee.slug}/members/invite/", {"confirm": "1"})
    assert len(smtp.messages) == 2


def test_an_unreachable_mail_server_is_said_and_nothing_recorded(committee, login):
    client = login("secretariat")
    member = add_member(client, committee)
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    with override_settings(MAILERS=mailers):
        response = client.post(
            f"/c/{committee.slug}/members/{member.pk}/invite/", {"confirm": "1"}, follow=True
        )
    assert "could not be sent" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("username", ["employers", "chair", "observer", "clerk"])
def test_only_the_secretariat_invites(committee, login, username, smtp):
    member = Membership.objects.get(committee=committee, user__username="wor-01")
    user = member.user
    user.email = "wor01@example.org"
    user.save()
    client = login(username)
    assert client.post(f"/c/{committee.slug}/members/{member.pk}/invite/").status_code == 403
    assert client.post(f"/c/{committee.slug}/members/invite/").status_code == 403
    assert not smtp.messages and not Invitation.objects.exists()
    assert get_user_model().objects.get(pk=user.pk).password.startswith("!")
