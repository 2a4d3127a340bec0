# The model moved here from ``programmes`` (which kept it until its 0008): its state is created
# as it was, on its old table, which is then renamed to this app's name.
from django.db import migrations, models

APP = "search"
MODELS = ['searchsynonym']


def move_content_types(apps, schema_editor):
    """Permissions (and the groups holding them) and admin log entries follow the model: its
    content type changes app, it is not created anew."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=APP, model=model).exists():
            ContentType.objects.filter(app_label="programmes", model=model).update(app_label=APP)


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=APP, model__in=MODELS).update(app_label="programmes")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programmes', '0008_suggestions'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='SearchSynonym',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('expressions', models.CharField(help_text='Au moins deux mots ou expressions séparés par des virgules, par exemple : « CAE, coopérative d’activité et d’emploi ». Accents et majuscules sont ignorés.', max_length=500, unique=True, verbose_name='expressions équivalentes')),
                ],
                options={
                    'db_table': 'programmes_searchsynonym',
                    'verbose_name': 'synonyme de recherche',
                    'verbose_name_plural': 'synonymes de recherche',
                    'ordering': ['expressions'],
                },
            ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.AlterModelTable(name='searchsynonym', table=None),
    ]
