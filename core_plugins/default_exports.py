"""The built-in export formats, registered like any plugin's (``register_exports``).

The producers live in the host (``cpro_platform.exports``): they read the database and print
with the host's templates. They are imported when the hook is called (by then Django is
ready), so loading the core plugins stays import-light.
"""
from django.utils.translation import gettext_lazy as _

from cpro_platform import hookimpl
from cpro_platform.regles import APPRENANT, CLASSE, FormatExport

PDF, ZIP, CSV = "application/pdf", "application/zip", "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICIEL = _("Document de la plateforme, tiré des données validées.")


@hookimpl
def register_exports(register):
    from cpro_platform.exports import certification, integres, lsl_pro

    register(FormatExport(
        code="livret-pdf", libelle=_("Livret de suivi (PDF)"), portee=APPRENANT,
        type_media=PDF, extension="pdf", produire=integres.livret, statut=OFFICIEL,
        description=_("Le livret de l’apprenant : une colonne par situation, une ligne par "
                      "critère.")))
    register(FormatExport(
        code="bilan-pdf", libelle=_("Dernier bilan validé (PDF)"), portee=APPRENANT,
        type_media=PDF, extension="pdf", produire=integres.bilan, statut=OFFICIEL,
        description=_("Le dernier bilan intermédiaire validé, avec ses notes.")))
    register(FormatExport(
        code="lsl-pro-apprenant", libelle=_("Données LSL Pro de l’apprenant (CSV)"),
        portee=APPRENANT, type_media=CSV, extension="csv", produire=lsl_pro.apprenant,
        statut=lsl_pro.STATUT, provisoire=True,
        description=_("Degré 1 à 4 par compétence et notes du dernier bilan validé.")))
    register(FormatExport(
        code="bilans-classe", libelle=_("Bilans de la classe (un PDF par apprenant, ZIP)"),
        portee=CLASSE, type_media=ZIP, extension="zip", produire=integres.bilans_classe,
        arriere_plan=True, statut=OFFICIEL,
        description=_("Le dernier bilan validé de chaque apprenant de la classe.")))
    register(FormatExport(
        code="livrets-classe", libelle=_("Livrets de la classe (un PDF par apprenant, ZIP)"),
        portee=CLASSE, type_media=ZIP, extension="zip", produire=integres.livrets_classe,
        arriere_plan=True, statut=OFFICIEL,
        description=_("Le livret de suivi de chaque apprenant de la classe.")))
    register(FormatExport(
        code="lsl-pro", libelle=_("Données LSL Pro de la classe (CSV)"), portee=CLASSE,
        type_media=CSV, extension="csv", produire=lsl_pro.classe, statut=lsl_pro.STATUT,
        provisoire=True,
        description=_("Par élève sous statut scolaire : degré 1 à 4 par compétence et notes "
                      "du dernier bilan validé ; après validation de la commission "
                      "d’évaluation, les notes de CCF.")))
    register(FormatExport(
        code="commission-xlsx", libelle=_("Tableau de la commission d’évaluation (XLSX)"),
        portee=CLASSE, type_media=XLSX, extension="xlsx",
        produire=certification.tableau_commission_xlsx, statut=OFFICIEL,
        description=_("Les notes proposées ou arrêtées par sous-épreuve CCF, statuts et "
                      "ajustements, de la dernière session d’examen de la classe.")))
    register(FormatExport(
        code="commission-pdf", libelle=_("Tableau de la commission d’évaluation (PDF)"),
        portee=CLASSE, type_media=PDF, extension="pdf",
        produire=certification.tableau_commission_pdf, statut=OFFICIEL,
        description=_("Le même tableau, imprimable.")))
    register(FormatExport(
        code="proces-verbal-pdf", libelle=_("Procès-verbal de la commission (PDF)"),
        portee=CLASSE, type_media=PDF, extension="pdf", produire=certification.proces_verbal,
        statut=OFFICIEL,
        description=_("Le procès-verbal de la commission d’évaluation (« projet » tant "
                      "qu’elle n’a pas validé).")))
    register(FormatExport(
        code="grilles-ccf", libelle=_("Grilles CCF de la classe (un PDF par sous-épreuve, ZIP)"),
        portee=CLASSE, type_media=ZIP, extension="zip", produire=certification.grilles,
        arriere_plan=True, statut=OFFICIEL,
        description=_("Les grilles d’évaluation CCF de la dernière session d’examen de la "
                      "classe, signées ou en cours.")))
