"""essmap settings, read from the environment by django-environ (essmap/environment.py).

Every variable, its default and an example: docs/environment.md and .env.example. Every
setting is defined whatever the environment, and the defaults fail closed: DEBUG is off
unless DEBUG=1 (``make dev``, the test suite), and then SECRET_KEY is required; HTTPS, secure
cookies and HSTS are on; e-mails go to an SMTP server. ``make run`` sets what it needs
(Makefile, PROD_ENV); the test suite's settings are tests/settings.py.
"""

import base64
import hashlib
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

from essmap import paths
from essmap.environment import reader

env = reader()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("ESSMAP_VAR_DIR", default=str(paths.WORK_DIR / "var")))

# Off unless asked for: a server started with a forgotten variable shows no debug page.
DEBUG = env.bool("DEBUG", default=False)


def _secret_key():
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY doit être défini quand DEBUG est désactivé (le réglage par défaut). "
            "En développement : make dev, ou DEBUG=1 devant la commande ; "
            "les variables : docs/environment.md."
        )
    # A stable dev key keeps sessions valid across restarts of `make run`.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# Empty when DEBUG is off and nothing is said: every request is refused (400).
ALLOWED_HOSTS = [h.strip() for h in env.list("ALLOWED_HOSTS", default=[]) if h.strip()] or (
    ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env.list("CSRF_TRUSTED_ORIGINS", default=[]) if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "phonenumber_field",
    "simple_history",
    "import_export",
    "axes",
    "django_ratelimit",
    "csp",
    "corsheaders",
    "essmap",
    "territories",
    "programmes",
    "search",
    "curation",
    "bulk",
    "suggestions",
    "orientation",
    "selection",
    "content",
    "opendata",
    "alerts",
    "demand",
    "members",
    "self_service",
    "audience",
    "update_requests",
]
# The measuring tools (synthetic content, page timings; benchmarks/ bulk-deletes with
# _raw_delete) only where asked for: the test suite (tests/settings.py) and benchmarks/load.sh.
ESSMAP_BENCHMARKS = env.bool("ESSMAP_BENCHMARKS", default=False)
if ESSMAP_BENCHMARKS:
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    # First: gives each request its id and writes its log line (essmap/logs.py).
    "essmap.logs.RequestLogMiddleware",
    "essmap.middleware.HeadWithoutBodyMiddleware",
    # High, so that every answer of the public JSON addresses carries its CORS headers, errors
    # included, and a preflight is answered before anything else runs (see CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "essmap.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "essmap.middleware.QueryStringLimitMiddleware",
    # PostgreSQL's statement_timeout for the queries of public pages (essmap/statement_timeout.py).
    "essmap.statement_timeout.StatementTimeoutMiddleware",
    # The content version, read once per request (essmap/cache.py).
    "essmap.cache.ContentVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every answer and 304 when the browser already has it (see essmap/cache.py).
    "django.middleware.http.ConditionalGetMiddleware",
    # Inside it: counts a search (and strips what the list view said of it) before a 304 is
    # made of the page, whether the page was computed or came from the page cache
    # (demand/middleware.py, see « Demandes sans réponse » in the README).
    "demand.middleware.SearchCountMiddleware",
    # Beside it, for the same reasons: counts a structure's page views and its appearances in
    # answers, from what the views noted on the response, cached or not (audience/middleware.py).
    "audience.middleware.AudienceMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A view that cannot reach the database answers 503, not 500 (essmap/outage.py).
    "essmap.outage.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it answers locked-out login attempts.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Structures' members sign in by a link sent by e-mail (members/sign_in.py): no password.
    # A ProConnect (OpenID Connect) backend goes here when it is plugged in (docs/members.md).
    "sesame.backends.ModelBackend",
    # ProConnect, later (docs/members.md): mozilla-django-oidc's backend, subclassed to find or
    # create the member account by its verified e-mail, never a staff one:
    # "members.proconnect.ProConnectBackend",
]
# ProConnect (OpenID Connect) settings, read from the environment when it is plugged in
# (docs/members.md); the provider is ProConnect's, the client registered on its partner space:
# OIDC_RP_CLIENT_ID = env.str("ESSMAP_PROCONNECT_CLIENT_ID")
# OIDC_RP_CLIENT_SECRET = env.str("ESSMAP_PROCONNECT_CLIENT_SECRET")
# OIDC_OP_AUTHORIZATION_ENDPOINT / OIDC_OP_TOKEN_ENDPOINT / OIDC_OP_USER_ENDPOINT /
# OIDC_OP_JWKS_ENDPOINT = the endpoints of ESSMAP_PROCONNECT_DOMAIN's discovery document
# OIDC_RP_SIGN_ALGO = "RS256"
# OIDC_RP_SCOPES = "openid email given_name usual_name siret"
# The sign-in links (django-sesame): valid for SESAME_MAX_AGE seconds, used once (a use changes
# the account's last_login, which the token signs), and only for accounts that are not staff:
# the curators' admin accounts keep their password and django-axes.
SESAME_MAX_AGE = env.int("ESSMAP_SIGN_IN_LINK_SECONDS", default=15 * 60)
SESAME_ONE_TIME = True
SESAME_TOKEN_NAME = "jeton"  # noqa: S105 (the name of a query parameter)
# Admin login brute force: after 5 failures for a username from one address, that pair is
# locked; after 30 from one address on any usernames, that address; after 30 on one username
# from any addresses (password spraying), that username, except from an address it has logged
# in from before (essmap/lockout.py). Each for 1 hour after the last failure.
AXES_FAILURE_LIMIT = env.int("ESSMAP_LOGIN_FAILURE_LIMIT", default=5)
ESSMAP_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("ESSMAP_LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
ESSMAP_LOGIN_USERNAME_FAILURE_LIMIT = env.int("ESSMAP_LOGIN_USERNAME_FAILURE_LIMIT", default=30)
AXES_HANDLER = "essmap.lockout.LoginLockoutHandler"
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The same client address as the rate limits (ESSMAP_CLIENT_IP_HEADER behind a proxy):
# otherwise every client is the proxy, and five wrong passwords lock the account for everyone.
AXES_CLIENT_IP_CALLABLE = "essmap.http.client_address"

ROOT_URLCONF = "essmap.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [paths.TEMPLATES_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "essmap.wsgi.application"

# Under gunicorn's gevent workers (make run), each client connection has its own database
# connection, which a kept connection (CONN_MAX_AGE) leaves open until the garbage collector
# finds it: PostgreSQL then refuses new ones ("too many clients"), hence one per request there.
_GEVENT_WORKERS = env.str("GUNICORN_WORKER_CLASS", default="sync") == "gevent"
DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'essmap.sqlite3'}",
        conn_max_age=env.int("CONN_MAX_AGE", default=0 if _GEVENT_WORKERS else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Several gunicorn workers write (logins, suggestions, the cache): a transaction takes the
    # write lock when it begins, rather than failing at once with "database is locked" when it
    # turns from reading to writing while another worker writes; a writer waits up to 20 s; WAL
    # lets pages be read during a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation for the application's short queries: on the territory searches it
    # took about 450 of 510 ms per query at 20,000 programmes (EXPLAIN ANALYZE, see README
    # "Mesures de performance"), and never paid back on queries of tens of milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather=0"
    )

# The longest an SQL statement of a public page may run on PostgreSQL, in milliseconds (0: no
# limit); beyond it the statement is cancelled and the page says the search took too long
# (essmap/statement_timeout.py). Set per request, so management commands (imports, migrations)
# and the admin are never cut.
ESSMAP_STATEMENT_TIMEOUT_MS = env.int("ESSMAP_STATEMENT_TIMEOUT_MS", default=5000)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A territory's public page is its orientation sheet: the orientation app's, which the leaf
# territories app does not know.
ABSOLUTE_URL_OVERRIDES = {
    "territories.territory": lambda territory: reverse(
        "orientation:territory_sheet", args=[territory.key]
    ),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# essmap/static is the essmap app's static folder, found like any app's (naming it in
# STATICFILES_DIRS too would collect every file twice).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(paths.WORK_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

PHONENUMBER_DEFAULT_REGION = "FR"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# CORS (django-cors-headers): the public JSON API may be read from any site's pages. Only the
# read-only public addresses: the lists and entries (their JSON shares the HTML pages'
# addresses, which hold nothing private), the map, the territory autocomplete, the open data
# files and the API document. Never the admin or the forms (/proposer/, /signaler/): no
# credentials, and GET/HEAD only, so a cross-site script can read what anyone can, not act.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_URLS_REGEX = (
    r"^/(api/|donnees/[^/]+\.json$|programmes/|structures/|carte/$|territoires/autocomplete/$)"
)
CORS_PREFLIGHT_MAX_AGE = 86400

# Longest query string answered; beyond it a French 414 page, before any parsing. Room for a
# 1,000-character sentence (orientation.parameters.WORDS_MAX_LENGTH) with its accents and
# apostrophes encoded (« é » is 6 characters, « ’ » 9: about 1,500 to 2,500 in French) and the
# other criteria; under nginx's request line (4,000 bytes, deploy/nginx/essmap.conf), so that
# essmap answers first with its own page.
ESSMAP_MAX_QUERY_STRING = 3800
ESSMAP_PAGE_SIZE = 20
ESSMAP_MAX_PAGE_SIZE = 500
# With keywords, the results are ranked by relevance (the costliest search): at most this many a
# page (a larger ``par_page`` is brought down to it, docs/url-contract.md).
ESSMAP_MAX_PAGE_SIZE_WITH_WORDS = 100
# List pages (and widget searches) one client may have computed per period; what the page cache
# answers is not counted (essmap/throttle.py). Empty: no limit.
ESSMAP_SEARCH_RATE = env.str("ESSMAP_SEARCH_RATE", default="30/m").strip()
if ESSMAP_SEARCH_RATE and not re.fullmatch(r"\d+/\d*[smhd]", ESSMAP_SEARCH_RATE):
    raise ImproperlyConfigured(
        f"ESSMAP_SEARCH_RATE={ESSMAP_SEARCH_RATE} : un nombre, « / » et une unité (s, m, h, d), "
        "par exemple 30/m ; vide pour aucune limite."
    )
ESSMAP_CSV_MAX_ROWS = 5000
# Apps whose every write changes what public pages show: a write to one of their models
# changes the content version of the page cache (essmap/cache.py).
ESSMAP_PUBLIC_APPS = {"territories", "programmes", "search"}
# Off by default in development, so that a template being edited shows at once.
ESSMAP_PAGE_CACHE = env.bool("ESSMAP_PAGE_CACHE", default=not DEBUG)

# Who publishes and hosts the site, as its legal notice says (/mentions-legales/, /contact/,
# /donnees-personnelles/). Unset, those pages show a visible « [à renseigner : …] »: a name or
# an address is never made up.
ESSMAP_PUBLISHER_NAME = env.str("ESSMAP_PUBLISHER_NAME", default="").strip()
ESSMAP_PUBLISHER_ADDRESS = env.str("ESSMAP_PUBLISHER_ADDRESS", default="").strip()
ESSMAP_PUBLICATION_DIRECTOR = env.str("ESSMAP_PUBLICATION_DIRECTOR", default="").strip()
ESSMAP_HOST_NAME = env.str("ESSMAP_HOST_NAME", default="").strip()
ESSMAP_HOST_ADDRESS = env.str("ESSMAP_HOST_ADDRESS", default="").strip()
ESSMAP_CONTACT_EMAIL = env.str("ESSMAP_CONTACT_EMAIL", default="").strip()

# ---------------------------------------------------------------------------
# Security headers and HTTPS. Each HTTPS setting is on by default when DEBUG is off and can be
# turned off by its variable (``make run`` serves plain HTTP on 127.0.0.1: it sets them to 0).
# The proxy in front says the request came over HTTPS (X-Forwarded-Proto); it must set it.

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("ESSMAP_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = None if DEBUG else ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# /sante/ answers load balancers, which probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SESSION_COOKIE_HTTPONLY = True
# French, in the site's layout, rather than Django's English page.
CSRF_FAILURE_VIEW = "essmap.views.csrf_failure"
# Past 2.5 MB a form body is refused (413) before it is parsed; 1,000 fields at most.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Imported files (import_directory, the admin's « Importer », import_data_inclusion): an XLSX is
# a zip whose few MB may hold GB of XML (a « zip bomb »). Before anything is read, the sizes the
# archive declares (zipfile never inflates a member past its declared size) are checked: in
# all, and compared with the compressed size of each member big enough to matter; then at most
# so many lines per file (docs/curation.md, « Limites d’un fichier importé »). An operator who
# re-imports a national-scale export (about 24,000 records) raises the line cap for that run.
ESSMAP_IMPORT_MAX_ROWS = env.int("ESSMAP_IMPORT_MAX_ROWS", default=20_000)
ESSMAP_IMPORT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
ESSMAP_IMPORT_MAX_COMPRESSION_RATIO = 100
ESSMAP_IMPORT_RATIO_FROM_BYTES = 1024 * 1024
# import-export's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off: it deletes the leading « = »
# (a name changes on its way back in) and turns every cell into text (an empty one into
# « None »). bulk/files.py's formats neutralise formulas themselves (essmap/cells.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False


def csp_hash(text):
    """A Content-Security-Policy source allowing exactly this inline text."""
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# Content-Security-Policy (django-csp): only the site's own scripts, styles, images and fonts;
# no inline script or style, no eval. Public pages have none; keep it so.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin's third-party templates carry a few inline bits: they are allowed by their exact
# hash, on /admin/ only (essmap.middleware.SecurityHeadersMiddleware), nothing else inline.
# Django's change list without actions, import-export's export form, simple-history's pager.
ESSMAP_ADMIN_CSP_UPDATE = {
    "style-src": [
        csp_hash("\n      #changelist table thead th:first-child {width: inherit}\n    "),
        "'unsafe-hashes'",
        csp_hash("padding: 0;"),
        csp_hash("font-weight: bold;"),
        csp_hash("border-top: 0"),
    ],
    "script-src": ["'unsafe-hashes'", csp_hash("onSelectToggleChange(event)")],
}
# Features no page of essmap uses, refused to every page (and to anything they embed).
ESSMAP_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

# ---------------------------------------------------------------------------
# Logs: one JSON line per record (essmap/logs.py), one per request with its status and duration
# (``ESSMAP_ACCESS_LOG=0`` to leave that to the proxy), the request id on every line. While the
# database is away, a line when it starts, one a minute, one when it ends (essmap/outage.py).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "essmap.logs.RequestIdFilter"},
        "skip_database_unavailable": {"()": "essmap.outage.SkipDatabaseUnavailable"},
    },
    "formatters": {"json": {"()": "essmap.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id", "skip_database_unavailable"],
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "essmap.request": {
            "level": "INFO" if env.bool("ESSMAP_ACCESS_LOG", default=True) else "WARNING"
        },
        # 4xx are in the request's own line; django.request keeps the 5xx and their traceback.
        "django.request": {"level": "ERROR"},
        # A forged Host is a 400 in the request's line, not an error to read 500 times.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}


# ---------------------------------------------------------------------------
# Public suggestions (/proposer/, /signaler/…): rate limit per address, email to moderators.


def _cache_from_url(url):
    """CACHE_URL: db://<table> (default: a table of the database, shared by every worker),
    redis://host:6379/0 (needs the ``redis`` package), locmem:// (one process only)."""
    scheme, _, rest = url.partition("://")
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "essmap_cache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    raise ImproperlyConfigured(f"CACHE_URL non reconnue : {url} (db://, redis:// ou locmem://)")


CACHES = {"default": _cache_from_url(env.str("CACHE_URL", default="db://essmap_cache"))}
_CACHE_BACKEND = CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
# django-ratelimit's check accepts only memcached and django-redis. The database cache is shared
# by every worker but increments by a read then a write: requests sent at the very same moment
# from one address may each pass (a few more suggestions, all still moderated). Django's Redis
# backend is atomic but not on the check's list. A per-process cache passes only in DEBUG.
SILENCED_SYSTEM_CHECKS = (
    ["django_ratelimit.E003", "django_ratelimit.W001"]
    if _CACHE_BACKEND in ("DatabaseCache", "RedisCache")
    or (DEBUG and _CACHE_BACKEND == "LocMemCache")
    else []
)
# Behind a proxy every request comes from the proxy: name the header it sets to the client's
# address (ESSMAP_CLIENT_IP_HEADER=X-Forwarded-For with nginx's $proxy_add_x_forwarded_for,
# or X-Real-IP), and how many proxies stand in front (ESSMAP_TRUSTED_PROXY_COUNT, 1 by
# default): the address is the value the outermost of them added, counted from the right, as
# the values before it are the client's own. The rate limits and the login lockout
# (django-axes) read it through essmap.http.client_address. No header: REMOTE_ADDR only
# (manage.py check warns in production, which runs behind an HTTPS proxy: essmap.W003).
_client_ip_header = env.str("ESSMAP_CLIENT_IP_HEADER", default="").strip()
ESSMAP_CLIENT_IP_META_KEY = (
    "HTTP_" + _client_ip_header.upper().replace("-", "_") if _client_ip_header else None
)
ESSMAP_TRUSTED_PROXY_COUNT = env.int("ESSMAP_TRUSTED_PROXY_COUNT", default=1)
if ESSMAP_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "ESSMAP_TRUSTED_PROXY_COUNT doit valoir au moins 1 : le nombre de proxys devant le site "
        "(sans proxy, ne définissez pas ESSMAP_CLIENT_IP_HEADER)."
    )
ESSMAP_SUGGESTION_RATE = env.str("ESSMAP_SUGGESTION_RATE", default="5/h")
ESSMAP_SUGGESTION_MAX_BODY = 32 * 1024  # bytes; the fields' own limits total well under this
# « Demandes sans réponse » (demand/): a keyword is shown once this many distinct clients
# (a client a day) typed it, on two days at least (demand.reports.top_keywords).
ESSMAP_DEMAND_KEYWORD_CLIENTS = env.int("ESSMAP_DEMAND_KEYWORD_CLIENTS", default=3)
ESSMAP_MODERATORS = [a.strip() for a in env.list("ESSMAP_MODERATORS", default=[]) if a.strip()]

# E-mails (docs/environment.md, « Courriels »): EMAIL_BACKEND when set (``make run`` writes
# them as files into var/mails/); else SMTP when EMAIL_HOST is set; else the console in DEBUG;
# else SMTP on localhost, which fails visibly when no server is there (the form says the
# message could not leave, the log says why, and ``manage.py check`` warns, essmap.W002),
# rather than printing confirmation links into the logs or losing messages silently.
_email_host = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not _email_host
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = _email_host or "localhost"
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
EMAIL_PORT = env.int("EMAIL_PORT", default=465 if EMAIL_USE_SSL else 587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_TIMEOUT = 10
# Where django.core.mail.backends.filebased.EmailBackend writes, one file per sending.
EMAIL_FILE_PATH = Path(env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mails")))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="essmap <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[essmap] "

# The site's own address, for the links of e-mails sent outside any request (alert digests):
# ESSMAP_SITE_URL, else https:// and the first ALLOWED_HOSTS name, else the local server.
_named_hosts = [h.lstrip(".") for h in ALLOWED_HOSTS if h not in ("*", "")]
ESSMAP_SITE_URL = (
    env.str("ESSMAP_SITE_URL", default="")
    or (f"https://{_named_hosts[0]}" if _named_hosts and not DEBUG else "http://127.0.0.1:8000")
).rstrip("/")
# Alerts (alerts/): subscriptions allowed per client address, like suggestions; how long a
# confirmation link works; the address a mail client may write to for unsubscribing (the
# List-Unsubscribe header's mailto, beside the one-click link), none when empty.
ESSMAP_ALERT_RATE = env.str("ESSMAP_ALERT_RATE", default="5/h")
# Confirmation messages, whatever the client: to one address (counted by a keyed hash of it,
# never the address itself), and from the whole site. Without them the form relays mail to
# anyone from many client addresses (issue 23).
ESSMAP_ALERT_RECIPIENT_RATE = env.str("ESSMAP_ALERT_RECIPIENT_RATE", default="3/d")
ESSMAP_ALERT_GLOBAL_RATE = env.str("ESSMAP_ALERT_GLOBAL_RATE", default="200/h")
# Structures' members (members/): sign-in links and claims asked per client address, sign-in
# links and claims sent to one address (counted by a keyed hash of it, known account or not),
# invitations one manager sends in 24 hours.
ESSMAP_SIGN_IN_RATE = env.str("ESSMAP_SIGN_IN_RATE", default="10/h")
ESSMAP_SIGN_IN_RECIPIENT_RATE = env.str("ESSMAP_SIGN_IN_RECIPIENT_RATE", default="5/h")
ESSMAP_CLAIM_RATE = env.str("ESSMAP_CLAIM_RATE", default="5/h")
ESSMAP_INVITATIONS_PER_DAY = env.int("ESSMAP_INVITATIONS_PER_DAY", default=10)
for _name in (
    "ESSMAP_SIGN_IN_RATE",
    "ESSMAP_SIGN_IN_RECIPIENT_RATE",
    "ESSMAP_CLAIM_RATE",
    "ESSMAP_SUGGESTION_RATE",
    "ESSMAP_ALERT_RATE",
    "ESSMAP_ALERT_RECIPIENT_RATE",
    "ESSMAP_ALERT_GLOBAL_RATE",
):
    # Checked at start-up: a rate misspelt would otherwise be a 500 at the first POST.
    if not re.fullmatch(r"\d+/\d*[smhd]", globals()[_name]):
        raise ImproperlyConfigured(
            f"{_name} : « {globals()[_name]} » n’est pas un débit (par exemple 5/h ; unités "
            "s, m, h, d)."
        )
ESSMAP_ALERT_CONFIRM_DAYS = 7
ESSMAP_ALERT_UNSUBSCRIBE_MAILTO = env.str("ESSMAP_ALERT_UNSUBSCRIBE_MAILTO", default="")
# Update requests (update_requests/, docs/update-requests.md): a published structure not
# verified nor confirmed for this many months is asked whether its page is still true; one
# reminder after REMINDER_DAYS; its links work for LINK_DAYS; a request (and the address it went
# to) is erased RETENTION_DAYS after it was sent.
ESSMAP_UPDATE_REQUEST_MONTHS = env.int("ESSMAP_UPDATE_REQUEST_MONTHS", default=12)
ESSMAP_UPDATE_REQUEST_REMINDER_DAYS = env.int("ESSMAP_UPDATE_REQUEST_REMINDER_DAYS", default=14)
ESSMAP_UPDATE_REQUEST_LINK_DAYS = env.int("ESSMAP_UPDATE_REQUEST_LINK_DAYS", default=60)
ESSMAP_UPDATE_REQUEST_RETENTION_DAYS = env.int("ESSMAP_UPDATE_REQUEST_RETENTION_DAYS", default=400)
for _name in ("ESSMAP_UPDATE_REQUEST_MONTHS", "ESSMAP_UPDATE_REQUEST_REMINDER_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} doit valoir au moins 1.")
if ESSMAP_UPDATE_REQUEST_RETENTION_DAYS <= ESSMAP_UPDATE_REQUEST_LINK_DAYS:
    raise ImproperlyConfigured(
        "ESSMAP_UPDATE_REQUEST_RETENTION_DAYS doit dépasser ESSMAP_UPDATE_REQUEST_LINK_DAYS : "
        "une demande effacée ne peut plus être confirmée."
    )
# Audience counts (audience/, docs/audience.md): the daily counters are erased after this many
# days (manage.py purge_audience).
ESSMAP_AUDIENCE_RETENTION_DAYS = env.int("ESSMAP_AUDIENCE_RETENTION_DAYS", default=400)

# django-simple-history writes a history record on every save; programmes/writes.py follows it.
SIMPLE_HISTORY_ENABLED = True

# ---------------------------------------------------------------------------
# Error reporting (sentry-sdk), off unless SENTRY_DSN is set. No personal data is sent: no
# addresses, cookies or user names (send_default_pii=False), no form body (the e-mail address
# of an alert or a suggestion); no performance tracing.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
    )
