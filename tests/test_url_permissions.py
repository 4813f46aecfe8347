"""Every URL of the project, for every role and for nobody.

The matrix builds a concrete URL for every URL pattern from the seeded demo (a new pattern the
matrix cannot build fails the first test: add it to BUILDERS). Then, for each role and anonymous:

- GET (as a page and as an htmx fragment) and POST with an empty body never answer 5xx;
- anonymous is sent to the login page, and nothing changes;
- observers, plenary clerks and the Chairperson change nothing with any POST;
- a Group coordinator changes nothing with a POST to the secretariat's functions or to another
  Group's amendments;
- with a valid form, each guarded write is done for the role it belongs to (so the form is
  right) and refused, with nothing changed, for every other role.

Each POST runs in a savepoint rolled back after it, so every request starts from the same demo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from committee.amendment_views import ACTIONS
from committee.demo import seed_committee
from committee.floor import floor_for
from committee.models import (
    Amendment,
    Committee,
    Floor,
    Group,
    Membership,
    RegionalGroup,
    Stage,
)
from discussion.models import RoomState, Speaker
from discussion.services import key_fingerprint
from drafting.models import Paragraph, ParagraphTranslation
from tests.conftest import ROLES

ANONYMOUS = "anonymous"
LOGIN = "/accounts/login/"
COORDINATORS = ["employers", "workers", "government", "africa"]
READERS = ["observer", "clerk", "chair"]  # may change nothing at all
APPS = ("drafting", "committee", "discussion")


# The demo and the objects the URLs name ----------------------------------------------------


@dataclass
class Demo:
    slug: str
    draft: int
    paragraph: int  # a live paragraph with a pending tabled amendment on it
    translated: int  # a live paragraph with a French translation
    tabled: int  # a pending tabled amendment of the Workers
    tabled_change: int
    employers_tabled: int  # a pending tabled amendment of the Employers
    employers_tabled_change: int
    employers_draft: int  # a draft private to the Employers
    employers_draft_change: int
    point: int
    speaker: int  # a waiting speaker of the Government group
    employers_group: int
    workers_group: int
    regional_group: int
    worker_member: int  # the membership of a Worker member without a login (wor-01)


def _demo() -> Demo:
    committee = Committee.objects.get()
    S = Amendment.Status
    pending = Amendment.objects.filter(committee=committee, status=S.TABLED)

    def tabled_of(kind: str) -> Amendment:
        return (
            pending.filter(group__kind=kind)
            .exclude(changes__action="delete")
            .order_by("number")
            .first()
        )

    workers, employers = tabled_of("workers"), tabled_of("employers")
    draft = Amendment.objects.filter(
        committee=committee, status=S.DRAFT, group__kind="employers"
    ).first()
    speaker = Speaker.objects.filter(
        point__committee=committee,
        status=Speaker.Status.WAITING,
        group__kind="government",
    ).first()
    assert workers and employers and draft and speaker, "the demo lacks what the matrix needs"
    translated = ParagraphTranslation.objects.filter(
        paragraph__draft=committee.draft, language="fr", paragraph__is_deleted=False
    ).first()
    return Demo(
        slug=committee.slug,
        draft=committee.draft_id,
        paragraph=workers.changes.get().paragraph_id,
        translated=translated.paragraph_id,
        tabled=workers.pk,
        tabled_change=workers.changes.get().pk,
        employers_tabled=employers.pk,
        employers_tabled_change=employers.changes.get().pk,
        employers_draft=draft.pk,
        employers_draft_change=draft.changes.get().pk,
        point=speaker.point_id,
        speaker=speaker.pk,
        employers_group=Group.objects.get(committee=committee, kind="employers").pk,
        workers_group=Group.objects.get(committee=committee, kind="workers").pk,
        regional_group=RegionalGroup.objects.filter(committee=committee).first().pk,
        worker_member=Membership.objects.get(committee=committee, user__username="wor-01").pk,
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The full demo, committed once for the module's tests, removed after them."""
    with django_db_blocker.unblock():
        try:
            call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
            # The floor's row, as the first look at the console makes it.
            floor_for(Committee.objects.get())
            yield _demo()
        finally:
            call_command("flush", interactive=False, verbosity=0)
            seed_committee()


# Every URL pattern, and how to build it -----------------------------------------------------


def url_names(resolver=None, namespace: str = "") -> set[str]:
    """The names of every URL pattern of the project, outside the admin and static files."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, ns)
        elif isinstance(entry, URLPattern):
            if str(entry.pattern).startswith("static/"):
                continue
            assert entry.name, f"unnamed URL pattern {entry.pattern}"
            names.add(f"{namespace}{entry.name}")
    return names


def _amendment_urls(d: Demo, suffix: str) -> list[str]:
    """The URL on a Workers' tabled amendment, an Employers' tabled one and an Employers' draft."""
    c = f"/c/{d.slug}/amendments"
    return [
        f"{c}/{d.tabled}/{suffix}",
        f"{c}/{d.employers_tabled}/{suffix}",
        f"{c}/{d.employers_draft}/{suffix}",
    ]


def _change_urls(d: Demo, suffix: str) -> list[str]:
    c = f"/c/{d.slug}/amendments"
    return [
        f"{c}/{d.tabled}/changes/{d.tabled_change}/{suffix}",
        f"{c}/{d.employers_tabled}/changes/{d.employers_tabled_change}/{suffix}",
        f"{c}/{d.employers_draft}/changes/{d.employers_draft_change}/{suffix}",
    ]


def _c(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/c/{d.slug}/{suffix}"]


def _m(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/c/{d.slug}/members/{d.worker_member}/{suffix}"]


def _p(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/c/{d.slug}/discussion/points/{d.point}/{suffix}"]


def _d(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/drafts/{d.draft}/{suffix}"]


def _u(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/drafts/{d.draft}/p/{d.paragraph}/{suffix}"]


def _t(suffix: str) -> Callable[[Demo], list[str]]:
    return lambda d: [f"/drafts/{d.draft}/translations/p/{d.translated}/fr/{suffix}"]


BUILDERS: dict[str, Callable[[Demo], list[str]]] = {
    "home": lambda d: ["/"],
    "login": lambda d: [LOGIN],
    "logout": lambda d: ["/accounts/logout/"],
    "set_language": lambda d: ["/i18n/setlang/"],
    "invitation": lambda d: ["/accounts/invitation/MQ/not-a-token/"],
    # committee
    "committee:propose": lambda d: [f"/c/propose/{d.paragraph}/"],
    "committee:paragraph": lambda d: [f"/c/paragraph/{d.paragraph}/amendments/"],
    "committee:detail": _c(""),
    "committee:members": _c("members/"),
    "committee:setup": lambda d: ["/c/setup/"],
    "committee:session_new": lambda d: ["/c/setup/session/new/"],
    "committee:committee_new": lambda d: ["/c/setup/committee/new/"],
    "committee:setup_overview": _c("setup/"),
    "committee:setup_settings": _c("setup/committee/"),
    "committee:setup_groups": _c("setup/groups/"),
    "committee:setup_regional": lambda d: [f"/c/{d.slug}/setup/groups/{d.regional_group}/"],
    "committee:setup_officers": _c("setup/officers/"),
    "committee:setup_draft": _c("setup/draft/"),
    "committee:composition": _c("composition/"),
    "committee:member_new": _c("members/new/"),
    "committee:members_import": _c("members/import/"),
    "committee:members_invite": _c("members/invite/"),
    "committee:member_edit": _m(""),
    "committee:member_active": _m("active/"),
    "committee:member_history": _m("history/"),
    "committee:member_invite": _m("invite/"),
    "committee:amendments": _c("amendments/"),
    "committee:amendment_new": lambda d: [
        f"/c/{d.slug}/amendments/new/",
        f"/c/{d.slug}/amendments/new/?paragraph={d.paragraph}",
    ],
    "committee:amendment_deadline": _c("amendments/deadline/"),
    "committee:amendment_translations": _c("amendments/translations/"),
    "committee:amendment": lambda d: _amendment_urls(d, ""),
    "committee:amendment_edit": lambda d: _amendment_urls(d, "edit/"),
    "committee:amendment_table": lambda d: _amendment_urls(d, "table/"),
    "committee:amendment_receipt": lambda d: _amendment_urls(d, "receipt/"),
    "committee:amendment_history": lambda d: _amendment_urls(d, "history/"),
    "committee:amendment_translate": lambda d: _amendment_urls(d, "translations/fr/"),
    "committee:change_new": lambda d: _amendment_urls(d, "changes/new/"),
    "committee:change_edit": lambda d: _change_urls(d, "edit/"),
    "committee:change_remove": lambda d: _change_urls(d, "remove/"),
    "committee:subamendment_new": lambda d: _change_urls(d, "subamend/"),
    "committee:amendment_action": lambda d: [
        url for action in ACTIONS for url in _amendment_urls(d, f"{action}/")
    ],
    "committee:compilation": lambda d: [
        f"/c/{d.slug}/compilation/",
        f"/c/{d.slug}/compilation/?paragraph={d.paragraph}",
    ],
    "committee:floor": lambda d: [f"/c/{d.slug}/floor/", f"/c/{d.slug}/floor/?p={d.paragraph}"],
    "committee:floor_decide": _c("floor/decide/"),
    "committee:floor_declare": _c("floor/declare/"),
    "committee:floor_undo": _c("floor/undo/"),
    "committee:floor_show": _c("floor/show/"),
    "committee:floor_order": _c("floor/order/"),
    "committee:stages": _c("stages/"),
    "committee:stage_advance": _c("stages/advance/"),
    "committee:stage_reopen": _c("stages/reopen/"),
    "committee:stage_compare": _c("stages/compare/"),
    "committee:record": _c("record/"),
    "committee:exports": _c("exports/"),
    "committee:compilation_export": lambda d: [
        f"/c/{d.slug}/exports/compilation/",
        f"/c/{d.slug}/exports/compilation/?format=html",
    ],
    "committee:record_export": lambda d: [
        f"/c/{d.slug}/exports/record/?format=html",
        f"/c/{d.slug}/exports/record/?format=docx&language=fr",
    ],
    "committee:stage_text_export": lambda d: [
        f"/c/{d.slug}/exports/text/?stage=current&format=html",
        f"/c/{d.slug}/exports/text/?stage=current&since=drafting_group&format=docx&language=fr",
    ],
    # discussion
    "discussion:index": _c("discussion/"),
    "discussion:point_create": _c("discussion/points/new/"),
    "discussion:point": _p(""),
    "discussion:point_edit": _p("edit/"),
    "discussion:point_move": _p("move/"),
    "discussion:allocations": _p("allocations/"),
    "discussion:speaker_add": _p("speakers/"),
    "discussion:call_next": _p("next/"),
    "discussion:open_point": _p("open/"),
    "discussion:summary": _p("summary/"),
    "discussion:summary_docx": lambda d: [f"/c/{d.slug}/discussion/points/{d.point}/summary.docx"],
    "discussion:speaker_move": lambda d: [f"/c/{d.slug}/discussion/speakers/{d.speaker}/move/"],
    "discussion:speaker_withdraw": lambda d: [
        f"/c/{d.slug}/discussion/speakers/{d.speaker}/withdraw/"
    ],
    "discussion:clock_start": _c("discussion/clock/start/"),
    "discussion:clock_stop": _c("discussion/clock/stop/"),
    "discussion:finish": _c("discussion/clock/finish/"),
    "discussion:room": _c("room/"),
    "discussion:chair": lambda d: [f"/c/{d.slug}/chair/", f"/c/{d.slug}/chair/?p={d.paragraph}"],
    "discussion:room_screen": _c("room/screen/"),
    "discussion:projector_key": _c("room/projector/"),
    # The projector is opened with the screen key, not a login: a wrong key is refused to all.
    "discussion:projector": _c("room/projector/not-the-screen-key/"),
    "discussion:projector_screen": _c("room/projector/not-the-screen-key/screen/"),
    # drafting
    "drafting_export:panel": lambda d: [
        f"/drafts/{d.draft}/export/",
        f"/drafts/{d.draft}/export/?format=html&document=text",
    ],
    "drafting_translations:parallel": _d("translations/"),
    "drafting_translations:queue": _d("translations/queue/"),
    "drafting_translations:title": _d("translations/title/fr/"),
    "drafting_translations:cell": _t(""),
    "drafting_translations:edit": _t("edit/"),
    "drafting_translations:history": _t("history/"),
    "drafting:draft": _d(""),
    "drafting:history": _d("history/"),
    "drafting:compare": _d("compare/"),
    "drafting:import": _d("import/"),
    "drafting:insert": lambda d: [f"/drafts/{d.draft}/insert/?after={d.paragraph}"],
    "drafting:unit": _u(""),
    "drafting:edit": _u("edit/"),
    "drafting:move": _u("move/"),
    "drafting:delete": _u("delete/"),
    "drafting:undelete": _u("undelete/"),
    "drafting:paragraph_history": _u("history/"),
    "drafting:restore_version": _u("restore/"),
}

PROJECTOR = ("discussion:projector", "discussion:projector_screen")

# The secretariat's functions: no coordinator may change anything through them.
SECRETARIAT_ONLY = (
    {
        name
        for name in BUILDERS
        if name.startswith(
            ("drafting:", "drafting_translations:", "committee:floor", "committee:stage")
        )
    }
    | {name for name in BUILDERS if name.startswith(("committee:setup", "committee:member"))}
    | {
        "committee:session_new",
        "committee:committee_new",
        "committee:composition",
        "committee:amendment_deadline",
        "committee:amendment_translations",
        "committee:amendment_translate",
        "discussion:point_create",
        "discussion:point_edit",
        "discussion:point_move",
        "discussion:allocations",
        "discussion:call_next",
        "discussion:open_point",
        "discussion:speaker_move",
        "discussion:clock_start",
        "discussion:clock_stop",
        "discussion:finish",
        "discussion:projector_key",
    }
)


# What changed in the database ----------------------------------------------------------------


@cache
def _tables() -> tuple[list[str], list]:
    """The tables of drafting, committee and discussion: every one to count (history tables
    grow with each save) and the models without a history, whose rows are compared in full."""
    counted, compared = [], []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            counted.append(model._meta.db_table)
            tracked = hasattr(model, "history") or model.__name__.startswith("Historical")
            if not tracked:
                compared.append(model)
    return counted, compared


def fingerprint() -> dict[str, object]:
    """The row count of every table, and the rows of the tables without a history."""
    counted, compared = _tables()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in counted)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        state: dict[str, object] = dict(cursor.fetchall())
    for model in compared:
        rows = model._default_manager.order_by("pk").values_list()
        state[model.__name__] = hash(tuple(map(repr, rows)))
    return state


def changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def request(
    client: Client,
    method: str,
    url: str,
    data=None,
    headers=None,
    *,
    prepare=None,
    compare: bool = True,
):
    """The response and what it changed, rolled back so the next request sees the same demo.

    A GET is made twice, as a page and as an htmx fragment (the response is the fragment's).
    `prepare()` sets the scene first (in the same savepoint); `data` may be a callable, called
    after it, so that the form carries the versions the user would have seen."""
    with transaction.atomic():
        if prepare is not None:
            prepare()
        if callable(data):
            data = data()
        before = fingerprint() if compare else {}
        if method == "GET":
            response = client.get(url, headers=headers or {})
        else:
            response = client.post(url, data or {}, headers=headers or {})
        diff = changed(before, fingerprint()) if compare else []
        transaction.set_rollback(True)
    return response, diff


def client_for(role: str) -> Client:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(get_user_model().objects.get(username=role))
    return client


def must_change_nothing(role: str, name: str, url: str, d: Demo) -> bool:
    if role in (ANONYMOUS, *READERS):
        return True
    if role in COORDINATORS:
        if name in SECRETARIAT_ONLY:
            return True
        # Another Group's amendment (the Workers' one is the workers' own).
        if "/amendments/" in url and f"/{d.tabled}/" in url:
            return role != "workers"
        if "/amendments/" in url and (
            f"/{d.employers_tabled}/" in url or f"/{d.employers_draft}/" in url
        ):
            return role != "employers"
    return False


# The tests ----------------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_matrix():
    names = url_names()
    assert not names - BUILDERS.keys(), (
        f"URL patterns the matrix cannot build: {names - BUILDERS.keys()}"
    )
    assert not BUILDERS.keys() - names, f"gone from the project: {BUILDERS.keys() - names}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, ANONYMOUS])
def test_no_url_answers_5xx_and_no_role_changes_what_it_may_not(demo, role):
    client = client_for(role)
    problems: list[str] = []
    for name, build in sorted(BUILDERS.items()):
        for url in build(demo):
            for method, headers in (("GET", {}), ("GET", {"HX-Request": "true"}), ("POST", {})):
                if method == "POST" and name in ("logout", "set_language") and role != ANONYMOUS:
                    continue  # would log the client out or change its language
                label = f"{role} {method}{' (htmx)' if headers else ''} {url}"
                try:
                    # A GET changes nothing: one look (as a page) is enough to check that.
                    compare = method == "POST" or not headers
                    response, diff = request(client, method, url, headers=headers, compare=compare)
                except Exception as error:  # noqa: BLE001 - a 500 in production: report it
                    problems.append(f"{label}: raised {type(error).__name__}: {error}")
                    continue
                status = response.status_code
                if status >= 500:
                    problems.append(f"{label}: {status}")
                if role == ANONYMOUS and name not in ("login", "set_language", "invitation"):
                    # The room screen's poll is checked by its token (no session): POST is 405.
                    refused = status == 405 and name == "discussion:room_screen"
                    # The projector's address is checked by its key: a wrong one is 403.
                    refused = refused or (name in PROJECTOR and status in (403, 405))
                    if not refused and not (
                        status == 302 and response["Location"].startswith(LOGIN)
                    ):
                        problems.append(f"{label}: {status} instead of the login page")
                if diff and (method == "GET" or must_change_nothing(role, name, url, demo)):
                    problems.append(f"{label}: {status} and changed {', '.join(diff)}")
    assert not problems, "\n".join(problems[:60])


# Valid forms: done for the role they belong to, refused for every other ----------------------


@dataclass(frozen=True)
class Write:
    name: str
    allowed: frozenset[str]
    url: Callable[[Demo], str]
    data: Callable[[Demo], dict]
    prepare: Callable[[Demo], None] | None = None


def _amendment_version(pk: int) -> int:
    return Amendment.objects.get(pk=pk).version


def _floor_state(d: Demo) -> int:
    return Floor.objects.get(committee__slug=d.slug).version


def _paragraph_version(pk: int) -> int:
    return Paragraph.objects.get(pk=pk).version


def _draft_version(d: Demo) -> int:
    return Committee.objects.get().draft.version


def _translation(d: Demo) -> dict:
    row = ParagraphTranslation.objects.get(paragraph_id=d.translated, language="fr")
    return {
        "text": "Un texte français revu.",
        "reason": "Révision",
        "version": row.version,
        "source_version": _paragraph_version(d.translated),
    }


def _before_the_committee(d: Demo) -> None:
    """The text at the committee stage, where the sitting decides amendments."""
    Floor.objects.filter(committee__slug=d.slug).update(stage=Stage.COMMITTEE)


SECRETARIAT = frozenset({"secretariat"})
NOBODY = frozenset()  # a superuser's function: no committee role may use it


def _member_state(d: Demo) -> str:
    from committee.setup import member_state

    return member_state(Membership.objects.get(pk=d.worker_member))


WRITES = [
    Write(
        "committee:session_new",
        NOBODY,
        lambda d: "/c/setup/session/new/",
        lambda d: {
            "number": 120,
            "year": 2032,
            "name": "120th Session",
            "start_date": "2032-06-01",
            "end_date": "2032-06-12",
            "time_zone": "Europe/Zurich",
        },
    ),
    Write(
        "committee:setup_settings",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/setup/committee/",
        lambda d: {
            "name": "Committee on Labour Migration",
            "acronym": "C.G.D.Mig",
            "languages": ["en", "fr"],
            "original_language": "en",
            "time_zone": "Europe/Zurich",
        },
    ),
    Write(
        "committee:setup_groups",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/setup/groups/",
        lambda d: {"regional-name": "Group of 77", "regional-countries": "IND, BRA"},
    ),
    Write(
        "committee:member_new",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/members/new/",
        lambda d: {
            "name": "Nadia New",
            "email": "nadia@example.org",
            "group": "workers",
            "role": "member",
            "seat": "titular",
        },
    ),
    Write(
        "committee:member_active",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/members/{d.worker_member}/active/",
        lambda d: {"active": "0", "reason": "Left", "state": _member_state(d)},
    ),
    Write(
        "committee:composition",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/composition/",
        lambda d: {
            "effective_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "government": 30,
            "employers": 10,
            "workers": 12,
        },
    ),
    Write(
        "committee:amendment_deadline",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/amendments/deadline/",
        lambda d: {"deadline": (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")},
    ),
    Write(
        "committee:amendment_table",
        frozenset({"employers"}),
        lambda d: f"/c/{d.slug}/amendments/{d.employers_draft}/table/",
        lambda d: {"version": _amendment_version(d.employers_draft)},
    ),
    Write(
        "committee:amendment_edit",
        frozenset({"employers"}),
        lambda d: f"/c/{d.slug}/amendments/{d.employers_draft}/edit/",
        lambda d: {
            "language": "en",
            "explanatory_note": "A note from the Group.",
            "version": _amendment_version(d.employers_draft),
        },
    ),
    Write(
        "committee:change_edit",
        frozenset({"employers"}),
        lambda d: (
            f"/c/{d.slug}/amendments/{d.employers_draft}/changes/{d.employers_draft_change}/edit/"
        ),
        lambda d: {
            "proposed_text": "Words the Employers chose.",
            "version": _amendment_version(d.employers_draft),
        },
    ),
    Write(
        "committee:amendment_action",
        frozenset({"workers"}),
        lambda d: f"/c/{d.slug}/amendments/{d.tabled}/withdraw/",
        lambda d: {"reason": "Met elsewhere.", "version": _amendment_version(d.tabled)},
    ),
    Write(
        "committee:amendment_action",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/amendments/{d.tabled}/clarify/",
        lambda d: {"reason": "Which clause?", "version": _amendment_version(d.tabled)},
    ),
    Write(
        "committee:amendment_action",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/amendments/{d.tabled}/second/",
        lambda d: {"seconded_by": "Employer members", "version": _amendment_version(d.tabled)},
    ),
    Write(
        "committee:subamendment_new",
        frozenset({"secretariat", "employers"}),
        lambda d: f"/c/{d.slug}/amendments/{d.tabled}/changes/{d.tabled_change}/subamend/",
        lambda d: {"proposed_text": "Other words.", "submitters": "Employer members"},
    ),
    # Without a name, a coordinator's subamendment is their own Group's; the secretariat must
    # say who proposed an oral one.
    Write(
        "committee:subamendment_new",
        frozenset(COORDINATORS),
        lambda d: f"/c/{d.slug}/amendments/{d.tabled}/changes/{d.tabled_change}/subamend/",
        lambda d: {"proposed_text": "Other words."},
    ),
    Write(
        "committee:amendment_action",
        frozenset({"employers"}),
        lambda d: f"/c/{d.slug}/amendments/{d.employers_draft}/discard/",
        lambda d: {"reason": "Saved twice.", "version": _amendment_version(d.employers_draft)},
    ),
    Write(
        "committee:floor_show",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/floor/show/",
        lambda d: {"paragraph": d.paragraph, "amendment": d.tabled},
    ),
    Write(
        "committee:floor_decide",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/floor/decide/",
        lambda d: {
            "amendment": d.tabled,
            "outcome": "rejected",
            "state": _floor_state(d),
        },
        prepare=_before_the_committee,
    ),
    Write(
        "committee:stage_advance",
        frozenset({"secretariat"}),
        lambda d: f"/c/{d.slug}/stages/advance/",
        lambda d: {
            "from_stage": Floor.objects.get(committee__slug=d.slug).stage,
            "confirm": "1",
            "reason": "On to the next stage.",
            "date": timezone.localdate().isoformat(),
        },
    ),
    Write(
        "drafting:edit",
        SECRETARIAT,
        lambda d: f"/drafts/{d.draft}/p/{d.paragraph}/edit/",
        lambda d: {
            "text": "A new text for the paragraph.",
            "reason": "Drafting group",
            "version": _paragraph_version(d.paragraph),
        },
    ),
    Write(
        "drafting:insert",
        SECRETARIAT,
        lambda d: f"/drafts/{d.draft}/insert/?after={d.paragraph}",
        lambda d: {
            "kind": "paragraph",
            "text": "A new paragraph.",
            "reason": "Drafting group",
            "draft_version": _draft_version(d),
        },
    ),
    Write(
        "drafting_translations:edit",
        SECRETARIAT,
        lambda d: f"/drafts/{d.draft}/translations/p/{d.translated}/fr/edit/",
        _translation,
    ),
    Write(
        "discussion:point_create",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/discussion/points/new/",
        lambda d: {"text_en": "What should the Office do next?"},
    ),
    Write(
        "discussion:projector_key",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/room/projector/",
        lambda d: {"current": key_fingerprint(RoomState.objects.get().screen_key)},
    ),
    Write(
        "discussion:call_next",
        SECRETARIAT,
        lambda d: f"/c/{d.slug}/discussion/points/{d.point}/next/",
        lambda d: {},
    ),
    Write(
        "discussion:speaker_add",
        frozenset({"secretariat", "workers"}),
        lambda d: f"/c/{d.slug}/discussion/points/{d.point}/speakers/",
        lambda d: {"label": "Worker spokesperson", "group": d.workers_group},
    ),
    Write(
        "discussion:speaker_withdraw",
        frozenset({"secretariat", "government", "africa"}),
        lambda d: f"/c/{d.slug}/discussion/speakers/{d.speaker}/withdraw/",
        lambda d: {},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name.split(":")[1])
def test_a_valid_form_is_done_for_its_role_and_refused_for_every_other(demo, write):
    problems: list[str] = []
    url = write.url(demo)
    for role in [*ROLES, ANONYMOUS]:
        response, diff = request(
            client_for(role),
            "POST",
            url,
            lambda: write.data(demo),
            prepare=(lambda: write.prepare(demo)) if write.prepare else None,
        )
        status = response.status_code
        label = f"{role} POST {url}"
        if role in write.allowed:
            if not diff or status >= 400:
                problems.append(f"{label}: {status}, changed nothing: the form is not valid")
        elif diff:
            problems.append(f"{label}: {status} and changed {', '.join(diff)}")
        elif role == ANONYMOUS:
            if not (status == 302 and response["Location"].startswith(LOGIN)):
                problems.append(f"{label}: {status} instead of the login page")
        elif not 400 <= status < 500:
            problems.append(f"{label}: {status} (not refused)")
    assert not problems, "\n".join(problems)


# Bad input: a message, never a 500 ---------------------------------------------------------

JUNK_FIELDS = [
    *("version", "paragraph", "amendment", "state", "text_version", "decision", "direction"),
    *("after", "parent", "order", "history_id", "draft_version", "base_version"),
    *("source_version", "expected", "speaker", "point", "change", "date", "from_stage"),
    *("deadline", "group", "country", "regional_group", "kind", "action", "outcome", "language"),
    *("p", "status", "from", "to", "lang", "since", "format", "document", "t", "q", "pending"),
    *("text", "reason", "proposed_text", "title", "base_title", "seconds", "label", "text_en"),
    *("name", "email", "seat", "officer", "role", "payload", "active", "effective_from"),
    *("government", "employers", "workers", "number", "year", "start_date", "end_date"),
    *("time_zone", "original_language", "languages", "symbol", "acronym", "session"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, junk",
    [("secretariat", "x"), ("secretariat", "99999999999999999999"), ("employers", "-1")],
    ids=["secretariat-word", "secretariat-huge", "employers-negative"],
)
def test_junk_in_any_field_or_parameter_never_answers_5xx(demo, role, junk):
    client = client_for(role)
    fields = {name: junk for name in JUNK_FIELDS} | {"confirm": "1", "clear": "1"}
    query = "&".join(f"{name}={junk}" for name in JUNK_FIELDS)
    problems: list[str] = []
    for name, build in sorted(BUILDERS.items()):
        if name in ("logout", "set_language"):
            continue
        for url in build(demo):
            with_query = f"{url}{'&' if '?' in url else '?'}{query}"
            for method, target, headers in (
                ("GET", with_query, {}),
                ("GET", with_query, {"HX-Request": "true"}),
                ("POST", url, {"HX-Request": "true"}),
            ):
                label = f"{role} {method}{' (htmx)' if headers else ''} {url} with {junk!r}"
                try:
                    response, _ = request(client, method, target, fields, headers, compare=False)
                except Exception as error:  # noqa: BLE001 - a 500 in production: report it
                    problems.append(f"{label}: raised {type(error).__name__}: {error}")
                    continue
                if response.status_code >= 500:
                    problems.append(f"{label}: {response.status_code}")
    assert not problems, "\n".join(problems[:60])


# A late submission: the secretariat sees it before it has a number -------------------------


@pytest.fixture
def late(demo):
    """The Employers' draft submitted after the deadline (rolled back with the test)."""
    from committee import services
    from committee.access import access_for

    committee = Committee.objects.get()
    committee.amendment_deadline = timezone.now() - timedelta(hours=1)
    committee.save(update_fields=["amendment_deadline"])
    employers = get_user_model().objects.get(username="employers")
    services.submit_late(
        access_for(employers, committee), employers, demo.employers_draft, reason="Delayed flight"
    )
    return demo.employers_draft


@pytest.mark.django_db
def test_the_secretariat_opens_every_page_of_a_late_submission(demo, late):
    client = client_for("secretariat")
    problems = []
    for suffix in ["", "history/", "accept-late/", "decline-late/", "translations/fr/"]:
        url = f"/c/{demo.slug}/amendments/{late}/{suffix}"
        for headers in ({}, {"HX-Request": "true"}):
            try:
                status = client.get(url, headers=headers).status_code
            except Exception as error:  # noqa: BLE001 - a 500 in production: report it
                problems.append(f"GET {url}: raised {type(error).__name__}: {error}")
                continue
            if status != 200 and not (suffix == "translations/fr/" and status in (403, 404)):
                problems.append(f"GET {url}: {status}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["workers", "chair", "clerk", "observer"])
def test_a_late_submission_stays_hidden_from_other_groups_and_readers(demo, late, role):
    client = client_for(role)
    for suffix in ["", "history/", "receipt/", "accept-late/", "withdraw/"]:
        response = client.get(f"/c/{demo.slug}/amendments/{late}/{suffix}")
        assert response.status_code in (403, 404), suffix
    listing = client.get(f"/c/{demo.slug}/amendments/").content.decode()
    assert str(late) not in listing
