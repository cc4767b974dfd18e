"""The commission's documents, as bytes: the procès-verbal (PDF), the class table (PDF, XLSX).

Each prints the identity header of the class and session, the class × sous-épreuve table
(the archived one once the commission validated, else the live one, and then the minutes are
marked "projet"), and provisional referential content badged. The spreadsheet's text cells go
through ``tableurs.neutraliser``: a learner named ``=HYPERLINK(…)`` stays text.
"""
import datetime
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from cpro_platform.livret.entete import enseignants_de
from cpro_platform.pdf import html_en_pdf
from cpro_platform.tableurs import neutraliser

from .commission import Membre, commission_de, membres, tableau_de
from .models import AjustementCommission, Commission, SessionExamen
from .tableau_commission import Statut, Tableau


@dataclass(frozen=True)
class EnteteSession:
    etablissement: str
    uai: str
    classe: str
    annee_scolaire: str
    session: int
    diplome: str
    referentiel: str
    referentiel_code: str
    referentiel_version: str
    provisoire: bool
    enseignants: tuple[str, ...]
    edite_le: datetime.datetime


def entete_session(session: SessionExamen) -> EnteteSession:
    classe, referentiel = session.classe, session.referentiel
    return EnteteSession(
        etablissement=classe.etablissement.nom, uai=classe.etablissement.uai,
        classe=classe.nom, annee_scolaire=str(classe.annee), session=session.annee,
        diplome=referentiel.diplome, referentiel=referentiel.intitule,
        referentiel_code=referentiel.code, referentiel_version=referentiel.version,
        provisoire=referentiel.est_provisoire, enseignants=enseignants_de(classe),
        edite_le=timezone.now())


def _session(session: SessionExamen) -> SessionExamen:
    return SessionExamen.objects.select_related(
        "classe__etablissement", "classe__annee", "referentiel", "commission__validee_par"
    ).get(pk=session.pk)


def ajustements(commission: Commission) -> list[AjustementCommission]:
    """Every adjustment, the superseded ones too, oldest first (the minutes' record)."""
    return list(commission.ajustements.select_related(
        "grille__apprenant", "grille__epreuve", "par").order_by("le", "pk"))


@dataclass
class DocumentCommission:
    entete: EnteteSession
    tableau: Tableau
    commission: Commission | None
    membres: list[Membre]
    ajustements: list[AjustementCommission]

    @property
    def projet(self) -> bool:
        return self.commission is None or not self.commission.validee

    @property
    def provisoire(self) -> bool:
        return self.entete.provisoire or self.tableau.provisoire

    @property
    def paires(self) -> list:
        return [(ligne, self.tableau.paires(ligne)) for ligne in self.tableau.lignes]


def lire(session: SessionExamen) -> DocumentCommission:
    session = _session(session)
    commission = commission_de(session)
    tous = ajustements(commission) if commission else []
    return DocumentCommission(
        entete=entete_session(session), tableau=tableau_de(session, commission, tous),
        commission=commission, membres=membres(commission, session) if commission else [],
        ajustements=tous)


def proces_verbal_pdf(commission: Commission) -> bytes:
    return html_en_pdf(render_to_string("certification/commission/proces_verbal_pdf.html",
                                        {"doc": lire(commission.session)}))


def tableau_pdf(session: SessionExamen) -> bytes:
    return html_en_pdf(render_to_string("certification/commission/tableau_pdf.html",
                                        {"doc": lire(session)}))


def _texte_cellule(cellule) -> str:
    if cellule.statut == Statut.ABSENT:
        return _("ABS (justifié)") if cellule.justifie else _("ABS")
    if cellule.statut == Statut.DISPENSE:
        return _("Dispensé")
    if cellule.statut == Statut.PROPOSEE and cellule.note is not None:
        return _("proposée %(note)s (non signée)") % {"note": number_format(cellule.note, 2)}
    return str(Statut.LIBELLES[cellule.statut])


def tableau_xlsx(session: SessionExamen) -> bytes:
    """One sheet for the table, one for the adjustments; marks stay numbers."""
    doc = lire(session)
    t, e = doc.tableau, doc.entete
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = _("Tableau")
    gras = Font(bold=True)

    def ligne(valeurs):
        feuille.append([neutraliser(v) for v in valeurs])

    ligne([_("Commission d’évaluation — %(classe)s — session %(session)s") % {
        "classe": e.classe, "session": e.session}])
    feuille["A1"].font = gras
    ligne([f"{e.etablissement} ({e.uai})", f"{e.diplome} — {e.referentiel_code} "
           f"{e.referentiel_version}" + (f" ({_('provisoire')})" if doc.provisoire else "")])
    ligne([_("Projet : la commission n’a pas validé.") if doc.projet else _(
        "Validé le %(date)s par %(qui)s.") % {
        "date": timezone.localtime(doc.commission.validee_le).strftime("%d/%m/%Y"),
        "qui": doc.commission.validee_par.get_full_name()
        or doc.commission.validee_par.get_username()}])
    ligne([])
    entetes = [_("Nom"), _("Prénom"), _("INE")] + [
        f"{c.code} (coef. {c.coefficient.normalize():f})" for c in t.colonnes] + [
        _("Moyenne pondérée"), _("Points"), _("Coefficients comptés"), _("Sans note retenue")]
    ligne(entetes)
    for cellule in feuille[feuille.max_row]:
        cellule.font = gras
    for lg in t.lignes:
        valeurs = [lg.nom, lg.prenom, lg.ine]
        for cellule in lg.cellules:
            valeurs.append(cellule.note if cellule.compte else _texte_cellule(cellule))
        valeurs += [lg.moyenne, lg.points, lg.coefficients, ", ".join(lg.manquantes)]
        ligne(valeurs)
        rang = feuille.max_row
        for i, cellule in enumerate(lg.cellules):
            note = None
            if cellule.statut == Statut.BENEFICE:
                note = _("Bénéfice de la session %(annee)s") % {"annee": cellule.session_origine}
            elif cellule.ajustee:
                note = _("Ajustée par la commission (note de la grille : %(note)s) : %(motif)s"
                         ) % {"note": cellule.note_grille, "motif": cellule.motif_ajustement}
            if note:
                # A comment is never evaluated: no neutralising needed.
                feuille.cell(rang, 4 + i).comment = Comment(note, "CPRO")
    ligne([])
    ligne([_("Effectifs par sous-épreuve")])
    for libelle, nombres in t.effectifs():
        ligne(["", libelle, ""] + nombres)

    historique = classeur.create_sheet(_("Ajustements"))
    historique.append([neutraliser(v) for v in (
        _("Apprenant"), _("Sous-épreuve"), _("Note de la grille"), _("Note arrêtée"),
        _("Motif"), _("Par"), _("Le"), _("Courant"))])
    for a in doc.ajustements:
        historique.append([neutraliser(v) for v in (
            a.grille.apprenant.nom_complet, a.grille.epreuve.code, a.note_avant, a.note_apres,
            a.motif, a.par.get_full_name() or a.par.get_username(),
            timezone.localtime(a.le).replace(tzinfo=None), _("oui") if a.courant else _("non"))])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def nom_de_fichier(session: SessionExamen, quoi: str, extension: str) -> str:
    return (slugify(f"{quoi}-{session.classe.nom}-session-{session.annee}") or quoi
            ) + f".{extension}"
