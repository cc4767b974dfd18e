"""The bilan as a PDF: one learner, one validated bilan, self-contained (inline CSS and SVG).

What it prints: the identity header (``livret.entete``), the profile by bloc and by unit
(the bilan's levels aggregated by the gateway's rule, drawn by ``livret.graphiques``), each
compétence's level with its origin and comment, the general appreciation, the marks with
"pourquoi cette note" (the current ``Note`` rows; where the team has not computed one yet,
the mark rule's answer now, labelled as not settled), the period mark with its explanation
when the team asked for one (``bilans.periodes``), the cycle's validated bilans and the
signature lines. Provisional referential content carries the "Provisoire" badge.

About ten queries per bilan, whatever the learner's history (the bilan is a snapshot).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpro_platform.livret import graphiques
from cpro_platform.livret.entete import Entete, entete
from cpro_platform.livret.impression import barres_imprimees
from cpro_platform.livret.lecture import classe_niveau
from cpro_platform.pdf import html_en_pdf
from cpro_platform.regles import Groupe, Incidents, NiveauCompetence, NoteEpreuve, regles

from .bareme import Bareme, bareme_de, ponderations_propres
from .models import Bilan, Note
from .periodes import EtatPeriode, lire_periodes

PROVISOIRE = "provisoire"


@dataclass
class LigneNiveau:
    code: str
    intitule: str
    provisoire: bool
    niveau: int | None
    libelle: str
    origine: str
    commentaire: str
    css: str


@dataclass
class BlocNiveaux:
    code: str
    intitule: str
    unite: str
    provisoire: bool
    lignes: list[LigneNiveau] = field(default_factory=list)


@dataclass
class LigneNote:
    """An épreuve's mark as printed, from a ``Note`` row (``arretee``) or the rule now."""

    code: str
    intitule: str
    provisoire: bool
    note: Decimal | None
    note_calculee: Decimal | None
    modulation: Decimal
    motif: str
    calcul: str
    formule: str
    regle: str
    #: [{"competence", "niveau", "pourcentage", "points"}]
    termes: list[dict]
    manquantes: list[str]
    arretee: bool


@dataclass
class DocumentBilan:
    bilan: Bilan
    entete: Entete
    blocs: list[BlocNiveaux]
    echelle: list[tuple[int, str]]
    profil_blocs: SafeString
    profil_unites: SafeString
    notes: list[LigneNote]
    #: The learner's validated bilans of the cycle, oldest first (this one included).
    cycle: list[Bilan]
    incidents: Incidents
    #: The period mark, when the team asked for one on this bilan's campaign.
    periode: EtatPeriode | None = None

    @property
    def provisoire(self) -> bool:
        """Anything printed comes from provisional referential content."""
        return (self.entete.provisoire or any(b.provisoire for b in self.blocs)
                or any(ligne.provisoire for b in self.blocs for ligne in b.lignes)
                or any(n.provisoire for n in self.notes))


def _profil(groupes: dict, nature: str, bareme: Bareme, incidents: Incidents,
            titre: str) -> SafeString:
    """``groupes``: (code, intitulé) → [NiveauCompetence]; one bar per group, its level by
    the gateway's aggregation rule (empty when the rule failed), laid out for print."""
    if not groupes or not bareme.echelle:
        return SafeString("")
    barres = []
    for (code, intitule), niveaux in groupes.items():
        agregat = regles().agreger(bareme.ref, Groupe(nature, code, intitule), niveaux,
                                   bareme.echelle, incidents=incidents)
        barres.append(graphiques.Barre(code, agregat.niveau if agregat else None,
                                       f"{code} – {intitule}"))
    return barres_imprimees(
        graphiques.barres(barres, bareme.echelle[0], bareme.echelle[-1], titre=titre))


def _termes(termes) -> list[dict]:
    return [{"competence": t.competence, "niveau": t.niveau, "pourcentage": t.pourcentage,
             "points": t.points} for t in termes]


def _depuis_note(note: Note, provisoire: bool) -> LigneNote:
    explication = note.explication if isinstance(note.explication, dict) else {}
    termes = explication.get("termes")
    return LigneNote(
        code=note.epreuve.code, intitule=note.epreuve.intitule, provisoire=provisoire,
        note=note.note, note_calculee=note.note_calculee, modulation=note.modulation,
        motif=note.motif, calcul=str(explication.get("calcul", "")),
        formule=str(explication.get("formule", "")), regle=str(explication.get("regle", "")),
        termes=[t for t in termes if isinstance(t, dict)] if isinstance(termes, list) else [],
        manquantes=list(explication.get("manquantes") or ()), arretee=True)


def _depuis_regle(resultat: NoteEpreuve, intitule: str, provisoire: bool) -> LigneNote:
    return LigneNote(
        code=resultat.epreuve, intitule=intitule, provisoire=provisoire, note=resultat.note,
        note_calculee=resultat.note, modulation=Decimal(0), motif="",
        calcul=resultat.calcul, formule=resultat.formule, regle=resultat.regle,
        termes=_termes(resultat.termes), manquantes=list(resultat.manquantes), arretee=False)


def _notes(bilan: Bilan, profil: dict, bareme: Bareme, incidents: Incidents
           ) -> list[LigneNote]:
    """The current marks of the bilan; for the épreuves without one, the rule's mark now."""
    arretees = {note.epreuve.code: note for note in Note.objects.filter(
        bilan=bilan, courante=True).select_related("epreuve")}
    propres = None
    lignes = []
    for epreuve in bareme.epreuves:
        provisoire = epreuve.code in bareme.epreuves_provisoires
        if epreuve.code in arretees:
            lignes.append(_depuis_note(arretees.pop(epreuve.code), provisoire))
            continue
        if propres is None:
            propres = ponderations_propres([bilan.apprenant_id], bilan.referentiel).get(
                bilan.apprenant_id, {})
        ponderation = bareme.ponderation(epreuve, propres, incidents)
        resultat = ponderation and regles().noter(bareme.ref, epreuve, profil, ponderation,
                                                  bareme.echelle, incidents=incidents)
        if resultat and resultat.note is not None:
            lignes.append(_depuis_regle(resultat, epreuve.intitule, provisoire))
    # A mark on an épreuve the referential no longer lists still prints.
    lignes += [_depuis_note(note, note.epreuve.provenance == PROVISOIRE)
               for note in arretees.values()]
    return lignes


def lire_bilan(bilan: Bilan) -> DocumentBilan:
    """``bilan`` fetched with ``perimetres_documents.DETAIL_BILAN``."""
    incidents = Incidents()
    bareme = bareme_de(bilan.referentiel)
    classe = bilan.campagne.classe
    blocs: dict[int, BlocNiveaux] = {}
    par_bloc, par_unite = defaultdict(list), defaultdict(list)
    profil = {}
    for ligne in bilan.niveaux.select_related("competence__bloc__unite"):
        competence, bloc = ligne.competence, ligne.competence.bloc
        if bloc.pk not in blocs:
            blocs[bloc.pk] = BlocNiveaux(bloc.code, bloc.intitule,
                                         bloc.unite.code if bloc.unite else "",
                                         bloc.est_provisoire)
        blocs[bloc.pk].lignes.append(LigneNiveau(
            competence.code, competence.intitule, competence.est_provisoire, ligne.niveau,
            bareme.libelles.get(ligne.niveau, "") if ligne.niveau is not None else "",
            ligne.get_origine_display(), ligne.commentaire,
            classe_niveau(ligne.niveau, list(bareme.echelle))))
        profil[competence.code] = ligne.niveau
        valeur = NiveauCompetence(competence.code, ligne.niveau)
        par_bloc[bloc.code, bloc.intitule].append(valeur)
        if bloc.unite:
            par_unite[bloc.unite.code, bloc.unite.intitule].append(valeur)
    return DocumentBilan(
        bilan=bilan, entete=entete(bilan.apprenant, classe, date=bilan.date),
        blocs=list(blocs.values()), echelle=list(bareme.libelles.items()),
        profil_blocs=_profil(par_bloc, "bloc", bareme, incidents,
                             _("Profil par bloc de compétences")),
        profil_unites=_profil(par_unite, "unite", bareme, incidents, _("Profil par unité")),
        notes=_notes(bilan, profil, bareme, incidents),
        cycle=list(Bilan.objects.valides().filter(apprenant_id=bilan.apprenant_id)
                   .select_related("campagne").order_by("date", "valide_le", "pk")),
        incidents=incidents, periode=lire_periodes([bilan])[bilan.pk])


def html_bilan(document: DocumentBilan) -> str:
    return render_to_string("bilans/documents/bilan_pdf.html", {"doc": document})


def bilan_pdf(bilan: Bilan) -> bytes:
    return html_en_pdf(html_bilan(lire_bilan(bilan)))


def nom_du_pdf(bilan: Bilan) -> str:
    """A file name people recognise: learner, date."""
    return (slugify(f"bilan-{bilan.apprenant.nom}-{bilan.apprenant.prenom}-{bilan.date}")
            or "bilan") + ".pdf"
