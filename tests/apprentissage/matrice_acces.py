"""Access-matrix rows for the livret d'apprentissage (run by ``tests/acces/test_matrice.py``).

Two contracts per world:

* the apprentice's (``o.apprenti``), whose master is ``maitre`` through the contract's own
  dated Encadrement, and whose trainer (formateur référent) is ``enseignant``: the DDFPT, the
  master and the trainer read it; the master alone writes the entries;
* one of ``o.apprenant`` (who has an account: the apprentice's own view), without a master's
  link: the class's readers and the learner read it; ``tuteur``, who follows that learner in
  PFMP, gets nothing.

Contracts are managed by the administrator and the DDFPT. POST actions answer 302 (done) or
422 (refused input: the matrix posts nothing) to those allowed.
"""
from cpro_platform.apprentissage.models import BilanApprentissage, Contrat
from cpro_platform.etablissements.models import aujourdhui
from tests.acces.matrice import AUCUN, Vue

GESTION = frozenset({"administrateur", "ddfpt"})
LECTEURS_APPRENTI = frozenset({"ddfpt", "maitre", "enseignant"})
SUIVI_APPRENTI = frozenset({"ddfpt", "enseignant"})
SIGNATAIRES_APPRENTI = LECTEURS_APPRENTI
LECTEURS_ELEVE = frozenset({"enseignant", "ddfpt", "inspecteur", "apprenant"})
SUIVI_ELEVE = frozenset({"enseignant", "ddfpt"})
SIGNATAIRES_ELEVE = frozenset({"enseignant", "ddfpt", "apprenant"})
MAITRE = frozenset({"maitre"})


def contrat_apprenti(o) -> Contrat:
    existant = Contrat.objects.filter(apprenant=o.apprenti).first()
    if existant:
        return existant
    lien = o.apprenti.encadrements.get()
    return Contrat.objects.create(apprenant=o.apprenti, employeur=lien.tuteur.entreprise,
                                  maitre=lien.tuteur, encadrement=lien, debut=lien.debut,
                                  fin=lien.fin, formateur_referent=o.user("enseignant"))


def contrat_eleve(o) -> Contrat:
    existant = Contrat.objects.filter(apprenant=o.apprenant).first()
    if existant:
        return existant
    return Contrat.objects.create(apprenant=o.apprenant, employeur=o.entreprise,
                                  maitre=o.tuteur, debut=o.apprenant.parcours.get().debut,
                                  fin=o.apprenant.parcours.get().debut.replace(
                                      year=aujourdhui().year + 2))


def _bilan(contrat: Contrat, o) -> BilanApprentissage:
    return contrat.bilans.first() or BilanApprentissage.objects.create(
        contrat=contrat, date=aujourdhui(), debut=contrat.debut, fin=aujourdhui(),
        cree_par=o.user("ddfpt"))


def apprenti(e, o) -> list:
    return [contrat_apprenti(o).pk]


def eleve(e, o) -> list:
    return [contrat_eleve(o).pk]


def bilan_apprenti(e, o) -> list:
    return [_bilan(contrat_apprenti(o), o).pk]


def bilan_eleve(e, o) -> list:
    return [_bilan(contrat_eleve(o), o).pk]


def sans_argument(fabrique):
    """A URL without arguments whose page needs the world's contract to exist."""
    def args(e, o) -> list:
        fabrique(o)
        return []
    return args


VUES = [
    Vue("apprentissage:contrats", AUCUN, GESTION),
    Vue("apprentissage:contrat_ajouter", lambda e, o: [e.etablissement.pk], GESTION),
    Vue("apprentissage:contrat_ajouter", lambda e, o: [e.etablissement.pk], GESTION,
        method="post", ok=422),
    Vue("apprentissage:contrat_modifier", apprenti, GESTION),
    Vue("apprentissage:mes_apprentis", sans_argument(contrat_apprenti),
        frozenset({"maitre", "enseignant"})),
    Vue("apprentissage:mon_livret", sans_argument(contrat_eleve), frozenset({"apprenant"}),
        ok=302),
    Vue("apprentissage:entree", apprenti, MAITRE),
    Vue("apprentissage:entree", apprenti, MAITRE, method="post", ok=422),
    Vue("apprentissage:entree", eleve, frozenset(), "élève"),
    Vue("apprentissage:bilan_ouvrir", apprenti, SUIVI_APPRENTI),
    Vue("apprentissage:bilan_ouvrir", apprenti, SUIVI_APPRENTI, method="post", ok=422),
    Vue("apprentissage:bilan", bilan_apprenti, LECTEURS_APPRENTI, "apprenti"),
    Vue("apprentissage:bilan", bilan_eleve, LECTEURS_ELEVE, "élève"),
    Vue("apprentissage:bilan_ecrire", bilan_apprenti, SIGNATAIRES_APPRENTI, "apprenti",
        method="post", ok=302),
    Vue("apprentissage:bilan_ecrire", bilan_eleve, SIGNATAIRES_ELEVE, "élève",
        method="post", ok=302),
    Vue("apprentissage:bilan_signer", bilan_apprenti, SIGNATAIRES_APPRENTI, "apprenti",
        method="post", ok=422),
    Vue("apprentissage:bilan_signer", bilan_eleve, SIGNATAIRES_ELEVE, "élève",
        method="post", ok=422),
] + [
    Vue(f"apprentissage:{nom}", args, allowed, label)
    for nom in ("livret", "pdf")
    for args, allowed, label in ((apprenti, LECTEURS_APPRENTI, "apprenti"),
                                 (eleve, LECTEURS_ELEVE, "élève"))
] + [
    Vue(f"apprentissage:{nom}", args, allowed, label, method=method, ok=ok)
    for nom, method, ok in (("calendrier", "get", 200), ("calendrier", "post", 302),
                            ("motif", "post", 422), ("copier", "post", 422))
    for args, allowed, label in ((apprenti, SUIVI_APPRENTI, "apprenti"),
                                 (eleve, SUIVI_ELEVE, "élève"))
]
