"""Small readers shared by the format modules: tolerant getters for the many shapes issuers use.

Issuers write the same thing in different shapes (a string or an object with `id`, one value
or a list, a language map), so every field is read through these helpers rather than by hand.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, Literal

from wallet.credential import Issuer
from wallet.errors import FormatError
from wallet.messages import M, Msg

MEDIA_JSON = "application/json"
MEDIA_JWT = "application/jwt"
MEDIA_SD_JWT = "application/vc+sd-jwt"
MEDIA_PNG = "image/png"
MEDIA_SVG = "image/svg+xml"

MAX_BAKED_TEXT = 4 * 1024 * 1024  # largest credential text we take out of an image


class LinkOnly(FormatError):
    """The bytes only point at a credential (an OB 2.0 hosted URL baked in an image).

    Nothing is fetched while parsing; the caller may fetch `url` and parse what it gets.
    """

    def __init__(self, url: str, where: Literal["file", "image", "svg"] = "image") -> None:
        super().__init__(_link_only(url, where))
        self.url = url


def _link_only(url: str, where: str) -> Msg:
    """One whole sentence for each place a link can be found in."""
    if where == "file":
        return M(
            "the file carries only a link to its badge ({url}); import that address to fetch it",
            url=url,
        )
    if where == "svg":
        return M(
            "the SVG carries only a link to its badge ({url}); import that address to fetch it",
            url=url,
        )
    return M(
        "the image carries only a link to its badge ({url}); import that address to fetch it",
        url=url,
    )


def as_list(value: Any) -> list[Any]:
    """One value or a list of values, as a list (None gives an empty list)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def text(value: Any) -> str | None:
    """A human string from a string, a number, a language map or `[{"@value": ...}]`."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        for item in value:
            t = text(item)
            if t:
                return t
        return None
    if isinstance(value, dict):
        for key in ("@value", "en", "en-US", "en-GB", "en-NZ", "name", "value"):
            if key in value:
                t = text(value[key])
                if t:
                    return t
        for v in value.values():  # a language map in another language
            if isinstance(v, str) and v.strip():
                return v.strip()
    return None


def ident(value: Any) -> str | None:
    """An identifier from a string or an object with `id` (or `@id`)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return text(value.get("id") or value.get("@id"))
    if isinstance(value, list) and value:
        return ident(value[0])
    return None


def obj(value: Any) -> dict[str, Any]:
    """The value when it is an object (the first object of a list), else an empty dict."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                return item
    return {}


def types(value: Any) -> list[str]:
    """The `type` (or `@type`) of a node as a list of strings."""
    if not isinstance(value, dict):
        return []
    return [t for t in as_list(value.get("type", value.get("@type"))) if isinstance(t, str)]


def image(value: Any) -> str | None:
    """An image URL or data URI from a string or an Image object (`id`)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return text(value.get("id") or value.get("@id") or value.get("url"))
    if isinstance(value, list) and value:
        return image(value[0])
    return None


def timestamp(value: Any) -> str | None:
    """ISO 8601 (UTC) for a JWT NumericDate; strings are returned as written."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return None
    return text(value)


def last_part(url: str) -> str:
    """The last non-empty path segment of a URL or URN, for an honest fallback title."""
    stripped = re.sub(r"[?#].*$", "", url).rstrip("/")
    tail = re.split(r"[/:]", stripped)[-1] if stripped else ""
    return tail or url


def humanize(name: str) -> str:
    """`identity_credential` / `AlumniCredential` -> `Identity credential` / `Alumni Credential`."""
    name = re.sub(r"[_\-]+", " ", name)
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).strip()
    return name[:1].upper() + name[1:] if name else name


def stable_json(value: Any) -> bytes:
    """The serialization used for a nested credential's payload (keeps key order)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode(
        "utf-8"
    )


def country_of(issuer: dict[str, Any]) -> str | None:
    """The awarding body's country from its postal address (OB 2.0/3.0 Profile `address`)."""
    address = obj(issuer.get("address"))
    return text(address.get("addressCountryCode")) or text(address.get("addressCountry"))


def issuer_of(value: Any) -> Issuer:
    """Our issuer record from an `issuer` value: a bare id, or a Profile object."""
    profile = value if isinstance(value, dict) else {}
    return Issuer(
        id=ident(value),
        name=text(profile.get("name")),
        url=text(profile.get("url")),
        country=country_of(profile),
    )
