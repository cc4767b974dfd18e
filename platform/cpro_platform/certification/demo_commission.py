"""Demo data of the certification's commission (see ``certification.demo``): the terminale
"T CAV" session gets its commission — date, place, the class's teachers, the DDFPT and the
inspectors granted the class — ready to validate, not validated, with one adjustment of a
signed grid's mark. The planning and grids steps run before and create the session, its
situations and grids; without a session there is nothing to do."""
from decimal import Decimal

from django.utils import timezone

from cpro_platform.livret.demo import UAI

from . import commission as services
from .models import AjustementCommission, EtatGrille, GrilleCCF, SessionExamen

CLASSE = "T CAV"
LIEU = "Salle du conseil pédagogique"
MOTIF = ("Harmonisation de la commission : la note de la grille ne reflète pas la réalisation "
         "du contrôle final, relue avec les évaluateurs.")


def build(stdout) -> None:
    """Idempotent: running it twice duplicates nothing."""
    session = (SessionExamen.objects.filter(classe__etablissement__uai=UAI,
                                            classe__nom=CLASSE)
               .select_related("classe").order_by("-annee").first())
    if session is None:
        stdout.write(f"Commission : pas de session d’examen pour {CLASSE}, rien à préparer.\n")
        return
    commission = services.commission_de(session)
    if commission is None:
        membres = [m.user for m in services.membres_possibles(session)]
        commission = services.preparer(session, date=timezone.localdate(), lieu=LIEU,
                                       membres=membres)
    if commission.validee:
        return
    if not commission.ajustements.exists():
        grille = (GrilleCCF.objects.filter(session=session, etat=EtatGrille.SIGNEE)
                  .select_related("apprenant", "epreuve")
                  .order_by("epreuve__ordre", "apprenant__nom", "apprenant__prenom").first())
        if grille is not None:
            services.ajuster(commission, grille, str(_ajustee(grille.note)), MOTIF,
                             _president(commission))
    restent = services.motifs_de_refus(services.tableau_de(session, commission))
    stdout.write(f"Commission d’évaluation de {session} : {commission.membres.count()} membres, "
                 f"{AjustementCommission.objects.filter(commission=commission).count()} "
                 f"ajustement(s), " + ("prête à valider.\n" if not restent else
                                       f"pas encore prête : {' ; '.join(restent)}\n"))


def _ajustee(note: Decimal) -> Decimal:
    """One point up, within 20 (one down from 20)."""
    return note + 1 if note <= 19 else note - 1


def _president(commission):
    """The DDFPT member if any, else the first member."""
    membres = services.membres(commission)
    return next((m.user for m in membres if m.qualite == services.Qualite.DDFPT),
                membres[0].user if membres else commission.session.cree_par)
