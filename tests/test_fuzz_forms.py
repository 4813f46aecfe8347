"""Every form of every page, as every role, with hostile values: never a 5xx, never a change
when refused, never a stored character the input policy refuses.

The forms are found, not listed: each page of the URL matrix (tests/test_url_permissions.py) is
opened as the secretariat and as Group coordinators, and every <form> on it (its action, or its
htmx hx-post/hx-get, its fields and their values as rendered, so version tokens are right) is
kept once per (URL pattern, fields). Each form is then sent with one hostile value per field,
the value picked deterministically from the list below by the field's place, and once with
every field hostile at the same time; other roles send the all-hostile version. Each request
runs in a savepoint rolled back after it (`request` of the matrix), so all start from the demo.

The hostile values: empty, over-long (20,001 and 100,001 characters), control characters, NUL,
Word's line and page breaks (normalised, so they may be accepted, but never stored as such),
huge, negative and non-numeric numbers, extreme dates, unknown choices, and the ids of another
committee's paragraph, amendment, Group, point and speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.urls import Resolver404, resolve

from committee.models import (
    Amendment,
    AmendmentChange,
    Committee,
    Group,
    RegionalGroup,
)
from discussion.models import Point, Speaker
from drafting.models import Draft, Paragraph
from tests.conftest import ROLES
from tests.test_url_permissions import (
    ANONYMOUS,
    APPS,
    BUILDERS,
    changed,
    client_for,
    demo,  # noqa: F401 - the module's demo committee (a fixture)
    fingerprint,
)

DISCOVERERS = ["secretariat", "employers", "government"]
SKIPPED = {"login", "logout", "set_language"}
REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
STORED_BAD = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]"


@dataclass(frozen=True)
class Other:
    """Another committee's objects, whose ids no form of the demo committee may accept."""

    paragraph: int
    amendment: int
    change: int
    group: int
    regional_group: int
    point: int
    speaker: int


@pytest.fixture(scope="module")
def other(demo, django_db_blocker):  # noqa: F811 - the imported fixture
    with django_db_blocker.unblock():
        session = Committee.objects.get(slug=demo.slug).session
        user = get_user_model().objects.get(username="secretariat")
        draft = Draft.objects.create(title="Another committee's text")
        paragraph = Paragraph.objects.create(draft=draft, text="Another paragraph.")
        committee = Committee.objects.create(
            session=session, name="Another committee", slug="another", acronym="C.X", draft=draft
        )
        group = Group.objects.create(committee=committee, kind="workers", name="Workers")
        regional = RegionalGroup.objects.create(committee=committee, name="Elsewhere")
        amendment = Amendment.objects.create(
            committee=committee,
            draft=draft,
            group=group,
            submitters="Worker members",
            created_by=user,
            number=1,
            status=Amendment.Status.TABLED,
        )
        change = AmendmentChange.objects.create(
            amendment=amendment, paragraph=paragraph, base_version=1, reference="1"
        )
        point = Point.objects.create(committee=committee, number=1, text_en="Elsewhere?")
        speaker = Speaker.objects.create(point=point, position=1, label="Someone", group=group)
        # Removed with the demo by the matrix's fixture (a flush).
        return Other(
            paragraph.pk, amendment.pk, change.pk, group.pk, regional.pk, point.pk, speaker.pk
        )


TEXT, NUMBER, DATE, CHOICE = "text", "number", "date", "choice"
# Hostile values per kind of field; None stands for the other committee's id for the field.
PAYLOADS: dict[str, list[tuple[str, str | None]]] = {
    TEXT: [
        ("control", "a\x07b\x1bc"),
        ("NUL", "a\x00b"),
        ("over-long", "x" * 20_001),
        ("Word breaks", "line\x0bbreak\x0cpage"),
        ("empty", ""),
        ("very long", "y" * 100_001),
    ],
    NUMBER: [
        ("huge", "9" * 30),
        ("other committee", None),
        ("negative", "-1"),
        ("not a number", "1e3x"),
        ("NUL", "1\x00"),
        ("empty", ""),
    ],
    DATE: [
        ("year 1", "0001-01-01T00:00"),
        ("year 9999", "9999-12-31T23:59"),
        ("bad date", "2017-02-31"),
        ("year 1 date", "0001-01-01"),
        ("not a date", "soon"),
        ("empty", ""),
    ],
    CHOICE: [
        ("unknown choice", "__no_such_choice__"),
        ("other committee", None),
        ("huge", "9" * 30),
        ("empty", ""),
    ],
}
PER_FIELD = 2  # hostile values sent to each field, one at a time


def hostile_value(kind: str, turn: int, name: str, other: Other) -> tuple[str, str]:
    label, value = PAYLOADS[kind][turn % len(PAYLOADS[kind])]
    return label, other_id(name, other) if value is None else value


def other_id(name: str, other: Other) -> str:
    for key in ("amendment", "change", "speaker", "point", "regional_group", "group"):
        if key in name:
            return str(getattr(other, key))
    return str(other.paragraph)


# Finding the forms ---------------------------------------------------------------------------


@dataclass
class Form:
    pattern: str
    method: str
    url: str
    values: list[tuple[str, str]]
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.kinds)


_DATE_NAMES = ("date", "deadline", "since", "from", "to")


def _kind(element) -> str:
    tag, kind, name = element.tag, (element.get("type") or "").lower(), element.get("name")
    if kind in ("date", "datetime-local") or name in _DATE_NAMES:
        return DATE
    if tag == "select" or kind in ("radio", "checkbox"):
        return CHOICE
    if tag == "textarea" or kind in ("text", "search", ""):
        return TEXT if tag != "button" else CHOICE
    if kind == "hidden":
        return NUMBER if (element.get("value") or "").isdigit() else TEXT
    return NUMBER


def _forms_on(page_url: str, html: str) -> list[Form]:
    found = []
    document = lxml.html.fromstring(html)
    for node in document.forms:
        method = "post" if node.get("hx-post") else (node.get("method") or "get").lower()
        action = node.get("hx-post") or node.get("hx-get") or node.get("action") or page_url
        url = urljoin(page_url, action)
        path = urlsplit(url).path
        try:
            pattern = resolve(path).view_name
        except Resolver404:
            continue
        if pattern in SKIPPED:
            continue
        values = [(k, v) for k, v in node.form_values() if k != "csrfmiddlewaretoken"]
        for button in node.xpath(".//button[@name]|.//input[@type='submit'][@name]"):
            values.append((button.get("name"), button.get("value") or ""))
            break
        kinds = {}
        for element in node.xpath(".//*[@name]"):
            name = element.get("name")
            if name != "csrfmiddlewaretoken" and name not in kinds:
                kinds[name] = _kind(element)
        found.append(Form(pattern, method, url, values, kinds))
    return found


@pytest.fixture(scope="module")
def forms(demo, other, django_db_blocker):  # noqa: F811
    """Every distinct form the discoverers see, with the role that saw it."""
    seen: dict[tuple, tuple[str, Form]] = {}
    with django_db_blocker.unblock():
        for role in DISCOVERERS:
            client = client_for(role)
            for name, build in sorted(BUILDERS.items()):
                if name in SKIPPED:
                    continue
                for url in build(demo):
                    response = client.get(url)
                    if response.status_code != 200 or "html" not in response.get(
                        "Content-Type", ""
                    ):
                        continue
                    for form in _forms_on(url, response.content.decode()):
                        key = (form.pattern, form.method, tuple(sorted(form.names)))
                        seen.setdefault(key, (role, form))
    assert len(seen) > 30, "too few forms found: the discovery is broken"
    return list(seen.values())


# Sending them --------------------------------------------------------------------------------


def _hostile(form: Form, changes: dict[str, str]) -> list[tuple[str, str]]:
    values = [(k, changes.get(k, v)) for k, v in form.values]
    present = {k for k, _v in values}
    values += [(k, v) for k, v in changes.items() if k not in present]
    return values


def _send(client, form: Form, values: list[tuple[str, str]]):
    if form.method == "get":
        return client.get(f"{form.url}{'&' if '?' in form.url else '?'}{urlencode(values)}")
    data: dict[str, list[str]] = {}
    for k, v in values:
        data.setdefault(k, []).append(v)
    return client.post(form.url, data)


def _attempt(client, form: Form, values, columns, *, look_for_stored: bool):
    """The response, what it changed and the columns holding refused characters, all rolled
    back so the next request sees the same demo."""
    with transaction.atomic():
        before = fingerprint()
        response = _send(client, form, values)
        diff = changed(before, fingerprint())
        stored = _stored_refused(columns) if look_for_stored and diff else []
        transaction.set_rollback(True)
    return response, diff, stored


def _text_columns() -> list[tuple[type[models.Model], str]]:
    columns = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for f in model._meta.concrete_fields:
                if isinstance(f, (models.CharField, models.TextField)) and not f.choices:
                    columns.append((model, f.name))
    return columns


def _stored_refused(columns) -> list[str]:
    """Columns now holding a character the policy refuses (checked inside the savepoint)."""
    return [
        f"{model.__name__}.{name}"
        for model, name in columns
        if model._default_manager.filter(**{f"{name}__regex": STORED_BAD}).exists()
    ]


def _refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        body = response.content.decode(errors="replace")
        return 'class="errorlist' in body or 'class="message error' in body
    return False


def _run(client, role, form, label, changes, columns, problems):
    values = _hostile(form, changes)
    where = f"{role} {form.method.upper()} {form.url} [{label}]"
    try:
        response, diff, stored = _attempt(
            client,
            form,
            values,
            columns,
            look_for_stored=any(REFUSED.search(v) for v in changes.values()),
        )
    except Exception as error:  # noqa: BLE001 - a 500 in production: report it
        problems.append(f"{where}: raised {type(error).__name__}: {str(error)[:200]}")
        return
    status = response.status_code
    if status >= 500:
        problems.append(f"{where}: {status}")
    elif diff and _refused(response):
        problems.append(f"{where}: refused ({status}) but changed {', '.join(diff)}")
    if stored:
        problems.append(f"{where}: {status}, stored refused characters in {', '.join(stored)}")


@pytest.mark.django_db
def test_every_field_of_every_form_with_a_hostile_value(demo, other, forms):  # noqa: F811
    columns = _text_columns()
    problems: list[str] = []
    clients = {role: client_for(role) for role in DISCOVERERS}
    for index, (role, form) in enumerate(forms):
        client = clients[role]
        for place, (name, kind) in enumerate(form.kinds.items()):
            for turn in range(PER_FIELD):
                label, value = hostile_value(kind, index + place + turn, name, other)
                _run(client, role, form, f"{name}={label}", {name: value}, columns, problems)
    assert not problems, "\n".join(problems[:80])


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, ANONYMOUS])
def test_every_form_with_every_field_hostile_as_every_role(demo, other, forms, role):  # noqa: F811
    columns = _text_columns()
    client = client_for(role)
    problems: list[str] = []
    for index, (_seen_by, form) in enumerate(forms):
        changes = {
            name: hostile_value(kind, index + place, name, other)[1]
            for place, (name, kind) in enumerate(form.kinds.items())
        }
        _run(client, role, form, "all hostile", changes, columns, problems)
    assert not problems, "\n".join(problems[:80])
