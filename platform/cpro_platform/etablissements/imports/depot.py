"""Uploads waiting for confirmation: an ``Importation`` in the "aperçu" state.

The upload is analysed once and its preview stored (rows, errors, counts), so that the
preview's pages are read back without analysing again; the file itself is kept only if it
can be imported, and the background run analyses it again before writing anything (the
database may have changed meanwhile). Each administrator keeps a few previews; older ones,
and any preview left for more than a day, are deleted.
"""
import datetime

from django.utils import timezone

from ..models import Etablissement, EtatImport, Importation
from .base import Analyse

GARDES = 3
DUREE = datetime.timedelta(days=1)


def lignes(analyse: Analyse) -> list[dict]:
    return [{"numero": op.numero, "resume": op.resume, "action": op.action,
             "details": [str(d) for d in op.details]} for op in analyse.operations]


def erreurs(analyse: Analyse) -> list[dict]:
    return [{"numero": e.numero, "message": str(e)} for e in analyse.erreurs]


def deposer(etablissement: Etablissement, auteur, type: str, nom: str, contenu: bytes,
            analyse: Analyse) -> Importation:
    _menage(auteur)
    return Importation.objects.create(
        etablissement=etablissement, auteur=auteur, type=type, nom_fichier=nom[:255],
        contenu=contenu if analyse.valide else b"", compteurs=analyse.compteurs,
        erreurs=erreurs(analyse), lignes=lignes(analyse),
        lignes_total=len(analyse.operations))


def _menage(auteur) -> None:
    apercus = Importation.objects.filter(etat=EtatImport.APERCU)
    apercus.filter(cree_le__lt=timezone.now() - DUREE).delete()
    gardes = apercus.filter(auteur=auteur).values_list("pk", flat=True)[:GARDES - 1]
    apercus.filter(auteur=auteur).exclude(pk__in=list(gardes)).delete()
