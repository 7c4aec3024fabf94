"""TBA signing reproduces Oracle's published vectors; M2M mints, caches and re-mints its access token."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qs, unquote

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from server.netsuite.auth import M2MAuth, TbaAuth, base_string, make_nonce, rfc3986
from server.netsuite.errors import NetSuiteAuthError

CONSUMER_KEY = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4"
CONSUMER_SECRET = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5"
TOKEN = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc"
TOKEN_SECRET = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295"
NONCE = "fjaLirsIcCGVZWzBX0pg"
TIMESTAMP = 1508242306
REST_URL = "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40"
RESTLET_URL = (
    "https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl"
    "?script=6&deploy=1&customParam=someValue&testParam=someOtherValue"
)
TOKEN_URL = "https://123456.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"


def oracle_tba() -> TbaAuth:
    return TbaAuth(
        account_id="123456",
        consumer_key=CONSUMER_KEY,
        consumer_secret=CONSUMER_SECRET,
        token_id=TOKEN,
        token_secret=TOKEN_SECRET,
        nonce=lambda: NONCE,
        clock=lambda: TIMESTAMP,
    )


def header_params(header: str) -> dict[str, str]:
    assert header.startswith("OAuth ")
    pairs = (part.split("=", 1) for part in header[len("OAuth ") :].split(", "))
    return {k: unquote(v.strip('"')) for k, v in pairs}


def oauth_params() -> dict[str, str]:
    return {
        "oauth_consumer_key": CONSUMER_KEY,
        "oauth_nonce": NONCE,
        "oauth_signature_method": "HMAC-SHA256",
        "oauth_timestamp": str(TIMESTAMP),
        "oauth_token": TOKEN,
        "oauth_version": "1.0",
    }


def test_rest_base_string_matches_oracles_example() -> None:
    expected = (
        "GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40"
        f"&oauth_consumer_key%3D{CONSUMER_KEY}%26oauth_nonce%3D{NONCE}%26oauth_signature_method%3DHMAC-SHA256"
        f"%26oauth_timestamp%3D{TIMESTAMP}%26oauth_token%3D{TOKEN}%26oauth_version%3D1.0"
    )
    assert base_string("GET", httpx.URL(REST_URL), oauth_params()) == expected


def test_rest_signature_matches_oracles_vector() -> None:
    params = header_params(oracle_tba().authorization("GET", httpx.URL(REST_URL)))
    assert params["oauth_signature"] == "B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY="
    header = oracle_tba().authorization("GET", httpx.URL(REST_URL))
    assert 'oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"' in header


def test_restlet_base_string_sorts_query_parameters_among_oauth_ones() -> None:
    expected = (
        "POST&https%3A%2F%2F123456.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl"
        f"&customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key%3D{CONSUMER_KEY}"
        f"%26oauth_nonce%3D{NONCE}%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D{TIMESTAMP}"
        f"%26oauth_token%3D{TOKEN}%26oauth_version%3D1.0%26script%3D6%26testParam%3DsomeOtherValue"
    )
    assert base_string("POST", httpx.URL(RESTLET_URL), oauth_params()) == expected


def test_restlet_signature_matches_oracles_vector_with_its_leading_plus() -> None:
    params = header_params(oracle_tba().authorization("POST", httpx.URL(RESTLET_URL)))
    assert params["oauth_signature"] == "+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ="


def test_header_carries_realm_and_oauth_fields_but_no_query_parameter() -> None:
    auth = TbaAuth(
        account_id="1234567_sb1", consumer_key="ck", consumer_secret="cs", token_id="t", token_secret="ts"
    )
    header = auth.authorization("POST", httpx.URL("https://x.test/query/v1/suiteql?limit=5&offset=10"))
    params = header_params(header)
    assert params["realm"] == "1234567_SB1"
    assert set(params) == {"realm", *oauth_params(), "oauth_signature"}
    assert "limit" not in header
    assert "offset" not in header


def test_json_body_does_not_change_the_signature() -> None:
    def signed(body: bytes) -> str:
        request = httpx.Request("POST", REST_URL, content=body, headers={"Content-Type": "application/json"})
        flow = oracle_tba().auth_flow(request)
        return next(flow).headers["Authorization"]

    assert signed(b'{"q": "SELECT 1"}') == signed(b'{"q": "SELECT 2"}')


def test_query_values_are_rfc3986_encoded_in_the_base_string() -> None:
    url = httpx.URL("https://h.test/p", params={"q": "a b+c*~"})
    assert "q%3Da%2520b%252Bc%252A~" in base_string("GET", url, {})
    assert rfc3986("a b+c/*~") == "a%20b%2Bc%2F%2A~"


def test_nonces_are_twenty_alphanumerics_and_differ() -> None:
    nonces = {make_nonce() for _ in range(50)}
    assert len(nonces) == 50
    assert all(len(n) == 20 and n.isalnum() for n in nonces)


def test_tba_repr_shows_no_secret() -> None:
    auth = TbaAuth(
        account_id="1", consumer_key="ck", consumer_secret="SECRET1", token_id="t", token_secret="SECRET2"
    )
    assert "SECRET" not in repr(auth)


def rsa_pem() -> tuple[str, RSAKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return pem, RSAKey.import_key(pem)


class TokenServer:
    """A token endpoint and an API in one MockTransport: verifies assertions, hands out numbered tokens."""

    def __init__(self, public: RSAKey | ECKey, alg: str) -> None:
        self.public, self.alg = public, alg
        self.minted = 0
        self.revoked: set[str] = set()
        self.claims: list[dict[str, object]] = []
        self.headers: list[dict[str, object]] = []

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
            assert form["grant_type"] == "client_credentials"
            assert form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            token = jwt.decode(form["client_assertion"], self.public, algorithms=[self.alg])
            self.claims.append(dict(token.claims))
            self.headers.append(dict(token.header))
            await asyncio.sleep(0.01)
            self.minted += 1
            return httpx.Response(200, json={"access_token": f"tok-{self.minted}", "expires_in": 3600})
        bearer = request.headers.get("authorization", "")
        if bearer.removeprefix("Bearer ") in self.revoked:
            return httpx.Response(
                401, headers={"WWW-Authenticate": 'Bearer realm="123456", error="invalid_token"'}
            )
        return httpx.Response(200, json={"auth": bearer})


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_m2m_signs_a_ps256_assertion_with_netsuites_claims_and_caches_the_token() -> None:
    pem, key = rsa_pem()
    server = TokenServer(key, "PS256")
    clock = Clock()
    auth = M2MAuth(
        token_url=TOKEN_URL, client_id="cid", certificate_id="cert-1", private_key_pem=pem, clock=clock
    )
    async with httpx.AsyncClient(transport=httpx.MockTransport(server.handle), auth=auth) as http:
        first = await http.get("https://123456.suitetalk.api.netsuite.com/x")
        second = await http.get("https://123456.suitetalk.api.netsuite.com/x")
    assert first.json() == second.json() == {"auth": "Bearer tok-1"}
    assert server.minted == 1
    assert server.headers[0] == {"alg": "PS256", "typ": "JWT", "kid": "cert-1"}
    claims = server.claims[0]
    assert claims["iss"] == "cid"
    assert claims["aud"] == TOKEN_URL
    assert claims["scope"] == ["restlets", "rest_webservices"]
    assert 0 < int(str(claims["exp"])) - int(str(claims["iat"])) <= 3600


async def test_m2m_uses_es256_for_an_ec_key() -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    server = TokenServer(ECKey.import_key(pem), "ES256")
    auth = M2MAuth(token_url=TOKEN_URL, client_id="cid", certificate_id="c", private_key_pem=pem)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server.handle), auth=auth) as http:
        assert (await http.get("https://h.test/x")).status_code == 200
    assert server.headers[0]["alg"] == "ES256"


async def test_m2m_mints_once_for_concurrent_first_calls() -> None:
    pem, key = rsa_pem()
    server = TokenServer(key, "PS256")
    auth = M2MAuth(token_url=TOKEN_URL, client_id="cid", certificate_id="c", private_key_pem=pem)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server.handle), auth=auth) as http:
        answers = await asyncio.gather(*(http.get("https://h.test/x") for _ in range(10)))
    assert {a.json()["auth"] for a in answers} == {"Bearer tok-1"}
    assert server.minted == 1


async def test_m2m_mints_again_sixty_seconds_before_expiry() -> None:
    pem, key = rsa_pem()
    server = TokenServer(key, "PS256")
    clock = Clock()
    auth = M2MAuth(token_url=TOKEN_URL, client_id="cid", certificate_id="c", private_key_pem=pem, clock=clock)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server.handle), auth=auth) as http:
        await http.get("https://h.test/x")
        clock.now += 3600 - 61
        assert (await http.get("https://h.test/x")).json()["auth"] == "Bearer tok-1"
        clock.now += 2
        assert (await http.get("https://h.test/x")).json()["auth"] == "Bearer tok-2"


async def test_m2m_remints_once_when_netsuite_says_invalid_token() -> None:
    pem, key = rsa_pem()
    server = TokenServer(key, "PS256")
    auth = M2MAuth(token_url=TOKEN_URL, client_id="cid", certificate_id="c", private_key_pem=pem)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server.handle), auth=auth) as http:
        await http.get("https://h.test/x")
        server.revoked.add("tok-1")
        answer = await http.get("https://h.test/x")
        assert answer.json()["auth"] == "Bearer tok-2"
        server.revoked.add("tok-2")
        server.revoked.add("tok-3")
        refused = await http.get("https://h.test/x")
    assert refused.status_code == 401
    assert server.minted == 3  # one re-mint per refused call, never a loop


async def test_m2m_token_refusal_is_a_reconnect_error() -> None:
    pem, _ = rsa_pem()

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, content=json.dumps({"error": "invalid_grant"}).encode())

    auth = M2MAuth(token_url=TOKEN_URL, client_id="cid", certificate_id="c", private_key_pem=pem)
    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse), auth=auth) as http:
        with pytest.raises(NetSuiteAuthError) as caught:
            await http.get("https://h.test/x")
    assert "Reconnect NetSuite" in caught.value.message
