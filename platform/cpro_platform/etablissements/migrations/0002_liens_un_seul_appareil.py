"""An establishment may bind each magic link to the first browser that opens it."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('etablissements', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='etablissement',
            name='liens_un_seul_appareil',
            field=models.BooleanField(default=False, help_text="Le lien envoyé à un tuteur ne fonctionne que dans le premier navigateur qui l'ouvre ; pour changer d'appareil, le tuteur demande un nouveau lien.", verbose_name='un seul appareil par lien de connexion'),
        ),
        migrations.AddField(
            model_name='historicaletablissement',
            name='liens_un_seul_appareil',
            field=models.BooleanField(default=False, help_text="Le lien envoyé à un tuteur ne fonctionne que dans le premier navigateur qui l'ouvre ; pour changer d'appareil, le tuteur demande un nouveau lien.", verbose_name='un seul appareil par lien de connexion'),
        ),
    ]
