from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We will send you an e-mail with a link to confirm.",
        # A TextInput of type email: crispy-forms-gds marks only a TextInput as in error.
        widget=forms.TextInput(
            attrs={"type": "email", "autocomplete": "email", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
            "max_length": "Enter an e-mail address of 254 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Get e-mail alerts"),
        )
