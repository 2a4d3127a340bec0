"""gunicorn settings for ``make run``, ``make fuzz`` and production (``gunicorn -c``).

Django writes the request lines (essmap/logs.py): gunicorn keeps its own error log only.
Two variables serve ``make run``, where a person reads the console:
ESSMAP_ACCESS_LOG_FILE  a file for the request lines, rather than the console with the errors
ESSMAP_READY_MESSAGE    printed once the first worker is ready (the site's address), last
"""

import logging

from essmap.environment import reader

env = reader()
bind = env.str("GUNICORN_BIND", default="127.0.0.1:8000")
workers = env.int("WEB_CONCURRENCY", default=2)
# sync: one client at a time per worker, which a slow client holds for as long as it likes: the
# production recipe puts nginx in front, which hands over whole requests only (deploy/nginx/).
# gevent (`make run`, served without nginx): a waiting client costs a greenlet, not a worker,
# up to worker_connections (1000) per worker, and headers not complete within `keepalive` (2 s)
# end the connection. Each client connection opens its own database connection, hence sync in
# production; measurements in docs/deployment.md.
worker_class = env.str("GUNICORN_WORKER_CLASS", default="sync")
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


def post_worker_init(worker):
    """The worker's Django is set up: its request lines go to the file, in the same format and
    with the same filters as the console's. The first worker then says the address: the site
    answers from that moment (the master listens earlier, but with no worker to answer yet)."""
    path = env.str("ESSMAP_ACCESS_LOG_FILE", default="")
    if path:
        _request_lines_to(path)
    message = env.str("ESSMAP_READY_MESSAGE", default="")
    if message and worker.age == 1:
        print(message, flush=True)


def _request_lines_to(path):
    console = logging.getLogger().handlers
    handler = logging.FileHandler(path, encoding="utf-8")
    if console:
        handler.setFormatter(console[0].formatter)
        handler.filters = list(console[0].filters)
    request_logger = logging.getLogger("essmap.request")
    request_logger.addHandler(handler)
    request_logger.propagate = False
