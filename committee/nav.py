"""Links that higher layers add to a committee's pages.

The committee knows nothing of the layers built on it (the general discussion, the room
screen), yet its menu and its console link to them. Those apps register their links here when
they start; committee templates only render what is registered, by key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    key: str
    label: str | Promise
    url_name: str  # reversed with the committee's slug


_links: dict[str, Link] = {}


def register(key: str, label: str | Promise, url_name: str) -> None:
    _links[key] = Link(key, label, url_name)


def links() -> list[Link]:
    return list(_links.values())


def by_key() -> dict[str, Link]:
    return dict(_links)
