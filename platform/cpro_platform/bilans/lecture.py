"""Reading bilans: one bilan with its evidence and its breakdown by bloc and unit, a learner's
bilans of the whole cycle, the "dernier bilan validé", a bilan's profile.

These are the functions other features (PDFs, attestations, projection) call.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db.models import Count, Q, QuerySet

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.livret.lecture import classe_niveau
from cpro_platform.referentials.models import Bloc, Niveau, Unite
from cpro_platform.referentials.regles import ref_de
from cpro_platform.regles import Groupe, Incidents, NiveauCompetence, regles

from .models import Bilan, EtatBilan, NiveauBilan, OrigineNiveau


def bilans_du_cycle(apprenant: Apprenant, *, valides_seulement: bool = False
                    ) -> QuerySet[Bilan]:
    """The learner's bilans, newest first (drafts too unless ``valides_seulement``)."""
    bilans = apprenant.bilans.select_related("campagne__classe", "valide_par", "remplace")
    if valides_seulement:
        bilans = bilans.filter(etat=EtatBilan.VALIDE)
    return bilans.order_by("-date", "-cree_le", "-pk")


def avec_decomptes(bilans: QuerySet[Bilan]) -> QuerySet[Bilan]:
    """``bilans`` with, on each, how many compétences are ``evaluees`` (a level),
    ``non_evaluees`` ("non évaluée à cette date") and ``a_decider`` (neither: drafts only)."""
    non_evaluees = Count("niveaux", filter=Q(niveaux__origine=OrigineNiveau.NON_EVALUE))
    return bilans.annotate(
        evaluees=Count("niveaux", filter=Q(niveaux__niveau__isnull=False)),
        non_evaluees=non_evaluees,
        # "non évaluée" lines have no level either
        a_decider=Count("niveaux", filter=Q(niveaux__niveau__isnull=True)) - non_evaluees)


def dernier_bilan_valide(apprenant: Apprenant | int) -> Bilan | None:
    """The latest validated bilan that no validated correction replaces (by the bilan's
    date, then the validation time)."""
    pk = apprenant.pk if isinstance(apprenant, Apprenant) else apprenant
    return (Bilan.objects.filter(apprenant_id=pk).en_vigueur()
            .select_related("referentiel", "campagne__classe", "valide_par")
            .order_by("-date", "-valide_le", "-pk").first())


def niveaux_du_bilan(bilan: Bilan) -> list[NiveauBilan]:
    """The bilan's lines in reading order, with compétence, bloc and unit (one query)."""
    return list(bilan.niveaux.select_related("competence__bloc__unite").order_by(
        "competence__bloc__ordre", "competence__bloc__code", "competence__ordre",
        "competence__code"))


def profil(bilan: Bilan, niveaux: list[NiveauBilan] | None = None
           ) -> Mapping[str, int | None]:
    """Compétence code → level: what the mark and projection rules read. A compétence
    marked "non évaluée à cette date" is not in it, so a rule leaves it aside (the mark's
    ``manquantes``); an undecided one of a draft maps to None."""
    niveaux = niveaux if niveaux is not None else niveaux_du_bilan(bilan)
    return MappingProxyType({n.competence.code: n.niveau for n in niveaux
                             if not n.non_evalue})


def profil_evalue(bilan: Bilan | None) -> frozenset[str]:
    """The *profile of evaluated compétences*: the codes that have a level in ``bilan`` —
    not those marked "non évaluée à cette date", which have none. Learners with the same one
    share pondérations ("dupliquer")."""
    if bilan is None:
        return frozenset()
    return frozenset(bilan.niveaux.filter(niveau__isnull=False)
                     .values_list("competence__code", flat=True))


@dataclass
class NiveauGroupe:
    """A bloc's or a unit's level in a bilan, by the aggregation rule (None: no level or the
    rule failed)."""

    groupe: Bloc | Unite
    niveau: float | None
    regle: str
    lignes: list[NiveauBilan] = field(default_factory=list)


def par_groupes(bilan: Bilan, niveaux: list[NiveauBilan], echelle: tuple[int, ...],
                incidents: Incidents, *, par_unite: bool = False) -> list[NiveauGroupe]:
    """The bilan's breakdown by bloc (or by unit) through the gateway's ``agreger``."""
    groupes: dict = {}
    for ligne in niveaux:
        groupe = ligne.competence.bloc.unite if par_unite else ligne.competence.bloc
        if groupe is not None:
            groupes.setdefault(groupe, []).append(ligne)
    ref, out = ref_de(bilan.referentiel), []
    for groupe, lignes in groupes.items():
        agregat = regles().agreger(
            ref, Groupe("unite" if par_unite else "bloc", groupe.code, groupe.intitule),
            [NiveauCompetence(n.competence.code, n.niveau) for n in lignes], echelle,
            incidents=incidents)
        out.append(NiveauGroupe(groupe, agregat.niveau if agregat else None,
                                agregat.regle if agregat else "", lignes))
    return out


@dataclass
class LigneBilan:
    niveau: NiveauBilan
    css: str

    @property
    def change(self) -> bool:
        """The teacher chose another level than the one the rule proposed."""
        return self.niveau.niveau != self.niveau.niveau_propose


@dataclass
class LectureBilan:
    bilan: Bilan
    echelle: list[Niveau]
    blocs: list[NiveauGroupe]
    unites: list[NiveauGroupe]
    lignes: list[LigneBilan]
    incidents: Incidents

    @property
    def manquantes(self) -> list[str]:
        """Undecided compétences: no level and not marked "non évaluée"."""
        return [ligne.niveau.competence.code for ligne in self.lignes
                if not ligne.niveau.decide]

    @property
    def non_evaluees(self) -> list[str]:
        return [ligne.niveau.competence.code for ligne in self.lignes
                if ligne.niveau.non_evalue]

    @property
    def lignes_par_bloc(self) -> list[tuple[NiveauGroupe, list[LigneBilan]]]:
        par_pk = {ligne.niveau.pk: ligne for ligne in self.lignes}
        return [(g, [par_pk[n.pk] for n in g.lignes]) for g in self.blocs]

    @property
    def provisoire(self) -> bool:
        """Does any of its content come from a provisional referential text?"""
        return self.bilan.referentiel.est_provisoire or any(
            ligne.niveau.competence.est_provisoire for ligne in self.lignes)


def lire_bilan(bilan: Bilan) -> LectureBilan:
    niveaux = niveaux_du_bilan(bilan)
    echelle = list(Niveau.objects.filter(referentiel_id=bilan.referentiel_id)
                   .order_by("valeur"))
    valeurs = [n.valeur for n in echelle]
    incidents = Incidents()
    return LectureBilan(
        bilan, echelle,
        blocs=par_groupes(bilan, niveaux, tuple(valeurs), incidents),
        unites=par_groupes(bilan, niveaux, tuple(valeurs), incidents, par_unite=True),
        lignes=[LigneBilan(n, classe_niveau(n.niveau, valeurs)) for n in niveaux],
        incidents=incidents)
