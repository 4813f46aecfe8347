"""From an empty database to a decided amendment, in the browser: the first account sets up a
committee, imports 40 members from XLSX and the draft from Word; a coordinator invited by e-mail
sets a password and tables an amendment; the secretariat moves the text to the committee stage
and decides it by a vote weighted from the composition."""

from __future__ import annotations

import re
from datetime import timedelta

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from committee.models import Committee, Decision, Membership
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "first-pass-1"


def members_xlsx(path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "E-mail", "Group", "Country", "Seat", "Officer", "Role"])
    countries = ["KEN", "NGA", "SEN", "GHA", "MEX", "BRA", "ARG", "CHL", "FRA", "DEU"]
    countries += ["ITA", "ESP", "SWE", "IND", "IDN", "JPN", "PHL", "CAN", "USA", "CHE"]
    for i, code in enumerate(countries):
        officer = "Chairperson" if i == 0 else "Reporter" if i == 1 else ""
        sheet.append([f"Delegate {code}", f"gov{i}@example.org", "Government", code, "", officer])
    for i in range(8):
        officer = "Employer Vice-Chairperson" if i == 0 else ""
        sheet.append([f"Employer {i}", f"emp{i}@example.org", "Employers", "", "", officer])
    for i in range(11):
        officer = "Worker Vice-Chairperson" if i == 0 else ""
        sheet.append([f"Worker {i}", f"wor{i}@example.org", "Workers", "", "", officer])
    sheet.append(["Wendy Worker", "wendy@example.org", "Workers", "", "", "", "coordinator"])
    book.save(path)


def draft_docx(path) -> None:
    document = docx.Document()
    for line in [
        "Conclusions concerning decent work in the platform economy",
        "I. General principles",
        "1. Platform work should be decent and productive.",
        "2. Members should protect platform workers.",
    ]:
        document.add_paragraph(line)
    document.save(path)


def test_from_an_empty_database_to_a_weighted_vote(new_page, tmp_path):
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    today = timezone.localdate()
    root = new_page()
    root.on("dialog", lambda dialog: dialog.accept())
    log_in(root, "root", PASSWORD)

    root.get_by_role("link", name="Set up a committee").click()
    root.get_by_role("link", name="New session").click()
    root.fill("#id_number", "113")
    root.fill("#id_year", str(today.year))
    root.fill("#id_name", "113th Session of the International Labour Conference")
    root.fill("#id_start_date", (today - timedelta(days=1)).isoformat())
    root.fill("#id_end_date", (today + timedelta(days=10)).isoformat())
    root.get_by_role("button", name="Save").click()
    expect(root.locator(".messages").filter(has_text="Session created.")).to_be_visible()

    root.get_by_role("link", name="New committee").click()
    root.select_option("#id_session", label="113th Session of the International Labour Conference")
    root.fill("#id_name", "Committee on Decent Work in the Platform Economy")
    root.fill("#id_acronym", "C.Plat")
    root.fill("#id_slug", "platform")
    root.get_by_role("button", name="Create the committee").click()
    expect(root.locator("h1")).to_have_text("Set-up of the committee")
    expect(root.locator(".missing")).to_contain_text("The committee has no draft.")
    committee = Committee.objects.get(slug="platform")

    members = tmp_path / "members.xlsx"
    members_xlsx(members)
    root.get_by_role("link", name="Import members").click()
    root.set_input_files("#id_file", str(members))
    root.get_by_role("button", name="Preview").click()
    expect(root.locator(".card").first).to_contain_text("40 new, 0 changed, 0 unchanged")
    root.get_by_role("button", name="Confirm the import").click()
    expect(root.locator(".messages").filter(has_text="40 members added")).to_be_visible()
    assert (
        Membership.objects.filter(committee=committee, role__in=["member", "coordinator"]).count()
        == 40
    )

    root.goto("/c/platform/composition/")
    start = timezone.localtime(timezone.now(), committee.zone) - timedelta(minutes=5)
    root.fill("#id_effective_from", start.strftime("%Y-%m-%dT%H:%M"))
    expect(root.locator("#id_government")).to_have_value("20")
    root.get_by_role("button", name="Record").click()
    # 20, 8 and 12 members: L = 120, so 6, 15 and 10 votes each.
    expect(root.locator(".sentence")).to_contain_text("allotted 6 votes, each Employer member 15")

    word = tmp_path / "draft.docx"
    draft_docx(word)
    root.goto("/c/platform/setup/draft/")
    root.fill("#id_symbol", "C.Plat/D.1")
    root.fill("#id_title", "Proposed conclusions")
    root.get_by_role("button", name="Create the draft").click()
    root.set_input_files("#id_file", str(word))
    root.get_by_role("button", name="Preview").click()
    root.get_by_role("button", name=re.compile("Confirm: import")).click()
    committee.refresh_from_db()
    paragraph = committee.draft.paragraphs.get(text__startswith="Platform work should")

    mail.outbox = []
    root.goto("/c/platform/members/")
    root.locator("tr", has_text="wendy@example.org").get_by_role("button", name="Invite").click()
    expect(root.locator(".messages").filter(has_text="An invitation was sent")).to_be_visible()
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", mail.outbox[-1].body)

    wendy = new_page()
    wendy.on("dialog", lambda dialog: dialog.accept())
    wendy.goto(link.group(1))
    wendy.fill("#id_new_password1", "Wendy-s-own-pass-42")
    wendy.fill("#id_new_password2", "Wendy-s-own-pass-42")
    wendy.get_by_role("button", name="Set my password").click()
    expect(wendy.locator("h1")).to_contain_text("Committee on Decent Work")
    wendy.goto(f"/c/platform/amendments/new/?paragraph={paragraph.pk}")
    wendy.locator("textarea[name=proposed_text]").fill(
        "Platform work must be decent and productive."
    )
    wendy.click("button[name=save]")
    wendy.get_by_role("button", name="Table the amendment").click()
    expect(wendy.locator(".receipt-number")).to_have_text("C.Plat/D.1")

    root.goto("/c/platform/stages/")
    root.locator("#stage-advance input[name=confirm]").check()
    root.locator("#stage-advance button[type=submit]").click()
    root.goto(f"/c/platform/floor/?p={paragraph.pk}")
    entry = root.locator(".floor-entry").first
    entry.locator("summary", has_text="Record a vote").click()
    entry.locator("input[name=vote_government_for]").fill("15")
    entry.locator("input[name=vote_employers_against]").fill("8")
    entry.locator("input[name=vote_workers_for]").fill("12")
    entry.locator("select[name=outcome]").select_option("adopted")
    entry.get_by_role("button", name=re.compile("Record the decision on D.1")).click()
    expect(root.locator(".messages").filter(has_text="was adopted by a vote")).to_be_visible()

    vote = Decision.objects.get(committee=committee).vote
    assert {k: g["weight"] for k, g in vote["groups"].items()} == {
        "government": 6,
        "employers": 15,
        "workers": 10,
    }
    assert (vote["for"], vote["against"]) == (15 * 6 + 12 * 10, 8 * 15)
    paragraph.refresh_from_db()
    assert paragraph.text == "Platform work must be decent and productive."
