"""The settings module is driven by the environment; production settings pass Django's checks."""

import os
import subprocess
import sys

from django.conf import settings


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**_without_test_switches(os.environ), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _without_test_switches(environ):
    """The browser tests allow the ORM in Playwright's event loop; production never would."""
    return {key: value for key, value in environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_deploy_checks_pass_with_debug_off():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="scrutiny.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY when DEBUG is off." in result.stderr
