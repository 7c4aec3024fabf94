"""TBA signature checks as NetSuite makes them: vector, realm, algorithm, timestamp window, nonce reuse."""

from __future__ import annotations

import time

import httpx
import pytest

from server.sandbox.netsuite.app import NetSuiteSandbox
from server.sandbox.netsuite.auth import hmac_sha256_signature, signature_base_string
from server.sandbox.netsuite.seed import REST_BASE_URL
from tests.sandbox.netsuite.conftest import RESTLET_BASE, client_for
from tests.sandbox.netsuite.signing import TbaAuth

# Oracle's published example (reference §1.2).
CK = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4"
CS = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5"
TK = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc"
TS = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295"
VECTOR_OAUTH = [
    ("oauth_consumer_key", CK),
    ("oauth_nonce", "fjaLirsIcCGVZWzBX0pg"),
    ("oauth_signature_method", "HMAC-SHA256"),
    ("oauth_timestamp", "1508242306"),
    ("oauth_token", TK),
    ("oauth_version", "1.0"),
]
LOGIN_BODY = {
    "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
    "title": "Unauthorized",
    "status": 401,
    "o:errorDetails": [
        {
            "detail": "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI"
            " at Setup > Users/Roles > User Management > View Login Audit Trail.",
            "o:errorCode": "INVALID_LOGIN",
        }
    ],
}
RECORD = "/services/rest/record/v1/customer/201"


def test_base_string_and_signature_match_oracles_rest_example() -> None:
    url = "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40"
    base = signature_base_string("GET", url, VECTOR_OAUTH)
    assert base.startswith(
        "GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&"
        f"oauth_consumer_key%3D{CK}%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26"
    )
    assert base.endswith("oauth_token%3D" + TK + "%26oauth_version%3D1.0")
    assert hmac_sha256_signature(base, CS, TS) == "B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY="


def test_restlet_base_string_sorts_query_params_in_and_matches_oracles_example() -> None:
    url = "https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl"
    query = [("script", "6"), ("deploy", "1"), ("customParam", "someValue"), ("testParam", "someOtherValue")]
    base = signature_base_string("POST", url, [*query, *VECTOR_OAUTH])
    assert base.startswith(
        "POST&https%3A%2F%2F123456.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&"
        "customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key%3D"
    )
    assert base.endswith("oauth_version%3D1.0%26script%3D6%26testParam%3DsomeOtherValue")
    assert hmac_sha256_signature(base, CS, TS) == "+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ="


async def _get(sandbox: NetSuiteSandbox, auth: httpx.Auth | None, path: str = RECORD) -> httpx.Response:
    async with client_for(sandbox, REST_BASE_URL, auth) as client:
        return await client.get(path)


async def test_correctly_signed_request_is_served(sandbox: NetSuiteSandbox) -> None:
    response = await _get(sandbox, TbaAuth(), RECORD + "?fields=companyName,email")
    assert response.status_code == 200
    assert response.json()["companyName"] == "Acme Corp"
    assert sandbox.login_audit == []


async def test_missing_authorization_is_refused_with_netsuites_exact_body(sandbox: NetSuiteSandbox) -> None:
    response = await _get(sandbox, None)
    assert response.status_code == 401
    assert response.json() == LOGIN_BODY


@pytest.mark.parametrize(
    ("auth", "reason"),
    [
        (TbaAuth(realm="1234567-sb1"), "InvalidAccount"),
        (TbaAuth(method="HMAC-SHA1"), "UnknownAlgorithm"),
        (TbaAuth(consumer_key="unknown-consumer"), "consumer_key_unknown"),
        (TbaAuth(token_id="unknown-token"), "token_rejected"),
        (TbaAuth(token_secret="wrong-secret"), "InvalidSignature"),
        (TbaAuth(nonce="abc12"), "InvalidNonce"),
        (TbaAuth(skew=-302), "InvalidTimestamp"),
        (TbaAuth(skew=302), "InvalidTimestamp"),
    ],
)
async def test_bad_logins_are_refused_and_audited_with_the_reason(
    sandbox: NetSuiteSandbox, auth: TbaAuth, reason: str
) -> None:
    response = await _get(sandbox, auth)
    assert response.status_code == 401
    assert response.json() == LOGIN_BODY
    assert sandbox.login_audit == [reason]


async def test_timestamp_inside_the_five_minute_window_is_accepted(sandbox: NetSuiteSandbox) -> None:
    response = await _get(sandbox, TbaAuth(skew=-290))
    assert response.status_code == 200


async def test_reused_nonce_is_refused(sandbox: NetSuiteSandbox) -> None:
    auth = TbaAuth(nonce="same-nonce-123456", timestamp=int(time.time()))
    assert (await _get(sandbox, auth)).status_code == 200
    second = await _get(sandbox, auth)
    assert second.status_code == 401
    assert sandbox.login_audit == ["NonceUsed"]


async def test_query_parameters_left_out_of_the_signature_are_refused(sandbox: NetSuiteSandbox) -> None:
    auth = TbaAuth()
    header = auth.header_for("GET", httpx.URL(REST_BASE_URL + RECORD))
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        response = await client.get(RECORD, params={"fields": "email"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert sandbox.login_audit == ["InvalidSignature"]


async def test_query_parameters_put_in_the_header_are_refused(sandbox: NetSuiteSandbox) -> None:
    auth = TbaAuth(extra_header_params={"limit": "10"})
    assert (await _get(sandbox, auth)).status_code == 401


async def test_signature_for_another_host_is_refused(sandbox: NetSuiteSandbox) -> None:
    # The sandbox checks the URL exactly as received: a signature for the RESTlet host fails on suitetalk.
    header = TbaAuth().header_for("GET", httpx.URL(RESTLET_BASE + RECORD))
    async with client_for(sandbox, REST_BASE_URL, None) as client:
        response = await client.get(RECORD, headers={"Authorization": header})
    assert response.status_code == 401


async def test_restlet_login_failure_uses_the_restlet_error_shape(sandbox: NetSuiteSandbox) -> None:
    async with client_for(sandbox, RESTLET_BASE, TbaAuth(method="HMAC-SHA1")) as client:
        response = await client.get(
            "/app/site/hosting/restlet.nl",
            params={
                "script": "customscript_sohs_restlet",
                "deploy": "customdeploy_sohs_restlet",
                "action": "forms",
            },
        )
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "INVALID_LOGIN_ATTEMPT", "message": "Invalid login attempt."}
    }
