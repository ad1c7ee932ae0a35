#!/usr/bin/env python3
"""The dashboard as a person uses it: headless Chromium through Selenium against the real own-server.

Usage: dashboard.py OWN_SERVER_BINARY SCREENSHOT_FOLDER

Makes a store in a temporary folder (a team, a member, a lead, a reader), starts `own-server serve` on
a free loopback port, pushes a member's loops through the API (one silent for ten days: going dark;
one proposed), then in the browser: signs in as the lead, finds the going-dark finding on the board,
opens the proposed loop, approves it, checks the ledger holds an `approved` event by the lead, sees a
monitor (made through the Management API) go down on a failed run and its incident loop appear, runs
axe-core on every page (no serious or critical violation), screenshots every page at 1280x800 and
390x844, and signs out. Exits 0 when all of that held, 1 with one line saying what did not.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from axe_selenium_python import Axe

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
# The browser's own limits on a page load and a script: the driver needs a number. Nothing else here
# is timed: a request, a command and a wait for the next page take as long as they take (the suite
# runs this beside hundreds of other tests on two cores), and a hang is ended by scripts/test's limit.
BROWSER_LIMIT = 600
# The step being taken, named in the one line a failure prints.
step = "starting"


def doing(name):
    global step
    step = name


def fail(message):
    print("dashboard.py: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def admin(binary, db, *arguments):
    result = subprocess.run([binary, *arguments, "--db", db], capture_output=True, text=True)
    check(result.returncode == 0, f"own-server {' '.join(arguments)} failed: {result.stderr.strip()}")
    return result.stdout


def token(binary, db, person, role):
    return admin(binary, db, "token", "add", "--team", "payments", "--person", person, "--role", role).splitlines()[-1].strip()


def stamp(instant):
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def push(base, secret, events):
    body = "".join(json.dumps(event) + "\n" for event in events).encode()
    request = urllib.request.Request(
        base + "/api/v1/events", data=body, method="POST", headers={"Authorization": "Bearer " + secret}
    )
    with urllib.request.urlopen(request) as response:
        check(response.status == 200, f"push answered {response.status}")


def call(base, secret, method, path, payload=None):
    """A JSON request to the API; returns the parsed answer."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"X-Api-Key": secret, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        check(response.status in (200, 201), f"{method} {path} answered {response.status}")
        return json.loads(response.read().decode() or "null")


def ping(url):
    with urllib.request.urlopen(urllib.request.Request(url, data=b"", method="POST")) as response:
        check(response.status == 200, f"the ping {url} answered {response.status}")


def pull(base, secret):
    request = urllib.request.Request(base + "/api/v1/events?after=0", headers={"Authorization": "Bearer " + secret})
    with urllib.request.urlopen(request) as response:
        return [json.loads(line) for line in response.read().decode().splitlines() if line]


def browser(work):
    """Chromium with its profile and its temporary files in `work`, removed with it."""
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.add_argument("--user-data-dir=" + os.path.join(work, "chromium"))
    options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver", env=dict(os.environ, TMPDIR=work))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(BROWSER_LIMIT)
    driver.set_script_timeout(BROWSER_LIMIT)
    return driver


def audit(driver, name):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    check(not bad, f"axe on {name}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad))


def follow(driver, element):
    """Clicks a link or a form's button and waits until the browser shows the next page, loaded.

    The page being left is marked with a script variable, and the wait is for a document without the
    mark. (Waiting for the clicked element to go stale raced the navigation: Chromium can answer a
    question about the old element while its document is being replaced with an inspector error.)
    """
    driver.execute_script("window.ownLeaving = true")
    element.click()

    def arrived(driver):
        try:
            return driver.execute_script(
                "return window.ownLeaving === undefined && document.readyState === 'complete'")
        except WebDriverException:
            return False  # the old document was going away mid-question

    # Counted in looks, not bounded in seconds: as long as the navigation takes.
    while not arrived(driver):
        time.sleep(0.05)


def submit(driver, selector):
    """Clicks a form's button and waits until the browser shows the page the form led to."""
    follow(driver, driver.find_element(By.CSS_SELECTOR, selector))


def shoot(driver, folder, name):
    for size, (width, height) in SIZES.items():
        driver.set_window_size(width, height)
        # The page's own width must fit the window: nothing scrolls sideways, whatever the titles.
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"{name} at {size} scrolls sideways by {overflow}px")
        driver.save_screenshot(os.path.join(folder, f"{name}-{size}.png"))
    driver.set_window_size(*SIZES["desktop"])


def main():
    try:
        run()
    except Exception as error:  # a timeout or a missing element: say where, in one line
        fail(f"{step}: {type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}")


def run():
    binary, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    work = tempfile.mkdtemp(prefix="own-dashboard-")
    db = os.path.join(work, "server.sqlite")
    doing("setting up the store")
    admin(binary, db, "team", "add", "payments")
    ana, lee = token(binary, db, "ana", "member"), token(binary, db, "lee", "lead")
    # ana works from Tokyo: the board shows her local time there.
    admin(binary, db, "person", "set", "--team", "payments", "ana", "--zone", "Asia/Tokyo")
    server = subprocess.Popen(
        [binary, "serve", "--db", db, "--port", "0", "--log-level", "error"],
        stdout=subprocess.PIPE, text=True,
    )
    driver = None
    try:
        doing("starting the server")
        first = server.stdout.readline().strip()
        check(first.startswith("own-server listening on http://127.0.0.1:"), f"the server said {first!r}")
        base = first.rsplit(" ", 1)[1]
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        quiet = now - datetime.timedelta(days=10)
        push(base, ana, [
            {"id": "b1", "loop": "payoutretry", "at": stamp(quiet), "by": "ana", "type": "created",
             "title": "Retry failed payouts"},
            {"id": "b2", "loop": "payoutretry", "at": stamp(quiet + datetime.timedelta(minutes=5)), "by": "ana",
             "type": "started"},
            {"id": "b3", "loop": "vaultrotate", "at": stamp(now - datetime.timedelta(hours=3)), "by": "ana",
             "type": "created", "title": "Rotate the card vault keys", "stakes": "high"},
            # Silent for days, so the board shows its finding, whose drafted update quotes the title.
            {"id": "b4", "loop": "hostile001", "at": stamp(quiet + datetime.timedelta(minutes=10)), "by": "ana",
             "type": "created", "title": "<script>alert(1)</script> \"><img src=x onerror=alert(1)> " + "W" * 10000},
        ])

        doing("starting the browser")
        driver = browser(work)
        driver.set_window_size(*SIZES["desktop"])
        doing("the sign-in page")
        driver.get(base + "/sign-in")
        shoot(driver, folder, "sign-in")
        audit(driver, "sign-in")
        doing("signing in")
        driver.find_element(By.ID, "token").send_keys(lee)
        submit(driver, "form.sign-in button")
        check(driver.current_url == base + "/teams/payments/", f"signing in went to {driver.current_url}")

        doing("the board")
        risks = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=team-findings]").text
        check("going-dark" in risks and "payoutretry" in risks, "the board shows no going-dark finding: " + risks[:200])
        clock = driver.find_element(By.CSS_SELECTOR, ".person .local-time").text
        check("Asia/Tokyo" in clock, "ana's local time is not in her zone: " + clock)
        check(driver.find_elements(By.TAG_NAME, "script") == [], "the board runs a script")
        check("<script>alert(1)</script>" in driver.find_element(By.TAG_NAME, "main").text,
              "the hostile title does not show as text")
        check(driver.find_elements(By.CSS_SELECTOR, "img") == [], "the hostile title made an image")
        shoot(driver, folder, "board")
        audit(driver, "board")

        doing("the approvals page")
        driver.get(base + "/teams/payments/approvals")
        shoot(driver, folder, "approvals")
        audit(driver, "approvals")
        link = driver.find_element(By.LINK_TEXT, "Rotate the card vault keys")
        follow(driver, link)
        check("/loops/vaultrotate" in driver.current_url, f"the approvals link went to {driver.current_url}")
        doing("the loop page")
        shoot(driver, folder, "loop")
        audit(driver, "loop")
        doing("approving")
        submit(driver, "form.approve button")
        check(driver.find_elements(By.CSS_SELECTOR, "form.approve") == [], "the loop still offers approval: " + driver.find_element(By.TAG_NAME, "body").text[:300])
        history = driver.find_element(By.CSS_SELECTOR, "ol.history").text
        check("approved by lee" in history, "the loop's history shows no approval by lee: " + history)
        approved = [e for e in pull(base, lee) if e["type"] == "approved"]
        check(len(approved) == 1 and approved[0]["by"] == "lee" and approved[0]["loop"] == "vaultrotate",
              f"the ledger's approvals are {approved}")

        doing("the person page")
        driver.get(base + "/teams/payments/people/ana")
        shoot(driver, folder, "person")
        audit(driver, "person")

        # A monitor of ana's: three timed runs, then a run that fails takes it down and opens its
        # incident loop, which the monitors page shows (no waiting for a deadline: a failure is due now).
        doing("the monitors page")
        created = call(base, lee, "POST", "/api/v3/checks/", {
            "name": "Nightly export", "slug": "nightly-export", "timeout": 86400, "grace": 3600,
            "owner": "ana", "stakes": "high"})
        url = created["ping_url"]
        for run in range(3):
            ping(f"{url}/start?rid=00000000-0000-4000-8000-00000000000{run}")
            ping(f"{url}?rid=00000000-0000-4000-8000-00000000000{run}")
        driver.get(base + "/teams/payments/monitors")
        status = driver.find_element(By.CSS_SELECTOR, "#monitor-nightly-export .status").text.lower()
        check(status == "up", f"the monitor shows {status!r} after three good runs")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#monitor-nightly-export svg.chart rect")) == 3,
              "the run chart does not show three runs")
        ping(f"{url}/start?rid=00000000-0000-4000-8000-000000000003")
        ping(f"{url}/fail?rid=00000000-0000-4000-8000-000000000003")
        driver.get(base + "/teams/payments/monitors")
        status = driver.find_element(By.CSS_SELECTOR, "#monitor-nightly-export .status").text.lower()
        check(status == "down", f"the monitor shows {status!r} after a failed run")
        incident = driver.find_element(By.CSS_SELECTOR, "#monitor-nightly-export .incident a")
        check("Nightly export is down" in incident.text, "the incident loop is not shown: " + incident.text)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#monitor-nightly-export svg.chart rect.failed")) == 1,
              "the run chart does not mark the failed run")
        shoot(driver, folder, "monitors")
        audit(driver, "monitors")
        follow(driver, incident)
        check("Nightly export is down" in driver.find_element(By.TAG_NAME, "h1").text,
              "the incident link went to " + driver.current_url)

        doing("signing out")
        submit(driver, "form.sign-out button")
        check(driver.current_url == base + "/sign-in", f"signing out went to {driver.current_url}")
        driver.get(base + "/teams/payments/")
        check(driver.current_url == base + "/sign-in", "after signing out the board still shows")
        print("dashboard.py: signed in, saw going-dark, approved as lee, saw a monitor go down with its incident, "
              "audited and shot 6 pages, signed out")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
