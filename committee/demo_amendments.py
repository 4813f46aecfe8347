"""Demo amendments on whatever draft the demo committee holds.

`seed_demo_amendments(committee)` is idempotent: if the committee has amendments already it
adds nothing. It tables about sixty amendments from the Employers', Workers' and Government
groups (GRULAC, the Africa group, and a group of countries), with a few identical and colliding
ones, keeps a few drafts private to their Groups, withdraws one and asks clarification on one.
The wording is generic ILO language applied to the draft's own text, so it fits any draft.

`seed_demo_amendment_translations(committee)` (run by `seed_demo_amendments` every time, also
idempotent) has the secretariat translate a handful of them into French and Spanish, where the
paragraph has a current text in that language, and records the Spanish original of the new
paragraph GRULAC tabled in Spanish; the others stay "awaiting translation".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from committee import services
from committee.access import access_for
from committee.models import Amendment, Committee, Country
from drafting.models import Paragraph
from drafting.outline import outline

K = Paragraph.Kind
_END = re.compile(r"([.;:,]?)\s*$")


def _append(phrase: str) -> Callable[[str], str | None]:
    def edit(text: str) -> str | None:
        match = _END.search(text)
        end = match.group(1) if match else ""
        body = text[: match.start()] if match else text
        if phrase.strip(", ") in body:
            return None
        return f"{body}{phrase}{end}"

    return edit


def _replace(old: str, new: str) -> Callable[[str], str | None]:
    def edit(text: str) -> str | None:
        return text.replace(old, new, 1) if old in text else None

    return edit


@dataclass(frozen=True)
class Recipe:
    username: str
    edit: Callable[[str], str | None]
    note: str = ""


WORKERS_STANDARDS = _append(", in line with international labour standards")
RECIPES = [
    Recipe("workers", WORKERS_STANDARDS, "Labour migration must respect the ILO's standards."),
    Recipe(
        "employers",
        _append(", in accordance with national law and practice"),
        "Flexibility for national circumstances.",
    ),
    Recipe("africa", _append(", taking into account national circumstances and capacities")),
    Recipe("workers", _replace("migrant workers", "all migrant workers, regardless of status")),
    Recipe("employers", _replace("should", "should, where appropriate,")),
    Recipe(
        "government",
        _append(
            ", in consultation with the most representative organizations of employers and workers"
        ),
    ),
    Recipe("workers", _append(", including in the informal economy")),
    Recipe("employers", _replace("ensure", "promote")),
    Recipe("africa", _replace("Members", "Member States")),
    Recipe("government", _append(", with the support of the Office")),
    Recipe("employers", _append(", and the needs of the labour market")),
    Recipe("workers", _replace("promote", "ensure")),
]

NEW_CLAUSE = (
    "workers",
    K.CLAUSE,
    "promote fair recruitment, including the principle that workers should not be charged "
    "recruitment fees or related costs;",
)
NEW_PARAGRAPH = (
    "government",
    K.PARAGRAPH,
    "The Office should strengthen its capacity to provide technical assistance on labour "
    "migration governance to constituents, in particular in countries of origin.",
)
IDENTICAL = _append(", in cooperation with countries of origin, transit and destination")


def _users() -> dict:
    names = ["employers", "workers", "government", "africa", "secretariat"]
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _submitters(committee: Committee, username: str, i: int) -> dict:
    if username == "africa":
        return {"regional_group": committee.regional_groups.get(name="Africa group")}
    if username == "government":
        if i % 3 == 0:
            return {"countries": list(Country.objects.filter(code__in=["ARG", "BRA", "MEX"]))}
        return {"regional_group": committee.regional_groups.get(name="GRULAC")}
    return {}


@transaction.atomic
def seed_demo_amendments(committee: Committee, *, total: int = 60) -> int:
    """Table the demo amendments; returns how many amendments the committee has."""
    existing = Amendment.objects.filter(committee=committee).count()
    if existing or committee.draft_id is None or committee.deadline_passed():
        seed_demo_amendment_translations(committee)
        return existing
    users = _users()
    if len(users) < 5:
        return 0
    accesses = {name: access_for(user, committee) for name, user in users.items()}
    flat = outline(committee.draft)
    # The conclusions (the last section, when the draft has a resolution before them).
    sections = [n for n, u in enumerate(flat) if u.kind == K.SECTION]
    body = flat[sections[-1] + 1 :] if sections and sections[-1] < len(flat) - 3 else flat
    units = [
        u
        for u in body
        if u.kind in (K.PARAGRAPH, K.CLAUSE, K.SUBCLAUSE) and u.paragraph.text.strip()
    ]
    if not units:
        return 0

    def draft(
        username: str, unit, text: str, i: int, *, action="replace", kind="", note="", language="en"
    ):
        paragraph = Paragraph.objects.get(pk=unit.pk)
        return services.create_amendment(
            accesses[username],
            users[username],
            paragraph_id=paragraph.pk,
            action=action,
            insert_kind=kind,
            proposed_text=text,
            base_version=paragraph.version,
            explanatory_note=note,
            language=language,
            **_submitters(committee, username, i),
        )

    def table(amendment: Amendment) -> Amendment:
        username = next(n for n, u in users.items() if accesses[n].coordinates(amendment.group_id))
        return services.table_amendment(accesses[username], users[username], amendment.pk)

    tabled: list[Amendment] = []
    step = max(1, len(units) // 23)
    i = 0
    while len(tabled) < total - 8 and i < total * 4:
        unit = units[(i * step + i // len(RECIPES)) % len(units)]
        # The first recipe, from this one on, that fits the unit's words.
        candidates = RECIPES[i % len(RECIPES) :] + RECIPES[: i % len(RECIPES)]
        i += 1
        recipe, proposed = next(
            ((r, p) for r in candidates if (p := r.edit(unit.paragraph.text))), (None, None)
        )
        if recipe is None or proposed == unit.paragraph.text:
            continue
        try:
            tabled.append(table(draft(recipe.username, unit, proposed, i, note=recipe.note)))
        except services.AmendmentError:
            continue

    # Identical amendments from the Africa group and GRULAC, three times.
    for j, unit in enumerate(units[1:4]):
        proposed = IDENTICAL(unit.paragraph.text)
        if proposed:
            tabled.append(table(draft("africa", unit, proposed, 1)))
            tabled.append(table(draft("government", unit, proposed, 1 + j)))

    # A new clause, a new paragraph and a deletion.
    clause = next((u for u in units if u.kind == K.CLAUSE), units[0])
    tabled.append(
        table(draft(NEW_CLAUSE[0], clause, NEW_CLAUSE[2], 0, action="insert", kind=NEW_CLAUSE[1]))
    )
    paragraph = [u for u in units if u.kind == K.PARAGRAPH][-1]
    tabled.append(
        table(
            draft(
                NEW_PARAGRAPH[0],
                paragraph,
                NEW_PARAGRAPH[2],
                1,
                action="insert",
                kind=NEW_PARAGRAPH[1],
                language="es",
            )
        )
    )
    tabled.append(
        table(
            draft(
                "employers",
                units[-1],
                "",
                0,
                action="delete",
                note="Already covered elsewhere in the conclusions.",
            )
        )
    )

    # Drafts still private to their Groups.
    for username, unit in [
        ("employers", units[2]),
        ("workers", units[5 % len(units)]),
        ("employers", units[7 % len(units)]),
        ("workers", units[0]),
    ]:
        proposed = _append(", with a view to achieving decent work for all")(unit.paragraph.text)
        if proposed:
            draft(username, unit, proposed, 0)

    # One withdrawn, one awaiting clarification, one subamended orally.
    workers = [a for a in tabled if accesses["workers"].coordinates(a.group_id)]
    if workers:
        services.withdraw(
            accesses["workers"],
            users["workers"],
            workers[0].pk,
            reason="The concern is met by another amendment.",
        )
    employers = [a for a in tabled if accesses["employers"].coordinates(a.group_id)]
    if employers:
        services.request_clarification(
            accesses["secretariat"],
            users["secretariat"],
            employers[-1].pk,
            reason="Please confirm which part of the clause the deletion covers.",
        )
    if len(workers) > 1:
        change = workers[1].changes.get()
        if change.action != "delete":
            services.add_subamendment(
                accesses["secretariat"],
                users["secretariat"],
                change.pk,
                proposed_text=change.proposed_text.rstrip(".;,")
                + ", as appropriate"
                + (change.proposed_text[-1] if change.proposed_text[-1] in ".;," else ""),
                submitters="Employer Vice-Chairperson",
            )
    if committee.amendment_deadline is None:
        services.set_deadline(
            accesses["secretariat"], users["secretariat"], timezone.now() + timedelta(days=7)
        )
    seed_demo_amendment_translations(committee)
    return Amendment.objects.filter(committee=committee).count()


# Translations: the demo phrases and notes in French and Spanish.
PHRASES = {
    ", in line with international labour standards": {
        "fr": ", conformément aux normes internationales du travail",
        "es": ", de conformidad con las normas internacionales del trabajo",
    },
    ", in accordance with national law and practice": {
        "fr": ", conformément à la législation et à la pratique nationales",
        "es": ", de conformidad con la legislación y la práctica nacionales",
    },
    ", taking into account national circumstances and capacities": {
        "fr": ", compte tenu des situations et des capacités nationales",
        "es": ", teniendo en cuenta las circunstancias y capacidades nacionales",
    },
    ", including in the informal economy": {
        "fr": ", y compris dans l'économie informelle",
        "es": ", incluso en la economía informal",
    },
    ", in cooperation with countries of origin, transit and destination": {
        "fr": ", en coopération avec les pays d'origine, de transit et de destination",
        "es": ", en cooperación con los países de origen, tránsito y destino",
    },
}
NOTES = {
    "Labour migration must respect the ILO's standards.": {
        "fr": "Les migrations de main-d'œuvre doivent respecter les normes de l'OIT.",
        "es": "La migración laboral debe respetar las normas de la OIT.",
    },
    "Flexibility for national circumstances.": {
        "fr": "Souplesse en fonction des situations nationales.",
        "es": "Flexibilidad según las circunstancias nacionales.",
    },
}
NEW_PARAGRAPH_TRANSLATIONS = {
    "fr": "Le Bureau devrait renforcer sa capacité à fournir une assistance technique sur la "
    "gouvernance des migrations de main-d'œuvre aux mandants, en particulier dans les pays "
    "d'origine.",
    "es": "La Oficina debería reforzar su capacidad para prestar asistencia técnica sobre la "
    "gobernanza de la migración laboral a los mandantes, en particular en los países de origen.",
}
# How many amendments the secretariat has translated in the demo, per language.
TRANSLATED = {"fr": 10, "es": 5}


def _translated_words(change, language: str, unit_texts: dict) -> str | None:
    if change.action == "insert":
        return (
            NEW_PARAGRAPH_TRANSLATIONS[language]
            if change.proposed_text == NEW_PARAGRAPH[2]
            else None
        )
    unit_text = unit_texts.get(change.paragraph_id)
    if change.action != "replace" or not unit_text:
        return None
    for phrase, words in PHRASES.items():
        if (
            phrase.strip(", ") in change.proposed_text
            and phrase.strip(", ") not in change.base_text
        ):
            return _append(words[language])(unit_text)
    return None


@transaction.atomic
def seed_demo_amendment_translations(committee: Committee) -> int:
    """Translate a handful of the demo's tabled amendments; returns how many were translated.
    Only what has no translation yet in that language is written."""
    from committee import translation_services as tr
    from committee.models import AmendmentChangeTranslation
    from drafting.models import ParagraphTranslation

    secretariat = get_user_model().objects.filter(username="secretariat").first()
    if secretariat is None or committee.draft_id is None:
        return 0
    access = access_for(secretariat, committee)
    if not access.can_translate:
        return 0
    amendments = list(
        Amendment.objects.visible_to(access).tabled().order_by("number").prefetch_related("changes")
    )
    done = set(
        AmendmentChangeTranslation.objects.filter(
            change__amendment__committee=committee
        ).values_list("change__amendment_id", "language")
    )
    paragraphs = {p.pk: p for p in Paragraph.objects.filter(draft_id=committee.draft_id)}
    added = 0
    for language in tr.translation_languages(committee):
        if language not in TRANSLATED:
            continue
        unit_texts = {
            t.paragraph_id: t.text
            for t in ParagraphTranslation.objects.filter(
                paragraph__draft_id=committee.draft_id, language=language, needs_update=False
            )
            if t.paragraph_id in paragraphs
            and t.source_version == paragraphs[t.paragraph_id].version
            and t.text.strip()
        }
        count = sum(1 for _pk, lang in done if lang == language)
        for amendment in amendments:
            if count >= TRANSLATED[language] and amendment.language != language:
                continue
            if (amendment.pk, language) in done:
                continue
            changes = [c for c in amendment.changes.all() if not c.is_removed and tr.needs_words(c)]
            texts = {c.pk: _translated_words(c, language, unit_texts) for c in changes}
            if not changes or any(t is None for t in texts.values()):
                continue
            note = NOTES.get(amendment.explanatory_note, {}).get(language)
            tr.save_translation(
                access,
                secretariat,
                amendment.pk,
                language,
                texts=texts,
                versions=dict.fromkeys(texts, 0),
                note=note,
                note_version=0,
                reason="Demo translation",
            )
            count += 1
            added += 1
    return added
