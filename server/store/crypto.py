"""Secrets at rest: MultiFernet over keys derived from SALESORDERS_SECRET_KEY, so keys can rotate."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class SecretDecryptionError(Exception):
    """A stored secret cannot be read with any configured key (the key that wrote it was removed)."""


def _fernet_key(passphrase: str) -> bytes:
    # Admins configure any string; Fernet wants 32 url-safe base64 bytes, so derive them.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"salesorders-secret-box", info=b"fernet-v1")
    return base64.urlsafe_b64encode(hkdf.derive(passphrase.encode("utf-8")))


class SecretBox:
    """Encrypts with the first key, decrypts with any; `rotate` re-encrypts old ciphertext with the first."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("SecretBox needs at least one key (SALESORDERS_SECRET_KEY)")
        self._fernet = MultiFernet([Fernet(_fernet_key(key)) for key in keys])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            raise SecretDecryptionError(
                "a stored secret was encrypted with a key that is no longer configured; "
                "add the old key back to SALESORDERS_SECRET_KEY (after the new one) or reconnect"
            ) from None

    def encrypt_json(self, value: dict[str, str]) -> str:
        return self.encrypt(json.dumps(value, separators=(",", ":"), sort_keys=True))

    def decrypt_json(self, token: str) -> dict[str, str]:
        value = json.loads(self.decrypt(token))
        if not isinstance(value, dict):
            raise SecretDecryptionError("a stored secret is not in the expected shape")
        return {str(k): str(v) for k, v in value.items()}

    def rotate(self, token: str) -> str:
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SecretDecryptionError("cannot rotate a secret no configured key can read") from None
