from __future__ import annotations

import pytest

from server.store.crypto import SecretBox, SecretDecryptionError


def test_encrypt_is_not_plaintext_and_round_trips() -> None:
    box = SecretBox(["k1"])
    token = box.encrypt("token-secret")
    assert "token-secret" not in token
    assert box.decrypt(token) == "token-secret"


def test_key_rotation_keeps_old_rows_readable_and_rotate_moves_them_to_the_new_key() -> None:
    old = SecretBox(["old-key"])
    token = old.encrypt("s3cret")
    rotated = SecretBox(["new-key", "old-key"])
    assert rotated.decrypt(token) == "s3cret"
    moved = rotated.rotate(token)
    assert SecretBox(["new-key"]).decrypt(moved) == "s3cret"
    with pytest.raises(SecretDecryptionError):
        old.decrypt(rotated.encrypt("fresh"))


def test_wrong_key_is_a_clear_error_not_garbage() -> None:
    token = SecretBox(["right"]).encrypt("value")
    with pytest.raises(SecretDecryptionError, match="no longer configured"):
        SecretBox(["wrong"]).decrypt(token)
    with pytest.raises(SecretDecryptionError):
        SecretBox(["right"]).decrypt("not-a-token")


def test_box_needs_a_key() -> None:
    with pytest.raises(ValueError, match="at least one key"):
        SecretBox([])
