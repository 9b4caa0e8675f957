"""The playground in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by Selenium clicks the page as a person would. Seed the demo, Ana asks a question and
reads the answer, the clock jumps and the reminder appears (she answers it), the check-in
invitation comes and she checks in with its buttons, and Maya sees the chart.

Skipped, with the reason, where Chromium or its driver is not installed (`.ci/run` installs
them)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from playground.timeline import INSTRUCTOR, PARENT_A
from tests.support.playground_process import PlaygroundProcess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - requirements-dev.txt has it
    webdriver = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    webdriver is None or CHROMIUM is None or DRIVER is None,
    reason="no headless browser here: the browser test needs Debian's chromium and "
    "chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it)",
)

WAIT_S = 15
# Check-in buttons that do not move the check-in on: start it, "later", "ask a question".
STAY = frozenset({"start", "later", "ask"})


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1800,1000"):
        options.add_argument(flag)
    # The driver from the same Debian package as the browser: nothing is downloaded.
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def until(browser: WebDriver, what: str, test: Callable[[WebDriver], Any]) -> Any:
    """Wait (bounded) until `test` returns something truthy; that value."""
    # The page redraws a chat when the bot edits a message: an element found a moment ago may be
    # gone, and the test is simply tried again on the new one.
    wait = WebDriverWait(
        browser, WAIT_S, poll_frequency=0.1, ignored_exceptions=(StaleElementReferenceException,)
    )
    return wait.until(test, message=what)


def _jumped(browser: WebDriver, before: str | None) -> bool:
    """Whether the page has done a jump since it showed `before` jumps."""
    return browser.find_element(By.ID, "clock").get_attribute("data-jumps") != before


def _last_text(browser: WebDriver) -> str:
    """The text of the bot's last message to parent A."""
    return str(bot_messages(browser, PARENT_A.user_id)[-1].text)


def _text_changed(browser: WebDriver, before: str) -> bool:
    """Whether the bot's last message to parent A reads differently from `before`."""
    return _last_text(browser) != before


def _press_check_in_step(browser: WebDriver) -> bool:
    """Press parent A's check-in button that moves the check-in on (skip, else the first
    answer); False while none is drawn yet."""
    step = button(browser, PARENT_A.user_id, "ci:skip") or next(
        (
            b
            for b in pane(browser, PARENT_A.user_id).find_elements(
                By.CSS_SELECTOR, ".kb-row button[data-data^='ci:']"
            )
            if (b.get_attribute("data-data") or "").split(":")[1] not in STAY
        ),
        None,
    )
    if step is None:
        return False
    step.click()
    return True


def pane(browser: WebDriver, user_id: int) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'section.chat[data-chat="{user_id}"]')


def bot_messages(browser: WebDriver, user_id: int) -> list[WebElement]:
    return pane(browser, user_id).find_elements(By.CSS_SELECTOR, ".msg.bot")


def button(browser: WebDriver, user_id: int, prefix: str) -> WebElement | None:
    """The last button in a chat whose callback data starts with `prefix`."""
    found = pane(browser, user_id).find_elements(By.CSS_SELECTOR, ".kb-row button[data-data]")
    matching = [b for b in found if (b.get_attribute("data-data") or "").startswith(prefix)]
    return matching[-1] if matching else None


def jump(browser: WebDriver) -> None:
    """Click "next" once the page has an event to jump to. Right after a jump the page can say
    "Nothing scheduled" until the bot has scheduled its next job, and a click on the disabled
    button does nothing (the test then waited for a clock that could not move)."""
    until(browser, "an event to jump to", lambda b: b.find_element(By.ID, "next").is_enabled())
    browser.find_element(By.ID, "next").click()


def test_a_parent_and_an_instructor_play_a_week_in_the_browser(
    tmp_path: Path, browser: WebDriver
) -> None:
    with PlaygroundProcess(tmp_path) as pg:
        browser.get(pg.url)
        until(
            browser,
            "the page is ready",
            lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready"),
        )

        browser.find_element(By.ID, "seed").click()
        until(
            browser,
            "the demo is seeded",
            lambda b: "is ready" in b.find_element(By.ID, "status").text,
        )

        # Ana asks a question and reads the answer in her chat.
        before = len(bot_messages(browser, PARENT_A.user_id))
        field = pane(browser, PARENT_A.user_id).find_element(By.CSS_SELECTOR, ".composer .text")
        field.send_keys("Should I massage my baby every day?", Keys.ENTER)
        answer = until(
            browser,
            "the answer",
            lambda b: (
                len(bot_messages(b, PARENT_A.user_id)) > before
                and bot_messages(b, PARENT_A.user_id)[-1].text
            ),
        )
        assert "Daily is lovely" in answer

        # The clock jumps to the next event: the reminder for tomorrow's session appears.
        clock = browser.find_element(By.ID, "clock").text
        jump(browser)
        see_you = until(browser, "the reminder", lambda b: button(b, PARENT_A.user_id, "rsvp:"))
        assert "tomorrow" in bot_messages(browser, PARENT_A.user_id)[-1].text
        assert browser.find_element(By.ID, "clock").text != clock
        see_you.click()  # "See you there": the bot thanks her (a note or an edit)

        # Jump on until the week's check-in invitation arrives, then check in with buttons.
        for _ in range(6):
            if button(browser, PARENT_A.user_id, "ci:start"):
                break
            # Two events can share a minute: wait for the jump itself, not for the clock's text.
            jumps = browser.find_element(By.ID, "clock").get_attribute("data-jumps")
            jump(browser)
            until(browser, "the clock jumps", partial(_jumped, before=jumps))
        start = until(
            browser, "the check-in invitation", lambda b: button(b, PARENT_A.user_id, "ci:start")
        )
        start.click()
        # Each step edits the one check-in message: answer with its first button, or skip.
        for _ in range(8):
            shown = until(browser, "the check-in message", _last_text)
            if "saved" in shown:
                break
            # The step's buttons are drawn when the bot's edit arrives: wait for them, press.
            until(browser, "a check-in step", _press_check_in_step)
            until(browser, "the next step", partial(_text_changed, before=shown))
        assert "saved" in bot_messages(browser, PARENT_A.user_id)[-1].text

        # Maya asks for the check-ins and sees the chart, a real image.
        field = pane(browser, INSTRUCTOR.user_id).find_element(By.CSS_SELECTOR, ".composer .text")
        field.send_keys("/checkins", Keys.ENTER)
        chart = until(
            browser,
            "the chart",
            lambda b: next(
                (
                    img
                    for img in pane(b, INSTRUCTOR.user_id).find_elements(
                        By.CSS_SELECTOR, "img.photo"
                    )
                    if b.execute_script("return arguments[0].naturalWidth", img) > 0
                ),
                None,
            ),
        )
        assert browser.execute_script("return arguments[0].naturalWidth", chart) > 200

        assert pg.terminate() == 0, pg.log()
