"""The people page as an organisation's administrator sees it at 1366 × 768: every button readable (no
white text on the light page), nothing scrolls sideways, axe (with colour contrast) finds nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_people_page_shows_its_buttons_and_passes_axe(
    live_server, live_world, page, axe, log_in, settings
):
    settings.ADMIN_TOTP_REQUIRED = False  # the second factor has its own browser test
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "admin")
    page.goto(f"{live_server.url}/organisationer/{live_world.committee.code}/personer/")
    page.get_by_role("heading", level=1, name="Personer och roller").wait_for()
    buttons = page.get_by_role("button", name="Ändra roll")
    assert buttons.count() >= 5
    colours = buttons.first.evaluate(
        "b => { const s = getComputedStyle(b); let e = b, bg = 'rgba(0, 0, 0, 0)';"
        " while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {"
        " bg = getComputedStyle(e).backgroundColor; e = e.parentElement; } return [s.color, bg]; }"
    )
    assert colours[0] != colours[1], f"the button's text is drawn in its background's colour {colours}"
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner
    violations = axe(page)
    assert violations == [], axe.format(violations)
