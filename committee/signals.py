"""Signals the committee sends for the layers built on it to act upon."""

from django.dispatch import Signal

# The room screens must show something new; sent with committee=. The discussion app, which
# owns the room screens' state, receives it.
room_changed = Signal()
