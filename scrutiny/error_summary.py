"""The entries of a GOV.UK error summary, for forms that crispy-forms-gds does not render whole."""

from django import forms


def error_items(form, anchor: str | None = None) -> list[dict]:
    """Each message linked to the input it is about, in the order of the fields.

    Errors about the form as a whole link to `anchor`, or else to its first field. A group
    of radios links to its first radio, which is the id the template pack gives it.
    """
    if form is None or not form.errors:
        return []
    visible = form.visible_fields()
    first = anchor or (visible[0].auto_id if visible else "main-content")
    items = [{"href": f"#{first}", "text": error} for error in form.non_field_errors()]
    for field in form.hidden_fields():
        items += [{"href": f"#{first}", "text": error} for error in field.errors]
    for field in visible:
        target = field.auto_id
        if isinstance(field.field.widget, forms.RadioSelect):
            target = f"{field.auto_id}_1"
        items += [{"href": f"#{target}", "text": error} for error in field.errors]
    return items
