import base64
import binascii
import json
import uuid
from datetime import datetime


class InvalidCursorError(ValueError):
    """Raised when a client sends a cursor that was not produced by ``encode_cursor``."""


def encode_cursor(created_at: datetime, id: uuid.UUID) -> str:
    raw = json.dumps({"created_at": created_at.isoformat(), "id": str(id)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        created_at = datetime.fromisoformat(data["created_at"])
        id = uuid.UUID(data["id"])
    except (binascii.Error, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InvalidCursorError(cursor) from exc
    if created_at.tzinfo is None:
        raise InvalidCursorError(cursor)
    return created_at, id
