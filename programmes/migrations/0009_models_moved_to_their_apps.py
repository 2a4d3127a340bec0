# SearchSynonym, EditorScope and Suggestion (with its history) now live in the apps ``search``,
# ``curation`` and ``suggestions``: their state leaves this app; their tables were taken over
# (and renamed) by those apps' first migrations.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0008_suggestions'),
        ('search', '0001_initial'),
        ('curation', '0001_initial'),
        ('suggestions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SearchSynonym'),
                migrations.DeleteModel(name='EditorScope'),
                migrations.DeleteModel(name='HistoricalSuggestion'),
                migrations.DeleteModel(name='Suggestion'),
            ],
        ),
    ]
