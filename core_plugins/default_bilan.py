"""Default suggested bilan: per compétence, the teacher's positionnement where there is one,
else the positioning rule's suggestion, else no level. Documented in ``docs/plugin_hooks.md``.
"""
from django.utils.translation import gettext as _

from cpro_platform import hookimpl
from cpro_platform.regles.valeurs import BilanSuggere, NiveauBilan


def niveau_de(etat) -> NiveauBilan:
    p, s = etat.positionnement, etat.suggestion
    if p is not None:
        return NiveauBilan(etat.competence, p.niveau, "positionnement", _(
            "positionnement du %(date)s par %(auteur)s") % {
            "date": p.date.strftime("%d/%m/%Y"), "auteur": p.auteur})
    if s is not None and s.niveau is not None:
        return NiveauBilan(etat.competence, s.niveau, "suggestion",
                           _("niveau suggéré par la règle de positionnement"))
    return NiveauBilan(etat.competence, None, "aucun",
                       _("ni positionnement ni évaluation notée à cette date"))


@hookimpl(trylast=True)
def suggest_bilan(referentiel, date, competences, echelle):
    return BilanSuggere(
        date=date, niveaux=tuple(niveau_de(etat) for etat in competences),
        regle=_("Pour chaque compétence : le dernier positionnement de l'enseignant à cette "
                "date, sinon le niveau suggéré d'après les évaluations."))
