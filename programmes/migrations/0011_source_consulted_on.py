# Web pages as sources: the date each was consulted, room for long page addresses, and the file
# name help names the web: key.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0010_served_areas'),
    ]

    operations = [
        migrations.AddField(
            model_name='sourcedocument',
            name='consulted_on',
            field=models.DateField(blank=True, help_text='Pour une page web : la date à laquelle elle a été lue (elle peut changer depuis).', null=True, verbose_name='consulté le'),
        ),
        migrations.AlterField(
            model_name='sourcedocument',
            name='file_name',
            field=models.CharField(help_text='Identifiant unique du document : nom du fichier source (ex. 003_….txt) ou, pour une page web, « web:<domaine>/<chemin> ».', max_length=200, unique=True, verbose_name='fichier'),
        ),
        migrations.AlterField(
            model_name='sourcedocument',
            name='url',
            field=models.URLField(blank=True, max_length=500, verbose_name='adresse'),
        ),
    ]
