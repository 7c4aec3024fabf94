"""OAuth 2.0 client credentials: JWT assertions checked like NetSuite, bearer tokens on REST and RESTlet."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey
from joserfc.jws import JWSRegistry

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.seed import REST_BASE_URL, RESTLET_URL, TOKEN_URL
from tests.sandbox.netsuite.conftest import RESTLET_BASE, SUITEQL, TRANSIENT, client_for

CLIENT_ID = "m2m-client-id-0001"
CERT_ID = "cert-abc123"
TOKEN_PATH = "/services/rest/auth/oauth2/v1/token"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ANY_ALG = JWSRegistry(algorithms=["ES256", "PS256", "RS256"])
Claims = dict[str, object]


def _pem(public: ec.EllipticCurvePublicKey | rsa.RSAPublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@pytest.fixture
def ec_key(sandbox: NetSuiteSandbox) -> ECKey:
    private = ec.generate_private_key(ec.SECP256R1())
    sandbox.register_m2m_client(CLIENT_ID, CERT_ID, _pem(private.public_key()))
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ECKey.import_key(pem)


def claims(**overrides: object) -> Claims:
    now = int(time.time())
    base: Claims = {"iss": CLIENT_ID, "scope": ["restlets", "rest_webservices"], "aud": TOKEN_URL}
    return base | {"iat": now, "exp": now + 3000} | overrides


def assertion(key: ECKey | RSAKey, body: Claims, *, alg: str = "ES256", kid: str = CERT_ID) -> str:
    return jwt.encode({"typ": "JWT", "alg": alg, "kid": kid}, body, key, registry=ANY_ALG)


async def exchange(sandbox: NetSuiteSandbox, token: str, **form: str) -> httpx.Response:
    data = {
        "grant_type": "client_credentials",
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": token,
    }
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        return await client.post(TOKEN_PATH, data=data | form)


async def test_valid_assertion_gets_a_one_hour_bearer_token_usable_on_rest_and_restlet(
    sandbox: NetSuiteSandbox, ec_key: ECKey
) -> None:
    response = await exchange(sandbox, assertion(ec_key, claims()))
    assert response.status_code == 200
    body = response.json()
    assert body["expires_in"] == 3600
    assert body["token_type"] == "bearer"
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        query = await client.post(SUITEQL, json={"q": "SELECT id FROM currency"}, headers=TRANSIENT | bearer)
    assert query.status_code == 200
    async with client_for(sandbox, RESTLET_BASE, None) as client:
        forms = await client.get(RESTLET_URL.removeprefix(RESTLET_BASE) + "&action=forms", headers=bearer)
    assert forms.status_code == 200


async def test_scope_may_be_a_comma_separated_string(sandbox: NetSuiteSandbox, ec_key: ECKey) -> None:
    response = await exchange(sandbox, assertion(ec_key, claims(scope="restlets,rest_webservices")))
    assert response.status_code == 200


async def test_rsa_pss_certificate_is_accepted(sandbox: NetSuiteSandbox) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sandbox.register_m2m_client(CLIENT_ID, "rsa-cert", _pem(private.public_key()))
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key = RSAKey.import_key(pem)
    assert (await exchange(sandbox, assertion(key, claims(), alg="PS256", kid="rsa-cert"))).status_code == 200
    refused = await exchange(sandbox, assertion(key, claims(), alg="RS256", kid="rsa-cert"))
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"


def _tamper(token: str) -> str:
    header, _payload, signature = token.split(".")
    # Same client, a longer-lived claim set: only the signature can tell.
    other = jwt.encode({"alg": "ES256"}, claims(exp=int(time.time()) + 3500), ECKey.generate_key("P-256"))
    return ".".join([header, other.split(".")[1], signature])


@pytest.mark.parametrize(
    ("make", "error", "status"),
    [
        (lambda key: _tamper(assertion(key, claims())), "invalid_grant", 400),
        (lambda key: assertion(key, claims())[:-6] + "AAAAAA", "invalid_grant", 400),
        (lambda key: assertion(key, claims(aud="https://elsewhere.example/token")), "invalid_grant", 400),
        (lambda key: assertion(key, claims(exp=int(time.time()) + 3700)), "invalid_grant", 400),
        (
            lambda key: assertion(key, claims(iat=int(time.time()) - 4000, exp=int(time.time()) - 500)),
            "invalid_grant",
            400,
        ),
        (lambda key: assertion(key, claims(scope=["suite_analytics"])), "invalid_grant", 400),
        (lambda key: assertion(key, claims(), kid="unknown-cert"), "invalid_client", 401),
        (lambda key: "not-a-jwt", "invalid_request", 400),
    ],
)
async def test_bad_assertions_are_refused_with_oauth_errors(
    sandbox: NetSuiteSandbox, ec_key: ECKey, make: Callable[[ECKey], str], error: str, status: int
) -> None:
    response = await exchange(sandbox, make(ec_key))
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["error_description"]


async def test_signature_by_an_unregistered_key_is_refused(sandbox: NetSuiteSandbox, ec_key: ECKey) -> None:
    response = await exchange(sandbox, assertion(ECKey.generate_key("P-256"), claims()))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_wrong_grant_type_is_an_invalid_request(sandbox: NetSuiteSandbox, ec_key: ECKey) -> None:
    response = await exchange(sandbox, assertion(ec_key, claims()), grant_type="authorization_code")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_expired_bearer_token_is_refused_with_www_authenticate(
    sandbox: NetSuiteSandbox, ec_key: ECKey
) -> None:
    token = (await exchange(sandbox, assertion(ec_key, claims()))).json()["access_token"]
    later = time.time() + 3601
    sandbox.clock = lambda: later
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        response = await client.get(
            "/services/rest/record/v1/customer/201", headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == (
        'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."'
    )
    assert response.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_LOGIN"
    assert sandbox.login_audit == ["ExpiredToken"]


async def test_token_without_rest_scope_cannot_call_rest(sandbox: NetSuiteSandbox, ec_key: ECKey) -> None:
    token = (await exchange(sandbox, assertion(ec_key, claims(scope=["restlets"])))).json()["access_token"]
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        response = await client.get(
            "/services/rest/record/v1/customer/201", headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 401


async def test_unknown_bearer_token_is_refused(sandbox: NetSuiteSandbox) -> None:
    async with client_for(sandbox, RESTLET_BASE, None) as client:
        response = await client.get(
            RESTLET_URL.removeprefix(RESTLET_BASE), headers={"Authorization": "Bearer nope"}
        )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_LOGIN_ATTEMPT"


async def test_an_x509_certificate_can_be_registered_as_netsuite_takes_it(sandbox: NetSuiteSandbox) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "salesorders-test")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365))
        .sign(private, hashes.SHA256())
    )
    sandbox.register_m2m_client(CLIENT_ID, "x509-cert", certificate.public_bytes(serialization.Encoding.PEM))
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    token = assertion(ECKey.import_key(pem), claims(), kid="x509-cert")
    assert (await exchange(sandbox, token)).status_code == 200
