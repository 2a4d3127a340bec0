"""Fields: a column ↔ an attribute of an entry (or, for the list columns, its links)."""

from import_export.fields import Field

from bulk.widgets import KeysWidget, Link, PersonProgrammesWidget, StagesWidget, YesNoWidget
from programmes.models import STAGE_FIELDS, PersonProgramme, ProgrammeStructure, Structure


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
        manager = getattr(instance, self.attribute)
        if not getattr(instance, "_import_new", False):
            manager.set(objects)
        elif objects:  # a new entry has no links to remove
            manager.add(*objects)

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
        # A new entry has no links yet.
        links = [] if getattr(instance, "_import_new", False) else self.links(instance)
        wanted = {obj.pk for obj in objects}
        for link in links:
            if link.structure_id not in wanted:
                link.delete()
        present = {link.structure_id for link in links}
        for obj in objects:
            if obj.pk not in present:
                ProgrammeStructure.objects.create(programme=instance, structure=obj, role=self.role)
        getattr(instance, "_prefetched_objects_cache", {}).pop("structure_links", None)


class PersonProgrammesField(RelationField):
    def __init__(self):
        super().__init__("programmes", PersonProgrammesWidget())

    def related(self, instance):
        if not instance.pk:
            return []
        return [Link(link.programme, link.relation) for link in instance.programme_links.all()]

    def write(self, instance, objects):
        wanted = {link.programme.pk: link.relation for link in objects}
        new = getattr(instance, "_import_new", False)
        existing = [] if new else list(instance.programme_links.all())
        for link in existing:
            if link.programme_id not in wanted:
                link.delete()
            elif link.relation != wanted[link.programme_id]:
                link.relation = wanted[link.programme_id]
                link.save()
        present = {link.programme_id for link in existing}
        for pk, relation in wanted.items():
            if pk not in present:
                PersonProgramme.objects.create(person=instance, programme_id=pk, relation=relation)
        getattr(instance, "_prefetched_objects_cache", {}).pop("programme_links", None)


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
