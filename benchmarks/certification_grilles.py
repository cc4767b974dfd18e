"""CCF grids: the class's grids of a sous-épreuve as one PDF, and the keyboard entry page.

    python -m benchmarks.certification_grilles

Builds (bulk) a référentiel with a CCF sous-épreuve on 4 compétences (4 critères each, 2
indicators per critère: a little above the shipped CAV referential's E31, 3 × 4 critères), a class of 30 learners (and one of 5) with an exam session, and a
grid per learner with every degree (25 signed, 5 in progress). Reports the 30 grids as one
PDF (rendered once as one HTML document) — target ≤ 10 s — and the entry page's query count
on 5 and on 30 learners, which must be equal. The machine's other load inflates wall times:
the CPU time says what the code costs.
"""
import datetime
import itertools
import time

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .livret import _page
from .sortie import figure
from .timing import measure

_seq = itertools.count(1)
CIBLE_PDF = 10.0


def construire(apprenants: int) -> dict:
    from django.contrib.auth import get_user_model

    from cpro_platform.certification import grilles as services
    from cpro_platform.certification.models import (
        DegreGrille, EtatGrille, GrilleCCF, SessionExamen, SituationEvaluation)
    from cpro_platform.comptes.models import Role, TypeRole
    from cpro_platform.etablissements.models import (
        AnneeScolaire, Apprenant, Classe, Enseignement, Etablissement, Inscription, Niveau)
    from cpro_platform.referentials.models import (
        Bloc, Competence, Critere, Epreuve, Indicateur, Niveau as NiveauEchelle, Referentiel)

    n = next(_seq)
    ref = Referentiel.objects.create(
        code=f"CCF{n}", version="bench", intitule="Aménagement de véhicules — bench",
        diplome="Baccalauréat professionnel", niveau=4, provenance="officiel", plugin="bench",
        distribution="bench", distribution_version="1", fichier="bench.toml",
        data_hash="0" * 64, synchronise_le=timezone.now())
    NiveauEchelle.objects.bulk_create(
        NiveauEchelle(referentiel=ref, valeur=v, libelle=libelle) for v, libelle in enumerate(
            ["Non maîtrisé", "Insuffisamment maîtrisé", "Maîtrisé", "Bien maîtrisé"], 1))
    bloc = Bloc.objects.create(referentiel=ref, code="B2", intitule="Fabriquer et assembler",
                               provenance="officiel")
    competences = [Competence.objects.create(
        referentiel=ref, bloc=bloc, code=f"C2.{i}", ordre=i, provenance="officiel",
        intitule=f"Réaliser l’opération {i} dans le respect des procédures et de la sécurité")
        for i in range(1, 5)]
    for c in competences:
        for j in range(1, 5):
            critere = Critere.objects.create(competence=c, code=f"{c.code}.{j}", ordre=j,
                                             intitule=f"Critère {j} : le résultat est conforme "
                                                      f"aux exigences du dossier",
                                             provenance="officiel")
            Indicateur.objects.bulk_create(Indicateur(
                critere=critere, ordre=k, provenance="officiel",
                intitule=f"Indicateur {k} : écart mesuré dans la tolérance") for k in (1, 2))
    parent = Epreuve.objects.create(referentiel=ref, code="E3", intitule="Épreuve pratique",
                                    coefficient=0, provenance="officiel")
    epreuve = Epreuve.objects.create(referentiel=ref, parent=parent, code="E31", mode="ccf",
                                     intitule="Fabrication et assemblage", coefficient=4,
                                     provenance="officiel")
    epreuve.competences.set(competences)
    etab = Etablissement.objects.create(uai=f"{9700000 + n:07d}C", nom=f"Lycée bench {n}",
                                        type="lp", academie="Lyon")
    classe = Classe.objects.create(etablissement=etab, annee=AnneeScolaire.pour_date(),
                                   niveau=Niveau.TERMINALE, nom=f"T CCF {n}", referentiel=ref)
    prof = get_user_model().objects.create(username=f"prof-ccf-{n}", first_name="Claire",
                                           last_name="Enseignante")
    Role.objects.create(user=prof, etablissement=etab, type=TypeRole.ENSEIGNANT,
                        debut=datetime.date(2000, 1, 1))
    Enseignement.objects.create(classe=classe, enseignant=prof)
    eleves = Apprenant.objects.bulk_create(Apprenant(
        ine=f"{n:03d}{i:06d}CG", nom=f"NOM{i:02d}", prenom="Prénom")
        for i in range(apprenants))
    Inscription.objects.bulk_create(Inscription(
        apprenant=a, classe=classe, debut=datetime.date(2000, 1, 1))
        for a in eleves)
    session = SessionExamen.objects.create(classe=classe, annee=2027, referentiel=ref,
                                           cree_par=prof)
    situation = SituationEvaluation.objects.create(
        session=session, epreuve=epreuve, intitule="Réalisation d’un aménagement",
        debut=timezone.localdate(), evaluateur=prof, professionnel_nom="Paul Martin",
        professionnel_fonction="chef d’atelier")
    situation.apprenants.set(eleves)
    gabarit = services.structure(epreuve, services.Notation.pour(session, []).bareme)
    grilles = services.creer_grilles(session, epreuve, eleves, gabarit)
    DegreGrille.objects.bulk_create(DegreGrille(grille=g, competence=c, degre=1 + (i + j) % 4)
                                    for i, g in enumerate(grilles.values())
                                    for j, c in enumerate(competences))
    notation = services.Notation.pour(session, [a.pk for a in eleves])
    for i, g in enumerate(grilles.values()):
        notation.recalculer(g)
        g.appreciation = "Travail soigné ; la finition reste à consolider en autonomie."
        if i < apprenants * 5 // 6:
            g.etat, g.signee_par, g.signee_le = EtatGrille.SIGNEE, prof, timezone.now()
            g.signature_professionnel = "Paul Martin"
        g.save()
    return {"session": session, "epreuve": epreuve, "prof": prof,
            "grilles": GrilleCCF.objects.filter(session=session)}


def run(say) -> None:
    from cpro_platform.certification.grilles_documents import grilles_pdf

    with transaction.atomic():
        petit, grand = construire(5), construire(30)
        debut, cpu = time.perf_counter(), time.process_time()
        pdf = grilles_pdf(grand["session"], grand["epreuve"])
        duree, cpu = time.perf_counter() - debut, time.process_time() - cpu
        figure(say, "CCF grids of 30 learners as one PDF", duree, "s", CIBLE_PDF, chiffres=2,
               details=f"{cpu:.2f} s CPU, {len(pdf) // 1024} KiB")
        requetes = []
        for data in (petit, grand):
            client = Client()
            client.force_login(data["prof"])
            page = _page(client, reverse("certification:grilles_epreuve",
                                         args=[data["session"].pk, data["epreuve"].pk]))
            page()   # warm-up
            requetes.append(measure(page, repeat=3))
        (t5, q5), (t30, q30) = requetes
        figure(say, "CCF grid entry page, 30 learners, queries", q30, "queries", q5,
               chiffres=0, details=f"target: the count for 5 learners; {t30 * 1000:.0f} ms, "
                                   f"test client")
        transaction.set_rollback(True)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    django.setup()
    run(print)
