"""Demo data: the 2017 committee's general discussion on Report IV (labour migration).

Idempotent: a second run finds the points and adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from committee.models import Committee, Country, Group
from discussion.models import Allocation, Point, RoomState, Speaker, Speech

REPORT = "Addressing governance challenges in a changing labour migration landscape"

# Five points for discussion, in our own words.
POINTS = [
    (
        "What are the main challenges and opportunities that today's patterns of labour "
        "migration raise for the governance of labour migration at national, regional and "
        "international levels?",
        "Quels sont les principaux défis et possibilités que les schémas actuels de migration "
        "de main-d'œuvre posent pour sa gouvernance aux niveaux national, régional et "
        "international ?",
        "¿Cuáles son los principales desafíos y oportunidades que plantean las pautas actuales "
        "de la migración laboral para su gobernanza a nivel nacional, regional e internacional?",
    ),
    (
        "How can fair recruitment be promoted and the costs borne by migrant workers in "
        "recruitment be reduced?",
        "",
        "",
    ),
    (
        "How can the protection of migrant workers' rights, including equal treatment and "
        "social protection, be ensured in law and in practice?",
        "",
        "",
    ),
    (
        "How can labour migration better respond to labour market needs, including through "
        "skills recognition and bilateral labour agreements, with the social partners involved?",
        "",
        "",
    ),
    (
        "What should the ILO do, through standards, technical cooperation and partnerships "
        "with other organizations, to support fair and effective labour migration governance?",
        "",
        "",
    ),
]

# Minutes per Group on every point; the Africa group has its own time on point 1.
ALLOCATION = {Group.Kind.GOVERNMENT: 20, Group.Kind.EMPLOYERS: 10, Group.Kind.WORKERS: 10}

SPEAKERS_POINT_1 = [
    # label, group kind, country, regional group, seconds spoken (None: still waiting)
    ("Employer Vice-Chairperson", Group.Kind.EMPLOYERS, None, None, 412),
    ("Worker Vice-Chairperson", Group.Kind.WORKERS, None, None, 455),
    (
        "Government member of Kenya, on behalf of the Africa group",
        Group.Kind.GOVERNMENT,
        "KEN",
        "Africa group",
        298,
    ),
    (
        "Government member of Mexico, on behalf of GRULAC",
        Group.Kind.GOVERNMENT,
        "MEX",
        "GRULAC",
        None,
    ),
    (
        "Government member of Sweden, on behalf of the EU Member States",
        Group.Kind.GOVERNMENT,
        "SWE",
        "EU Member States",
        None,
    ),
    ("Government member of the Philippines", Group.Kind.GOVERNMENT, "PHL", None, None),
]


@transaction.atomic
def seed_discussion(committee: Committee) -> None:
    if Point.objects.filter(committee=committee).exists():
        return
    secretariat = get_user_model().objects.filter(username="secretariat").first()
    groups = {g.kind: g for g in committee.groups.all()}
    regional = {r.name: r for r in committee.regional_groups.all()}
    points = []
    for number, (en, fr, es) in enumerate(POINTS, start=1):
        point = Point(committee=committee, number=number, text_en=en, text_fr=fr, text_es=es)
        point._history_user = secretariat
        point._change_reason = "Demo data"
        point.save()
        for kind, minutes in ALLOCATION.items():
            Allocation.objects.create(point=point, group=groups[kind], seconds=minutes * 60)
        points.append(point)
    Allocation.objects.create(point=points[0], regional_group=regional["Africa group"], seconds=300)

    start = datetime(2017, 6, 6, 10, 15, tzinfo=ZoneInfo(committee.time_zone))
    for position, (label, kind, country, rg, spoken) in enumerate(SPEAKERS_POINT_1, start=1):
        speaker = Speaker.objects.create(
            point=points[0],
            position=position,
            label=label,
            group=groups[kind],
            country=Country.objects.filter(code=country).first() if country else None,
            regional_group=regional.get(rg) if rg else None,
            added_by=secretariat,
            added_at=start,
            status=Speaker.Status.DONE if spoken else Speaker.Status.WAITING,
            called_at=start if spoken else None,
        )
        if spoken:
            Speech.objects.create(
                committee=committee,
                speaker=speaker,
                started_at=start,
                stopped_at=start + timedelta(seconds=spoken),
                started_by=secretariat,
                stopped_by=secretariat,
            )
            start += timedelta(seconds=spoken + 20)
    room, _ = RoomState.objects.get_or_create(committee=committee)
    room.point = points[0]
    room.version += 1
    room.save()
