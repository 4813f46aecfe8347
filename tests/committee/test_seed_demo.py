from __future__ import annotations

import pytest
from django.core.management import call_command

from committee.models import Committee, Country, Group, Membership, RegionalGroup

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Committee, Group, Country, RegionalGroup, Membership))


def test_seed_demo_twice_adds_nothing_the_second_time():
    call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
    first = counts()
    call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
    assert counts() == first
    assert first[1] == 3


def test_seed_demo_gives_each_role_a_login(committee):
    roles = set(Membership.objects.filter(committee=committee).values_list("role", flat=True))
    assert roles == {r.value for r in Membership.Role}
    assert RegionalGroup.objects.get(name="Africa group").countries.filter(code="KEN").exists()


def test_seed_demo_refuses_with_debug_off_and_creates_no_account(settings):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError

    settings.DEBUG = False
    accounts = get_user_model().objects.count()
    with pytest.raises(CommandError, match="--force-with-demo-passwords"):
        call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.count() == accounts


def test_seed_demo_under_production_settings_exits_non_zero_with_one_line(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DRAFTROOM_TESTING"}} | {
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DEBUG is off" in lines[0], done.stderr


def test_seed_demo_runs_under_production_settings_when_forced(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
    assert Committee.objects.filter(slug="labour-migration").exists()
