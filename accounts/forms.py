from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from committees.models import Council, Person

from . import services

CODE_HELP = "The 6-digit number your authenticator app shows for Council scrutiny."


def _helper(*fields, submit: str, action: str = "", css_class: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_action = action
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*fields, Submit("submit", submit, css_class=css_class))
    return helper


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form; authenticate() is given the request, as django-axes needs."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": ("Enter a correct username and password. The password is case-sensitive."),
    }

    def clean_username(self):
        username = self.cleaned_data.get("username", "").strip()
        # Invited accounts have their e-mail address as username, kept in lower case.
        return username.lower() if "@" in username else username


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=CODE_HELP,
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def __init__(self, *args, submit="Continue", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("code", field_width=Fixed.TEN), submit=submit)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code, numbers only")
        return code


class TwoFactorSetupForm(CodeForm):
    setup = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, submit="Confirm", **kwargs)
        self.helper = _helper("setup", Field.text("code", field_width=Fixed.TEN), submit="Confirm")


class PortalPasswordResetForm(auth_forms.PasswordResetForm):
    """
    Django's reset form, for accounts with no password yet as well: someone whose
    invitation link has expired asks here for another. The page says the same whether or
    not the address has an account.
    """

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("email", submit="Send the link")

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.lower() == email.lower())


class PortalSetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, submit="Save password", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"
        self.helper = _helper("new_password1", "new_password2", submit=submit)


class PortalPasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"
        self.helper = _helper(
            "old_password", "new_password1", "new_password2", submit="Change password"
        )


# Officers' account pages.


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.formal_name} (has an account)" if person.user_id else person.formal_name


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="This will be their username. The invitation is sent to it.",
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the e-mail address of the person you are inviting",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )
    first_name = forms.CharField(label="First name (optional)", max_length=150, required=False)
    last_name = forms.CharField(label="Last name (optional)", max_length=150, required=False)
    council = forms.ModelChoiceField(
        label="Council",
        queryset=Council.objects.none(),
        empty_label="Choose a council",
        error_messages={
            "required": "Choose the council this account is for",
            "invalid_choice": "Choose one of the councils you run",
        },
    )
    make_officer = forms.BooleanField(
        label="Make them a democratic services officer for this council",
        help_text="Officers prepare and publish this council's meetings and manage its accounts.",
        required=False,
    )
    person = PersonChoiceField(
        label="Councillor or co-opted member (optional)",
        help_text="Link the account to their record, so they can read their committees' papers.",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Not a member of a committee",
        error_messages={"invalid_choice": "Choose a member of one of your councils' committees"},
    )

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, **kwargs)
        councils = services.managed_councils(officer)
        self.fields["council"].queryset = councils
        if len(councils) == 1 and not self.is_bound:
            self.fields["council"].initial = councils[0].pk
        self.fields["person"].queryset = services.persons_in_scope(officer)
        self.helper = _helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.select("council"),
            Field.checkbox("make_officer"),
            Field.select("person"),
            submit="Send invitation",
        )

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()


class LinkPersonForm(forms.Form):
    person = PersonChoiceField(
        label="Councillor or co-opted member",
        queryset=Person.objects.none(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose the person this account belongs to",
            "invalid_choice": "Choose a member of one of your councils' committees",
        },
    )

    def __init__(self, *args, officer, action: str, **kwargs):
        super().__init__(*args, prefix="link", **kwargs)
        self.fields["person"].queryset = services.persons_in_scope(officer)
        self.helper = _helper(Field.select("person"), submit="Link account", action=action)


class OfficerRoleForm(forms.Form):
    council = forms.ModelChoiceField(
        label="Council",
        queryset=Council.objects.none(),
        empty_label="Choose a council",
        error_messages={
            "required": "Choose the council they will be an officer of",
            "invalid_choice": "Choose one of the councils you run",
        },
    )

    def __init__(self, *args, officer, action: str, **kwargs):
        super().__init__(*args, prefix="role", **kwargs)
        self.fields["council"].queryset = services.managed_councils(officer)
        self.helper = _helper(Field.select("council"), submit="Give officer role", action=action)


class RemoveRoleForm(forms.Form):
    """One council's Remove button on an account's page."""

    council = forms.ModelChoiceField(
        queryset=Council.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the council whose officer role to remove",
            "invalid_choice": "You can only remove officer roles for councils you run",
        },
    )

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, prefix="remove", **kwargs)
        self.fields["council"].queryset = services.managed_councils(officer)
