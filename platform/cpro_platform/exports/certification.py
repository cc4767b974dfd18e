"""The certification's formats: the CCF grids, the commission's minutes and class table.

Class-scope only (``exports.export_classe``: the class's teachers and the DDFPT): learners and
tutors never see CCF marks before the jury. The session is the class's latest one.
"""
from django.utils.translation import gettext as _

from cpro_platform.certification.documents_commission import (
    nom_de_fichier, proces_verbal_pdf, tableau_pdf, tableau_xlsx)
from cpro_platform.certification.grilles_documents import (
    grilles_pdf, nom_du_pdf_classe)
from cpro_platform.certification.models import Commission, GrilleCCF, SessionExamen
from cpro_platform.certification.tableau_commission import sous_epreuves_ccf
from cpro_platform.regles import DemandeExport, Fichier, Production, RienAExporter


def session_de(demande: DemandeExport) -> SessionExamen:
    session = (SessionExamen.objects.filter(classe=demande.classe).order_by("-annee")
               .select_related("classe", "referentiel").first())
    if session is None:
        raise RienAExporter(_("La classe %(classe)s n’a pas de session d’examen : rien à "
                              "exporter.") % {"classe": demande.classe.nom})
    return session


def proces_verbal(demande: DemandeExport) -> Production:
    session = session_de(demande)
    commission = Commission.objects.filter(session=session).first()
    if commission is None:
        raise RienAExporter(_("Aucune commission d’évaluation pour la session %(annee)s de "
                              "%(classe)s : rien à exporter.")
                            % {"annee": session.annee, "classe": session.classe.nom})
    return Production((Fichier(nom_de_fichier(session, "proces-verbal", "pdf"),
                               proces_verbal_pdf(commission)),))


def tableau_commission_pdf(demande: DemandeExport) -> Production:
    session = session_de(demande)
    return Production((Fichier(nom_de_fichier(session, "commission", "pdf"),
                               tableau_pdf(session)),))


def tableau_commission_xlsx(demande: DemandeExport) -> Production:
    session = session_de(demande)
    return Production((Fichier(nom_de_fichier(session, "commission", "xlsx"),
                               tableau_xlsx(session)),))


def grilles(demande: DemandeExport) -> Production:
    """One PDF per CCF sous-épreuve with grids: the class's grids, a page or more each."""
    session = session_de(demande)
    epreuves = [e for e in sous_epreuves_ccf(session)
                if GrilleCCF.objects.filter(session=session, epreuve=e).exists()]
    if not epreuves:
        raise RienAExporter(_("Aucune grille CCF pour la session %(annee)s de %(classe)s : "
                              "rien à exporter.")
                            % {"annee": session.annee, "classe": session.classe.nom})
    fichiers = []
    demande.progression(0, len(epreuves))
    for epreuve in epreuves:
        fichiers.append(Fichier(nom_du_pdf_classe(session, epreuve),
                                grilles_pdf(session, epreuve)))
        demande.progression(len(fichiers), len(epreuves))
    return Production(tuple(fichiers))
