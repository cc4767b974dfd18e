"""The livret, the class view and a full grid save on three years of a 30-learner class.

Builds (with bulk_create) a referential of 60 critères, 30 learners enrolled over three school
years, 90 situations of 20 critères each, every cell evaluated then corrected once
(> 100,000 evaluation rows), and reports for each page the SQL query count on a small and on
the large dataset (it must not grow), the median server time through the Django test Client
against the real views, and the time of one hand-written SQL query fetching the same rows.
"""
import datetime
import itertools

from django.contrib.auth import get_user_model
from django.db import connection, transaction
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


def construire(apprenants: int, annees: int, situations_par_an: int, criteres: int,
               par_situation: int) -> dict:
    """A class followed over ``annees`` years; every cell evaluated, then corrected once."""
    n = next(_seq)
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
    return {"prof": prof, "eleves": eleves, "classe": classes[-1], "criteres": tous,
            "epreuve": epreuve, "evaluations": len(lignes), "situations": len(situations)}


def _brut(sql: str, params: list):
    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    return fetch


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


def pages(data) -> dict:
    client = Client()
    client.force_login(data["prof"])
    eleve = data["eleves"][0]
    livret = reverse("livret:livret", args=[eleve.pk])
    classe = reverse("livret:classe", args=[data["classe"].pk])
    _page(client, livret)()  # warm-up (templates, plugin manager)
    return {
        "livret": (measure(_page(client, livret)), measure(_brut(LIVRET_SQL, [eleve.pk]))),
        "vue de classe": (measure(_page(client, classe)),
                          measure(_brut(*_classe_sql(data)))),
    }


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


CIBLE_PDF = 0.5


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


def run(say) -> None:
    with transaction.atomic():
        petit = construire(apprenants=3, annees=1, situations_par_an=3, criteres=15,
                           par_situation=5)
        grand = construire(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                           par_situation=20)
    say(f"small: {petit['situations']} situations, {petit['evaluations']} evaluations; "
        f"large: {grand['situations']} situations, {len(grand['criteres'])} critères, "
        f"{len(grand['eleves'])} learners, {grand['evaluations']} evaluations")
    petites, grandes = pages(petit), pages(grand)
    for nom in grandes:
        (_t, q_petit), _brut_petit = petites[nom]
        (t, q), (t_brut, _q) = grandes[nom]
        say(f"{nom:14} queries small {q_petit:3} / large {q:3}; server {t * 1000:7.1f} ms "
            f"(median of 5), raw SQL fetch {t_brut * 1000:6.1f} ms, ratio {t / t_brut:5.1f}×")
    mur, cpu, nb_pages = pdf(grand)
    say(f"livret PDF, 3-year learner: {mur:.2f} s (target ≤ {CIBLE_PDF} s) "
        f"{'OK' if mur <= CIBLE_PDF else 'MISS'} — median of 5 through the view, "
        f"{cpu:.2f} s CPU, {nb_pages} pages, {grand['situations']} situations")
    (t, q), cases = grille(grand)
    (t_petit, q_petit), cases_petit = grille(petit, apprenants=3, criteres=5)
    say(f"grid save     {cases} cells: {t * 1000:7.1f} ms, {q} queries "
        f"({cases_petit} cells: {q_petit} queries) — enregistrer_grille, one transaction")
