"""OAuth 2.0 client credentials (M2M): a certificate-signed JWT assertion exchanged for a bearer token."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey
from joserfc.jws import JWSRegistry

from server.sandbox.netsuite.auth import LoginVerifier

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ALLOWED_ALGORITHMS = ("PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
KNOWN_SCOPES = frozenset({"rest_webservices", "restlets", "suite_analytics"})
TOKEN_LIFETIME_SECONDS = 3600
MAX_ASSERTION_LIFETIME_SECONDS = 3600
_REGISTRY = JWSRegistry(algorithms=list(ALLOWED_ALGORITHMS))


class OAuthError(Exception):
    """An OAuth 2.0 error answer: `{"error", "error_description"}` with its HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass
class M2MClients:
    """Certificates mapped to integration records (client id), as under Setup > Integration > M2M Setup."""

    verifier: LoginVerifier
    token_url: str
    keys: dict[tuple[str, str], ECKey | RSAKey] = field(default_factory=dict)

    def register(self, client_id: str, certificate_id: str, public_key_pem: str | bytes) -> None:
        pem = public_key_pem.encode() if isinstance(public_key_pem, str) else public_key_pem
        if b"BEGIN CERTIFICATE" in pem:
            pem = (
                x509.load_pem_x509_certificate(pem)
                .public_key()
                .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            )
        public = serialization.load_pem_public_key(pem)
        if isinstance(public, ec.EllipticCurvePublicKey):
            self.keys[(client_id, certificate_id)] = ECKey.import_key(pem)
        elif isinstance(public, rsa.RSAPublicKey):
            self.keys[(client_id, certificate_id)] = RSAKey.import_key(pem)
        else:
            raise ValueError("NetSuite accepts RSA or EC certificates only")

    def exchange(self, form: dict[str, str]) -> dict[str, object]:
        if form.get("grant_type") != "client_credentials":
            raise OAuthError("invalid_request", "grant_type must be client_credentials")
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            raise OAuthError("invalid_request", f"client_assertion_type must be {ASSERTION_TYPE}")
        assertion = form.get("client_assertion", "")
        if not assertion:
            raise OAuthError("invalid_request", "client_assertion is missing")
        header = _unverified_header(assertion)
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in ALLOWED_ALGORITHMS:
            raise OAuthError("invalid_grant", f"Unsupported JWT signing algorithm: {alg}")
        claims_preview = _unverified_claims(assertion)
        key = self.keys.get((str(claims_preview.get("iss")), str(kid)))
        if key is None:
            raise OAuthError("invalid_client", "Unknown client or certificate id", status=401)
        try:
            claims = jwt.decode(assertion, key, algorithms=[str(alg)], registry=_REGISTRY).claims
        except JoseError:
            raise OAuthError("invalid_grant", "JWT signature verification failed") from None
        scopes = self._check_claims(claims)
        token = self.verifier.issue_access_token(str(claims["iss"]), scopes, TOKEN_LIFETIME_SECONDS)
        return {"access_token": token, "expires_in": TOKEN_LIFETIME_SECONDS, "token_type": "bearer"}

    def _check_claims(self, claims: dict[str, object]) -> frozenset[str]:
        if claims.get("aud") != self.token_url:
            raise OAuthError("invalid_grant", "aud must be the token endpoint URL")
        exp, iat = claims.get("exp"), claims.get("iat")
        if not isinstance(exp, int | float) or not isinstance(iat, int | float):
            raise OAuthError("invalid_grant", "exp and iat are required numeric claims")
        now = self.verifier.clock()
        if exp - iat > MAX_ASSERTION_LIFETIME_SECONDS:
            raise OAuthError("invalid_grant", "exp must be at most 60 minutes after iat")
        if exp <= now or iat > now + 300:
            raise OAuthError("invalid_grant", "The JWT has expired or is not yet valid")
        scopes = _scopes(claims.get("scope"))
        if not scopes & {"rest_webservices", "restlets"} or scopes - KNOWN_SCOPES:
            raise OAuthError("invalid_grant", "scope must name rest_webservices and/or restlets")
        return scopes


def _scopes(value: object) -> frozenset[str]:
    # The documented sample uses a JSON array; the table says comma-separated. Accept both (and spaces).
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    if isinstance(value, str):
        return frozenset(part for part in value.replace(",", " ").split() if part)
    return frozenset()


def _segment(assertion: str, index: int) -> dict[str, object]:
    parts = assertion.split(".")
    if len(parts) != 3:
        raise OAuthError("invalid_request", "client_assertion is not a compact JWT")
    try:
        padded = parts[index] + "=" * (-len(parts[index]) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded))
    except ValueError:
        raise OAuthError("invalid_request", "client_assertion is not a compact JWT") from None
    if not isinstance(value, dict):
        raise OAuthError("invalid_request", "client_assertion is not a compact JWT")
    return value


def _unverified_header(assertion: str) -> dict[str, object]:
    return _segment(assertion, 0)


def _unverified_claims(assertion: str) -> dict[str, object]:
    return _segment(assertion, 1)
