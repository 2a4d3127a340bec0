import re
import unicodedata

from django.db import migrations

# A frozen copy of territories.models.search_form as it was when this migration was written:
# a migration must not run live code that may change later. It now reads every Unicode
# apostrophe, dash and space as a separator (issue 24), where the former one glued them.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_SUR = re.compile(r"\bs/")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(saint|sainte|saints|saintes)\b")
_SAINT_SHORT = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}


def search_form(text):
    text = "".join(" " if ch.isspace() else ch for ch in (text or ""))
    text = "".join(ch for ch in text if ch.isprintable()).translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SUR.sub("sur ", text)
    text = _SEPARATORS.sub(" ", text).strip()
    return _SAINT.sub(lambda m: _SAINT_SHORT[m.group(1)], text)


def refill_search_names(apps, schema_editor):
    Territory = apps.get_model("territories", "Territory")
    changed = []
    for territory in Territory.objects.only("pk", "name", "search_name").iterator():
        form = search_form(territory.name)
        if form != territory.search_name:
            territory.search_name = form
            changed.append(territory)
    Territory.objects.bulk_update(changed, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("territories", "0008_territory_lies_in")]

    operations = [migrations.RunPython(refill_search_names, migrations.RunPython.noop)]
