"""HubSpot's published examples, reproduced, plus the v3 rules (URI decoding, staleness)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from server.hubspot import signatures

V2_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"


def test_v2_published_example() -> None:
    # HubSpot's request-validation page: GET https://www.example.com/webhook_uri, empty body.
    expected = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e"
    assert signatures.sign_v2(V2_SECRET, "GET", "https://www.example.com/webhook_uri", b"") == expected
    assert signatures.verify_v2(V2_SECRET, "GET", "https://www.example.com/webhook_uri", b"", expected)


def test_v1_published_example() -> None:
    # HubSpot's legacy validation example: secret yyyy…, a webhook body.
    body = (
        b'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,'
        b'"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM",'
        b'"changeFlag":"NEW","appId":54321}]'
    )
    expected = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"
    assert signatures.sign_v1(V2_SECRET, body) == expected
    assert signatures.verify_v1(V2_SECRET, body, expected)


def test_v3_is_hmac_sha256_over_method_uri_body_timestamp() -> None:
    secret, ts = "client-secret", "1700000000000"
    uri = "https://example.com/api/v1/deals/1/sales-orders?portalId=2&userId=3&appId=1"
    source = ("GET" + uri + "" + ts).encode()
    expected = base64.b64encode(hmac.new(secret.encode(), source, hashlib.sha256).digest()).decode()
    assert signatures.sign_v3(secret, "GET", uri, b"", ts) == expected


def test_v3_decodes_the_documented_percent_encodings_before_signing() -> None:
    secret, ts = "s", "1700000000000"
    encoded = "https://example.com/x?userEmail=rep%40example.com&q=a%2Cb%3Bc%20d"
    decoded = "https://example.com/x?userEmail=rep@example.com&q=a,b;c%20d"  # %20 is not in the table
    assert signatures.sign_v3(secret, "GET", encoded, b"", ts) == signatures.sign_v3(
        secret, "GET", decoded, b"", ts
    )


def test_v3_verify_refuses_stale_future_and_tampered_requests() -> None:
    secret = "s"
    now = time.time()
    ts = str(int(now * 1000))
    uri = "https://example.com/api?portalId=1"
    body = b'{"a":1}'
    good = signatures.sign_v3(secret, "POST", uri, body, ts)
    assert signatures.verify_v3(secret, "POST", uri, body, ts, good, now=now)
    assert not signatures.verify_v3(secret, "POST", uri, body, ts, good, now=now + 301)
    assert not signatures.verify_v3(secret, "POST", uri, body, ts, good, now=now - 301)
    assert not signatures.verify_v3(secret, "POST", uri, b'{"a":2}', ts, good, now=now)
    assert not signatures.verify_v3(secret, "POST", uri + "&portalId=2", body, ts, good, now=now)
    assert not signatures.verify_v3("other", "POST", uri, body, ts, good, now=now)
    assert not signatures.verify_v3(secret, "POST", uri, body, "not-a-number", good, now=now)
