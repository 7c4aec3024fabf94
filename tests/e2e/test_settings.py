"""The settings page in Chromium: test the seeded connection, disconnect it, connect the account again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server.sandbox.netsuite import seed as netsuite_seed
from tests.e2e.conftest import Demo, screenshot, start_demo, stop_demo

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.fixture(scope="module")
def own_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    # Disconnecting removes the seeded links: this test gets a demo of its own so no other test sees it.
    running = start_demo(Path(tmp_path_factory.mktemp("settings-demo")))
    yield running
    stop_demo(running)


def test_admin_reconnects_the_netsuite_account_on_the_settings_page(own_demo: Demo, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(f"{own_demo.base_url}/settings")
    settings = page.get_by_test_id("settings")
    tile = settings.get_by_test_id("connect-form").or_(settings.get_by_role("heading", name="Sandbox"))
    expect(tile).to_be_visible()
    expect(settings.get_by_text(netsuite_seed.ACCOUNT_ID)).to_be_visible()

    settings.get_by_role("button", name="Test", exact=True).click()
    expect(settings.get_by_text("Connection works")).to_be_visible()

    settings.get_by_role("button", name="Disconnect", exact=True).click()
    dialog = page.get_by_role("dialog", name="Disconnect Sandbox?")
    dialog.get_by_role("button", name="Disconnect", exact=True).click()
    expect(dialog).to_be_hidden()
    form = settings.get_by_test_id("connect-form")
    expect(form).to_be_visible()

    form.get_by_label("Label").fill("NetSuite sandbox")
    form.get_by_label("Account ID").fill(netsuite_seed.ACCOUNT_ID.lower())
    tba = "Token-based authentication (token ID and secret)"
    form.get_by_label("Authentication").select_option(label=tba)
    form.get_by_label("Token ID").fill(netsuite_seed.TOKEN_ID)
    form.get_by_label("Token secret").fill("not-the-token-secret")
    form.get_by_role("button", name="Test and save").click()
    expect(form.get_by_text("NetSuite did not accept this connection")).to_be_visible()

    # Typing alone updates the form (onInput), so a click straight after typing is never lost.
    form.get_by_label("Token secret").fill(netsuite_seed.TOKEN_SECRET)
    form.get_by_role("button", name="Test and save").click()
    connected = settings.get_by_test_id("connected-alert")
    expect(connected).to_contain_text(f"Connected to NetSuite account {netsuite_seed.ACCOUNT_ID}")
    expect(settings.get_by_role("heading", name="NetSuite sandbox")).to_be_visible()
    screenshot(page, "settings")
