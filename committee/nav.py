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
    when: str = ""  # an attribute of committee.access.Access that must be true, if any

    def shown_to(self, access) -> bool:
        return not self.when or bool(getattr(access, self.when, False))


_links: dict[str, Link] = {}


def register(key: str, label: str | Promise, url_name: str, *, when: str = "") -> None:
    _links[key] = Link(key, label, url_name, when)


def links(access=None) -> list[Link]:
    """The links this user's access to the committee shows (access None: those for everyone)."""
    return [link for link in _links.values() if link.shown_to(access)]


def by_key(access=None) -> dict[str, Link]:
    return {link.key: link for link in links(access)}
