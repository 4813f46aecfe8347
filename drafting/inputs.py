"""The one input policy for everything people type, and the bounds of dates.

Every text field of the project (forms, model fields, services that take raw values) goes
through these functions, so one text is treated the same wherever it is typed:

- normalised: Windows and old Mac line ends, Word's line break (U+000B), page break (U+000C)
  and the Unicode line and paragraph separators become a new line; the text is put in Unicode
  NFC form. In a single-line field (a title, a name) every line break or tab becomes a space.
- refused with a message: any other control character (NUL included), lone surrogates and the
  non-characters U+FFFE and U+FFFF (none of which XML can hold); a text longer than its limit
  is refused, never cut, and the message says how long it is and what the limit is.

What passes can be written in any export. Exports still drop what XML cannot hold when writing
(`xml_text`): text stored before this policy, or written to the database by other means, must
not make a document fail.

Dates: a date anyone enters lies within `EARLIEST`..`LATEST` (1900-2200), or a narrower window
the caller gives (a committee's deadline: its session's year, give or take a year).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Line breaks as Word, old Macs, Windows and Unicode write them.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
# What no field may hold: C0 controls but tab and line feed, DEL, C1 controls, surrogates and
# the two non-characters XML 1.0 excludes.
REFUSED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SINGLE_LINE_SPACE = re.compile(r"[\t\n]+")
# What XML 1.0 cannot hold at all (tab, line feed and carriage return it can).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)
# The largest id or number a query may carry: above it no row can exist (64-bit columns).
MAX_ID = 2**63 - 1


class InputError(ValueError):
    """Input the policy refuses; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Text ---------------------------------------------------------------------------------------


def normalise(value: str | None, *, multiline: bool = True, strip: bool = True) -> str:
    """The text as it is stored: never raises, whatever it is given."""
    text = _LINE_BREAKS.sub("\n", str(value or ""))
    text = unicodedata.normalize("NFC", text)
    if not multiline:
        text = _SINGLE_LINE_SPACE.sub(" ", text)
    return text.strip() if strip else text


def problem(text: str, max_length: int | None = None) -> str | None:
    """What the policy refuses in an already normalised text, in words; None if nothing."""
    if REFUSED.search(text):
        return _("The text contains control characters; only line breaks and tabs are allowed.")
    if max_length is not None and len(text) > max_length:
        return _("The text is too long: %(length)s characters, the limit is %(limit)s.") % {
            "length": f"{len(text):,}",
            "limit": f"{max_length:,}",
        }
    return None


def clean_text(
    value: str | None,
    max_length: int | None,
    *,
    multiline: bool = True,
    required: bool = False,
    strip: bool = True,
    error: type[Exception] = InputError,
) -> str:
    """The text normalised, or `error` (a service's own error class) saying what the policy
    refuses in it."""
    text = normalise(value, multiline=multiline, strip=strip)
    message = problem(text, max_length)
    if message:
        raise error(message)
    if required and not text.strip():
        raise error(_("This field is required."))
    return text


def xml_text(value: str | None) -> str:
    """For exports: the text with line breaks normalised and what XML cannot hold dropped."""
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", str(value or "")))


@deconstructible
class TextPolicy:
    """Model field validator: a stored text holds nothing the policy refuses or normalises."""

    message = gettext_lazy(
        "The text contains control characters; only line breaks and tabs are allowed."
    )
    code = "control_characters"

    def __call__(self, value) -> None:
        if value and (REFUSED.search(value) or _LINE_BREAKS.search(value.replace("\n", ""))):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, TextPolicy)

    def __hash__(self) -> int:
        return hash(TextPolicy)


class TextField(forms.CharField):
    """A form field under the policy: normalised, refused with a message, never cut.

    `max_length` is checked on the server with the policy's message and is deliberately not
    given to the browser: a `maxlength` attribute makes the browser cut a pasted text without
    a word."""

    def __init__(self, *, max_length: int, multiline: bool = True, strip: bool = True, **kwargs):
        self.policy_max_length = max_length
        self.multiline = multiline
        if multiline and "widget" not in kwargs:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        super().__init__(strip=strip, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        text = normalise(value, multiline=self.multiline, strip=self.strip)
        message = problem(text, self.policy_max_length)
        if message:
            raise ValidationError(message, code="policy")
        return text


# Dates ---------------------------------------------------------------------------------------


def date_problem(
    value: dt.date | dt.datetime, earliest: dt.date = EARLIEST, latest: dt.date = LATEST
) -> str | None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if earliest <= day <= latest:
        return None
    return _("Give a date between %(earliest)s and %(latest)s.") % {
        "earliest": date_format(earliest, "DATE_FORMAT"),
        "latest": date_format(latest, "DATE_FORMAT"),
    }


def check_date(value, earliest: dt.date = EARLIEST, latest: dt.date = LATEST, *, error=InputError):
    message = date_problem(value, earliest, latest)
    if message:
        raise error(message)
    return value


@deconstructible
class DateBounds:
    """Model field validator: a date or date-time within EARLIEST..LATEST."""

    def __call__(self, value) -> None:
        if value is not None:
            message = date_problem(value)
            if message:
                raise ValidationError(message, code="date_bounds")

    def __eq__(self, other) -> bool:
        return isinstance(other, DateBounds)

    def __hash__(self) -> int:
        return hash(DateBounds)


class BoundedDateField(forms.DateField):
    def __init__(self, *args, earliest: dt.date = EARLIEST, latest: dt.date = LATEST, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(*args, **kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None:
            message = date_problem(value, self.earliest, self.latest)
            if message:
                raise ValidationError(message, code="date_bounds")


class BoundedDateTimeField(forms.DateTimeField):
    """A date-time within the bounds, checked before any time zone arithmetic (which fails
    outright on a year-1 date)."""

    def __init__(self, *args, earliest: dt.date = EARLIEST, latest: dt.date = LATEST, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is not None:
            message = date_problem(result, self.earliest, self.latest)
            if message:
                raise ValidationError(message, code="date_bounds")
        return result


def parse_when(value: str | None) -> dt.datetime | None:
    """An ISO date or date-time from a query ("as of", "since"), aware, within the bounds.

    None when empty; InputError when it is not a date or lies outside EARLIEST..LATEST (a
    year-1 date cannot even be converted to UTC)."""
    if not value or not value.strip():
        return None
    text = value.strip().replace(" ", "+")
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(_("“%(value)s” is not a date.") % {"value": text[:40]}) from None
    check_date(when)
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


# Numbers in queries and forms ---------------------------------------------------------------


def int_or_none(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A whole number from a query or form value, or None when it is not one in the range.

    Used for every id or number read from a request by hand, so that "x", "-1" or a number no
    database column can hold is simply not found, never an error."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text or len(text) > 20 or not text.lstrip("-").isascii():
            return None
        try:
            number = int(text)
        except ValueError:
            return None
    return number if minimum <= number <= maximum else None


def query_text(value: str | None, max_length: int = 200) -> str:
    """A search string from a query: normalised, without what the policy refuses, bounded."""
    return REFUSED.sub("", normalise(value, multiline=False))[:max_length]
