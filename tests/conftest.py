"""Settings every test runs with, the shared personas, and the browser and worker."""

import pytest


@pytest.fixture
def officer(db):
    """A democratic services officer of the factories' council; a test file may narrow it."""
    from tests.factories import officer_user

    return officer_user()


@pytest.fixture
def officer_client(client, officer):
    """The test client, signed in as `officer`."""
    client.force_login(officer)
    return client


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded papers go to a throwaway folder in every test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def papers_rendered_in_turn(settings):
    """
    The small parts of test packs render faster in the test's own process than in a pool
    beside another test process; tests/packs/test_rendering.py and the real Celery worker
    (tests/packs/test_worker*.py) render in parallel, as production does.
    """
    settings.PACK_RENDER_PROCESSES = 1


@pytest.fixture(autouse=True)
def plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def own_cache(settings):
    """
    Every test starts with an empty cache in its own memory, never a shared Redis: a page
    one test kept (meetings/page_cache.py) must not answer another test's request.
    """
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture
def fresh_axes(settings):
    """Sign-in throttling is on, as in production, and starts from nothing."""
    from axes.utils import reset

    settings.AXES_ENABLED = True
    reset()
    yield
    reset()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; browser tests skip where it is not installed."""
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM
    # calls the tests make around it are still ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 2000}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def celery_worker(transactional_db, settings):
    """
    A real Celery worker consuming from the configured broker.

    With REDIS_URL set (CI and production) it is a separate `celery worker`
    process reading the test database, as production runs. Without Redis it is
    an in-process worker thread on the configured (filesystem) broker.
    """
    from django.db import connection

    from scrutiny.celery import app

    if settings.REDIS_URL and connection.vendor == "postgresql":
        yield from _worker_process(connection.settings_dict, settings)
    else:
        yield from _worker_thread(app)


def _worker_thread(app):
    from celery.contrib.testing.worker import start_worker

    # The configured broker (kombu's filesystem transport without Redis): the connections
    # earlier tests opened to it are the ones publish uses. Tasks they left are dropped.
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield "thread"


def start_worker_process(database, media_root):
    """A `celery worker` process on the configured broker, reading the test database."""
    import os
    import subprocess
    import sys
    import time

    from scrutiny.celery import app

    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
        **{key: database[key] or "" for key in ("USER", "HOST", "PORT", "NAME")}
    )
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media_root)}
    hostname = f"test-{os.getpid()}-{time.monotonic_ns()}@%h"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "scrutiny", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "-n", hostname],
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not app.control.ping(destination=[hostname.replace("%h", _host())], timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("The Celery worker did not start.")
    return process


def _host():
    import socket

    return socket.gethostname()


def _worker_process(database, settings):
    process = start_worker_process(database, settings.MEDIA_ROOT)
    try:
        yield "process"
    finally:
        process.terminate()
        process.wait(timeout=30)
