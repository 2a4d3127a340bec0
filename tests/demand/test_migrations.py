"""Migration 0003 folds the keywords counted before it into the counters (they had no client
and could never be shown under the new rule): the numbers stay; it can be reversed."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("demand", "0002_outcome_local_labels")]
AFTER = [("demand", "0003_searches_once_an_hour_per_client")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_keywords_are_folded_into_the_counters_and_the_migration_reverses():
    old_apps = migrate(BEFORE)
    old = old_apps.get_model("demand", "SearchCount")
    day = date(2026, 11, 30)
    key = {"day": day, "area": "dep-53", "stage": "idee", "outcome": "zero"}
    old.objects.create(**key, keywords="", searches=2)
    old.objects.create(**key, keywords="arnaquezz", searches=3)
    old.objects.create(**{**key, "area": "dep-44"}, keywords="epicerie", searches=1)
    try:
        new = migrate(AFTER).get_model("demand", "SearchCount")
        assert {(c.area, c.searches) for c in new.objects.all()} == {("dep-53", 5), ("dep-44", 1)}
        back = migrate(BEFORE).get_model("demand", "SearchCount")
        assert {(c.area, c.keywords, c.searches) for c in back.objects.all()} == {
            ("dep-53", "", 5),
            ("dep-44", "", 1),
        }
    finally:
        migrate(migrate_leaf())


def migrate_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes("demand")
