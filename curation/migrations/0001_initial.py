# The model moved here from ``programmes`` (which kept it until its 0008): its state is created
# as it was, on its old table, which is then renamed to this app's name.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP = "curation"
MODELS = ['editorscope']


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
        ('territories', '0005_search_name_trigram_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='EditorScope',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('territories', models.ManyToManyField(limit_choices_to={'kind__in': ['region', 'departement']}, to='territories.territory', verbose_name='régions et départements')),
                    ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='editor_scope', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                ],
                options={
                    'db_table': 'programmes_editorscope',
                    'verbose_name': 'périmètre d’éditeur régional',
                    'verbose_name_plural': 'périmètres des éditeurs régionaux',
                },
            ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.AlterModelTable(name='editorscope', table=None),
    ]
