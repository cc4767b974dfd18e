"""Carry the bilans' document batches (``bilans.LotDocuments``) over to the one export batch.

Each campaign batch becomes a ``bilans-classe`` export with the campaign as parameter; its
file stays where it is in the documents storage (the stored name is copied, not the bytes).
"""
from django.db import migrations

#: ``bilans.LotDocuments.nature`` → the registered format that makes the same thing now.
FORMATS = {"bilans": "bilans-classe"}


def copier(apps, schema_editor):
    LotDocuments = apps.get_model("bilans", "LotDocuments")
    LotExport = apps.get_model("exports", "LotExport")
    LotExport.objects.bulk_create([
        LotExport(format=FORMATS.get(ancien.nature, ancien.nature), classe_id=ancien.classe_id,
                  parametres={"campagne": ancien.campagne_id} if ancien.campagne_id else {},
                  auteur_id=ancien.auteur_id, etat=ancien.etat, total=ancien.total,
                  faits=ancien.faits, fichier=ancien.fichier.name, manquants=ancien.manquants,
                  erreur=ancien.erreur, cree_le=ancien.cree_le, debut=ancien.debut,
                  fin=ancien.fin)
        for ancien in LotDocuments.objects.order_by("pk")])


def rendre(apps, schema_editor):
    LotDocuments = apps.get_model("bilans", "LotDocuments")
    LotExport = apps.get_model("exports", "LotExport")
    natures = {v: k for k, v in FORMATS.items()}
    LotDocuments.objects.bulk_create([
        LotDocuments(nature=natures[lot.format], classe_id=lot.classe_id,
                     campagne_id=lot.parametres.get("campagne"), auteur_id=lot.auteur_id,
                     etat=lot.etat, total=lot.total, faits=lot.faits, fichier=lot.fichier.name,
                     manquants=lot.manquants, erreur=lot.erreur, cree_le=lot.cree_le,
                     debut=lot.debut, fin=lot.fin)
        for lot in LotExport.objects.filter(format__in=natures).order_by("pk")])


class Migration(migrations.Migration):

    dependencies = [
        ("exports", "0001_initial"),
        ("bilans", "0005_lots_documents"),
    ]

    operations = [migrations.RunPython(copier, rendre)]
