"""Access-matrix rows for the bilans views (run by ``tests/acces/test_matrice.py``).

Campaigns and their class view: whoever sees the class; only its teacher writes. A validated
bilan, the cycle's list and the marks: whoever sees the learner — the class's teacher, the
DDFPT, the granted inspector, the learner, their tutor or master while the Encadrement runs
(``tuteur_expire`` is refused). A draft: the class's teacher only. Pondérations and marks are
written by the teacher only. POST actions answer 302 (done) or 422 (refused input: the
matrix posts nothing) to those allowed.
"""
from django.utils import timezone

from cpro_platform.bilans.models import Bilan, Campagne, EtatBilan
from tests.acces.matrice import LECTEURS_CLASSE, Vue
from tests.suivi import factories as sf

LECTEURS_ELEVE = LECTEURS_CLASSE | {"apprenant", "tuteur"}
LECTEURS_APPRENTI = frozenset({"ddfpt", "maitre"})
ENSEIGNANT = frozenset({"enseignant"})


def _campagne(o, classe) -> Campagne:
    return Campagne.objects.get_or_create(classe=classe, titre="Campagne matrice", defaults={
        "ouverte_par": o.user("enseignant")})[0]


def _bilan(o, apprenant, classe, etat: str) -> Bilan:
    existant = Bilan.objects.filter(apprenant=apprenant, etat=etat).first()
    if existant:
        return existant
    valide = etat == EtatBilan.VALIDE
    return Bilan.objects.create(
        apprenant=apprenant, campagne=_campagne(o, classe), referentiel=classe.referentiel,
        date=timezone.localdate(), etat=etat, cree_par=o.user("enseignant"),
        valide_par=o.user("enseignant") if valide else None,
        valide_le=timezone.now() if valide else None)


def valide(e, o) -> list:
    return [_bilan(o, o.apprenant, o.classe, EtatBilan.VALIDE).pk]


def brouillon(e, o) -> list:
    return [_bilan(o, o.apprenant, o.classe, EtatBilan.BROUILLON).pk]


def valide_apprenti(e, o) -> list:
    return [_bilan(o, o.apprenti, o.autre_classe, EtatBilan.VALIDE).pk]


def _epreuve(classe):
    return classe.referentiel.epreuves.first() or sf.epreuve(classe.referentiel)


def note_eleve(e, o) -> list:
    valide(e, o)
    return [o.apprenant.pk, _epreuve(o.classe).pk]


def note_apprenti(e, o) -> list:
    valide_apprenti(e, o)
    return [o.apprenti.pk, _epreuve(o.autre_classe).pk]


VUES = [
    Vue("bilans:campagnes", lambda e, o: [o.classe.pk], LECTEURS_CLASSE, "enseignée"),
    Vue("bilans:campagnes", lambda e, o: [o.autre_classe.pk], frozenset({"ddfpt"}),
        "non enseignée"),
    Vue("bilans:ouvrir", lambda e, o: [o.classe.pk], ENSEIGNANT, method="post", ok=422),
    Vue("bilans:campagne", lambda e, o: [_campagne(o, o.classe).pk], LECTEURS_CLASSE,
        "enseignée"),
    Vue("bilans:campagne", lambda e, o: [_campagne(o, o.autre_classe).pk],
        frozenset({"ddfpt"}), "non enseignée"),
    Vue("bilans:saisie", lambda e, o: [_campagne(o, o.classe).pk], ENSEIGNANT, method="post",
        ok=302),
    Vue("bilans:bilan", valide, LECTEURS_ELEVE, "validé"),
    Vue("bilans:bilan", brouillon, ENSEIGNANT, "brouillon"),
    Vue("bilans:bilan", valide_apprenti, LECTEURS_APPRENTI, "apprenti"),
    Vue("bilans:modifier", brouillon, ENSEIGNANT, method="post", ok=302),
    Vue("bilans:valider", brouillon, ENSEIGNANT, method="post", ok=302),
    Vue("bilans:corriger", valide, ENSEIGNANT, method="post", ok=302),
    # Period marks: the class's teacher asks for them (the matrix's campaign has no validated
    # bilan of its own: the action says so and goes back to the campaign); the learner's
    # readers read one, the class's teacher modulates it (nothing posted: refused, 422).
    Vue("bilans:notes_periode", lambda e, o: [_campagne(o, o.classe).pk], ENSEIGNANT,
        method="post", ok=302),
    Vue("bilans:note_periode", valide, LECTEURS_ELEVE, "validé"),
    Vue("bilans:note_periode", brouillon, ENSEIGNANT, "brouillon"),
    Vue("bilans:note_periode", valide_apprenti, LECTEURS_APPRENTI, "apprenti"),
    Vue("bilans:moduler_periode", valide, ENSEIGNANT, method="post", ok=422),
    Vue("bilans:note", note_eleve, LECTEURS_ELEVE, "élève suivi"),
    Vue("bilans:note", note_apprenti, LECTEURS_APPRENTI, "apprenti"),
] + [
    Vue(f"bilans:{name}", args, allowed, label)
    for name in ("apprenant", "notes")
    for args, allowed, label in (
        (lambda e, o: [o.apprenant.pk], LECTEURS_ELEVE, "élève suivi"),
        (lambda e, o: [o.apprenti.pk], LECTEURS_APPRENTI, "apprenti"))
] + [
    Vue(f"bilans:{name}", note_eleve, ENSEIGNANT, method="post", ok=422)
    for name in ("ponderation", "dupliquer", "calculer", "moduler")
]
