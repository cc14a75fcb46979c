"""
Schemathesis against the API's own OpenAPI schema, in process (WSGI): no 5xx, and every
answer conforms to the schema. A bounded number of examples per operation keeps it quick.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from scrutiny.wsgi import application
from tests.api.test_api import plant

# Generating the schema reads no rows, so it is loaded once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def planted_api(db, monkeypatch):
    # Schemathesis asks far faster than the anonymous rate allows; throttling has its own test.
    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)
    # The WSGI handler closes the database connection after each request, as in production;
    # in a test that would close the test's transaction, so (as Django's test client does)
    # the connection is left open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    cache.clear()
    plant()
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(planted_api, case):
    # Every other check runs. Not "schema-valid data is accepted": any string is a
    # schema-valid cursor, but only the API's own cursors are cursors (the rest are a 400).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
