"""The livret, the class view and a full grid save on three years of a 30-learner class.

Builds (with bulk_create) a referential of 60 critères, 30 learners enrolled over three school
years, 90 situations of 20 critères each, every cell evaluated then corrected once
(> 100,000 evaluation rows). ``construire`` is the data builder the other benches reuse; the
page figures over HTTP are ``benchmarks.pages``, the livret PDF ``benchmarks.documents``; here,
in process: the grid save through ``enregistrer_grille``.
"""
import datetime
import itertools

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cpro_platform.comptes.models import Role, TypeRole
from cpro_platform.etablissements.models import (
    AnneeScolaire, Apprenant, Classe, Enseignement, Etablissement, Inscription, Niveau)
from cpro_platform.livret.resume import recalculer
from cpro_platform.referentials.models import (
    Bloc, Competence, Critere, Epreuve, Niveau as NiveauEchelle, Referentiel, Unite)
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Evaluation, Lieu, Scenario, Situation, TypeSituation

from .sortie import figure
from .timing import measure

User = get_user_model()
_seq = itertools.count(1)


def _referentiel(code: str, criteres: int) -> tuple[Referentiel, list[Critere], Epreuve]:
    ref = Referentiel.objects.create(
        code=code, version="bench", intitule=f"Référentiel {code}", diplome="Bac pro",
        niveau=4, provenance="provisoire", plugin="bench", distribution="bench",
        distribution_version="0", fichier="bench.toml", data_hash="0" * 64,
        synchronise_le=timezone.now())
    NiveauEchelle.objects.bulk_create(NiveauEchelle(referentiel=ref, valeur=v, libelle=f"N{v}")
                                      for v in range(1, 5))
    out, par_competence = [], 5
    for b in range(max(1, criteres // 15)):
        unite = Unite.objects.create(referentiel=ref, code=f"U{b}", intitule=f"Unité {b}",
                                     provenance="provisoire", ordre=b)
        bloc = Bloc.objects.create(referentiel=ref, unite=unite, code=f"B{b}", ordre=b,
                                   intitule=f"Bloc {b}", provenance="provisoire")
        for k in range(3):
            comp = Competence.objects.create(referentiel=ref, bloc=bloc, code=f"C{b}.{k}",
                                             intitule=f"Compétence {b}.{k}", ordre=k,
                                             provenance="provisoire")
            out += Critere.objects.bulk_create(
                Critere(competence=comp, code=f"C{b}.{k}.{i}", intitule=f"Critère {i}",
                        ordre=i, provenance="provisoire") for i in range(par_competence))
    epreuve = Epreuve.objects.create(referentiel=ref, code="E3", intitule="E3", coefficient=2,
                                     provenance="provisoire")
    # It evaluates every compétence: certificative situations target only its critères.
    epreuve.competences.set(Competence.objects.filter(referentiel=ref))
    return ref, out[:criteres], epreuve


def _numero() -> int:
    """The next number no établissement of an earlier bench run left in this database holds
    (names and codes below are made from it: unique constraints)."""
    n = next(_seq)
    while Etablissement.objects.filter(uai=f"{9900000 + n:07d}A").exists():
        n = next(_seq)
    return n


def construire(apprenants: int, annees: int, situations_par_an: int, criteres: int,
               par_situation: int) -> dict:
    """A class followed over ``annees`` years; every cell evaluated, then corrected once.

    The first learner has an account (``apprenant_compte``): the learner's own livret."""
    n = _numero()
    ref, tous, epreuve = _referentiel(f"BENCH{n}", criteres)
    lycee = Etablissement.objects.create(uai=f"{9900000 + n:07d}A", nom=f"Lycée bench {n}",
                                         type="lp", academie="Lyon")
    prof = User.objects.create(username=f"prof-bench-{n}")
    Role.objects.create(user=prof, etablissement=lycee, type=TypeRole.ENSEIGNANT,
                        debut=datetime.date(2000, 1, 1))
    today = timezone.localdate()
    eleves = Apprenant.objects.bulk_create(
        Apprenant(ine=f"{n:03d}{i:06d}BE", nom=f"NOM{i:02d}", prenom="Prénom")
        for i in range(apprenants))
    eleves[0].user = User.objects.create(username=f"apprenant-bench-{n}")
    eleves[0].save(update_fields=["user"])
    niveaux = [Niveau.SECONDE, Niveau.PREMIERE, Niveau.TERMINALE]
    classes, situations = [], []
    for an in range(annees):
        annee = AnneeScolaire.pour_date(today - datetime.timedelta(days=365 * (annees - 1 - an)))
        classe = Classe.objects.create(etablissement=lycee, annee=annee, referentiel=ref,
                                       nom=f"{niveaux[an % 3]} BENCH {n}", niveau=niveaux[an % 3])
        Enseignement.objects.create(classe=classe, enseignant=prof)
        courante = an == annees - 1
        Inscription.objects.bulk_create(
            Inscription(apprenant=e, classe=classe, debut=annee.debut,
                        fin=None if courante else annee.fin) for e in eleves)
        scenario = Scenario.objects.create(classe=classe, referentiel=ref, titre=f"Année {an}")
        for s in range(situations_par_an):
            debut = min(annee.debut + datetime.timedelta(days=7 * s + 3), today)
            certif = s % 6 == 5
            situation = Situation.objects.create(
                scenario=scenario, ordre=s, titre=f"TP {an}.{s}", debut=debut,
                lieu=Lieu.ENTREPRISE if s % 3 == 2 else Lieu.CENTRE,
                type=TypeSituation.CERTIFICATIVE if certif else TypeSituation.FORMATIVE,
                epreuve=epreuve if certif else None)
            situation.criteres.set(tous[(s * 7 + j) % len(tous)] for j in range(par_situation))
            situations.append(situation)
        classes.append(classe)
    lignes = []
    for situation in situations:
        for e in eleves:
            for critere in situation.criteres.all():
                v = 1 + (e.pk + critere.pk + situation.pk) % 4
                lignes.append(Evaluation(situation=situation, apprenant=e, critere=critere,
                                         etat="evalue", niveau=v, version=1, courante=False,
                                         auteur=prof))
                lignes.append(Evaluation(situation=situation, apprenant=e, critere=critere,
                                         etat="evalue", niveau=max(1, v - 1) if v > 2 else v + 1,
                                         version=2, courante=True, auteur=prof))
    Evaluation.objects.bulk_create(lignes, batch_size=5000)
    # bulk_create bypasses the writers that maintain the class view's summary: build it.
    recalculer([e.pk for e in eleves])
    return {"prof": prof, "eleves": eleves, "apprenant_compte": eleves[0].user,
            "classe": classes[-1], "criteres": tous,
            "epreuve": epreuve, "evaluations": len(lignes), "situations": len(situations)}


def _page(client: Client, url: str):
    def get():
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, (url, response.status_code)
    return get


LIVRET_SQL = ("SELECT e.situation_id, e.critere_id, e.etat, e.niveau, s.titre, s.debut, "
              "s.lieu, s.type FROM suivi_evaluation e JOIN suivi_situation s "
              "ON s.id = e.situation_id WHERE e.apprenant_id = %s AND e.courante")


def _classe_sql(data) -> tuple[str, list]:
    eleves = [e.pk for e in data["eleves"]]
    criteres = [c.pk for c in data["criteres"]]
    sql = ("SELECT apprenant_id, critere_id, etat, niveau, situation_id FROM suivi_evaluation "
           f"WHERE courante AND apprenant_id IN ({', '.join(['%s'] * len(eleves))}) "
           f"AND critere_id IN ({', '.join(['%s'] * len(criteres))})")
    return sql, eleves + criteres


def grille(data, apprenants: int = 30, criteres: int = 20):
    """Save a whole 30 × 20 grid (every cell changed) with ``enregistrer_grille``."""
    classe = data["classe"]
    scenario = Scenario.objects.create(classe=classe, referentiel_id=classe.referentiel_id,
                                       titre="Grille")
    situation = Situation.objects.create(scenario=scenario, titre="TP grille",
                                         debut=timezone.localdate())
    cibles = data["criteres"][:criteres]
    situation.criteres.set(cibles)
    eleves = data["eleves"][:apprenants]
    versions = {(e.pk, c.pk): 0 for e in eleves for c in cibles}
    tour = itertools.count()

    def save():
        niveau = 1 + next(tour) % 4
        saisies = [Saisie(e.pk, c.pk, niveau=niveau) for e in eleves for c in cibles]
        resultat = enregistrer_grille(situation, data["prof"], saisies, dict(versions))
        assert resultat.ok and len(resultat.enregistrees) == len(saisies)
        for cellule in versions:
            versions[cellule] += 1

    mesure = measure(save)
    assert len(courantes(situation)) == len(eleves) * len(cibles)
    return mesure, len(eleves) * len(cibles)


CIBLE_PDF, CIBLE_GRILLE_MS = 0.5, 300


def pdf(data) -> tuple[float, float, int]:
    """The livret PDF of one learner of the large class (three years), through the view:
    median wall and CPU seconds of 5 (after a warm-up), and its pages."""
    import io
    import time

    from pypdf import PdfReader

    client = Client()
    client.force_login(data["prof"])
    url = reverse("livret:livret_pdf", args=[data["eleves"][0].pk])

    def get():
        # The PDF is kept once built (``livret.cache``): forget it, to time the build.
        caches["livret"].clear()
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, (url, response.status_code)
        return response.content
    contenu = get()
    murs, cpus = [], []
    for _ in range(5):
        debut, cpu = time.perf_counter(), time.process_time()
        get()
        murs.append(time.perf_counter() - debut)
        cpus.append(time.process_time() - cpu)
    return (sorted(murs)[2], sorted(cpus)[2], len(PdfReader(io.BytesIO(contenu)).pages))


def donnees() -> tuple[dict, dict]:
    """The small and the large class (committed: the HTTP bench's server reads them)."""
    with transaction.atomic():
        petit = construire(apprenants=3, annees=1, situations_par_an=3, criteres=15,
                           par_situation=5)
        grand = construire(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                           par_situation=20)
    return petit, grand


def decrire(say, petit: dict, grand: dict) -> None:
    say(f"data: small {petit['situations']} situations, {petit['evaluations']} evaluations; "
        f"large {grand['situations']} situations, {len(grand['criteres'])} critères, "
        f"{len(grand['eleves'])} learners, {grand['evaluations']} evaluations")


def run(say, petit: dict | None = None, grand: dict | None = None) -> None:
    """In-process figures (the HTTP ones are ``benchmarks.pages``, the livret PDF
    ``benchmarks.documents``): the grid save through ``enregistrer_grille``."""
    if petit is None or grand is None:
        petit, grand = donnees()
        decrire(say, petit, grand)
    (t, q), cases = grille(grand)
    (_t, q_petit), cases_petit = grille(petit, apprenants=3, criteres=5)
    figure(say, f"grid save, {cases} cells (enregistrer_grille, no HTTP)", t * 1000, "ms",
           CIBLE_GRILLE_MS, details=f"{q} queries ({cases_petit} cells: {q_petit}), one "
                                    f"transaction, median of 5")
