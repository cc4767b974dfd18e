"""Documents: the livret PDF and the bilan PDFs, one learner then a class of 30 in the worker.

    python -m benchmarks.documents

Livret: the 3-year learner of ``benchmarks.livret.construire`` (30 learners, 90 situations,
60 critères, 108,000 evaluations): one PDF through the view, then the class's 30 livrets
through the real batch path (``db_worker``'s loop, the pool of ``exports.parallele``).
Bilans: builds (bulk) a référentiel with its units, blocs, épreuves and pondérations —
"realistic": 24 compétences (twice the shipped référentiels), 3 épreuves; "stress": 48
compétences with long titles, 6 épreuves — a class of 30 learners over three school years
with two validated bilans a year each (every compétence's level, some comments, a mark per
épreuve with its explanation on the latest), and current evaluations for the coverage.
Reports, for each: one PDF (median of 5, wall and CPU time, split into reading + HTML and
WeasyPrint's layout; a profile of WeasyPrint by stage when the target is missed), the class
batch in the worker (wall time, CPU of the worker and of its pool's children, the load
average), and (realistic) the projection fragments' time and query count. Targets: one PDF
≤ 0.5 s, 30 in the worker ≤ 10 s. Every figure ends as one line
``name: value unit (target …) OK|MISS``; the machine's other load inflates wall times (the
CPU times and the load average say by how much).
"""
import cProfile
import datetime
import io
import itertools
import os
import pstats
import sys
import tempfile
import threading
import time
from decimal import Decimal

from .timing import measure

_seq = itertools.count(1)
CIBLE_PDF, CIBLE_LOT = 0.5, 10.0
PHRASE = ("réaliser l’intervention dans le respect des procédures du constructeur, des règles "
          "d’hygiène, de sécurité et de protection de l’environnement")


#: (blocs, compétences per bloc, title): twice the shipped référentiels (12 compétences of
#: about 45 characters), then a stress case four times their size with long titles.
TAILLES = {"realistic": (6, 4, PHRASE[:60]), "stress": (8, 6, PHRASE)}


def construire(apprenants: int = 30, annees: int = 3, taille: str = "realistic") -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cpro_platform.bilans.models import Bilan, Campagne, NiveauBilan, Note
    from cpro_platform.comptes.models import Role, TypeRole
    from cpro_platform.etablissements.models import (
        AnneeScolaire, Apprenant, Classe, Enseignement, Etablissement, Inscription, Niveau)
    from cpro_platform.referentials.models import (
        Bloc, Competence, Critere, Epreuve, Niveau as NiveauEchelle, Ponderation, Referentiel,
        Unite)
    from cpro_platform.referentials.regles import ref_de
    from cpro_platform.regles import Poids, Ponderation as PonderationValeur, regles
    from cpro_platform.suivi.models import Evaluation, Scenario, Situation

    n = next(_seq)
    nb_blocs, par_bloc, titre = TAILLES[taille]
    ref = Referentiel.objects.create(
        code=f"DOC{n}", version="bench", intitule="Maintenance des véhicules — bench",
        diplome="Baccalauréat professionnel", niveau=4, provenance="officiel",
        provenance_detail="Arrêté du 1er janvier 2024", plugin="bench", distribution="bench",
        distribution_version="0", fichier="bench.toml", data_hash="0" * 64,
        synchronise_le=timezone.now())
    NiveauEchelle.objects.bulk_create(NiveauEchelle(referentiel=ref, valeur=v, libelle=libelle)
                                      for v, libelle in enumerate(
                                          ["Non maîtrisé", "Insuffisamment maîtrisé",
                                           "Maîtrisé", "Bien maîtrisé"], 1))
    competences = []
    for u in range(nb_blocs // 2):
        unite = Unite.objects.create(referentiel=ref, code=f"U{u + 1}", ordre=u,
                                     intitule=f"Unité {u + 1} : {PHRASE[:60]}",
                                     provenance="officiel")
        for b in range(2):
            k = 2 * u + b + 1
            bloc = Bloc.objects.create(referentiel=ref, unite=unite, code=f"B{k}", ordre=k,
                                       intitule=f"Bloc {k} : {PHRASE[:70]}",
                                       provenance="officiel")
            competences += Competence.objects.bulk_create(
                Competence(referentiel=ref, bloc=bloc, code=f"C{k}.{i + 1}", ordre=i,
                           intitule=titre.capitalize(),
                           provenance="provisoire" if (k + i) % 5 == 0 else "officiel")
                for i in range(par_bloc))
    criteres = Critere.objects.bulk_create(
        Critere(competence=c, code=f"{c.code}.{j}", intitule=f"Critère {j}", ordre=j,
                provenance="officiel") for c in competences for j in (1, 2))
    epreuves = []
    for e in range(len(competences) // 8):
        epreuve = Epreuve.objects.create(referentiel=ref, code=f"E{e + 1}", ordre=e,
                                         intitule=f"Épreuve {e + 1}", coefficient=2 + e % 3,
                                         provenance="officiel")
        cibles = competences[8 * e:8 * e + 8]
        epreuve.competences.set(cibles)
        Ponderation.objects.bulk_create(
            Ponderation(epreuve=epreuve, competence=c, pourcentage=Decimal("12.5"),
                        provenance="officiel") for c in cibles)
        epreuves.append((epreuve, cibles))

    User = get_user_model()
    lycee = Etablissement.objects.create(uai=f"{9800000 + n:07d}B", nom=f"Lycée bench {n}",
                                         type="lp", academie="Lyon")
    prof = User.objects.create(username=f"prof-doc-{n}", first_name="Claire",
                               last_name="Martin")
    Role.objects.create(user=prof, etablissement=lycee, type=TypeRole.ENSEIGNANT,
                        debut=datetime.date(2000, 1, 1))
    eleves = Apprenant.objects.bulk_create(
        Apprenant(ine=f"{n:03d}{i:06d}DC", nom=f"NOM{i:02d}", prenom="Prénom")
        for i in range(apprenants))
    today = timezone.localdate()
    niveaux_classe = [Niveau.SECONDE, Niveau.PREMIERE, Niveau.TERMINALE]
    bilans_derniers, evaluations = [], []
    for an in range(annees):
        annee = AnneeScolaire.pour_date(today - datetime.timedelta(days=365 * (annees - 1 - an)))
        classe = Classe.objects.create(etablissement=lycee, annee=annee, referentiel=ref,
                                       nom=f"{niveaux_classe[an % 3]} DOC {n}",
                                       niveau=niveaux_classe[an % 3])
        Enseignement.objects.create(classe=classe, enseignant=prof)
        Inscription.objects.bulk_create(
            Inscription(apprenant=e, classe=classe, debut=annee.debut,
                        fin=None if an == annees - 1 else annee.fin) for e in eleves)
        scenario = Scenario.objects.create(classe=classe, referentiel=ref, titre=f"Année {an}")
        for s in range(10):
            situation = Situation.objects.create(
                scenario=scenario, ordre=s, titre=f"TP {an}.{s}",
                debut=min(annee.debut + datetime.timedelta(days=14 * s + 3), today))
            cibles = criteres[(s * 9) % len(criteres):][:12]
            situation.criteres.set(cibles)
            evaluations += [Evaluation(situation=situation, apprenant=e, critere=c,
                                       etat="evalue", niveau=1 + (e.pk + c.pk) % 4, version=1,
                                       auteur=prof) for e in eleves for c in cibles]
        for periode in range(2):
            date = min(annee.debut + datetime.timedelta(days=120 + 150 * periode), today)
            campagne = Campagne.objects.create(classe=classe, titre=f"Bilan {an + 1}.{periode + 1}",
                                               date=date, ouverte_par=prof)
            for e in eleves:
                bilan = Bilan.objects.create(
                    apprenant=e, campagne=campagne, referentiel=ref, date=date, cree_par=prof,
                    appreciation="Travail régulier ; l’autonomie en atelier progresse. " * 3)
                NiveauBilan.objects.bulk_create(
                    NiveauBilan(bilan=bilan, competence=c, niveau=1 + (e.pk + c.pk + an) % 4,
                                origine="positionnement",
                                commentaire="Observé en atelier et en entreprise, à consolider."
                                if c.pk % 3 == 0 else "") for c in competences)
                bilan.etat, bilan.valide_par, bilan.valide_le = "valide", prof, timezone.now()
                bilan.save()
                if an == annees - 1 and periode == 1:
                    bilans_derniers.append(bilan)
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)

    gateway, ref_valeur = regles(), ref_de(ref)
    from cpro_platform.referentials.regles import epreuves_de
    observees = {e.code: e for e in epreuves_de(ref)}
    for bilan in bilans_derniers:
        profil = dict(bilan.niveaux.values_list("competence__code", "niveau"))
        for epreuve, cibles in epreuves:
            ponderation = PonderationValeur(epreuve.code, tuple(
                Poids(c.code, Decimal("12.5")) for c in cibles), "referentiel", "bench")
            resultat = gateway.noter(ref_valeur, observees[epreuve.code], profil, ponderation,
                                     (1, 2, 3, 4))
            Note.objects.create(
                bilan=bilan, epreuve=epreuve, note_calculee=resultat.note,
                modulation=Decimal(1) if bilan.pk % 4 == 0 and resultat.note <= 19 else 0,
                motif="Progrès nets sur la période." if bilan.pk % 4 == 0 else "",
                note=resultat.note + (1 if bilan.pk % 4 == 0 and resultat.note <= 19 else 0),
                ponderation={p.competence: str(p.pourcentage) for p in ponderation.poids},
                explication={"formule": resultat.formule, "calcul": resultat.calcul,
                             "regle": resultat.regle, "manquantes": list(resultat.manquantes),
                             "termes": [{"competence": t.competence, "niveau": t.niveau,
                                         "pourcentage": str(t.pourcentage),
                                         "points": str(t.points)} for t in resultat.termes]},
                auteur=prof)
    return {"prof": prof, "classe": classe, "campagne": campagne, "eleves": eleves,
            "bilan": bilans_derniers[0], "evaluations": len(evaluations)}


def _profil_weasyprint(html: str, say) -> None:
    """Where WeasyPrint spends its time on one bilan, by stage."""
    from cpro_platform.pdf import html_en_pdf

    profil = cProfile.Profile(time.process_time)   # CPU: the machine's load left out
    profil.runcall(html_en_pdf, html)
    stats = pstats.Stats(profil)
    etapes = {"parsing HTML/CSS": ("tinyhtml5", "tinycss2", "cssselect2", "css/"),
              "fonts (fontconfig/pango/harfbuzz)": ("fonts", "text/", "pango", "ffi"),
              "tables": ("tables",), "SVG": ("svg/",), "layout": ("layout/",),
              "drawing + PDF": ("draw", "pdf/", "pydyf")}
    total = max(v[3] for v in stats.stats.values())
    say(f"  profile of one PDF (cumulative CPU under cProfile, {total:.2f} s in all):")
    for etape, motifs in etapes.items():
        temps = max((v[3] for (fichier, _l, _f), v in stats.stats.items()
                     if "weasyprint" in fichier and any(m in fichier for m in motifs)),
                    default=0)
        say(f"    {etape:36s} {temps:.2f} s")
    flux = io.StringIO()
    pstats.Stats(profil, stream=flux).sort_stats("tottime").print_stats(8)
    say("  top functions by own time:\n" + "\n".join(
        "    " + texte for texte in flux.getvalue().splitlines()[-12:] if texte.strip()))


def _cpu(fn, repeat: int = 5) -> float:
    """Median CPU seconds of the process: what the machine's other load does not inflate."""
    temps = []
    for _ in range(repeat):
        debut = time.process_time()
        fn()
        temps.append(time.process_time() - debut)
    return sorted(temps)[len(temps) // 2]


def ligne(nom: str, valeur: float, unite: str, cible: float, detail: str = "") -> str:
    """``name: value unit (target …) OK|MISS``, by how much when missed."""
    etat = "OK" if valeur <= cible else (
        f"MISS by {valeur - cible:.2f} {unite} (+{valeur / cible - 1:.0%})")
    return (f"{nom}: {valeur:.2f} {unite} (target ≤ {cible:g} {unite}) {etat}"
            + (f" — {detail}" if detail else ""))


def _charge() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _un_pdf(say, data, taille: str) -> str:
    from cpro_platform.bilans.documents import bilan_pdf, html_bilan, lire_bilan
    from cpro_platform.bilans.models import Bilan
    from cpro_platform.bilans.perimetres_documents import DETAIL_BILAN
    from cpro_platform.pdf import html_en_pdf
    from pypdf import PdfReader

    bilan = Bilan.objects.select_related(*DETAIL_BILAN).get(pk=data["bilan"].pk)
    bilan_pdf(bilan)   # warm-up: templates, fonts, plugin manager
    (temps, requetes) = measure(lambda: bilan_pdf(bilan))
    cpu = _cpu(lambda: bilan_pdf(bilan))
    html = html_bilan(lire_bilan(bilan))
    (lecture, _r) = measure(lambda: html_bilan(lire_bilan(bilan)))
    (mise_en_page, _r) = measure(lambda: html_en_pdf(html))
    contenu = bilan_pdf(bilan)
    pages = len(PdfReader(io.BytesIO(contenu)).pages)
    resultat = ligne(
        f"bilan PDF {taille}", temps, "s", CIBLE_PDF,
        f"median wall of 5, {cpu:.2f} s CPU, {requetes} queries; reading + HTML "
        f"{lecture:.2f} s, WeasyPrint {mise_en_page:.2f} s; {len(contenu) / 1024:.0f} KB, "
        f"{pages} pages; {_charge()}")
    say(resultat)
    if temps > CIBLE_PDF:
        _profil_weasyprint(html, say)
    return resultat


def _lot(say, nom: str, format_: str, classe, auteur, parametres: dict) -> str:
    """The class batch as ``make run`` runs it: queued, taken by ``db_worker``'s loop."""
    import resource

    from django.conf import settings
    from django.test import override_settings
    from django_tasks_db.management.commands.db_worker import Worker

    from cpro_platform.exports import parallele, taches
    from cpro_platform.exports.models import LotExport

    with tempfile.TemporaryDirectory() as dossier, override_settings(
            # A queue of its own: on a database with data, the worker takes only this batch,
            # never a task someone else left queued.
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                               "QUEUES": ["default", "bench"]}},
            STORAGES={**settings.STORAGES, "documents": {
                "BACKEND": "cpro_platform.bilans.stockage.DocumentsSurDisque",
                "OPTIONS": {"location": dossier}}}):
        lot = LotExport.objects.create(format=format_, classe=classe, parametres=parametres,
                                       auteur=auteur)
        taches.produire_lot.using(queue_name="bench").enqueue(lot.pk)
        worker = Worker(queue_names=["bench"], interval=0, batch=True, backend_name="default",
                        startup_delay=False, max_tasks=1, worker_id="bench-documents",
                        excluded_queue_names=[])
        fil = threading.Thread(target=worker.run)
        enfants = resource.getrusage(resource.RUSAGE_CHILDREN)
        debut, cpu = time.perf_counter(), time.process_time()
        fil.start()
        fil.join()
        duree, cpu = time.perf_counter() - debut, time.process_time() - cpu
        apres = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_enfants = (apres.ru_utime + apres.ru_stime) - (enfants.ru_utime + enfants.ru_stime)
        lot.refresh_from_db()
        resultat = ligne(
            nom, duree, "s", CIBLE_LOT,
            f"{lot.faits}/{lot.total} PDFs, state {lot.etat}, {parallele.processus()} "
            f"processes; CPU {cpu:.1f} s worker + {cpu_enfants:.1f} s pool "
            f"({(cpu + cpu_enfants) / max(1, lot.faits):.2f} s per PDF); archive "
            f"{lot.fichier.size / 1e6 if lot.fichier else 0:.1f} MB; {_charge()}")
        say(resultat)
        return resultat


def _livret(say) -> list[str]:
    """The 3-year learner's livret PDF through the view, then the class's 30 livrets."""
    from django.db import transaction

    from . import livret

    debut = time.perf_counter()
    with transaction.atomic():
        data = livret.construire(apprenants=30, annees=3, situations_par_an=30, criteres=60,
                                 par_situation=20)
    say(f"[livret] built in {time.perf_counter() - debut:.0f} s: {data['situations']} "
        f"situations, {len(data['criteres'])} critères, {data['evaluations']} evaluations")
    mur, cpu, pages = livret.pdf(data)
    lignes = [ligne("livret PDF single", mur, "s", CIBLE_PDF,
                    f"median wall of 5 through the view, {cpu:.2f} s CPU, {pages} pages; "
                    f"{_charge()}")]
    say(lignes[0])
    lignes.append(_lot(say, "livret batch 30", "livrets-classe", data["classe"], data["prof"],
                       {}))
    return lignes


def _projections(say, data) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(data["prof"])
    for libelle, url in (
            ("projection, class of 30 (htmx fragment)",
             reverse("bilans_documents:projection_classe", args=[data["classe"].pk])),
            ("projection, one learner (htmx fragment)",
             reverse("bilans_documents:projection_apprenant", args=[data["eleves"][0].pk]))):
        def get(url=url):
            assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
        get()
        (temps, requetes) = measure(get)
        say(f"{libelle}: {temps * 1000:.0f} ms median, {requetes} queries")


def run(say) -> None:
    resume = _livret(say)
    for taille, (blocs, par_bloc, titre) in TAILLES.items():
        debut = time.perf_counter()
        data = construire(taille=taille)
        say(f"[{taille}] built in {time.perf_counter() - debut:.0f} s: 30 learners × 3 years, "
            f"{blocs * par_bloc} compétences (titles of {len(titre)} characters), "
            f"{blocs * par_bloc // 8} épreuves, 180 validated bilans, "
            f"{data['evaluations']} evaluations")
        resume.append(_un_pdf(say, data, taille))
        resume.append(_lot(say, f"bilan batch {taille}", "bilans-classe", data["classe"],
                           data["prof"], {"campagne": data["campagne"].pk}))
        if taille == "realistic":
            _projections(say, data)
    say("summary:")
    for resultat in resume:
        say("  " + resultat.split(" — ")[0])


def main() -> int:
    if "DATABASE_URL" not in os.environ:
        dossier = tempfile.mkdtemp(prefix="cpro-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{dossier}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpro_platform.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    run(print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
