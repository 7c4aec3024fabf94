"""Browser tests: `salesorders demo` in a subprocess on free loopback ports, driven with Debian's Chromium.

Playwright's own browser download does not work here, so Chromium comes from the system (`chromium`). When it
is missing the tests fail under CI (or SALESORDERS_REQUIRE_BROWSER) and skip, saying why, elsewhere.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = [ROOT / "static" / "preview" / "card.js", ROOT / "static" / "preview" / "settings.js"]
SCREENSHOTS = ROOT / "docs" / "screenshots"
READY_BANNER = "demo is ready"
START_TIMEOUT_SECONDS = 90
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_ports(count: int) -> list[int]:
    sockets = []
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
    ports = [s.getsockname()[1] for s in sockets]
    for sock in sockets:
        sock.close()
    return ports


@dataclass
class Demo:
    """One running `salesorders demo`: its base URL and the log it has written so far."""

    base_url: str
    process: subprocess.Popen[str]
    lines: list[str]
    reader: threading.Thread

    @property
    def log(self) -> str:
        return "".join(self.lines[-80:])


def start_demo(data_dir: Path) -> Demo:
    app_port, netsuite_port, hubspot_port = _free_ports(3)
    command = [
        sys.executable, "-m", "server.cli", "demo", "--reset",
        "--database", str(data_dir / "demo.db"),
        "--port", str(app_port), "--netsuite-port", str(netsuite_port), "--hubspot-port", str(hubspot_port),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESORDERS_")}
    process = subprocess.Popen(  # noqa: S603 - our own CLI, arguments built above
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if READY_BANNER in line:
                ready.set()
        ready.set()  # the process ended: stop waiting

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    demo = Demo(f"http://127.0.0.1:{app_port}", process, lines, reader)
    if not ready.wait(START_TIMEOUT_SECONDS) or process.poll() is not None:
        stop_demo(demo)
        pytest.fail(f"salesorders demo did not start:\n{demo.log}")
    return demo


def stop_demo(demo: Demo) -> None:
    if demo.process.poll() is None:
        demo.process.terminate()
        try:
            demo.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            demo.process.kill()
            demo.process.wait()
    demo.reader.join(timeout=5)  # the pipe is at its end once the process is gone
    if demo.process.stdout is not None:
        demo.process.stdout.close()


def _require_bundles() -> None:
    missing = [str(p.relative_to(ROOT)) for p in BUNDLES if not p.is_file()]
    if missing:
        pytest.fail(f"the preview bundle is not built ({', '.join(missing)}): run `make preview-bundle`")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        reason = "Debian's chromium is not installed (apt-get install chromium); the browser tests need it"
        if os.environ.get("SALESORDERS_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    _require_bundles()
    running = start_demo(tmp_path_factory.mktemp("demo"))
    yield running
    stop_demo(running)


# Per module, not per session: sync Playwright runs an event loop in this thread while it is open, and the
# async tests that the same xdist worker runs next need the thread free.
@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    # A NetSuite round trip through the production connector can take seconds when the sandbox is slowed.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def screenshot(page: Any, name: str) -> None:
    """Save docs/screenshots/<name>.png (referenced from the README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
