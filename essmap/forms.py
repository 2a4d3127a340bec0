"""The administration's login form, with bounded fields."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

USERNAME_MAX_LENGTH = 150  # Django's User.username
PASSWORD_MAX_LENGTH = 1024


class BoundedAdminLoginForm(AdminAuthenticationForm):
    """Django's admin login, whose fields refuse over-long values before anything is checked.

    ``AuthenticationForm`` sets the username's ``max_length`` after the field is built, so the
    limit is only an HTML attribute: a 300-character name reached authentication, and
    django-axes failed to record the attempt (a 255-character column), a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bounds = {"username": USERNAME_MAX_LENGTH, "password": PASSWORD_MAX_LENGTH}
        for name, limit in bounds.items():
            field = self.fields[name]
            field.max_length = limit
            field.validators.append(
                MaxLengthValidator(limit, f"{limit} caractères au plus, s’il vous plaît.")
            )
            field.widget.attrs["maxlength"] = str(limit)
