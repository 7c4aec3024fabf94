"""`salesorders hubspot-project` writes a complete, consistent HubSpot project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from server.cli import main
from server.hubspot.app_definition import required_scopes
from server.project import ProjectError, write_project
from server.workflow.definition import BY_NAME, EXECUTE_PATH, validate_inputs

BASE = "https://orders.example.com"


def load(path: Path) -> dict[str, object]:
    value = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def test_project_has_every_component_with_the_urls_filled(tmp_path: Path) -> None:
    out = tmp_path / "project"
    files = write_project(out, base_url=BASE)
    names = {str(p.relative_to(out)) for p in files}
    assert load(out / "hsproject.json") == {
        "name": "netsuite-sales-orders", "srcDir": "src", "platformVersion": "2026.03",
    }  # fmt: skip
    app = load(out / "src/app/app-hsmeta.json")
    config = app["config"]
    assert isinstance(config, dict)
    assert config["permittedUrls"]["fetch"] == [BASE]
    assert config["auth"]["redirectUrls"] == [f"{BASE}/oauth/callback"]
    assert config["auth"]["requiredScopes"] == required_scopes()
    assert "{{" not in (out / "src/app/app-hsmeta.json").read_text()

    card = load(out / "src/app/cards/sales-orders-card-hsmeta.json")
    assert card["type"] == "card"
    entry = card["config"]["entrypoint"]  # type: ignore[index]
    assert (out / "src" / entry.lstrip("/")).is_file()
    assert "src/app/cards/package.json" in names

    settings = load(out / "src/app/settings/settings-hsmeta.json")
    assert settings["type"] == "settings"
    assert (out / "src" / settings["config"]["entrypoint"].lstrip("/")).is_file()  # type: ignore[index]
    assert "src/app/settings/package.json" in names
    # Exactly one component meta per folder, and no test code shipped.
    assert sorted(n for n in names if n.endswith("-hsmeta.json")) == [
        "src/app/app-hsmeta.json",
        "src/app/cards/sales-orders-card-hsmeta.json",
        "src/app/settings/settings-hsmeta.json",
        "src/app/workflow-actions/create-sales-order-hsmeta.json",
    ]
    assert not [n for n in names if ".test." in n or "/tests/" in n or "node_modules" in n]


def test_card_sources_call_the_deployment_base_url(tmp_path: Path) -> None:
    write_project(tmp_path / "p", base_url=BASE)
    for folder in ("cards", "settings"):
        config = (tmp_path / f"p/src/app/{folder}/config.ts").read_text()
        assert f'export const API_BASE_URL = "{BASE}";' in config
        assert "salesorders.invalid" not in config


def test_workflow_action_points_at_the_backend_and_matches_its_validation(tmp_path: Path) -> None:
    write_project(tmp_path / "p", base_url=BASE)
    action = load(tmp_path / "p/src/app/workflow-actions/create-sales-order-hsmeta.json")
    config = action["config"]
    assert isinstance(config, dict)
    assert config["actionUrl"] == BASE + EXECUTE_PATH
    required = {f["typeDefinition"]["name"] for f in config["inputFields"] if f["isRequired"]}
    example = {name: "x" for name in required}
    for field in config["inputFields"]:
        options = field["typeDefinition"].get("options")
        if field["isRequired"] and options:
            example[field["typeDefinition"]["name"]] = options[0]["value"]
    validate_inputs(example)  # every required field given: accepted
    for name in required:
        with pytest.raises(Exception, match=re.escape(BY_NAME[name].label)):
            validate_inputs({k: v for k, v in example.items() if k != name})


def test_local_proxy_writes_local_json_next_to_the_app(tmp_path: Path) -> None:
    write_project(tmp_path / "p", base_url=BASE, local_proxy="http://127.0.0.1:8000")
    assert load(tmp_path / "p/src/app/local.json") == {"proxy": {BASE: "http://127.0.0.1:8000"}}


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("http://orders.example.com", "https"),
        ("https://localhost", "localhost"),
        ("https://orders.example.com/api", "without a path"),
        ("orders.example.com", "absolute URL"),
    ],
)
def test_bad_base_urls_are_refused(tmp_path: Path, base_url: str, message: str) -> None:
    with pytest.raises(ProjectError, match=message):
        write_project(tmp_path / "p", base_url=base_url)


def test_cli_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["hubspot-project", "--base-url", BASE, "--out", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_cli_writes_the_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hubspot-project", "--base-url", BASE, "--out", str(tmp_path / "p")]) == 0
    assert "hs project upload" in capsys.readouterr().out


CHECKER = Path(__file__).resolve().parents[1] / "cards" / "scripts" / "check-project.mjs"
PARSER = CHECKER.parents[1] / "node_modules" / "@hubspot" / "project-parsing-lib"


def test_hubspots_project_parser_reads_every_component(tmp_path: Path) -> None:
    """HubSpot's own parser (offline: discovery, placement and translation, not the account's schemas)."""
    node = shutil.which("node")
    if not PARSER.is_dir() or node is None:
        if os.environ.get("CI"):
            pytest.fail("cards/node_modules is missing: run `make -C cards test` (npm ci) first")
        pytest.skip("needs cards/node_modules (npm ci in cards/) and node")
    write_project(tmp_path / "p", base_url=BASE)
    command = [node, str(CHECKER), str(tmp_path / "p")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert parsed["skipped"] == []
    types = {node["uid"]: node["type"] for node in parsed["nodes"]}
    assert sorted(types.values()) == ["APPLICATION", "CARD", "SETTINGS", "WORKFLOW_ACTION"]
    for component in parsed["components"].values():
        assert component["maxCount"] is None or component["count"] <= component["maxCount"]
    card = next(node for node in parsed["nodes"] if node["type"] == "CARD")
    assert card["config"]["objectTypes"] == ["deals"]
