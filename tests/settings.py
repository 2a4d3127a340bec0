"""The test suite's settings (pyproject.toml, ``DJANGO_SETTINGS_MODULE``): essmap's own
(essmap/settings.py), in development mode, with the benchmarks app whose commands
tests/benchmarks/ runs. A variable already set in the environment wins."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ESSMAP_BENCHMARKS", "1")

from essmap.settings import *  # noqa: E402, F403
