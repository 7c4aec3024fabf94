from __future__ import annotations

import pytest

from server.netsuite.urls import account_urls, normalize_account_id


@pytest.mark.parametrize(
    ("given", "realm"),
    [("1234567", "1234567"), ("1234567_sb1", "1234567_SB1"), (" 1234567_RP ", "1234567_RP"),
     ("tstdrv1234567", "TSTDRV1234567")],
)  # fmt: skip
def test_account_ids_of_every_kind_are_accepted_in_upper_case(given: str, realm: str) -> None:
    assert normalize_account_id(given) == realm


@pytest.mark.parametrize("given", ["", "abc", "1234567-sb1", "1234567_SB1; drop", "https://x"])
def test_malformed_account_ids_are_refused_with_where_to_find_the_id(given: str) -> None:
    with pytest.raises(ValueError, match="Company Information"):
        normalize_account_id(given)


def test_urls_use_the_lower_case_hyphenated_host() -> None:
    assert account_urls("1234567_SB1") == (
        "https://1234567-sb1.suitetalk.api.netsuite.com",
        "https://1234567-sb1.app.netsuite.com",
    )
