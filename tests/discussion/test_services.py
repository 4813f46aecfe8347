from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from committee.models import Committee, Group, RegionalGroup, Session
from discussion import services
from discussion.models import RoomState, Speaker, Speech
from discussion.services import DiscussionError, StaleError, parse_mmss
from discussion.tally import mmss, tally

pytestmark = pytest.mark.django_db


def speak(committee, user, point, seconds):
    """Call the next speaker and let the clock run `seconds` (moved back in time, not slept)."""
    speaker = services.call_next(point.pk, user, None)
    services.start_clock(committee, user, speaker.pk)
    Speech.objects.filter(speaker=speaker, stopped_at__isnull=True).update(
        started_at=F("started_at") - timedelta(seconds=seconds)
    )
    services.stop_clock(committee, user)
    return speaker


def test_time_used_is_computed_from_the_clock_events_per_group_and_point(
    committee, secretariat, point, groups
):
    emp, wor = groups[Group.Kind.EMPLOYERS], groups[Group.Kind.WORKERS]
    services.add_speaker(point, secretariat, label="Employer Vice-Chairperson", group=emp)
    services.add_speaker(point, secretariat, label="Worker Vice-Chairperson", group=wor)
    speak(committee, secretariat, point, 90)
    speak(committee, secretariat, point, 700)

    t = tally(point)
    by_key = {s.key: s for s in t.slots}
    assert by_key[f"g{emp.pk}"].used == 90
    assert by_key[f"g{emp.pk}"].remaining == 510
    assert by_key[f"g{wor.pk}"].used == 700
    assert by_key[f"g{wor.pk}"].remaining == -100
    assert by_key[f"g{wor.pk}"].overrun
    assert t.used == 790
    assert t.allocated == 1800
    assert [st.speaker.label for st in t.called] == [
        "Employer Vice-Chairperson",
        "Worker Vice-Chairperson",
    ]


def test_a_running_clock_counts_up_to_now_and_stopping_and_restarting_adds_up(
    committee, secretariat, point, groups
):
    services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.EMPLOYERS])
    speaker = speak(committee, secretariat, point, 30)
    services.start_clock(committee, secretariat, speaker.pk)
    Speech.objects.filter(stopped_at__isnull=True).update(
        started_at=F("started_at") - timedelta(seconds=15)
    )
    t = tally(point)
    assert t.current.speaker == speaker
    assert t.current.running_since is not None
    assert t.current.seconds == 45
    assert t.slot_for(t.current).remaining_before_running == 570


def test_starting_a_second_clock_is_refused_and_nothing_changes(
    committee, secretariat, point, groups
):
    services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    speaker = services.call_next(point.pk, secretariat, None)
    services.start_clock(committee, secretariat, speaker.pk)
    version = RoomState.objects.get(committee=committee).version
    with pytest.raises(DiscussionError, match="already running"):
        services.start_clock(committee, secretariat, speaker.pk)
    assert Speech.objects.filter(committee=committee).count() == 1
    assert RoomState.objects.get(committee=committee).version == version


def test_the_database_itself_refuses_two_running_clocks_in_one_committee(
    committee, secretariat, point, groups
):
    services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    speaker = services.call_next(point.pk, secretariat, None)
    Speech.objects.create(committee=committee, speaker=speaker, started_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Speech.objects.create(committee=committee, speaker=speaker, started_at=timezone.now())


def test_clocks_of_two_committees_run_independently(committee, secretariat, point, groups):
    other = Committee.objects.create(
        session=Session.objects.get(), name="Other", slug="other", acronym="O"
    )
    gov = Group.objects.create(committee=other, kind=Group.Kind.GOVERNMENT, name="Gov")
    other_point = services.create_point(other, secretariat, text_en="Q")
    services.add_speaker(other_point, secretariat, label="B", group=gov)
    services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    services.start_clock(committee, secretariat, services.call_next(point.pk, secretariat, None).pk)
    services.start_clock(
        other, secretariat, services.call_next(other_point.pk, secretariat, None).pk
    )
    assert Speech.objects.filter(stopped_at__isnull=True).count() == 2


def test_starting_the_clock_needs_someone_with_the_floor(committee, secretariat, point):
    with pytest.raises(DiscussionError, match="Nobody has the floor"):
        services.start_clock(committee, secretariat, None)
    assert not Speech.objects.exists()


def test_stopping_a_clock_that_is_not_running_is_refused(committee, secretariat, point):
    with pytest.raises(DiscussionError, match="not running"):
        services.stop_clock(committee, secretariat)


def test_calling_the_next_speaker_on_an_empty_list_is_refused(committee, secretariat, point):
    with pytest.raises(DiscussionError, match="Nobody is waiting"):
        services.call_next(point.pk, secretariat, None)
    room = RoomState.objects.get(committee=committee)
    assert room.speaker is None


def test_calling_the_next_speaker_ends_the_previous_speech_and_stops_its_clock(
    committee, secretariat, point, groups
):
    a = services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    b = services.add_speaker(point, secretariat, label="B", group=groups[Group.Kind.EMPLOYERS])
    services.call_next(point.pk, secretariat, a.pk)
    services.start_clock(committee, secretariat, a.pk)
    services.call_next(point.pk, secretariat, b.pk)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Speaker.Status.DONE
    assert b.status == Speaker.Status.SPEAKING
    assert not Speech.objects.filter(stopped_at__isnull=True).exists()
    room = RoomState.objects.get(committee=committee)
    assert (room.point, room.speaker) == (point, b)


def test_calling_the_next_speaker_from_a_stale_list_is_refused(
    committee, secretariat, point, groups
):
    a = services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    b = services.add_speaker(point, secretariat, label="B", group=groups[Group.Kind.EMPLOYERS])
    services.move_speaker(b.pk, secretariat, "up", [a.pk, b.pk])
    with pytest.raises(StaleError):
        services.call_next(point.pk, secretariat, a.pk)
    a.refresh_from_db()
    assert a.status == Speaker.Status.WAITING


def test_the_secretariat_reorders_the_speakers_list(committee, secretariat, point, groups):
    g = groups[Group.Kind.GOVERNMENT]
    a, b, c = (services.add_speaker(point, secretariat, label=x, group=g) for x in "ABC")
    services.move_speaker(c.pk, secretariat, "up", [a.pk, b.pk, c.pk])
    services.move_speaker(a.pk, secretariat, "down", [a.pk, c.pk, b.pk])
    assert [s.label for s in tally(point).waiting] == ["C", "A", "B"]


def test_a_stale_reorder_is_refused_and_nothing_moves(committee, secretariat, point, groups):
    g = groups[Group.Kind.GOVERNMENT]
    a, b, c = (services.add_speaker(point, secretariat, label=x, group=g) for x in "ABC")
    with pytest.raises(StaleError, match="changed since you loaded it"):
        services.move_speaker(c.pk, secretariat, "up", [a.pk, b.pk])
    with pytest.raises(DiscussionError, match="cannot move further"):
        services.move_speaker(a.pk, secretariat, "up", [a.pk, b.pk, c.pk])
    assert [s.label for s in tally(point).waiting] == ["A", "B", "C"]


def test_a_withdrawn_speaker_stays_in_the_record_with_who_and_why(
    committee, secretariat, point, groups
):
    a = services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    services.withdraw_speaker(a.pk, secretariat)
    a.refresh_from_db()
    assert a.status == Speaker.Status.WITHDRAWN
    last = a.history.first()
    assert last.history_user == secretariat
    assert last.history_change_reason == "Withdrawn from the speakers' list"
    with pytest.raises(StaleError):
        services.withdraw_speaker(a.pk, secretariat)


def test_a_speaker_from_a_group_not_on_the_committee_is_refused(committee, secretariat, point):
    other = Committee.objects.create(
        session=Session.objects.get(), name="Other", slug="other", acronym="O"
    )
    foreign = Group.objects.create(committee=other, kind=Group.Kind.WORKERS, name="Workers")
    foreign_rg = RegionalGroup.objects.create(committee=other, name="Elsewhere")
    with pytest.raises(DiscussionError, match="not on this committee"):
        services.add_speaker(point, secretariat, label="X", group=foreign)
    gov = committee.groups.get(kind=Group.Kind.GOVERNMENT)
    with pytest.raises(DiscussionError, match="not on this committee"):
        services.add_speaker(point, secretariat, label="X", group=gov, regional_group=foreign_rg)
    assert not Speaker.objects.exists()


def test_only_government_members_speak_for_a_regional_group(committee, secretariat, point, groups):
    africa = committee.regional_groups.get(name="Africa group")
    with pytest.raises(DiscussionError, match="Government"):
        services.add_speaker(
            point, secretariat, label="", group=groups[Group.Kind.WORKERS], regional_group=africa
        )


def test_an_empty_label_is_written_from_group_country_and_regional_group(
    committee, secretariat, point, groups
):
    from committee.models import Country

    speaker = services.add_speaker(
        point,
        secretariat,
        label="",
        group=groups[Group.Kind.GOVERNMENT],
        country=Country.objects.get(code="KEN"),
        regional_group=committee.regional_groups.get(name="Africa group"),
    )
    assert speaker.label == "Government member of Kenya, on behalf of the Africa group"


def test_a_regional_group_with_its_own_time_speaks_on_it_else_on_government_time(
    committee, secretariat, point, groups
):
    africa = committee.regional_groups.get(name="Africa group")
    gov = groups[Group.Kind.GOVERNMENT]
    services.add_speaker(point, secretariat, label="Kenya", group=gov, regional_group=africa)
    speak(committee, secretariat, point, 60)
    assert {s.key: s.used for s in tally(point).slots}[f"g{gov.pk}"] == 60
    point.refresh_from_db()
    services.set_allocations(
        point.pk, secretariat, version=point.version, values={f"r{africa.pk}": 300}
    )
    slots = {s.key: s for s in tally(point).slots}
    assert slots[f"r{africa.pk}"].used == 60
    assert slots[f"r{africa.pk}"].remaining == 240
    assert slots[f"g{gov.pk}"].used == 0


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("12:30", 750), ("5", 300), ("0:00", 0), ("600:00", 36000), ("", None), (" 7:05 ", 425)],
)
def test_allocations_read_minutes_and_seconds(text, seconds):
    assert parse_mmss(text) == seconds


@pytest.mark.parametrize("text", ["-5:00", "600:01", "9999", "1:5", "1:75", "abc", "1.5", "1:-1"])
def test_negative_or_absurd_allocations_are_refused(text):
    with pytest.raises(ValueError):
        parse_mmss(text)


def test_an_absurd_allocation_is_refused_by_the_service(committee, secretariat, point, groups):
    key = f"g{groups[Group.Kind.WORKERS].pk}"
    with pytest.raises(DiscussionError):
        services.set_allocations(point.pk, secretariat, version=point.version, values={key: 36001})
    with pytest.raises(DiscussionError, match="not on this committee"):
        services.set_allocations(point.pk, secretariat, version=point.version, values={"g0": 60})
    assert {s.key: s.allocated for s in tally(point).slots}[key] == 600


def test_allocations_from_a_stale_page_are_refused(committee, secretariat, point, groups):
    key = f"g{groups[Group.Kind.WORKERS].pk}"
    stale = point.version
    services.set_allocations(point.pk, secretariat, version=stale, values={key: 300})
    with pytest.raises(StaleError):
        services.set_allocations(point.pk, secretariat, version=stale, values={key: 900})
    assert {s.key: s.allocated for s in tally(point).slots}[key] == 300


def test_points_are_numbered_in_order_and_reordered(committee, secretariat):
    p1 = services.create_point(committee, secretariat, text_en="One")
    p2 = services.create_point(committee, secretariat, text_en="Two")
    services.move_point(p2.pk, secretariat, "up", [p1.pk, p2.pk])
    p1.refresh_from_db()
    p2.refresh_from_db()
    assert (p2.number, p1.number) == (1, 2)
    with pytest.raises(StaleError):
        services.move_point(p2.pk, secretariat, "down", [p1.pk, p2.pk])


def test_every_write_bumps_the_room_version(committee, secretariat, point, groups):
    before = RoomState.objects.get(committee=committee).version
    services.add_speaker(point, secretariat, label="A", group=groups[Group.Kind.WORKERS])
    assert RoomState.objects.get(committee=committee).version == before + 1


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (65, "1:05"), (-30, "−0:30"), (None, "—")]
)
def test_times_read_as_minutes_and_seconds(seconds, text):
    assert mmss(seconds) == text


def test_a_speaker_waiting_is_not_listed_twice(point, secretariat, groups):
    from discussion.models import Speaker

    services.add_speaker(point, secretariat, label="", group=groups["workers"])
    with pytest.raises(services.DiscussionError, match="already on the speakers' list"):
        services.add_speaker(point, secretariat, label="", group=groups["workers"])
    with pytest.raises(services.DiscussionError):
        services.add_speaker(
            point, secretariat, label="  worker   MEMBER ", group=groups["workers"]
        )
    assert Speaker.objects.filter(point=point, group=groups["workers"]).count() == 1
    # Someone else of the Group, under another name, may still ask for the floor.
    services.add_speaker(
        point, secretariat, label="Worker Vice-Chairperson", group=groups["workers"]
    )


def test_a_speaker_who_has_spoken_may_ask_for_the_floor_again(point, secretariat, groups):
    from discussion.models import Speaker

    services.add_speaker(point, secretariat, label="", group=groups["employers"])
    services.call_next(point.pk, secretariat, None)
    services.add_speaker(point, secretariat, label="", group=groups["employers"])
    assert Speaker.objects.filter(point=point, group=groups["employers"]).count() == 2
