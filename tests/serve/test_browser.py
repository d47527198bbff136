"""The web UI in Debian's Chromium (Playwright), against uvicorn on 127.0.0.1 and a populated SQLite store."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from crosswire.serve.app import create_app
from crosswire.serve.sample import add_hostile_article, grow_event, populate
from crosswire.store import open_store

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is required in CI for the browser tests (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not found (Debian package 'chromium'); browser tests skipped outside CI",
                allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn in a thread on a free loopback port, serving a store with the sample, a big event and hostile text."""
    import uvicorn

    from crosswire.config import load_settings

    db = tmp_path_factory.mktemp("browser") / "crosswire.db"
    store = open_store(f"sqlite:///{db}")
    sample = populate(store)
    grow_event(store, sample.events["nov"], 70, outlets=14)
    hostile = add_hostile_article(store, sample.events["feb"])
    settings = load_settings(environ={}, serve={"page_size": 25})
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="on"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield {"base": f"http://127.0.0.1:{port}", "sample": sample, "hostile": hostile}
    srv.should_exit = True
    t.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_click_from_events_to_briefing_to_article(server, page):
    page.goto(server["base"] + "/")
    assert page.locator("h1").inner_text() == "Events"
    _shot(page, "01-events")
    page.get_by_role("link", name="Trump-Xi call: soybeans, Taiwan arms sales, April visit").click()
    page.wait_for_url("**/events/*")
    assert page.locator("h1").inner_text().startswith("Trump-Xi call: soybeans")
    assert page.locator("#facts .badge.st-corroborated").count() >= 2
    assert page.locator("#facts .badge.st-conflicting").count() >= 1
    # the matrix: who carried / hedged / contradicted / omitted
    matrix = page.locator("table.matrix")
    for state in ("carried", "hedged", "contradicted", "omitted"):
        assert matrix.locator(f"td.c-{state}").count() >= 1, state
    assert page.locator("#tracks svg circle").count() == 3
    assert "Chinese Communist Party leader" in page.locator("#framing").inner_text()
    assert page.locator("#quotes h3", has_text="Donald Trump").count() == 1
    _shot(page, "02-event-briefing")
    page.locator("#articles a.article-link", has_text="China agrees to buy more US soybeans").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("mark.mk-quantity", has_text="20mn tonnes").count() == 1
    assert page.locator("mark.mk-quote").count() >= 4
    _shot(page, "03-article")
    # a highlighted quantity links back to where it is compared
    page.locator("mark.mk-quantity", has_text="20mn tonnes").locator("a").click()
    page.wait_for_url("**/events/*#check-*")
    assert page.locator("li.fact:target").count() == 1


def test_big_event_stays_bounded(server, page):
    page.goto(server["base"] + f"/events/{server['sample'].events['nov']}")
    assert page.locator("#articles li").count() == 25  # page_size
    assert page.locator("table.matrix thead th").count() == 11  # claim column + 10 outlets
    page.locator("#articles .pager a[rel=next]").click()
    assert "page 2 of 3" in page.locator("#articles .pager").inner_text()
    _shot(page, "04-big-event-page2")


def test_hostile_text_stays_inert(server, page):
    page.goto(server["base"] + f"/events/{server['sample'].events['feb']}")
    page.goto(server["base"] + f"/articles/{server['hostile']}")
    page.goto(server["base"] + "/entities/ent-xi")
    page.goto(server["base"] + "/search?q=" + "officials")
    for url in (f"/events/{server['sample'].events['feb']}", f"/articles/{server['hostile']}", "/entities/ent-xi",
                "/search?q=officials", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"):
        page.goto(server["base"] + url)
        page.wait_for_load_state("load")
        assert page.locator("script").count() == 0, url  # the UI has no scripts; any would be injected
        assert page.locator("[onerror], [onload], [onmouseover]").count() == 0, url
        assert page.locator("a[href^='javascript:']").count() == 0, url
        assert page.locator("svg[onload], img[src='x']").count() == 0, url
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.goto(server["base"] + f"/articles/{server['hostile']}")
    assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
    assert "&lt;script&gt;alert(5)" in page.locator("article.text").inner_text()  # entities shown as written
    _shot(page, "05-hostile-article")
