from django.db import migrations

# Starting vocabularies; curators add, rename and reorder them in the admin.
VOCABULARIES = {
    "StructureKind": [
        ("cae", "Coopérative d’activité et d’emploi (CAE)"),
        ("incubateur", "Incubateur"),
        ("ptce", "Pôle territorial de coopération économique (PTCE)"),
        ("tiers-lieu", "Tiers-lieu"),
        ("couveuse", "Couveuse d’entreprises"),
        ("pepiniere", "Pépinière d’entreprises"),
        ("reseau-ess", "Réseau de l’ESS"),
        ("dla", "Dispositif local d’accompagnement (DLA)"),
        ("fabrique-a-initiatives", "Fabrique à initiatives"),
        ("fonciere-solidaire", "Foncière solidaire"),
        ("association-accompagnement", "Association d’accompagnement"),
        ("financeur", "Financeur"),
        ("collectivite", "Collectivité"),
        ("autre", "Autre"),
    ],
    "ProgrammeKind": [
        ("ideation", "Idéation, émergence"),
        ("pre-incubation", "Pré-incubation"),
        ("incubation", "Incubation"),
        ("test-activite", "Test d’activité, portage en CAE"),
        ("formation", "Formation"),
        ("financement", "Financement"),
        ("foncier-locaux", "Foncier, locaux"),
        ("cooperative-ephemere", "Coopérative éphémère"),
        ("cjs", "Coopérative jeunesse de services (CJS)"),
        ("mise-en-relation", "Réseau, mise en relation"),
        ("consolidation", "Consolidation, changement d’échelle"),
        ("autre", "Autre"),
    ],
    "Public": [
        ("tous-publics", "Tous publics"),
        ("femmes", "Femmes"),
        ("personnes-exilees", "Personnes exilées"),
        ("jeunes", "Jeunes"),
        ("demandeurs-emploi", "Demandeurs d’emploi"),
        ("allocataires-rsa", "Allocataires du RSA"),
        ("personnes-handicap", "Personnes en situation de handicap"),
        ("collectifs-citoyens", "Collectifs citoyens"),
        ("associations", "Associations"),
        ("entreprises-ess", "Entreprises de l’ESS"),
        ("collectivites", "Collectivités"),
        ("agriculteurs-nima", "Agriculteurs non issus du milieu agricole"),
    ],
    "Sector": [
        ("tous-secteurs", "Tous secteurs"),
        ("agriculture-alimentation", "Agriculture, alimentation"),
        ("batiment", "Bâtiment, construction"),
        ("commerce-artisanat", "Commerce, artisanat"),
        ("culture", "Culture"),
        ("services-personne", "Services à la personne"),
        ("mobilite", "Mobilité"),
        ("environnement", "Environnement, réemploi"),
        ("numerique", "Numérique"),
        ("sante-social", "Santé, social"),
        ("tourisme", "Tourisme"),
    ],
    "Format": [
        ("individuel", "Accompagnement individuel"),
        ("collectif", "Ateliers collectifs"),
        ("formation", "Formation"),
        ("hebergement", "Hébergement juridique (portage)"),
        ("en-ligne", "À distance"),
        ("itinerant", "Itinérant, au plus près des porteurs"),
    ],
}


def create_vocabularies(apps, schema_editor):
    for model_name, entries in VOCABULARIES.items():
        model = apps.get_model("programmes", model_name)
        for order, (value, label) in enumerate(entries, start=1):
            model.objects.get_or_create(
                value=value, defaults={"label": label, "order": order * 10}
            )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]
