"""HubSpot request signatures v1, v2 and v3, computed and checked exactly as HubSpot documents them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

MAX_AGE_SECONDS = 300  # "Reject the request if the timestamp is older than 5 minutes"

# HubSpot decodes these percent-encodings in the URI before it signs (v3 only).
_V3_DECODE = {
    "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$",
    "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
}  # fmt: skip


def _decode_v3_uri(uri: str) -> str:
    out = []
    i = 0
    while i < len(uri):
        chunk = uri[i : i + 3].upper()
        if uri[i] == "%" and chunk in _V3_DECODE:
            out.append(_V3_DECODE[chunk])
            i += 3
        else:
            out.append(uri[i])
            i += 1
    return "".join(out)


def sign_v1(client_secret: str, body: bytes) -> str:
    return hashlib.sha256(client_secret.encode() + body).hexdigest()


def sign_v2(client_secret: str, method: str, uri: str, body: bytes) -> str:
    source = client_secret.encode() + method.upper().encode() + uri.encode() + body
    return hashlib.sha256(source).hexdigest()


def sign_v3(client_secret: str, method: str, uri: str, body: bytes, timestamp_ms: int | str) -> str:
    source = method.upper().encode() + _decode_v3_uri(uri).encode() + body + str(timestamp_ms).encode()
    digest = hmac.new(client_secret.encode(), source, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify_v1(client_secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_v1(client_secret, body), signature.strip().lower())


def verify_v2(client_secret: str, method: str, uri: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_v2(client_secret, method, uri, body), signature.strip().lower())


def timestamp_is_fresh(timestamp_ms: str, *, now: float | None = None) -> bool:
    try:
        sent = int(timestamp_ms) / 1000
    except ValueError:
        return False
    current = time.time() if now is None else now
    # Old requests are replays; ones from the future beyond clock skew are forged.
    return -MAX_AGE_SECONDS <= current - sent <= MAX_AGE_SECONDS


def verify_v3(
    client_secret: str,
    method: str,
    uri: str,
    body: bytes,
    timestamp_ms: str,
    signature: str,
    *,
    now: float | None = None,
) -> bool:
    if not timestamp_is_fresh(timestamp_ms, now=now):
        return False
    expected = sign_v3(client_secret, method, uri, body, timestamp_ms)
    return hmac.compare_digest(expected.encode(), signature.strip().encode())
