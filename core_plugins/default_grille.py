"""Default CCF grid layout: built from the referential's data.

One line per compétence the (sous-)épreuve evaluates, in its order, with the compétence's
critères ("code intitulé") and their indicators; lines grouped under their bloc (one
``Rubrique`` per bloc, in order of first appearance); the scale's degrees as the columns.
"""
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import GrilleStructure, LigneGrille, Rubrique


@hookimpl(trylast=True)
def grille_epreuve(referentiel, epreuve, competences, echelle):
    rubriques: dict[str, Rubrique] = {}
    lignes = []
    for competence in competences:
        bloc = competence.bloc
        if bloc is not None and bloc.code not in rubriques:
            rubriques[bloc.code] = Rubrique(bloc.code, bloc.intitule)
        lignes.append(LigneGrille(
            competence=competence.code, intitule=competence.intitule,
            criteres=tuple(f"{c.code} {c.intitule}" for c in competence.criteres),
            indicateurs=tuple(i for c in competence.criteres for i in c.indicateurs),
            rubrique=bloc.code if bloc is not None else "",
            provisoire=competence.provisoire or any(c.provisoire for c in competence.criteres)))
    return GrilleStructure(
        epreuve=epreuve.code, intitule=epreuve.intitule, lignes=tuple(lignes),
        degres=tuple(echelle), rubriques=tuple(rubriques.values()),
        regle=_("Grille construite à partir du référentiel : les compétences de l’épreuve "
                "avec leurs critères et indicateurs, regroupées par bloc, et les degrés de "
                "maîtrise de son échelle."))
