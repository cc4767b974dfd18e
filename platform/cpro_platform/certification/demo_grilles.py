"""Demo data of the certification's grids (see ``certification.demo``).

For the terminale "T CAV" session, on each CCF sous-épreuve that has a situation d'évaluation
(planned by ``demo_planification``): a grid per candidate, signed by the situation's teacher
and co-signed by its professional — every one, so that the commission (``demo_commission``)
is ready to validate; the first grid of the first sous-épreuve carries a modulation with its
reason. No grid for a candidate with a status (absent, dispensé, bénéfice: ``Candidature``).
The première's session has only planned, future situations: its grids are for the teacher to
fill.

Idempotent: a learner who already has a grid of the sous-épreuve is left alone. Degrees are
deterministic (a hash of learner and compétence), so a rerun on a fresh base gives the same.
"""
import zlib

from django.db import transaction

from . import grilles as services
from . import grilles_signature as signature
from .models import GrilleCCF, SessionExamen, SituationEvaluation

CLASSE = "T CAV"
APPRECIATION = ("Travail méthodique et soigné ; les contrôles de fin d’opération sont à "
                "systématiser.")


def _degre(apprenant, code: str) -> int:
    # Keyed by INE, not pk: the same degrees on every base, whatever its sequences.
    return 2 + zlib.crc32(f"{apprenant.ine}|{code}".encode()) % 3   # 2, 3 or 4


def _remplir(grille, situation, apprenant, moduler: bool):
    """Fill and return the grid; ``moduler`` asks for the demo's +1, given only when it keeps
    the mark within 20 (not all degrees at the top) — ``grille.modulation`` says if it was."""
    degres = {code: _degre(apprenant, code) for code in services.profil(grille, [])}
    moduler = moduler and min(degres.values(), default=4) < 4
    return signature.modifier(grille, signature.Saisie(
        degres=degres, date=situation.debut, appreciation=APPRECIATION,
        modulation="1" if moduler else "0",
        motif="Très bonne présentation orale du dossier devant le professionnel."
        if moduler else ""), situation.evaluateur)


def _professionnel(situation: SituationEvaluation) -> str:
    if situation.professionnel_nom:
        return situation.professionnel_nom
    if situation.professionnel_id:
        user = situation.professionnel.user
        return user.get_full_name() or user.get_username()
    return "Professionnel associé"


def build(stdout) -> None:
    """Idempotent: running it twice duplicates nothing."""
    session = (SessionExamen.objects.filter(classe__nom=CLASSE).select_related("referentiel")
               .order_by("-annee").first())
    if session is None:
        return
    module_fait = GrilleCCF.objects.filter(session=session, modulation__gt=0).exists()
    creees = 0
    with transaction.atomic():
        notation = services.Notation.pour(session, [])
        avec_statut = services.statuts(session)
        for epreuve in services.epreuves_ccf(session):
            situations, premiere = services.situations_par_apprenant(session, epreuve)
            if premiere is None:
                continue
            existantes = set(GrilleCCF.objects.filter(session=session, epreuve=epreuve)
                             .values_list("apprenant_id", flat=True))
            candidats = [a for a in services.candidats(session)
                         if (a.pk, epreuve.pk) not in avec_statut]
            gabarit = services.structure(epreuve, notation.bareme)
            for apprenant in candidats:
                if apprenant.pk in existantes:
                    continue
                situation = situations.get(apprenant.pk, premiere)
                grille = services.creer_grilles(session, epreuve, [apprenant],
                                                gabarit)[apprenant.pk]
                moduler = not module_fait
                grille = _remplir(grille, situation, apprenant, moduler)
                module_fait = module_fait or grille.modulation > 0
                signature.signer(grille, situation.evaluateur, _professionnel(situation))
                creees += 1
    if creees:
        stdout.write(f"Certification : {creees} grille(s) CCF de la classe {CLASSE}.")
