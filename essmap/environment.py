"""The one reader of the environment: django-environ (typed casts, a ``.env`` file), used by
``essmap/settings.py`` and ``essmap/gunicorn_conf.py``. Every variable is listed, with its
default, in docs/environment.md and .env.example (tests/essmap/test_environment.py checks it).

Four variables were renamed for one rule (``ESSMAP_`` before every essmap-specific name; a
variable named after a Django setting, or a 12-factor one, keeps its name). Their old names are
still read for one release, when the new name is not set, and ``manage.py check`` warns about
them (essmap.W001, essmap/checks.py)."""

import os

import environ

# New name → old name. Read for one more release (until 0.3), then dropped.
RENAMED = {
    "ESSMAP_PAGE_CACHE": "PAGE_CACHE",
    "ESSMAP_ACCESS_LOG": "ACCESS_LOG",
    "ESSMAP_CLIENT_IP_HEADER": "CLIENT_IP_HEADER",
    "ESSMAP_SECURE_COOKIES": "SECURE_COOKIES",
}


def old_names_in_use(variables=os.environ):
    """(old, new) for each renamed variable still set under its old name."""
    return [(old, new) for new, old in RENAMED.items() if old in variables]


def reader():
    """The environment, after the ``.env`` file named by ESSMAP_ENV_FILE (``.env`` in the
    current directory by default; a variable of the real environment wins over the file's),
    with each old name standing for its new one when the new one is not set."""
    environ.Env.read_env(environ.Env().str("ESSMAP_ENV_FILE", default=".env"))
    variables = dict(os.environ)
    for new, old in RENAMED.items():
        if old in variables and new not in variables:
            variables[new] = variables[old]
    env = environ.Env()
    env.ENVIRON = variables
    return env
