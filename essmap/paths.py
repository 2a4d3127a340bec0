"""Where essmap's files are.

What essmap ships lives inside the ``essmap`` package, so that a wheel carries it and an
installed site finds it wherever site-packages is: the templates, the static files and the
shipped data (territories, content, the map of départements).

What essmap writes (the SQLite database, the development secret key, collected static files)
never goes into the package: beside ``manage.py`` in a checkout, in the working directory once
installed (``ESSMAP_VAR_DIR`` and ``STATIC_ROOT`` say otherwise, see essmap/settings.py).
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
FIXTURES_DIR = PACKAGE_DIR / "fixtures"
CONTENT_DIR = FIXTURES_DIR / "content"
TERRITORIES_DIR = FIXTURES_DIR / "territories"
MAPS_DIR = FIXTURES_DIR / "maps"

# Where essmap writes when no variable says (var/, staticfiles/): beside manage.py in a checkout
# (editable install included), else the working directory, never site-packages, which is no
# place for a database and may not be writable.
_checkout = PACKAGE_DIR.parent
WORK_DIR = _checkout if (_checkout / "manage.py").is_file() else Path.cwd()
