"""The API key: the write routes it guards are all found, and keys are compared in
constant time. Over real HTTP: tests/system/test_security_http.py."""

from __future__ import annotations

import hmac
import uuid

import pytest

from api import auth
from rag.settings import load_settings
from tests.support.api_routes import CHAT_ROUTES, EXISTING, write_routes

SECRET = f"key-{uuid.uuid4().hex}"  # distinctive, so any leak is found by a plain search


WRITE_ROUTES = write_routes()


def test_the_route_list_covers_the_known_write_routes() -> None:
    known = {("POST", "/documents"), ("DELETE", f"/documents/{EXISTING}"), ("POST", "/ingest")}
    assert known <= set(WRITE_ROUTES)
    assert {path for _, path in WRITE_ROUTES} >= CHAT_ROUTES


def test_keys_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    compare_digest = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return compare_digest(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", recording)
    with pytest.raises(auth.AuthError):
        auth.check_key("nope", load_settings(api_key=SECRET).api_key)
    auth.check_key(SECRET, load_settings(api_key=SECRET).api_key)
    assert compared == [(b"nope", SECRET.encode()), (SECRET.encode(), SECRET.encode())]
