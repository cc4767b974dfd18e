"""The livret de suivi of one learner, read in a constant number of queries.

One column per situation in which the learner has a current value, oldest first; rows by
bloc → compétence → critère of the referentials of the learner's classes. Five queries, pivoted
in Python: the learner's current evaluations, the situations of their classes, the critères
(with compétence, bloc, unit), the scales, and the positionnements.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant, Inscription
from cpro_platform.referentials.models import Bloc, Competence, Critere, Niveau, Unite
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import (
    Groupe, Incidents, NiveauCompetence, SituationObservee, Suggestion, Transfert, regles)
from cpro_platform.suivi.models import Etat, Lieu, Situation, TypeSituation, code_de

from . import graphiques
from .filtres import Filtres
from .models import Positionnement
from .observations import (
    Note, Observateur, cle_chronologique, criteres_des, date_de, echelles, notes_courantes,
    suggestions)
from .parcours import ParcoursLivret, lire_parcours


def classe_niveau(valeur: int | None, echelle: list[int]) -> str:
    """A CSS class from 1 (lowest) to 4 (highest) for a level on any scale length."""
    if valeur is None or valeur not in echelle:
        return ""
    rang = echelle.index(valeur)
    return f"cpro-niv-{1 + round(3 * rang / max(1, len(echelle) - 1))}"


@dataclass
class Colonne:
    situation: Situation
    date: datetime.date
    #: The statut and establishment at this date when they differ from today's, else "".
    parcours: str = ""

    @property
    def en_entreprise(self) -> bool:
        return self.situation.lieu == Lieu.ENTREPRISE

    @property
    def certificative(self) -> bool:
        return self.situation.type == TypeSituation.CERTIFICATIVE

    @property
    def classe_css(self) -> str:
        return "cpro-c--entreprise" if self.en_entreprise else "cpro-c--centre"


@dataclass
class LigneCritere:
    critere: Critere
    cellules: SafeString
    #: Evaluated levels over the visible columns, oldest first.
    niveaux: list[int]
    #: The visible values by situation id, and each level's CSS class (the print grid).
    notes: dict[int, Note] = field(default_factory=dict)
    css: dict[int, str] = field(default_factory=dict)

    @property
    def tendance(self) -> str:
        if len(self.niveaux) < 2:
            return ""
        premier, dernier = self.niveaux[0], self.niveaux[-1]
        return "hausse" if dernier > premier else "baisse" if dernier < premier else "stable"


@dataclass
class LigneCompetence:
    competence: Competence
    criteres: list[LigneCritere]
    suggestion: Suggestion | None
    positionnement: Positionnement | None
    situations: int = 0
    lieux: frozenset = frozenset()
    #: The transfer rule's answer (None when it failed).
    detail_transfert: Transfert | None = None
    courbe: SafeString = mark_safe("")
    #: Every positionnement of the compétence, newest first (filled by the page needing it).
    historique: list = field(default_factory=list)

    @property
    def transfert(self) -> bool:
        """Mastered across situations (the transfer rule): the compétence transfers."""
        return bool(self.detail_transfert and self.detail_transfert.transfere)

    @property
    def maitrisee_dans(self) -> int:
        """Situations in which the compétence counted as mastered."""
        return self.detail_transfert.maitrisee_dans if self.detail_transfert else 0

    @property
    def centre_et_entreprise(self) -> bool:
        return len(self.lieux) == 2


@dataclass
class LigneBloc:
    bloc: Bloc
    competences: list[LigneCompetence]


@dataclass
class Livret:
    apprenant: Apprenant
    filtres: Filtres
    colonnes: list[Colonne]
    blocs: list[LigneBloc]
    echelle: list[Niveau]
    blocs_choix: list[Bloc] = field(default_factory=list)
    unites_choix: list[Unite] = field(default_factory=list)
    profil: SafeString = mark_safe("")
    profil_unites: SafeString = mark_safe("")
    #: Columns hidden by the filters (so the page can say so).
    masquees: int = 0
    #: Rules that failed while reading it (the page names their plugins).
    incidents: Incidents = field(default_factory=Incidents)
    #: The dated stretches of statut and establishment (``livret.parcours``).
    parcours: ParcoursLivret = field(default_factory=lambda: ParcoursLivret(()))

    @property
    def vide(self) -> bool:
        return not self.colonnes

    @property
    def competences(self) -> list[LigneCompetence]:
        return [ligne for bloc in self.blocs for ligne in bloc.competences]

    @property
    def en_entreprise(self) -> int:
        return sum(1 for colonne in self.colonnes if colonne.en_entreprise)

    @property
    def transferts(self) -> int:
        return sum(1 for ligne in self.competences if ligne.transfert)

    @property
    def positionnees(self) -> int:
        return sum(1 for ligne in self.competences if ligne.positionnement)

    @property
    def legende(self) -> list[tuple[Niveau, str]]:
        valeurs = [n.valeur for n in self.echelle]
        return [(n, classe_niveau(n.valeur, valeurs)) for n in self.echelle]


def _cellules(par_colonne: dict[int, Note], colonnes: list[Colonne], css: dict[int, str],
              titres: list[str], libelles: dict[str, str]) -> SafeString:
    """The row's cells as HTML, built here: thousands of cells render fast this way.
    ``titres`` are the columns' escaped tooltips, ``libelles`` each code's escaped label."""
    parts = []
    for colonne, titre in zip(colonnes, titres):
        note = par_colonne.get(colonne.situation.pk)
        if note is None:
            parts.append(f'<td class="{colonne.classe_css}"></td>')
            continue
        code = code_de(note.etat, note.niveau)
        parts.append(f'<td class="{colonne.classe_css} {css.get(note.niveau, "")}" '
                     f'title="{titre}{libelles.get(code, "")}">{code}</td>')
    return mark_safe("".join(parts))


def _titres(colonnes: list[Colonne]) -> list[str]:
    return [escape(f"{c.situation.titre} ({c.date:%d/%m/%Y}"
                   + (f", {c.parcours}" if c.parcours else "") + ") : ") for c in colonnes]


def _libelles(echelle: list[Niveau]) -> dict[str, str]:
    """Each cell code's escaped label: "3 – Maîtrisé", "Absent", "Non évalué"."""
    out = {str(n.valeur): escape(f"{n.valeur} – {n.libelle}") for n in echelle}
    return out | {code_de(etat, None): escape(Etat(etat).label)
                  for etat in (Etat.ABSENT, Etat.NON_EVALUE)}


def situations_des_classes_de(apprenant_ids: list[int]) -> list[Situation]:
    """Every situation of the classes these learners were ever enrolled in (one query): the
    only situations that can hold their evaluations."""
    return list(Situation.objects.filter(scenario__classe__in=Inscription.objects.filter(
        apprenant_id__in=apprenant_ids).values("classe"))
        .only("titre", "lieu", "type", "debut", "ordre", "cree_le").order_by())


def referentiels_de(apprenant: Apprenant) -> QuerySet:
    """The referentials of the learner's classes, as a subquery."""
    return Inscription.objects.filter(apprenant=apprenant).values("classe__referentiel_id")


def lire_livret(apprenant: Apprenant, filtres: Filtres | None = None) -> Livret:
    filtres = filtres or Filtres()
    notes_ = notes_courantes(apprenant=apprenant)
    evaluees = {note.situation_id for note in notes_}
    situations = {s.pk: s for s in situations_des_classes_de([apprenant.pk])
                  if s.pk in evaluees}
    # A learner is evaluated only in the situations of their classes, so the referentials of
    # their classes cover every row (a subquery: no extra round trip).
    referentiels = referentiels_de(apprenant)
    criteres = criteres_des(referentiels)
    par_id = {c.pk: c for c in criteres}
    echelles_ = echelles(referentiels)
    valeurs = {ref: [n.valeur for n in niveaux] for ref, niveaux in echelles_.items()}
    positionnements = _derniers_positionnements(apprenant)
    incidents = Incidents()
    suggere = suggestions(notes_, Observateur(situations, par_id), echelles_, incidents)
    refs = {c.competence.referentiel_id: ref_de(c.competence.referentiel) for c in criteres}
    seuils = {pk: regles().seuil_maitrise(ref, valeurs.get(pk, ()), incidents=incidents)
              for pk, ref in refs.items()}

    toutes = sorted(situations.values(), key=cle_chronologique)
    parcours = lire_parcours(apprenant)
    colonnes = [Colonne(s, date_de(s), parcours.mention_au(date_de(s)))
                for s in toutes if filtres.garde_situation(s)]
    visibles = {c.situation.pk for c in colonnes}
    par_critere = defaultdict(dict)
    for note in notes_:
        if note.situation_id in visibles:
            par_critere[note.critere_id][note.situation_id] = note

    blocs, titres = [], _titres(colonnes)
    gardes = [c for c in criteres if filtres.garde_critere(c)]
    for bloc, du_bloc in groupby(gardes, key=lambda c: c.competence.bloc):
        lignes = []
        for competence, du_comp in groupby(du_bloc, key=lambda c: c.competence):
            echelle = echelles_.get(competence.referentiel_id, [])
            lignes.append(_ligne_competence(
                competence, list(du_comp), colonnes, par_critere,
                valeurs.get(competence.referentiel_id, []),
                partial(_cellules, titres=titres, libelles=_libelles(echelle)),
                suggere.get((apprenant.pk, competence.pk)),
                positionnements.get(competence.pk),
                partial(regles().transfert, refs[competence.referentiel_id], competence.code,
                        seuil=seuils[competence.referentiel_id], incidents=incidents)))
        blocs.append(LigneBloc(bloc, lignes))

    principal = criteres[0].competence.referentiel_id if criteres else None
    return Livret(
        apprenant=apprenant, filtres=filtres, colonnes=colonnes, blocs=blocs,
        echelle=echelles_.get(principal, []),
        blocs_choix=list({c.competence.bloc.pk: c.competence.bloc for c in criteres}.values()),
        unites_choix=list({c.competence.bloc.unite.pk: c.competence.bloc.unite
                           for c in criteres if c.competence.bloc.unite}.values()),
        profil=profil_svg(criteres, suggere, apprenant.pk, valeurs, incidents),
        profil_unites=profil_svg(criteres, suggere, apprenant.pk, valeurs, incidents,
                                 par_unite=True),
        masquees=len(toutes) - len(colonnes), incidents=incidents, parcours=parcours)


def _ligne_competence(competence, criteres, colonnes, par_critere, echelle, cellules,
                      suggestion, positionnement, transfert) -> LigneCompetence:
    """``transfert(situations)`` asks the transfer rule about this compétence."""
    lignes, par_situation = [], defaultdict(list)
    css = {valeur: classe_niveau(valeur, echelle) for valeur in echelle}
    for critere in criteres:
        notes_ = par_critere.get(critere.pk, {})
        niveaux = []
        for colonne in colonnes:
            note = notes_.get(colonne.situation.pk)
            if note is not None and note.niveau is not None:
                niveaux.append(note.niveau)
                par_situation[colonne.situation.pk].append(note.niveau)
        lignes.append(LigneCritere(critere, cellules(notes_, colonnes, css), niveaux, notes_,
                                   css))
    evaluees = [c for c in colonnes if c.situation.pk in par_situation]
    observees = [SituationObservee(c.situation.titre, c.date, c.situation.lieu,
                                   c.certificative, tuple(par_situation[c.situation.pk]))
                 for c in evaluees]
    moyennes = [s.moyenne for s in observees]
    return LigneCompetence(
        competence, lignes, suggestion, positionnement, situations=len(evaluees),
        lieux=frozenset(c.situation.lieu for c in evaluees),
        detail_transfert=transfert(observees),
        courbe=graphiques.courbe(
            moyennes, echelle[0] if echelle else 0, echelle[-1] if echelle else 1,
            titre=_("Évolution de %(code)s sur %(n)s situation(s)") % {
                "code": competence.code, "n": len(moyennes)}))


def _derniers_positionnements(apprenant: Apprenant) -> dict[int, Positionnement]:
    derniers = {}
    for p in Positionnement.objects.filter(apprenant=apprenant).order_by(
            "competence_id", "-date", "-created_at", "-pk"):
        derniers.setdefault(p.competence_id, p)
    return derniers


def niveaux_par(criteres: list[Critere], suggere: dict, apprenant_id: int, cle, nature: str,
                valeurs: dict[int, list[int]], incidents: Incidents
                ) -> list[tuple[object, float | None]]:
    """Each group's level (``cle(critere)`` is a bloc or a unit, ``nature`` says which) from
    its compétences' suggested levels, by the aggregation rule; None when none has evidence
    yet, or when the rule failed (recorded in ``incidents``)."""
    groupes: dict = {}
    for critere in criteres:
        groupe = cle(critere)
        if groupe is not None:
            groupes.setdefault(groupe, {})[critere.competence_id] = critere.competence
    out = []
    for groupe, competences in groupes.items():
        niveaux = []
        for k, competence in competences.items():
            suggestion = suggere.get((apprenant_id, k))
            niveaux.append(NiveauCompetence(competence.code,
                                            suggestion.niveau if suggestion else None))
        referentiel = next(iter(competences.values())).referentiel
        agregat = regles().agreger(
            ref_de(referentiel), Groupe(nature, groupe.code, groupe.intitule), niveaux,
            valeurs.get(referentiel.pk, ()), incidents=incidents)
        out.append((groupe, agregat.niveau if agregat else None))
    return out


def profil_svg(criteres: list[Critere], suggere: dict, apprenant_id: int,
               valeurs: dict[int, list[int]], incidents: Incidents,
               par_unite: bool = False) -> SafeString:
    """The learner's profile by bloc (or by unit) as an inline SVG bar chart."""
    if not criteres:
        return mark_safe("")
    echelle = valeurs.get(criteres[0].competence.referentiel_id) or [0, 1]
    if par_unite:
        cle, titre = (lambda c: c.competence.bloc.unite), _("Profil par unité")
    else:
        cle, titre = (lambda c: c.competence.bloc), _("Profil par bloc de compétences")
    barres = [graphiques.Barre(groupe.code, niveau, f"{groupe.code} – {groupe.intitule}")
              for groupe, niveau in niveaux_par(criteres, suggere, apprenant_id, cle,
                                                "unite" if par_unite else "bloc", valeurs,
                                                incidents)]
    return graphiques.barres(barres, echelle[0], echelle[-1], titre=titre)
