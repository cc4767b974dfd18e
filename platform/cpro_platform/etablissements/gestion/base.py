"""What every administration screen shares: its access rule, its scope and its layout."""
from functools import partial

from django.shortcuts import render

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import acces

from ..models import Etablissement

#: The decorator of every administration view: the URL's ``etablissement`` must be one the
#: user administers (else 404), and the view receives it as ``etablissement``.
administration = partial(acces, "etablissements.manage_etablissement",
                         perimetre=p.etablissements_administres, kwarg="etablissement",
                         objet="etablissement")

SECTIONS = [
    ("tableau", "gestion:tableau"),
    ("personnes", "gestion:personnes"),
    ("classes", "gestion:classes"),
    ("apprenants", "gestion:apprenants"),
    ("entreprises", "gestion:entreprises"),
    ("inspections", "gestion:inspections"),
]


def seul(etablissement: Etablissement):
    return Etablissement.objects.filter(pk=etablissement.pk)


def apprenants_de(etablissement: Etablissement):
    return p.apprenants_des_etablissements(seul(etablissement))


def personnes_de(etablissement: Etablissement):
    return p.personnes_des_etablissements(seul(etablissement))


def page(request, etablissement: Etablissement, template: str, section: str, status=200,
         **context):
    return render(request, f"etablissements/gestion/{template}",
                  {"etablissement": etablissement, "section": section, **context}, status=status)
