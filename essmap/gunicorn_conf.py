"""gunicorn settings for ``make run``, ``make fuzz`` and production (``gunicorn -c``).

Django writes the request lines (essmap/logs.py): gunicorn keeps its own error log only."""

from essmap.environment import reader

env = reader()
bind = env.str("GUNICORN_BIND", default="127.0.0.1:8000")
workers = env.int("WEB_CONCURRENCY", default=2)
# Long enough for an admin import of a thousand lines (see README, "Import et export").
timeout = env.int("GUNICORN_TIMEOUT", default=120)
graceful_timeout = 20
accesslog = None
errorlog = "-"
loglevel = "warning"
# Bounded request lines and headers (gunicorn's defaults, said here): beyond them, a 400.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn's own lines (refused requests, workers) in the same JSON as Django's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "essmap.logs.JsonFormatter"}},
    "handlers": {
        "json_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["json_console"]},
    "loggers": {
        "gunicorn.error": {"level": "WARNING", "handlers": ["json_console"], "propagate": False}
    },
}
