"""Fields: a column ↔ an attribute of an entry (or, for the list columns, its links, written
through :mod:`programmes.writes`)."""

from import_export.fields import Field

from bulk.widgets import KeysWidget, Link, PersonProgrammesWidget, StagesWidget, YesNoWidget
from programmes import writes
from programmes.models import STAGE_FIELDS, Structure


def _is_new(instance):
    """Created by this import: it has no links yet (no query to find them)."""
    return getattr(instance, "_import_new", False)


def column(name, widget, **kwargs):
    return Field(attribute=name, column_name=name, widget=widget, **kwargs)


class RelationField(Field):
    """A column listing related entries (a :class:`KeysWidget`). Validated with the rest of
    its line, compared by key to tell whether the line changes anything, written once the
    entry is saved — or, when ``deferred``, once every line is (it may name entries created
    further down the file)."""

    def __init__(self, name, widget, deferred=False):
        super().__init__(attribute=name, column_name=name, widget=widget)
        self.deferred = deferred

    def related(self, instance):
        return list(getattr(instance, self.attribute).all()) if instance.pk else []

    def keys(self, objects):
        return {self.widget.key_of(obj) for obj in objects}

    def write(self, instance, objects):
        writes.set_links(instance, self.attribute, objects, new=_is_new(instance))

    def get_value(self, instance):
        return self.related(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):
        self.write(instance, self.clean(row, **kwargs))

    def export(self, instance, **kwargs):
        pending = getattr(instance, "_import_links", {}).get(self.column_name)
        return self.widget.render_list(self.related(instance) if pending is None else pending)


class RoleField(RelationField):
    """The structures of a programme with one role (through ``ProgrammeStructure``)."""

    def __init__(self, name, role):
        super().__init__(name, KeysWidget(Structure, "slug", "structure inconnue"))
        self.role = role

    def links(self, instance):
        return [link for link in instance.structure_links.all() if link.role == self.role]

    def related(self, instance):
        return [link.structure for link in self.links(instance)] if instance.pk else []

    def write(self, instance, objects):
        reason = writes.reason_of(instance)
        writes.set_role_structures(instance, self.role, objects, reason, new=_is_new(instance))


class PersonProgrammesField(RelationField):
    def __init__(self):
        super().__init__("programmes", PersonProgrammesWidget())

    def related(self, instance):
        if not instance.pk:
            return []
        return [Link(link.programme, link.relation) for link in instance.programme_links.all()]

    def write(self, instance, objects):
        relations = {link.programme: link.relation for link in objects}
        writes.set_person_programmes(instance, relations, new=_is_new(instance))


class StagesField(Field):
    """A list of stages (``idee|creation``) ↔ three boolean fields: a programme's ``stages``,
    or a structure's ``general_stages`` (its general accompaniment)."""

    def __init__(self, name="stages", fields=STAGE_FIELDS):
        super().__init__(attribute=name, column_name=name, widget=StagesWidget())
        self.stage_fields = fields

    def get_value(self, instance):
        return [str(stage) for stage in getattr(instance, self.attribute)]

    def save(self, instance, row, is_m2m=False, **kwargs):
        stages = self.clean(row, **kwargs)
        for stage, name in self.stage_fields.items():
            setattr(instance, name, stage in stages)


class StageFlagField(Field):
    """``stage_idee``…: accepted on import instead of ``stages`` (which wins when both are
    given), never exported."""

    def __init__(self, name):
        super().__init__(attribute=name, column_name=name, widget=YesNoWidget())

    def save(self, instance, row, is_m2m=False, **kwargs):
        if "stages" not in row:
            super().save(instance, row, is_m2m, **kwargs)
