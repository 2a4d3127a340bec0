# The model moved here from ``programmes`` (which kept it until its 0008): its state is created
# as it was, on its old table, which is then renamed to this app's name.
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

APP = "suggestions"
MODELS = ['suggestion', 'historicalsuggestion']


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
                name='HistoricalSuggestion',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('structure', 'Nouvelle structure'), ('dispositif', 'Nouveau dispositif'), ('erreur', 'Erreur signalée')], max_length=12, verbose_name='type')),
                    ('name', models.CharField(max_length=200, verbose_name='nom proposé')),
                    ('message', models.TextField(max_length=3000, verbose_name='description ou message')),
                    ('website', models.URLField(blank=True, verbose_name='site web ou source')),
                    ('contact_name', models.CharField(blank=True, max_length=120, verbose_name='nom de la personne')),
                    ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='courriel de la personne')),
                    ('status', models.CharField(choices=[('en_attente', 'En attente'), ('acceptee', 'Acceptée'), ('refusee', 'Refusée')], db_index=True, default='en_attente', max_length=12, verbose_name='état')),
                    ('rejection_reason', models.TextField(blank=True, help_text='Obligatoire pour refuser. Visible seulement dans l’administration.', max_length=1000, verbose_name='motif du refus')),
                    ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='traitée le')),
                    ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='reçue le')),
                    ('submitter_ip_hash', models.CharField(blank=True, editable=False, help_text='Empreinte non réversible (HMAC avec la clé secrète) : repère les envois répétés d’une même connexion sans conserver l’adresse.', max_length=64, verbose_name='empreinte de l’adresse IP')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='dispositif concerné ou créé')),
                    ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='traitée par')),
                    ('structure', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.structure', verbose_name='structure concernée ou créée')),
                    ('territory', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='territories.territory', verbose_name='commune ou territoire')),
                ],
                options={
                    'db_table': 'programmes_historicalsuggestion',
                    'verbose_name': 'historique de suggestion',
                    'verbose_name_plural': 'historical suggestions du public',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Suggestion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('structure', 'Nouvelle structure'), ('dispositif', 'Nouveau dispositif'), ('erreur', 'Erreur signalée')], max_length=12, verbose_name='type')),
                    ('name', models.CharField(max_length=200, verbose_name='nom proposé')),
                    ('message', models.TextField(max_length=3000, verbose_name='description ou message')),
                    ('website', models.URLField(blank=True, verbose_name='site web ou source')),
                    ('contact_name', models.CharField(blank=True, max_length=120, verbose_name='nom de la personne')),
                    ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='courriel de la personne')),
                    ('status', models.CharField(choices=[('en_attente', 'En attente'), ('acceptee', 'Acceptée'), ('refusee', 'Refusée')], db_index=True, default='en_attente', max_length=12, verbose_name='état')),
                    ('rejection_reason', models.TextField(blank=True, help_text='Obligatoire pour refuser. Visible seulement dans l’administration.', max_length=1000, verbose_name='motif du refus')),
                    ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='traitée le')),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='reçue le')),
                    ('submitter_ip_hash', models.CharField(blank=True, editable=False, help_text='Empreinte non réversible (HMAC avec la clé secrète) : repère les envois répétés d’une même connexion sans conserver l’adresse.', max_length=64, verbose_name='empreinte de l’adresse IP')),
                    ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='suggestions', to='programmes.programme', verbose_name='dispositif concerné ou créé')),
                    ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='traitée par')),
                    ('structure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='suggestions', to='programmes.structure', verbose_name='structure concernée ou créée')),
                    ('territory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='territories.territory', verbose_name='commune ou territoire')),
                ],
                options={
                    'db_table': 'programmes_suggestion',
                    'verbose_name': 'suggestion du public',
                    'verbose_name_plural': 'suggestions du public',
                    'ordering': ['-created_at'],
                },
            ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.AlterModelTable(name='suggestion', table=None),
        migrations.AlterModelTable(name='historicalsuggestion', table=None),
    ]
