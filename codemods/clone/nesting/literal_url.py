"""URLs tests write out (`f"{settings.API_V1_STR}/reviews/{key}"`), under a parent row and back.

    nest_url(<f"{P}/reviews/{key}">, "reviews", "items", "item_id")    -> f"{P}/items/{item_id}/reviews/{key}"
    nest_url(<"/reviews/">, "reviews", "items", "999", literal=True)   -> "/items/999/reviews/"
    with_parent(<f"{P}/items/{item_id}/reviews/{key}">, "reviews", "items", "other_item_id")
                                                                       -> f"{P}/items/{other_item_id}/reviews/{key}"
    collection(<f"{P}/items/{item_id}/reviews/{key}">, "reviews", "/") -> f"{P}/items/{item_id}/reviews/"
A URL is a plain string or an f-string; what is not one of the clone's URLs answers None.
"""

from __future__ import annotations

import libcst as cst

from codemods.clone.nesting.tests import _segment_at


def names_segment(url: cst.BaseExpression, segment: str) -> bool:
    """Whether the string names `/segment` as a whole path segment (in its written text)."""
    return any(_segment_at(text, segment) is not None for text in _texts(url))


def nest_url(
    url: cst.BaseExpression, segment: str, parent_segment: str, value: str, literal: bool = False
) -> cst.BaseExpression | None:
    """The URL with `/parent_segment/{value}` before `/segment` (`value` written in as text where
    `literal`); None where the URL does not name the segment or is nested already."""
    parts = _as_parts(url)
    if parts is None:
        return None
    for i, part in enumerate(parts):
        if not isinstance(part, cst.FormattedStringText):
            continue
        at = _segment_at(part.value, segment)
        if at is None:
            continue
        head = part.value[:at]
        if head.rsplit("/", 1)[0].endswith(f"/{parent_segment}") or _after_parent(
            parts, i, parent_segment
        ):
            return None  # nested already: `/items/999/reviews`, `/items/{item_id}/reviews`
        head, tail = head + f"/{parent_segment}/", part.value[at:]
        nested = (
            [cst.FormattedStringText(head + value + tail)]
            if literal
            else [
                cst.FormattedStringText(head),
                cst.FormattedStringExpression(cst.parse_expression(value)),
                cst.FormattedStringText(tail),
            ]
        )
        return _from_parts(url, [*parts[:i], *nested, *parts[i + 1 :]])
    return None


def with_parent(
    url: cst.BaseExpression, segment: str, parent_segment: str, value: str, literal: bool = False
) -> cst.BaseExpression | None:
    """The nested URL with its parent's key replaced by `value` (as text where `literal`)."""
    parts = _as_parts(url)
    if parts is None:
        return None
    for i in range(len(parts) - 2):
        before, key, after = parts[i : i + 3]
        if (
            isinstance(before, cst.FormattedStringText)
            and before.value.endswith(f"/{parent_segment}/")
            and isinstance(key, cst.FormattedStringExpression)
            and isinstance(after, cst.FormattedStringText)
            and _segment_at(after.value, segment) == 0
        ):
            new = (
                [cst.FormattedStringText(before.value + value + after.value)]
                if literal
                else [before, key.with_changes(expression=cst.parse_expression(value)), after]
            )
            return _from_parts(url, [*parts[:i], *new, *parts[i + 3 :]])
    return None


def collection(url: cst.BaseExpression, segment: str, tail: str) -> cst.BaseExpression | None:
    """The URL cut right after `/segment`, then `tail` (`/` where the project's collection URLs
    end in one)."""
    parts = _as_parts(url)
    if parts is None:
        return None
    for i, part in enumerate(parts):
        if isinstance(part, cst.FormattedStringText):
            at = _segment_at(part.value, segment)
            if at is not None:
                cut = part.value[: at + len(segment) + 1] + tail
                return _from_parts(url, [*parts[:i], cst.FormattedStringText(cut)])
    return None


def tail_after(url: cst.BaseExpression, segment: str) -> str | None:
    """What a URL ending at the collection writes after `/segment` ("" or "/"); None for a URL
    going on past it (a row's)."""
    parts = _as_parts(url)
    if not parts or not isinstance(parts[-1], cst.FormattedStringText):
        return None
    last = parts[-1].value
    at = _segment_at(last, segment)
    if at is None:
        return None
    rest = last[at + len(segment) + 1 :]
    return rest if rest in ("", "/") else None


def _after_parent(parts: list, i: int, parent_segment: str) -> bool:
    """`.../items/{item_id}` + `/reviews`: the text before the key names the parent."""
    return (
        i >= 2
        and isinstance(parts[i - 1], cst.FormattedStringExpression)
        and isinstance(parts[i - 2], cst.FormattedStringText)
        and parts[i - 2].value.endswith(f"/{parent_segment}/")
        and parts[i].value.startswith("/")
    )


def _texts(url: cst.BaseExpression) -> list[str]:
    if isinstance(url, cst.SimpleString):
        value = url.evaluated_value
        return [value] if isinstance(value, str) else []
    if isinstance(url, cst.FormattedString):
        return [p.value for p in url.parts if isinstance(p, cst.FormattedStringText)]
    return []


def _as_parts(url: cst.BaseExpression) -> list | None:
    """The f-string's parts; a plain string's text as one part (braces escaped, as an f-string's)."""
    if isinstance(url, cst.FormattedString):
        return list(url.parts)
    if isinstance(url, cst.SimpleString) and "b" not in url.prefix.lower():
        value = url.evaluated_value
        if isinstance(value, str):
            return [cst.FormattedStringText(value.replace("{", "{{").replace("}", "}}"))]
    return None


def _from_parts(url: cst.BaseExpression, parts: list) -> cst.BaseExpression:
    """An expression like `url` made of `parts`: a plain string stays one while it has no
    expression in it."""
    if isinstance(url, cst.FormattedString):
        return url.with_changes(parts=parts)
    assert isinstance(url, cst.SimpleString)
    quote = url.quote
    if all(isinstance(p, cst.FormattedStringText) for p in parts):
        text = "".join(p.value for p in parts).replace("{{", "{").replace("}}", "}")
        return url.with_changes(value=f"{url.prefix}{quote}{text}{quote}")
    return cst.FormattedString(parts, start=f"f{quote}", end=quote)
