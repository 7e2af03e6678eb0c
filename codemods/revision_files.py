"""The file name `alembic revision -m MESSAGE` would give a new revision: alembic.ini's
file_template filled in with the revision id, the message's slug and the time.

A project naming its revisions by date (`%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-
%(rev)s_%(slug)s`) gets a file dated now, as alembic would write it, not one carrying the date of
the revision it was cloned from; `SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes
the time where a run must give the same files twice.
"""

from __future__ import annotations

import os
import re
from datetime import datetime

DEFAULT_TEMPLATE = "%(rev)s_%(slug)s"  # alembic's own, where alembic.ini sets none
_TIME_TOKENS = ("epoch", "year", "month", "day", "hour", "minute", "second")
_SLUG_WORD = re.compile(r"\w+")


def is_dated(template: str | None) -> bool:
    """Whether file names made from `template` carry the time they were made at."""
    return template is not None and any(f"%({token})" in template for token in _TIME_TOKENS)


def slug(message: str, length: int = 40) -> str:
    """The message's words joined by `_`, lower case, cut at a word boundary past `length`
    (alembic's truncate_slug_length), as alembic makes it."""
    text = "_".join(_SLUG_WORD.findall(message)).lower()
    if len(text) > length:
        text = text[:length].rsplit("_", 1)[0] + "_"
    return text


def revision_time() -> datetime:
    """Now, in local time as alembic takes it; `SOURCE_DATE_EPOCH` where it is set."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(fixed)) if fixed.isdigit() else datetime.now()


def file_name(template: str, rev: str, message: str, when: datetime, length: int = 40) -> str | None:
    """`template` filled in, `.py` added; None where it holds a token alembic does not know."""
    values = {
        "rev": rev,
        "slug": slug(message, length),
        "epoch": int(when.timestamp()),
        "year": when.year,
        "month": when.month,
        "day": when.day,
        "hour": when.hour,
        "minute": when.minute,
        "second": when.second,
    }
    try:
        return template % values + ".py"
    except (KeyError, ValueError, TypeError):
        return None
