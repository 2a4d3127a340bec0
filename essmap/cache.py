"""The cache of public pages, and the content version that keeps it true.

Every page a visitor sees (lists, entry pages, territory sheets, map, home) is kept in the
shared cache (``CACHES["default"]``: a database table by default, Redis where configured) under
a key that holds the **content version**. Any write to the directory or its territories — from
any path: admin save, history restore, bulk import, content load, suggestion acceptance, member
import — changes the version once its transaction commits, so the next request builds the page
again: a page is never older than the last committed change.

The version changes on every ``post_save``, ``post_delete`` and ``m2m_changed`` of a model of
``ESSMAP_PUBLIC_APPS`` (names only: this module imports no app), after commit, once per
transaction. A write that sends no signal (``QuerySet.update``, ``bulk_create``) calls
:func:`bump_content_version` itself.
"""

import copy
import hashlib
import threading
import uuid
from collections import OrderedDict
from functools import wraps

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "essmap:content-version"
PAGE_TIMEOUT = 24 * 3600  # seconds; a new version makes older pages unreachable anyway

_pending = threading.local()
# The version read during the current request (see ContentVersionMiddleware).
_request = threading.local()
# Values of this process's recent for_this_content calls, by versioned key: with the
# database cache, each shared-cache read is an SQL query, and the vocabularies and synonyms
# are needed by every search. Bounded; a new version makes older keys unreachable anyway.
_memo = OrderedDict()
_memo_lock = threading.Lock()
MEMO_SIZE = 256


def content_version():
    """The current version; read once per request (one cache read, one SQL query with the
    database cache, however many pages and values the request looks up)."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    if getattr(_request, "active", False):
        _request.version = version
    return version


class ContentVersionMiddleware:
    """Keeps the content version read by a request for the rest of that request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version = False, None


def for_this_content(key, compute, timeout=PAGE_TIMEOUT):
    """``compute()``'s value, computed once per content version and shared by every worker
    (what only the content determines: the map's counts, facet counts, vocabularies), and
    kept in this process for the next requests. Off with the page cache
    (``ESSMAP_PAGE_CACHE=0``), so that benchmarks measure the work itself."""
    if not settings.ESSMAP_PAGE_CACHE:
        return compute()
    versioned = f"essmap:{key}:{content_version()}"
    # A value computed inside a transaction may count writes that never commit: it may go to
    # the shared cache (a database cache rolls back with it) but not stay in this process.
    in_process = not connection.in_atomic_block
    with _memo_lock:
        if in_process and versioned in _memo:
            _memo.move_to_end(versioned)
            # A copy, as a shared-cache read gives: a caller may change what it gets.
            return copy.deepcopy(_memo[versioned])
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout=timeout)
    if not in_process:
        return value
    with _memo_lock:
        _memo[versioned] = copy.deepcopy(value)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value


def bump_content_version():
    """A new version after the current transaction commits (at once outside one)."""
    _pending.bump = True
    transaction.on_commit(_bump)


def _bump():
    # Every write registers this; the first to run after a commit changes the version.
    if getattr(_pending, "bump", False):
        _pending.bump = False
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, timeout=None)
        if getattr(_request, "active", False):
            _request.version = version


def _changed(sender, raw=False, **kwargs):
    # Only the project's models: not the frozen ones of a migration, which runs before the
    # cache table exists.
    if raw or sender._meta.apps is not global_apps:
        return
    if sender._meta.app_label in settings.ESSMAP_PUBLIC_APPS:
        bump_content_version()


def connect():
    """Listen to the models of the public apps only: a deletion receiver on every model would
    deny Django's fast deletion to all of them."""
    for label in settings.ESSMAP_PUBLIC_APPS:
        for model in global_apps.get_app_config(label).get_models(include_auto_created=True):
            if getattr(model, "DERIVED", False):
                continue  # rebuilt from other rows by a write path that bumps the version
            uid = f"essmap-content-version-{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
            m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-links")


def _visitor(request):
    """A request the page cache may answer: an anonymous GET or HEAD (no session: no curator
    previewing a draft, nothing personal on the page)."""
    return (
        settings.ESSMAP_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def cached_for_visitors(view):
    """Keep the view's successful answers to visitors in the shared cache, per address (host
    and query string included) and content version. Every answer says ``Cache-Control:
    no-cache``: browsers may keep it but check it (ETag, 304) before each use."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _visitor(request):
            return _revalidate(view(request, *args, **kwargs))
        address = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        # Today's date too: a territory sheet prints the day it was edited.
        key = f"essmap:page:{content_version()}:{timezone.localdate()}:{digest}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, PAGE_TIMEOUT)
        return _revalidate(response)

    return wrapped


def _revalidate(response):
    response.setdefault("Cache-Control", "no-cache")
    return response
