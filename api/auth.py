"""Bearer-key checks for write endpoints (and chat, when configured)."""

from __future__ import annotations

import hmac

from pydantic import SecretStr

from rag.errors import RagError

MISSING_KEY = "missing API key: send the header 'Authorization: Bearer <key>'"
INVALID_KEY = "invalid API key"


class AuthError(RagError):
    """No key or a wrong key (401)."""


def check_key(presented: str | None, expected: SecretStr | None) -> None:
    """Pass when no key is configured, or the presented key matches in constant time."""
    if expected is None:
        return
    if not presented:
        raise AuthError(MISSING_KEY)
    wanted = expected.get_secret_value().encode("utf-8")
    if not hmac.compare_digest(presented.encode("utf-8"), wanted):
        raise AuthError(INVALID_KEY)
