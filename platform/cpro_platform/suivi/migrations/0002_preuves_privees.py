"""Evidence files move out of MEDIA_ROOT into the private storage, under random names.

Before, a file was stored as ``suivi/preuves/<situation>/<learner>/<uploaded name>`` in the
default storage, which ``static(MEDIA_URL)`` serves to anyone under DEBUG. Each such file is
copied to the private storage under a random name, typed from its content (a file that is not
an accepted type keeps an empty type: the view serves it as a sandboxed download), the rows
sharing it (versions of a cell) are pointed at the copy, and the public file is deleted once
that commits. Rows whose file is already gone are left as they are (the view answers 404).
Re-running moves nothing twice: moved rows have a ``preuve_nom``.
"""
from django.core.files.storage import storages
from django.db import migrations, models, transaction

import cpro_platform.suivi.models.evaluations
import cpro_platform.suivi.stockage
from cpro_platform.suivi.models.evaluations import chemin_preuve
from cpro_platform.suivi.preuves import nom_affichable, type_detecte
from cpro_platform.suivi.stockage import stockage_preuves


def deplacer_les_preuves(apps, schema_editor):
    Evaluation = apps.get_model("suivi", "Evaluation")
    public, prive = storages["default"], stockage_preuves()
    anciens = (Evaluation.objects.exclude(preuve="").filter(preuve_nom="")
               .values_list("preuve", "situation_id", "apprenant_id").distinct().order_by())
    for ancien, situation_id, apprenant_id in list(anciens):
        if not public.exists(ancien):
            continue
        with public.open(ancien, "rb") as fichier:
            type_ = type_detecte(fichier) or ""
            cible = Evaluation(situation_id=situation_id, apprenant_id=apprenant_id,
                               preuve_type=type_)
            nouveau = prive.save(chemin_preuve(cible, ancien), fichier)
        Evaluation.objects.filter(preuve=ancien).update(
            preuve=nouveau, preuve_type=type_,
            preuve_nom=nom_affichable(ancien.rsplit("/", 1)[-1], type_ or None))
        transaction.on_commit(lambda ancien=ancien: public.delete(ancien))


class Migration(migrations.Migration):

    dependencies = [
        ('suivi', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluation',
            name='preuve_nom',
            field=models.CharField(blank=True, help_text="Nom d'origine du fichier, nettoyé.", max_length=150, verbose_name='nom de la preuve'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='preuve_type',
            field=models.CharField(blank=True, help_text="Type du fichier, détecté d'après son contenu.", max_length=50, verbose_name='type de la preuve'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='preuve',
            field=models.FileField(blank=True, help_text='Photo ou document attestant la réalisation.', max_length=300, storage=cpro_platform.suivi.stockage.stockage_preuves, upload_to=cpro_platform.suivi.models.evaluations.chemin_preuve, verbose_name='preuve'),
        ),
        # Reversing leaves the files in the private storage (they stay off any public URL).
        migrations.RunPython(deplacer_les_preuves, migrations.RunPython.noop),
    ]
