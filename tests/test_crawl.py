"""Crawl the whole demo as every role, and as nobody.

`seed_demo` loads the full demo (draft, about sixty amendments with a few drafts still private
to their Groups, the general discussion, translations). Then, for each role, a breadth-first
crawl follows every same-site link (`a[href]`, `[hx-get]`, `<form method="get">` with its default
values and each choice of its small selects and radios) from the home page, the committee page and
a few pages about the private drafts, each URL once as a page and once as an htmx fragment, and
downloads exports. It checks that:

- no URL answers 5xx;
- an anonymous visitor gets only redirects to the login page (or the login page itself);
- no page, fragment, history or export shows a word a Group has drafted in private to anyone but
  that Group's coordinators, nor a link to such a draft.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import islice
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from committee.demo import seed_committee
from committee.models import Amendment, AmendmentChange, Committee, Membership, Subamendment
from discussion.models import Point
from drafting.models import Paragraph, ParagraphTranslation
from drafting.textdiff import word_diff
from tests.conftest import ROLES

ANONYMOUS = "anonymous"
MAX_PAGES = 400  # URLs per role (each fetched as a page and as a fragment)
PER_PATTERN = 3  # URLs per (URL name, query keys) found by following links
PER_NAME = 10  # URLs per URL name found by following links
# Downloads are slow to build: the seeds fetch each format once, links add only a few.
PER_NAME_LIMITS = {"committee:compilation_export": 2, "drafting_export:panel": 3}
MAX_CHOICES = 12  # a GET form's select or radio group with more options keeps its default
SKIP_NAMES = {"logout", "set_language"}
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
LOGIN = "/accounts/login/"


# The demo, seeded once for the module ------------------------------------------------------


@dataclass
class Secret:
    """A Group's draft amendment: the words only that Group's coordinators may see."""

    amendment_id: int
    group_id: int
    needles: list[str]


@dataclass
class Demo:
    slug: str
    draft_id: int
    secrets: list[Secret]
    seeds: list[str]
    coordinated: dict[str, set[int]] = field(default_factory=dict)


def normalise(text: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())


def _public_text(committee: Committee) -> str:
    """Every text anyone on the committee may see, to keep only needles that are truly private."""
    parts: list[str] = []
    parts += Paragraph.objects.values_list("text", flat=True)
    parts += Paragraph.history.values_list("text", flat=True)
    parts += ParagraphTranslation.objects.values_list("text", flat=True)
    tabled = AmendmentChange.objects.filter(amendment__number__isnull=False)
    parts += tabled.values_list("proposed_text", flat=True)
    parts += Amendment.objects.tabled().values_list("explanatory_note", flat=True)
    parts += Subamendment.objects.values_list("proposed_text", flat=True)
    for point in Point.objects.filter(committee=committee):
        parts += [point.text_en, point.text_fr, point.text_es]
    return "\n".join(normalise(p) for p in parts)


def _secrets(committee: Committee) -> list[Secret]:
    public = _public_text(committee)
    secrets = []
    for amendment in Amendment.objects.filter(committee=committee, number__isnull=True):
        candidates = [amendment.explanatory_note]
        for change in amendment.changes.all():
            candidates.append(change.proposed_text)
            # The words it adds, as a diff would show them (<ins>...</ins>).
            candidates += [
                text for op, text in word_diff(change.base_text, change.proposed_text) if op == 1
            ]
        needles = sorted(
            {n for c in candidates if len(n := normalise(c)) >= 12 and n not in public}
        )
        assert needles, f"draft amendment {amendment.pk} has no private words to look for"
        secrets.append(Secret(amendment.pk, amendment.group_id, needles))
    assert secrets, "the demo has no private draft amendments"
    return secrets


def _seeds(committee: Committee, secrets: list[Secret]) -> list[str]:
    """Where the crawl starts: the home and committee pages, and pages near the private drafts
    (their paragraphs' amendments, histories and fragments, the drafts' own URLs) and exports."""
    slug, draft = committee.slug, committee.draft
    c, d = f"/c/{slug}", f"/drafts/{draft.pk}"
    seeds = [
        "/",
        f"{c}/",
        f"{c}/compilation/?q=decent+work",
        f"{d}/export/?format=html&document=changes&since="
        + draft.created_at.strftime("%Y-%m-%dT%H:%M"),
    ]
    for fmt in ("html", "akn", "docx", "pdf"):
        seeds.append(f"{d}/export/?format={fmt}&document=text&language=en")
        seeds.append(f"{c}/exports/compilation/?format={fmt}&language=en")
    for secret in secrets:
        a = f"{c}/amendments/{secret.amendment_id}/"
        seeds += [a, a + "history/", a + "edit/", a + "receipt/", a + "changes/new/"]
        seeds += [a + "withdraw/", a + "submit-late/"]
        for change in AmendmentChange.objects.filter(amendment_id=secret.amendment_id):
            p = change.paragraph_id
            seeds += [f"{c}/compilation/?paragraph={p}", f"/c/paragraph/{p}/amendments/"]
            seeds += [f"{d}/p/{p}/", f"{d}/p/{p}/history/", f"/c/propose/{p}/"]
            seeds += [f"{a}changes/{change.pk}/edit/", f"{c}/amendments/new/?paragraph={p}"]
    return list(dict.fromkeys(seeds))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The full demo, committed once for the module's tests, removed after them."""
    with django_db_blocker.unblock():
        try:
            call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
            committee = Committee.objects.get()
            secrets = _secrets(committee)
            coordinated = {
                role: set(
                    Membership.objects.filter(
                        committee=committee,
                        user__username=role,
                        role=Membership.Role.COORDINATOR,
                    ).values_list("group_id", flat=True)
                )
                for role in ROLES
            }
            yield Demo(
                slug=committee.slug,
                draft_id=committee.draft_id,
                secrets=secrets,
                seeds=_seeds(committee, secrets),
                coordinated=coordinated,
            )
        finally:
            call_command("flush", interactive=False, verbosity=0)
            seed_committee()


# Links --------------------------------------------------------------------------------------


class Links(HTMLParser):
    """a[href], [hx-get] and the URLs GET forms submit (defaults, then each small choice)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.form: dict | None = None
        self.select: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.urls.append(a["href"])
        if a.get("hx-get"):
            self.urls.append(a["hx-get"])
        if tag == "form" and a.get("method", "get").lower() == "get":
            self.form = {"action": a.get("action", ""), "fields": [], "choices": {}}
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("radio", "checkbox"):
                self.form["choices"].setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self.form["fields"].append((name, a.get("value", "on")))
            else:
                self.form["fields"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select = {"name": name, "options": [], "selected": None}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select["options"].append(value)
            if "selected" in a:
                self.select["selected"] = value
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if self.form is None:
            return
        if tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = self.select["selected"]
            if chosen is None and options:
                chosen = options[0]
            if chosen is not None:
                self.form["fields"].append((self.select["name"], chosen))
            self.form["choices"][self.select["name"]] = options
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.form["fields"].append((self.textarea["name"], self.textarea["text"]))
            self.textarea = None
        elif tag == "form":
            self._submit(self.form)
            self.form = None

    def _submit(self, form: dict) -> None:
        fields = form["fields"]
        action = form["action"] or ""
        variants = [fields]
        for name, options in form["choices"].items():
            if len(options) > MAX_CHOICES:
                continue
            others = [(k, v) for k, v in fields if k != name]
            variants += [others + [(name, option)] for option in options]
        for variant in variants:
            self.urls.append(f"{action.split('?')[0]}?{urlencode(variant)}")


def links(base: str, content: str) -> list[str]:
    parser = Links()
    parser.feed(content)
    return [urljoin(base, url) for url in parser.urls]


def same_site(url: str) -> str | None:
    """The local path and query of a same-site URL worth crawling, else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    if name_of(path) in SKIP_NAMES:
        return None
    return f"{path}?{parts.query}" if parts.query else path


def name_of(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return "(unresolved)"


def pattern_key(url: str) -> tuple[str, tuple[str, ...]]:
    parts = urlsplit(url)
    return name_of(parts.path), tuple(sorted({k for k, _ in parse_qsl(parts.query)}))


# What a response says ----------------------------------------------------------------------


def readable(response) -> str:
    """The text of a page, fragment or download, as a reader would see it."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if content[:4] == b"PK\x03\x04":  # DOCX: every XML part of the package
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            return "\n".join(
                normalise(docx.read(name).decode("utf-8", "replace"))
                for name in docx.namelist()
                if name.endswith(".xml")
            )
    if content[:5] == b"%PDF-" or "pdf" in kind:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return normalise("\n".join(page.extract_text() or "" for page in reader.pages))
    return normalise(content.decode("utf-8", "replace"))


def is_download(response) -> bool:
    return "attachment" in response.get("Content-Disposition", "")


# The crawl ---------------------------------------------------------------------------------


@dataclass
class Crawl:
    role: str
    forbidden: list[Secret]
    own: list[Secret]
    fetched: int = 0
    problems: list[str] = field(default_factory=list)
    own_seen: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    seeds: set[str] = field(default_factory=set)

    def check(self, url: str, headers: dict, response) -> None:
        label = f"{self.role} GET {url}{' (htmx)' if headers else ''}"
        status = response.status_code
        self.names.add(pattern_key(url)[0])
        if status >= 500:
            self.problems.append(f"{label}: {status}")
        if self.role == ANONYMOUS:
            location = response.get("Location", "")
            if not (status == 302 and location.startswith(LOGIN)) and not (
                urlsplit(url).path == LOGIN and status == 200
            ):
                self.problems.append(f"{label}: {status} {location} instead of the login page")
            return
        private_url = next(
            (s for s in self.forbidden if f"/amendments/{s.amendment_id}/" in url), None
        )
        if private_url and status not in (403, 404):
            self.problems.append(f"{label}: {status} for another Group's draft")
        if status in (403, 404) and url not in self.seeds:
            self.problems.append(f"{label}: {status}: a page offers a link the role cannot open")
        if status != 200:
            return
        text = readable(response)
        raw = b"" if response.streaming else response.content
        for secret in self.forbidden:
            for needle in secret.needles:
                if needle in text:
                    self.problems.append(f"{label}: shows another Group's draft: {needle!r}")
            if str(secret.amendment_id).encode() in raw:
                self.problems.append(f"{label}: names another Group's draft {secret.amendment_id}")
        for secret in self.own:
            if any(needle in text for needle in secret.needles):
                self.own_seen.add(secret.amendment_id)


def crawl(client: Client, crawl: Crawl, seeds: list[str]) -> None:
    queue: deque[str] = deque()
    seen: set[str] = set()
    per_pattern: dict[tuple, int] = {}
    per_name: dict[str, int] = {}

    def enqueue(url: str, *, seed: bool = False) -> None:
        local = same_site(url)
        if local is None or local in seen:
            return
        key = pattern_key(local)
        name = key[0]
        if not seed and (
            per_pattern.get(key, 0) >= PER_PATTERN
            or per_name.get(name, 0) >= PER_NAME_LIMITS.get(name, PER_NAME)
        ):
            return
        per_pattern[key] = per_pattern.get(key, 0) + 1
        per_name[name] = per_name.get(name, 0) + 1
        seen.add(local)
        queue.append(local)

    for url in seeds:
        enqueue(url, seed=True)
    while queue and crawl.fetched < MAX_PAGES:
        url = queue.popleft()
        crawl.fetched += 1
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            crawl.check(url, headers, response)
            if response.status_code in (301, 302, 303, 307, 308):
                enqueue(urljoin(url, response["Location"]))
            elif is_download(response):
                break  # the same file as a fragment: no need to build it twice
            elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
                for link in links(url, response.content.decode("utf-8", "replace")):
                    enqueue(link)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, ANONYMOUS])
def test_no_role_meets_a_server_error_or_another_groups_draft(demo, role):
    client = Client()
    if role != ANONYMOUS:
        client.force_login(get_user_model().objects.get(username=role))
    mine = demo.coordinated.get(role, set())
    own = [s for s in demo.secrets if s.group_id in mine]
    # Words the role's own drafts use too are no sign of a leak.
    own_words = {needle for s in own for needle in s.needles}
    forbidden = [
        Secret(s.amendment_id, s.group_id, [n for n in s.needles if n not in own_words])
        for s in demo.secrets
        if s.group_id not in mine
    ]
    state = Crawl(role=role, forbidden=forbidden, own=own, seeds=set(demo.seeds))
    crawl(client, state, demo.seeds)

    assert not state.problems, "\n".join(islice(state.problems, 40))
    # The crawl went somewhere, and a Group's coordinator found their own drafts (so the look
    # for private words would have found another Group's too).
    assert state.fetched >= (len(demo.seeds) if role == ANONYMOUS else 60), state.fetched
    if role != ANONYMOUS:
        assert {"committee:detail", "drafting:draft", "committee:compilation"} <= state.names
    assert state.own_seen == {s.amendment_id for s in state.own}
