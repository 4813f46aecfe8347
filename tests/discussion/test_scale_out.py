"""Scale-out: two gunicorn app servers on one PostgreSQL database. The secretariat acts through
one; the projector polls the other, and sees the change (a new ETag, the new speaker).

The room's state lives in the database and each process caches only what a state version
renders to, so nothing ties a screen to the server that recorded the change. The test waits for
the change to show (bounded, 30 s, as a failure) and asserts what is shown, not how fast.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from committee.models import Group
from discussion import services
from tests.committee.amendment_fixtures import user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
GIVE_UP_SECONDS = 30


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Server:
    """One gunicorn process (its own process group) serving the test database on 127.0.0.1.

    The test opens the listening socket itself (a free port) and hands it to gunicorn: requests
    wait in its backlog until gunicorn accepts them, so nothing has to poll for the start.
    """

    def __init__(self, log: Path):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        fd = self.socket.fileno()
        env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
        env.update(
            DATABASE_URL=database_url(),
            DRAFTROOM_TESTING="true",  # the test users' password hasher; plain static files
            SECRET_KEY="scale-out-test-key-shared-by-both-servers-0123456789abcdef",
            ALLOWED_HOSTS="127.0.0.1",
            CONN_MAX_AGE="0",  # let the test database be dropped as soon as they stop
        )
        self.log = log
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "config.wsgi"),
                *("--bind", f"fd://{fd}", "--workers", "1", "--threads", "4"),
                *("--error-logfile", str(log), "--no-control-socket"),
            ],
            cwd=ROOT,
            env=env,
            pass_fds=(fd,),
            start_new_session=True,
        )

    def wait_until_up(self) -> None:
        try:
            status = self.request("GET", "/accounts/login/")[0]
        except OSError as error:
            pytest.fail(f"gunicorn did not answer ({error}): {self.log.read_text()}")
        assert status == 200, self.log.read_text()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=GIVE_UP_SECONDS)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            conn.close()

    def stop(self) -> None:
        self.socket.close()
        if self.proc.poll() is None:
            os.killpg(os.getpgid(self.proc.pid), signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(os.getpgid(self.proc.pid), signal.SIGKILL)
                self.proc.wait(timeout=5)


@pytest.fixture
def servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers need a database server: PostgreSQL is not in use")
    started = [Server(tmp_path / "a.log"), Server(tmp_path / "b.log")]
    try:
        for server in started:
            server.wait_until_up()
        yield started
    finally:
        for server in started:
            server.stop()


class Session:
    """A logged-in browser, reduced to its cookies, against one server."""

    def __init__(self, server: Server, username: str):
        self.server = server
        self.cookies: dict[str, str] = {}
        page = self.get("/accounts/login/")
        self.post("/accounts/login/", {"username": username, "password": "draftroom-demo"}, page)

    def _headers(self, extra=None) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Host": f"127.0.0.1:{self.server.port}", "Cookie": cookie, **(extra or {})}

    def _keep(self, headers) -> None:
        for name, value in headers.items():
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    self.cookies[key] = morsel.value

    def get(self, path: str) -> str:
        status, headers, body = self.server.request("GET", path, headers=self._headers())
        self._keep(headers)
        assert status == 200, (path, status)
        return body

    def post(self, path: str, data: dict, page: str) -> int:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode({**data, "csrfmiddlewaretoken": token})
        headers = self._headers({"Content-Type": "application/x-www-form-urlencoded"})
        status, response_headers, _ = self.server.request("POST", path, body, headers)
        self._keep(response_headers)
        assert status in (200, 302), (path, status)
        return status


def test_the_projector_on_one_server_follows_a_speaker_called_through_the_other(committee, servers):
    a, b = servers
    secretariat = user("secretariat")
    point = services.create_point(committee, secretariat, text_en="How should we govern?")
    services.open_point(point.pk, secretariat)
    gov = committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    key = services.room_state(committee).screen_key
    poll = reverse("discussion:projector_screen", args=[committee.slug, key])
    htmx = {"Host": f"127.0.0.1:{b.port}", "HX-Request": "true"}

    status, headers, body = b.request("GET", poll, headers=htmx)
    assert status == 200 and "How should we govern?" in body
    etag = headers["ETag"]
    assert 'id="room-speaker"' not in body  # nobody has the floor yet
    # Server B has rendered that state; an unchanged poll is answered 304 there.
    assert b.request("GET", poll, headers={**htmx, "If-None-Match": etag})[0] == 304

    # The secretariat calls the speaker through server A.
    console = Session(a, "secretariat")
    page = console.get(reverse("discussion:point", args=[committee.slug, point.pk]))
    console.post(reverse("discussion:call_next", args=[committee.slug, point.pk]), {}, page)

    # Server B's projector poll shows it: a new ETag and the speaker with the floor. (The call
    # is committed before A answers, so one poll should do; any number may, within the bound.)
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while True:
        status, headers, body = b.request("GET", poll, headers={**htmx, "If-None-Match": etag})
        if status == 200:
            break
        assert status == 304, status
        if time.monotonic() > deadline:
            pytest.fail(f"server B still answered 304 after {GIVE_UP_SECONDS} s")
    assert headers["ETag"] != etag
    speaker = re.search(r'id="room-speaker">([^<]*)<', body)
    assert speaker and speaker.group(1) == "Government member of Ghana"
    assert 'id="room-elapsed"' in body  # with the clock
    # And the members' room screen on server B agrees (same state, same ETag but language).
    reader = Session(b, "observer")
    room_page = reader.get(reverse("discussion:room", args=[committee.slug]))
    assert "Government member of Ghana" in room_page
