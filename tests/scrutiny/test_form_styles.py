"""Every input an officer types into has the GOV.UK input style, whatever its widget."""

import importlib
import inspect
import re

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms

FORM_MODULES = [
    "meetings.forms",
    "minutes.forms",
    "tracker.forms",
    "actionplans.forms",
    "workprogramme.forms",
]
TYPED_INPUT = re.compile(r'<input type="(?:text|number|email|url|date|time)"[^>]*class="([^"]*)"')


def unbound_forms():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module_name:
                try:
                    form = form_class()
                except (TypeError, AttributeError):
                    continue  # built around an object it is given
                if hasattr(form, "helper") and not needs_an_object(form):
                    yield name, form


def needs_an_object(form) -> bool:
    """Forms whose choices come from the object they edit, e.g. the minutes being approved."""
    return any(
        isinstance(field, forms.ModelChoiceField) and field.queryset is None
        for field in form.fields.values()
    )


@pytest.mark.django_db
def test_every_typed_input_is_a_govuk_input():
    unstyled = {}
    inputs = 0
    for name, form in unbound_forms():
        for classes in TYPED_INPUT.findall(render_crispy_form(form)):
            inputs += 1
            if "govuk-input" not in classes.split():
                unstyled.setdefault(name, []).append(classes)
    assert inputs > 20
    assert unstyled == {}


LABEL_CLASSES = re.compile(r'<label[^>]*class="([^"]*)"')


@pytest.mark.django_db
def test_label_sizes_are_govuk_modifier_classes():
    """A helper's label_size is put in the class attribute as it is: Size.SMALL alone gives
    class="govuk-label s", which styles nothing; Size.for_label gives govuk-label--s."""
    labels, stray = 0, {}
    for name, form in unbound_forms():
        for classes in LABEL_CLASSES.findall(render_crispy_form(form)):
            labels += 1
            tokens = classes.split()
            if "govuk-label" in tokens and not all(token.startswith("govuk-") for token in tokens):
                stray.setdefault(name, set()).add(classes)
    assert labels > 20
    assert stray == {}
