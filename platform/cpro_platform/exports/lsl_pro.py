"""LSL Pro data: per learner, per compétence the degree 1–4, and the marks, as one CSV.

What is verified and what is not is written in ``docs/exports.md`` and in every row of the
file (columns ``format`` and ``statut_format``), because the official import schema of the
national application (SIECLE LSL) is not public: the structure below is CPRO's proposal,
built to be checked by a person and mapped by a machine, never presented as the official one.

Verified (arrêté du 17 juin 2020, BOEN n° 28 du 10 juillet 2020): the livret scolaire of the
bac pro evaluates compétences on four degrees (1 non maîtrisées … 4 bien maîtrisées) and
gives marks; it concerns learners *sous statut scolaire* only (apprentices have no LSL).

One row per learner × compétence of their latest validated bilan in force (``nature``
``competence``), then one per épreuve with a current ``Note`` (``nature`` ``epreuve``); in the
class export only (teachers and DDFPT: CCF marks are not given to learners before the jury),
one per CCF sous-épreuve of the class's latest **validated** commission (``nature`` ``ccf``:
the mark it settled, the grid's own mark, the status — absent, dispensé, bénéfice — and the
commission's reason when it adjusted the mark).
Semicolon-separated, UTF-8 with a BOM (spreadsheets open it with its accents), decimal point;
every value goes through ``tableurs.neutraliser``.
"""
import csv
import io
from collections import defaultdict

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.bilans.models import NiveauBilan, Note, OrigineNiveau
from cpro_platform.certification.models import Commission, EtatCommission
from cpro_platform.certification.tableau_commission import Tableau
from cpro_platform.etablissements.models import Parcours, Statut
from cpro_platform.referentials.models import Niveau
from cpro_platform.regles import DemandeExport, Fichier, Production, RienAExporter
from cpro_platform.tableurs import neutraliser

from .integres import apprenants_de, derniers_bilans, sans_bilan

#: The format's name and version, in every row: a reader knows which structure it holds.
FORMAT = "cpro-lsl-pro-provisoire/1"
#: In every row: the structure is not the official import schema (see docs/exports.md).
STATUT = gettext_lazy(
    "PROVISOIRE : structure proposée par CPRO, non vérifiée contre le schéma d’import officiel "
    "de LSL Pro (non publié) ; degrés 1 à 4 et statut scolaire vérifiés (arrêté du 17 juin "
    "2020). Voir docs/exports.md.")
#: The four degrees of the LSL Pro (verified): an export on another scale would be wrong.
DEGRES = (1, 2, 3, 4)
COLONNES = ("format", "statut_format", "uai", "ine", "nom", "prenom", "classe", "referentiel",
            "version_referentiel", "date_bilan", "nature", "code", "intitule", "degre",
            "libelle_degre", "note_sur_20", "note_calculee", "modulation", "motif_modulation")


def _statuts(apprenants) -> dict[int, str]:
    """Each learner's current or latest statut (scolaire / apprenti)."""
    statuts: dict[int, str] = {}
    for apprenant_id, statut in (Parcours.objects.filter(apprenant__in=apprenants)
                                 .order_by("apprenant_id", "-debut")
                                 .values_list("apprenant_id", "statut")):
        statuts.setdefault(apprenant_id, statut)
    return statuts


def _echelles(referentiels) -> dict[int, dict[int, str]]:
    echelles: dict[int, dict[int, str]] = defaultdict(dict)
    for ref_id, valeur, libelle in (Niveau.objects.filter(referentiel__in=referentiels)
                                    .order_by("valeur")
                                    .values_list("referentiel_id", "valeur", "libelle")):
        echelles[ref_id][valeur] = libelle
    return echelles


def _lignes(bilans: list, echelles: dict) -> list[list]:
    niveaux, notes = defaultdict(list), defaultdict(list)
    for ligne in (NiveauBilan.objects.filter(bilan__in=bilans).select_related("competence")
                  .order_by("bilan_id", "competence__bloc__ordre", "competence__ordre")):
        niveaux[ligne.bilan_id].append(ligne)
    for note in (Note.objects.filter(bilan__in=bilans, courante=True).select_related("epreuve")
                 .order_by("bilan_id", "epreuve__ordre", "epreuve__code")):
        notes[note.bilan_id].append(note)
    lignes = []
    for bilan in bilans:
        ref = bilan.referentiel
        debut = _debut(bilan, bilan.date)
        for ligne in niveaux[bilan.pk]:
            libelle = (echelles[ref.pk].get(ligne.niveau, "") if ligne.niveau is not None
                       else _("non évaluée à cette date")
                       if ligne.origine == OrigineNiveau.NON_EVALUE else "")
            lignes.append(debut + ["competence", ligne.competence.code,
                                   ligne.competence.intitule, ligne.niveau, libelle,
                                   None, None, None, ""])
        for note in notes[bilan.pk]:
            lignes.append(debut + ["epreuve", note.epreuve.code, note.epreuve.intitule, None,
                                   "", note.note, note.note_calculee, note.modulation,
                                   note.motif])
    return lignes


def _debut(bilan, date) -> list:
    a, classe, ref = bilan.apprenant, bilan.campagne.classe, bilan.referentiel
    return [FORMAT, str(STATUT), classe.etablissement.uai, a.ine, a.nom, a.prenom, classe.nom,
            ref.code, ref.version, date.isoformat()]


def _lignes_ccf(classe, bilans: list) -> list[list]:
    """The CCF marks of the class's latest validated commission, for the learners kept."""
    commission = (Commission.objects.filter(session__classe=classe,
                                            etat=EtatCommission.VALIDEE)
                  .order_by("-session__annee").first())
    if commission is None:
        return []
    tableau = Tableau.depuis_json(commission.archive)
    par_apprenant = {b.apprenant_id: b for b in bilans}
    lignes = []
    for ligne in tableau.lignes:
        bilan = par_apprenant.get(ligne.apprenant)
        if bilan is None:
            continue
        debut = _debut(bilan, timezone.localdate(commission.validee_le))
        for colonne, cellule in tableau.paires(ligne):
            lignes.append(debut + ["ccf", colonne.code, colonne.intitule, None,
                                   cellule.libelle, cellule.note if cellule.compte else None,
                                   cellule.note_grille, None, cellule.motif_ajustement])
    return lignes


def _csv(lignes: list[list]) -> bytes:
    tampon = io.StringIO()
    writer = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLONNES)
    for ligne in lignes:
        # Numbers stay numbers (a modulation of -1 is not a formula); text is neutralised.
        writer.writerow(["" if v is None else neutraliser(v) for v in ligne])
    return tampon.getvalue().encode("utf-8-sig")


def _exporter(demande: DemandeExport, apprenants: list, bilans: dict, nom: str,
              avec_ccf: bool = False) -> Production:
    statuts = _statuts(apprenants)
    echelles = _echelles({b.referentiel_id for b in bilans.values()})
    retenus, manquants = [], []
    for a in apprenants:
        bilan = bilans.get(a.pk)
        if statuts.get(a.pk) == Statut.APPRENTI:
            manquants.append(_("%(nom)s (apprenti : le LSL Pro ne concerne que les élèves sous "
                               "statut scolaire)") % {"nom": a.nom_complet})
        elif bilan is None:
            manquants.append(_("%(nom)s (aucun bilan validé)") % {"nom": a.nom_complet})
        elif tuple(echelles[bilan.referentiel_id]) != DEGRES:
            manquants.append(_("%(nom)s (l’échelle du référentiel %(ref)s n’est pas celle des "
                               "4 degrés du LSL Pro)") % {"nom": a.nom_complet,
                                                          "ref": bilan.referentiel})
        else:
            retenus.append(bilan)
    if not retenus:
        raise RienAExporter(_("Rien à exporter pour le LSL Pro : %(qui)s.")
                            % {"qui": " ; ".join(manquants)})
    lignes = _lignes(retenus, echelles)
    if avec_ccf:
        lignes += _lignes_ccf(demande.classe, retenus)
    return Production((Fichier(nom, _csv(lignes)),), tuple(manquants))


def apprenant(demande: DemandeExport) -> Production:
    a = demande.apprenant
    bilans = derniers_bilans([a])
    if a.pk not in bilans:
        raise sans_bilan(a)
    return _exporter(demande, [a], bilans,
                     (slugify(f"lsl-pro-{a.nom}-{a.prenom}") or "lsl-pro") + ".csv")


def classe(demande: DemandeExport) -> Production:
    apprenants = apprenants_de(demande.classe)
    return _exporter(demande, apprenants, derniers_bilans(apprenants, classe=demande.classe),
                     (slugify(f"lsl-pro-{demande.classe.nom}") or "lsl-pro") + ".csv",
                     avec_ccf=True)
