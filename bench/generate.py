"""A large committee for the benchmark: a long draft, many amendments, subamendments, decisions.

`generate(size)` builds it in the current database. The real services are used where their
semantics matter (the draft is imported with `add_outline`, adopted texts are saved with
`edit_text`, the last amendments are tabled by `table_amendment` so the numbering continues
gap-free); `bulk_create` (with history records) is used where it is only volume. Everything is
seeded, so two runs with one size build the same committee.
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from committee import services
from committee.access import access_for
from committee.demo import seed_committee
from committee.models import (
    Amendment,
    AmendmentChange,
    Committee,
    Country,
    Group,
    Membership,
    RegionalGroup,
    Subamendment,
)
from drafting import services as drafting_services
from drafting.models import Draft, Paragraph
from drafting.outline import Unit, outline
from drafting.services import Node

K = Paragraph.Kind
Status = Amendment.Status
Action = AmendmentChange.Action


@dataclass(frozen=True)
class Size:
    """How big the committee is."""

    parts: int = 5
    paragraphs: int = 60
    clauses: int = 250  # clauses and sub-clauses together
    amendments: int = 1500
    busiest: int = 90  # amendments with a change on the busiest paragraph
    via_services: int = 30  # the last ones, tabled by the real services
    subamendments: int = 200
    decided: int = 600


FULL = Size()
QUICK = Size(
    parts=3,
    paragraphs=15,
    clauses=45,
    amendments=150,
    busiest=40,
    via_services=10,
    subamendments=20,
    decided=60,
)
TINY = Size(
    parts=1,
    paragraphs=4,
    clauses=6,
    amendments=12,
    busiest=5,
    via_services=2,
    subamendments=2,
    decided=4,
)

# Ten regional groups or groups of countries: the demo's four and six more.
EXTRA_COUNTRIES = [
    ("AUS", "Australia"),
    ("BGD", "Bangladesh"),
    ("BHR", "Bahrain"),
    ("BRB", "Barbados"),
    ("DNK", "Denmark"),
    ("FJI", "Fiji"),
    ("JOR", "Jordan"),
    ("JAM", "Jamaica"),
    ("NOR", "Norway"),
    ("NZL", "New Zealand"),
    ("QAT", "Qatar"),
    ("SAU", "Saudi Arabia"),
    ("TTO", "Trinidad and Tobago"),
    ("VNM", "Viet Nam"),
]
EXTRA_REGIONAL_GROUPS = {
    "Arab group": ["BHR", "JOR", "QAT", "SAU", "EGY", "MAR"],
    "Nordic countries": ["DNK", "NOR", "SWE"],
    "CARICOM": ["BRB", "JAM", "TTO"],
    "Pacific Island countries": ["FJI"],
    "IMEC": ["AUS", "CAN", "NZL", "NOR", "USA", "JPN"],
    "ASEAN": ["IDN", "PHL", "VNM"],
}

# The words of the text: ILC-style phrases, combined at random so that every unit differs.
SUBJECTS = [
    "Members",
    "Governments",
    "The Office",
    "Employers' and workers' organizations",
    "The social partners",
    "Countries of origin, transit and destination",
    "Labour inspectorates",
    "Public employment services",
    "Regional economic communities",
    "The Governing Body",
]
VERBS = [
    "should promote",
    "should ensure",
    "should strengthen",
    "should develop",
    "should consider",
    "should support",
    "are encouraged to adopt",
    "should review",
    "should facilitate",
    "should monitor",
    "should give effect to",
    "should improve",
]
OBJECTS = [
    "fair recruitment practices",
    "equal treatment of migrant workers",
    "access to social protection",
    "the recognition of skills and qualifications",
    "bilateral labour migration agreements",
    "effective labour inspection",
    "social dialogue on labour migration",
    "decent work in countries of origin",
    "the portability of social security benefits",
    "access to justice and effective remedies",
    "reliable and up-to-date labour market information",
    "the elimination of recruitment fees and related costs",
    "safe, orderly and regular migration pathways",
    "the protection of migrant domestic workers",
    "gender-responsive labour migration policies",
    "the freedom of association of migrant workers",
    "coherent policies on employment and migration",
    "the collection of comparable statistics",
    "the reintegration of returning migrant workers",
    "the prevention of forced labour and trafficking in persons",
]
QUALIFIERS = [
    "in consultation with the most representative organizations of employers and workers",
    "in line with international labour standards",
    "at national, regional and international levels",
    "taking into account national circumstances",
    "with particular attention to women and young workers",
    "throughout the migration cycle",
    "in accordance with national law and practice",
    "in cooperation with countries of origin, transit and destination",
    "through effective and transparent mechanisms",
    "within the framework of the Decent Work Agenda",
    "including in the informal economy",
    "as a matter of priority",
]
PURPOSES = [
    "so as to ensure",
    "with a view to strengthening",
    "in order to promote",
    "so as to improve",
    "with a view to achieving",
]
HEADINGS = [
    "Context and challenges",
    "Guiding principles",
    "Policies and action at the national level",
    "International cooperation and partnerships",
    "Action by the Office",
    "Follow-up and review",
    "Means of action",
]
# Words an amendment puts in or takes out.
INSERTS = [
    "effective",
    "all",
    "fair and",
    "appropriate",
    "where appropriate,",
    "and other relevant stakeholders",
    "without discrimination",
    "regular",
    "national",
    "tripartite",
    "timely",
    "in particular",
]
SWAPS = [
    ("should", "shall"),
    ("should", "may"),
    ("promote", "ensure"),
    ("ensure", "guarantee"),
    ("strengthen", "enhance"),
    ("support", "assist"),
    ("consider", "take into account"),
    ("migrant workers", "all migrant workers"),
    ("Members", "member States"),
    ("policies", "laws and policies"),
    ("countries", "States"),
    ("effective", "efficient"),
]


@dataclass
class Generated:
    committee: Committee
    draft: Draft
    busiest: Paragraph
    words: int
    units: int
    paragraphs: int
    clauses: int
    amendments: int
    changes: int
    subamendments: int
    decided: int
    seconds: float
    import_when: str = ""  # the history point of the first import (for the redline)
    notes: list[str] = field(default_factory=list)


# Text ---------------------------------------------------------------------------------------


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(QUALIFIERS)}, and {rng.choice(VERBS).removeprefix('should ')} "
        f"{rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
    )


def fragment(rng: random.Random, *, long: bool) -> str:
    verb = rng.choice(VERBS).removeprefix("should ").removeprefix("are encouraged to ")
    text = f"{verb} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
    if long:
        text += f", and {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
        text += f", {rng.choice(PURPOSES)} {rng.choice(OBJECTS)}"
    return text + ";"


def chapeau(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)}, {rng.choice(QUALIFIERS)}, {rng.choice(VERBS)}:"


def build_outline(size: Size, seed: int = 8) -> list[Node]:
    """Parts with headings, numbered paragraphs, clauses and sub-clauses.

    Every third paragraph is long and has no clauses (one of them is the busiest paragraph);
    the others are a chapeau with clauses, and about one clause in five has sub-clauses.
    """
    rng = random.Random(seed)
    with_clauses = sum(1 for i in range(size.paragraphs) if i % 3)
    subclauses = size.clauses // 5
    clauses = size.clauses - subclauses
    per_paragraph = [clauses // max(1, with_clauses)] * with_clauses
    for i in range(clauses - sum(per_paragraph)):
        per_paragraph[i % with_clauses] += 1
    clause_nodes: list[Node] = []
    paragraphs: list[Node] = []
    for i in range(size.paragraphs):
        if i % 3 == 0:
            paragraphs.append(Node(K.PARAGRAPH, " ".join(sentence(rng) for _ in range(5))))
            continue
        children = [Node(K.CLAUSE, fragment(rng, long=True)) for _ in range(per_paragraph.pop())]
        clause_nodes += children
        paragraphs.append(Node(K.PARAGRAPH, chapeau(rng), children))
    # Sub-clauses: two to four under every few clauses, until there are enough.
    left = subclauses
    step = max(1, len(clause_nodes) // max(1, subclauses // 3))
    for clause in clause_nodes[::step]:
        if left <= 0:
            break
        n = min(left, rng.randint(2, 4))
        clause.text = clause.text.removesuffix(";").split(", and ")[0] + ":"
        clause.children = [Node(K.SUBCLAUSE, fragment(rng, long=False)) for _ in range(n)]
        left -= n
    if left and clause_nodes:
        clause_nodes[-1].children += [
            Node(K.SUBCLAUSE, fragment(rng, long=False)) for _ in range(left)
        ]
    parts: list[Node] = []
    per_part = -(-size.paragraphs // size.parts)
    for p in range(size.parts):
        chunk = paragraphs[p * per_part : (p + 1) * per_part]
        if chunk:
            parts.append(Node(K.PART, HEADINGS[p % len(HEADINGS)], chunk))
    return parts


def amend_text(text: str, rng: random.Random) -> str:
    """One to three word-level edits: a swap, an insertion, a deletion of a few words."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4:
            old, new = rng.choice(SWAPS)
            olds = old.split(" ")
            places = [i for i in range(len(words)) if words[i : i + len(olds)] == olds]
            if places:
                i = rng.choice(places)
                words[i : i + len(olds)] = new.split(" ")
                continue
        if kind < 0.75 or len(words) < 8:
            i = rng.randrange(1, len(words))
            words[i:i] = rng.choice(INSERTS).split(" ")
        else:
            i = rng.randrange(1, len(words) - 4)
            del words[i : i + rng.randint(1, 3)]
    new = " ".join(words)
    if new == text:
        new = text.rstrip(".;:") + ", " + rng.choice(QUALIFIERS) + text[-1:]
    return new


# The committee ------------------------------------------------------------------------------


def _regional_groups(committee: Committee) -> list[RegionalGroup]:
    countries = {c.code: c for c in Country.objects.all()}
    for code, name in EXTRA_COUNTRIES:
        if code not in countries:
            countries[code] = Country.objects.create(code=code, name=name)
    for name, codes in EXTRA_REGIONAL_GROUPS.items():
        rg, _ = RegionalGroup.objects.get_or_create(committee=committee, name=name)
        rg.countries.add(*(countries[c] for c in codes if c in countries))
    return list(committee.regional_groups.all())


def _committee(slug: str) -> Committee:
    """The demo committee (users, Groups, countries) or, with another slug, a copy of it."""
    demo = seed_committee()
    if slug == demo.slug:
        return demo
    committee, created = Committee.objects.get_or_create(
        slug=slug,
        defaults={
            "session": demo.session,
            "name": f"{demo.name} ({slug})",
            "acronym": f"{demo.acronym}.{slug[:8]}",
            "kind": demo.kind,
        },
    )
    if created:
        groups = {}
        for group in demo.groups.all():
            groups[group.pk] = Group.objects.create(
                committee=committee, kind=group.kind, name=group.name
            )
        regional = {}
        for rg in demo.regional_groups.all():
            regional[rg.pk] = RegionalGroup.objects.create(committee=committee, name=rg.name)
            regional[rg.pk].countries.set(rg.countries.all())
        Membership.objects.bulk_create(
            Membership(
                committee=committee,
                user_id=m.user_id,
                role=m.role,
                officer=m.officer,
                group=groups.get(m.group_id),
                country_id=m.country_id,
                regional_group=regional.get(m.regional_group_id),
                entitled_to_vote=m.entitled_to_vote,
            )
            for m in demo.memberships.all()
        )
    return committee


def generate(size: Size = FULL, *, slug: str = "labour-migration", seed: int = 8) -> Generated:
    """Build the committee; the database must not hold this committee's amendments yet."""
    started = time.monotonic()
    rng = random.Random(seed)
    User = get_user_model()
    committee = _committee(slug)
    if committee.amendments.exists():
        raise RuntimeError(f"Committee {slug} already has amendments: use an empty database.")
    regional = _regional_groups(committee)
    secretariat = User.objects.get(username="secretariat")
    draft = drafting_services.create_draft_from_outline(
        title="Draft conclusions concerning fair and effective labour migration governance",
        symbol=f"{committee.acronym}/D.1",
        language="en",
        nodes=build_outline(size, seed),
        user=secretariat,
        reason="Draft conclusions prepared by the drafting group",
    )
    committee.draft = draft
    committee.save(update_fields=["draft"])
    import_when = draft.history.order_by("-history_date").first().history_date

    units = outline(draft)
    amendable = [u for u in units if u.kind in (K.PARAGRAPH, K.CLAUSE, K.SUBCLAUSE)]
    standalone = [u for u in amendable if u.kind == K.PARAGRAPH and not u.children]
    busiest = standalone[len(standalone) // 3] if standalone else amendable[0]

    groups = {g.kind: g for g in committee.groups.all()}
    coordinators = {
        "employers": User.objects.get(username="employers"),
        "workers": User.objects.get(username="workers"),
        "government": User.objects.get(username="government"),
    }
    gov_countries = list(services.government_countries(committee).order_by("code"))

    bulk = size.amendments - size.via_services
    amendments, changes_of = _bulk_amendments(
        committee,
        size,
        bulk,
        rng,
        amendable,
        busiest,
        groups,
        regional,
        gov_countries,
        coordinators,
    )
    with transaction.atomic():
        _save_bulk(committee, amendments, changes_of, rng, gov_countries)
    _table_with_services(committee, size, rng, amendable, busiest, regional)
    _subamendments(committee, size, rng, secretariat)
    decided, by_floor = _decide(committee, size, rng, secretariat, busiest)
    if not by_floor:  # the floor applies adopted texts itself
        _apply_adopted(committee, draft, secretariat)
    _room(committee)

    draft.refresh_from_db()
    live = outline(draft)
    words = sum(len(u.paragraph.text.split()) for u in live)
    return Generated(
        committee=committee,
        draft=draft,
        busiest=busiest.paragraph,
        words=words,
        units=len(live),
        paragraphs=sum(1 for u in live if u.kind == K.PARAGRAPH),
        clauses=sum(1 for u in live if u.kind in (K.CLAUSE, K.SUBCLAUSE)),
        amendments=Amendment.objects.filter(committee=committee).tabled().count(),
        changes=AmendmentChange.objects.filter(amendment__committee=committee).count(),
        subamendments=Subamendment.objects.filter(change__amendment__committee=committee).count(),
        decided=decided,
        seconds=time.monotonic() - started,
        import_when=import_when.isoformat(),
    )


def _submitter(rng, groups, regional, gov_countries, coordinators) -> dict:
    """The three Groups and the ten regional groups, as in a real committee."""
    roll = rng.random()
    if roll < 0.3:
        return {"group": groups[Group.Kind.EMPLOYERS], "user": coordinators["employers"]}
    if roll < 0.6:
        return {"group": groups[Group.Kind.WORKERS], "user": coordinators["workers"]}
    out = {"group": groups[Group.Kind.GOVERNMENT], "user": coordinators["government"]}
    if roll < 0.85 and regional:
        out["regional_group"] = rng.choice(regional)
    else:
        out["countries"] = rng.sample(gov_countries, k=min(len(gov_countries), rng.randint(1, 3)))
    return out


def _change_for(unit: Unit, rng: random.Random, *, force_replace: bool = False) -> dict:
    roll = 0.0 if force_replace else rng.random()
    if roll < 0.8 or (unit.kind == K.PARAGRAPH and unit.children):
        action, kind, text = Action.REPLACE, "", amend_text(unit.paragraph.text, rng)
    elif roll < 0.9:
        action, kind = Action.INSERT, unit.kind
        text = sentence(rng) if kind == K.PARAGRAPH else fragment(rng, long=kind == K.CLAUSE)
    else:
        action, kind, text = Action.DELETE, "", ""
    return {
        "action": action,
        "paragraph": unit.paragraph,
        "insert_kind": kind,
        "base_version": unit.paragraph.version,
        "base_text": unit.paragraph.text,
        "proposed_text": text,
        "reference": services.reference_for(unit, action, kind),
    }


def _bulk_amendments(
    committee, size, count, rng, amendable, busiest, groups, regional, gov_countries, coordinators
):
    """Amendments 1..count in memory, numbered and frozen as `_freeze_and_number` does."""
    now = timezone.now()
    amendments: list[Amendment] = []
    changes_of: list[list[AmendmentChange]] = []
    previous: dict[int, list[str]] = {}  # unit pk -> proposed texts, to make identical ones
    on_busiest = min(size.busiest - 1, count)  # one more comes through the services
    for n in range(1, count + 1):
        who = _submitter(rng, groups, regional, gov_countries, coordinators)
        countries = who.get("countries", [])
        submitters = services.submitters_text(who["group"], countries, who.get("regional_group"))
        amendment = Amendment(
            committee=committee,
            draft_id=committee.draft_id,
            number=n,
            group=who["group"],
            submitters=submitters,
            submitter_regional_group=who.get("regional_group"),
            language=rng.choices(["en", "fr", "es"], weights=[8, 1, 1])[0],
            explanatory_note=sentence(rng) if rng.random() < 0.3 else "",
            status=Status.TABLED,
            created_by=who["user"],
            tabled_by=who["user"],
            tabled_at=now - timedelta(seconds=count - n),
            version=2,
        )
        amendment._countries = countries
        howmany = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        targets = rng.sample(amendable, k=min(howmany, len(amendable)))
        if n <= on_busiest:
            targets = [busiest] + [t for t in targets if t.pk != busiest.pk][: howmany - 1]
        changes = []
        for position, unit in enumerate(targets, start=1):
            fields = _change_for(unit, rng, force_replace=unit.pk == busiest.pk)
            same = previous.get(unit.pk)
            if fields["action"] == Action.REPLACE and same and rng.random() < 0.05:
                fields["proposed_text"] = rng.choice(same)  # an identical amendment
            if fields["action"] == Action.REPLACE:
                previous.setdefault(unit.pk, []).append(fields["proposed_text"])
            changes.append(AmendmentChange(position=position, **fields))
        amendment.receipt_text = services.receipt_text(amendment, changes)
        amendment.receipt_sha256 = hashlib.sha256(amendment.receipt_text.encode()).hexdigest()
        amendments.append(amendment)
        changes_of.append(changes)
    return amendments, changes_of


def _save_bulk(committee, amendments, changes_of, rng, gov_countries) -> None:
    reason = "Tabled"
    by_user: dict[int, list[Amendment]] = {}
    for a in amendments:
        by_user.setdefault(a.created_by_id, []).append(a)
    for user_id, items in by_user.items():
        bulk_create_with_history(
            items,
            Amendment,
            batch_size=500,
            default_user=get_user_model().objects.get(pk=user_id),
            default_change_reason=reason,
        )
    links = [
        Amendment.submitter_countries.through(amendment_id=a.pk, country_id=c.pk)
        for a in amendments
        for c in a._countries
    ]
    Amendment.submitter_countries.through.objects.bulk_create(links, batch_size=1000)
    changes = []
    for amendment, items in zip(amendments, changes_of, strict=True):
        for change in items:
            change.amendment = amendment
            changes.append(change)
    bulk_create_with_history(
        changes, AmendmentChange, batch_size=1000, default_change_reason=reason
    )
    Committee.objects.filter(pk=committee.pk).update(last_amendment_number=len(amendments))


def _table_with_services(committee, size, rng, amendable, busiest, regional) -> None:
    """The last amendments go through create_amendment and table_amendment, as in the app."""
    User = get_user_model()
    committee.refresh_from_db()
    names = ["employers", "workers", "government", "africa"]
    users = {name: User.objects.get(username=name) for name in names}
    accesses = {name: access_for(users[name], committee) for name in names}
    for i in range(size.via_services):
        name = names[i % len(names)]
        unit = busiest if i == 0 else rng.choice(amendable)
        unit.paragraph.refresh_from_db()
        fields = _change_for(unit, rng, force_replace=i == 0)
        extra = {}
        if name in ("government", "africa"):
            extra["regional_group"] = next(
                r
                for r in regional
                if r.name == ("GRULAC" if name == "government" else "Africa group")
            )
        amendment = services.create_amendment(
            accesses[name],
            users[name],
            paragraph_id=unit.pk,
            action=fields["action"],
            insert_kind=fields["insert_kind"],
            proposed_text=fields["proposed_text"],
            base_version=unit.paragraph.version,
            **extra,
        )
        services.table_amendment(accesses[name], users[name], amendment.pk)
    committee.refresh_from_db()
    numbers = list(
        Amendment.objects.filter(committee=committee).tabled().values_list("number", flat=True)
    )
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise RuntimeError("Amendment numbers are not gap-free.")
    if committee.last_amendment_number != len(numbers):
        raise RuntimeError("The committee's counter does not match its amendments.")


def _subamendments(committee, size, rng, secretariat) -> None:
    candidates = list(
        AmendmentChange.objects.filter(
            amendment__committee=committee, action__in=[Action.REPLACE, Action.INSERT]
        ).order_by("pk")
    )
    chosen = rng.sample(candidates, k=min(size.subamendments, len(candidates)))
    groups = list(committee.groups.all())
    subs = []
    for change in chosen:
        written = rng.random() < 0.4
        group = rng.choice(groups) if written else None
        subs.append(
            Subamendment(
                change=change,
                origin=Subamendment.Origin.WRITTEN if written else Subamendment.Origin.ORAL,
                group=group,
                submitters=str(group.members_label) if group else "The Worker Vice-Chairperson",
                proposed_text=amend_text(change.proposed_text, rng),
                created_by=secretariat,
            )
        )
    bulk_create_with_history(
        subs,
        Subamendment,
        default_user=secretariat,
        default_change_reason="Subamendment proposed",
    )


DECISIONS = [
    (Status.ADOPTED, 25),
    (Status.ADOPTED_SUBAMENDED, 5),
    (Status.REJECTED, 25),
    (Status.WITHDRAWN, 10),
    (Status.FELL, 15),
    (Status.NOT_SECONDED, 15),
    (Status.DEFERRED, 5),
]


def _decide(committee, size, rng, secretariat, busiest) -> tuple[int, bool]:
    """Record decisions on amendments, through the floor's services when they exist.

    Through the floor's services when they exist (`bench.floor.decide`); otherwise as statuses
    in bulk, with history.
    """
    from bench import floor

    pool = list(
        Amendment.objects.filter(committee=committee, status=Status.TABLED).order_by("number")
    )
    # The busiest paragraph keeps most of its amendments pending for the sitting console.
    on_busiest = set(
        AmendmentChange.objects.filter(paragraph=busiest.paragraph).values_list(
            "amendment_id", flat=True
        )
    )
    pool = [a for a in pool if a.pk not in on_busiest] + [a for a in pool if a.pk in on_busiest]
    chosen = rng.sample(pool[: max(size.decided, len(pool) - size.busiest // 2)], size.decided)
    if floor.decide(committee, chosen, secretariat):
        return len(chosen), True
    statuses, weights = zip(*DECISIONS, strict=True)
    for amendment in chosen:
        amendment.status = rng.choices(statuses, weights=weights)[0]
        amendment.seconded = amendment.status not in (Status.NOT_SECONDED, Status.WITHDRAWN)
        amendment.seconded_by = "The Employer members" if amendment.seconded else ""
        amendment.version += 1
    bulk_update_with_history(
        chosen,
        Amendment,
        ["status", "seconded", "seconded_by", "version", "updated_at"],
        batch_size=500,
        default_user=secretariat,
        default_change_reason="Decision in the room",
    )
    return len(chosen), False


def _apply_adopted(committee, draft, secretariat) -> None:
    """Adopted replacements change the text (the first adopted one per unit), as a new version."""
    adopted = (
        AmendmentChange.objects.filter(
            amendment__committee=committee,
            amendment__status__in=[Status.ADOPTED, Status.ADOPTED_SUBAMENDED],
            action=Action.REPLACE,
        )
        .select_related("amendment", "paragraph")
        .order_by("amendment__number")
    )
    done = set()
    for change in adopted:
        if change.paragraph_id in done or change.paragraph.is_deleted:
            continue
        done.add(change.paragraph_id)
        paragraph = Paragraph.objects.get(pk=change.paragraph_id)
        drafting_services.edit_text(
            draft,
            paragraph.pk,
            text=change.proposed_text,
            base_version=paragraph.version,
            user=secretariat,
            reason=f"{change.amendment.short_symbol} adopted",
        )


def _room(committee) -> None:
    """The room screen shows a point for discussion, as during a sitting."""
    if apps.is_installed("discussion"):
        import_module("discussion.demo").seed_discussion(committee)
