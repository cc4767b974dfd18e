"""The commission table for 30 learners × all CCF sous-épreuves, and its documents.

    python -m benchmarks.certification_commission

Builds (bulk) a referential with an E3 of six CCF sous-épreuves, a terminale class of 30 (and
one of 3) with its exam session: a grid per learner and sous-épreuve (signed but a few in
progress), some absences, dispenses and bénéfices, a commission with ten adjustments. Reports
the table page's query count on both classes — it must not grow; the issue's budget is 15
besides what every page pays (session, user, main navigation) — the page's median server
time, and the time of the minutes' PDF and of the XLSX for 30 learners.
"""
import datetime
import itertools
import time
from decimal import Decimal

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .sortie import figure
from .timing import measure

_seq = itertools.count(1)
BUDGET, SOUS_EPREUVES = 15, 6
CIBLE_PDF, CIBLE_XLSX = 2.0, 1.0


def construire(apprenants: int) -> dict:
    from django.contrib.auth import get_user_model

    from cpro_platform.certification.models import (
        AjustementCommission, Candidature, Commission, EtatGrille, GrilleCCF, SessionExamen,
        StatutCandidat)
    from cpro_platform.comptes.models import Role, TypeRole
    from cpro_platform.etablissements.models import (
        AnneeScolaire, Apprenant, Classe, Enseignement, Etablissement, Inscription, Niveau)
    from cpro_platform.referentials.models import Epreuve, Mode, Referentiel

    User = get_user_model()
    n = next(_seq)
    ref = Referentiel.objects.create(
        code=f"BENCHCCF{n}", version="bench", intitule="Référentiel bench", diplome="Bac pro",
        niveau=4, provenance="provisoire", plugin="bench", distribution="bench",
        distribution_version="0", fichier="bench.toml", data_hash="0" * 64,
        synchronise_le=timezone.now())
    e3 = Epreuve.objects.create(referentiel=ref, code="E3", intitule="E3", coefficient=12,
                                provenance="provisoire", ordre=1)
    epreuves = [Epreuve.objects.create(referentiel=ref, parent=e3, code=f"E3{i}", ordre=2 + i,
                                       intitule=f"Sous-épreuve {i}", coefficient=1 + i % 3,
                                       mode=Mode.CCF, provenance="provisoire")
                for i in range(1, SOUS_EPREUVES + 1)]
    lycee = Etablissement.objects.create(uai=f"{9800000 + n:07d}A", nom=f"Lycée CCF {n}",
                                         type="lp", academie="Lyon")
    prof = User.objects.create(username=f"prof-ccf-{n}", last_name="Prof")
    ddfpt = User.objects.create(username=f"ddfpt-ccf-{n}", last_name="Ddfpt")
    debut = datetime.date(2000, 1, 1)
    Role.objects.bulk_create([
        Role(user=prof, etablissement=lycee, type=TypeRole.ENSEIGNANT, debut=debut),
        Role(user=ddfpt, etablissement=lycee, type=TypeRole.DDFPT, debut=debut)])
    annee = AnneeScolaire.pour_date(timezone.localdate())
    classe = Classe.objects.create(etablissement=lycee, annee=annee, referentiel=ref,
                                   nom=f"T CCF {n}", niveau=Niveau.TERMINALE)
    Enseignement.objects.create(classe=classe, enseignant=prof)
    eleves = Apprenant.objects.bulk_create(
        Apprenant(ine=f"{n:03d}{i:06d}CC", nom=f"NOM{i:02d}", prenom="Prénom")
        for i in range(apprenants))
    Inscription.objects.bulk_create(Inscription(apprenant=e, classe=classe, debut=annee.debut)
                                    for e in eleves)
    session = SessionExamen.objects.create(classe=classe, annee=annee.debut.year + 1,
                                           referentiel=ref, cree_par=prof)
    statuts, grilles, maintenant = [], [], timezone.now()
    for i, eleve in enumerate(eleves):
        for j, epreuve in enumerate(epreuves):
            k = i * SOUS_EPREUVES + j
            if k % 17 == 3:
                statuts.append(Candidature(session=session, apprenant=eleve, epreuve=epreuve,
                                           statut=StatutCandidat.ABSENT, auteur=prof))
            elif k % 23 == 5:
                statuts.append(Candidature(session=session, apprenant=eleve, epreuve=epreuve,
                                           statut=StatutCandidat.BENEFICE, auteur=prof,
                                           note_conservee=Decimal(12), session_origine=2024))
            elif k % 29 == 7:
                statuts.append(Candidature(session=session, apprenant=eleve, epreuve=epreuve,
                                           statut=StatutCandidat.DISPENSE, auteur=prof))
            else:
                note = Decimal(8 + k % 11)
                signee = k % 13 != 1
                grilles.append(GrilleCCF(
                    session=session, apprenant=eleve, epreuve=epreuve, structure={},
                    note_calculee=note, note=note,
                    etat=EtatGrille.SIGNEE if signee else EtatGrille.BROUILLON,
                    signee_par=prof if signee else None,
                    signee_le=maintenant if signee else None))
    Candidature.objects.bulk_create(statuts)
    GrilleCCF.objects.bulk_create(grilles)
    commission = Commission.objects.create(session=session, date=timezone.localdate(),
                                           lieu="Salle bench")
    commission.membres.set([prof, ddfpt])
    signees = list(GrilleCCF.objects.filter(session=session, etat=EtatGrille.SIGNEE)[:10])
    AjustementCommission.objects.bulk_create(
        AjustementCommission(commission=commission, grille=g, note_avant=g.note,
                             note_apres=min(g.note + 1, 20), motif="bench", par=ddfpt)
        for g in signees)
    return {"session": session, "commission": commission, "prof": prof,
            "apprenants": apprenants}


def page(data) -> tuple[float, int, int]:
    """Median seconds, the page's queries, and those every page pays."""
    from cpro_platform.home.navigation import items_for

    client = Client()
    client.force_login(data["prof"])
    url = reverse("certification:commission", args=[data["session"].pk])

    def get():
        assert client.get(url, HTTP_HOST="localhost").status_code == 200

    get()  # warm-up
    secondes, requetes = measure(get)
    with CaptureQueriesContext(connection) as navigation:
        items_for(data["prof"], url)
    return secondes, requetes, 2 + len(navigation.captured_queries)


def _chrono(fn) -> tuple[float, float]:
    """Wall and CPU seconds (the machine's other load inflates the wall time)."""
    debut, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - debut, time.process_time() - cpu


def run(say) -> None:
    from cpro_platform.certification import documents_commission as documents

    with transaction.atomic():
        petite, grande = construire(3), construire(30)
        (_t, q_petite, _c), (t, q, commun) = page(petite), page(grande)
        propres = q - commun
        constant = "constant" if q == q_petite else "GROWS"
        figure(say, f"commission table, {grande['apprenants']} learners × {SOUS_EPREUVES} "
               f"sous-épreuves, own queries", propres, "queries", BUDGET, chiffres=0,
               details=f"3 learners {q_petite - commun} ({constant}); page total {q} with "
                       f"{commun} every page pays; {t * 1000:.1f} ms (median of 5, test client)")
        for nom, cible, fn in (
                ("minutes PDF", CIBLE_PDF,
                 lambda: documents.proces_verbal_pdf(grande["commission"])),
                ("table XLSX", CIBLE_XLSX, lambda: documents.tableau_xlsx(grande["session"]))):
            mur, cpu = _chrono(fn)
            figure(say, f"commission {nom}, 30 learners (CPU)", cpu, "s", cible, chiffres=2,
                   details=f"wall {mur:.2f} s")
        transaction.set_rollback(True)


if __name__ == "__main__":
    import os
    import sys
    import tempfile

    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = (
            f"sqlite:///{tempfile.mkdtemp(prefix='cpro-bench-')}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    run(print)
    sys.exit(0)
