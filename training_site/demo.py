"""Demo step: the Formation space, its programme of webinars about the application's
features — some past with a replay, some upcoming and open — and a few registrations.
Dates are relative to today, so the demo always has both. Idempotent (found again by slug)."""
import datetime

from django.utils import timezone
from django.utils.text import slugify

from cpro_platform.home.cms import autoriser_snippets, configurer_moderation, racine_du_site

from .inscriptions import InscriptionRefusee, inscrire
from .models import (FormationIndexPage, Inscription, Intervenant, ParametresFormation,
                     ProgrammePage, Thematique, WebinaireIntervenant, WebinairePage)
from .models.pages import HEURE_DU_MIDI

REPLAYS_URL = "https://videos.cpro.example/formation/{slug}.mp4"
VISIO_URL = "https://visio.cpro.example/webinaire/{slug}"
CONTACT = "formation@cpro.example"

THEMATIQUES = [
    ("Prendre en main CPRO", "Premiers pas : classes, référentiels, situations de formation."),
    ("Le livret de suivi", "Évaluer critère par critère et suivre la progression."),
    ("Bilans et certification", "Bilans intermédiaires, de la compétence à la note, CCF."),
    ("L'entreprise", "PFMP, apprentissage, tuteurs et maîtres d'apprentissage."),
]

INTERVENANTS = [
    ("Anne Rousseau", "professeure de carrosserie, formatrice CPRO"),
    ("Paul Girard", "DDFPT, lycée professionnel"),
    ("Leïla Mansour", "professeure de construction de véhicules"),
]

# (days from today, theme, title, summary, presenters, capacity)
WEBINAIRES = [
    (-42, 0, "Démarrer l'année avec CPRO",
     "Importer ses classes, choisir le référentiel, créer sa première situation de formation.",
     [0, 1], 100),
    (-28, 1, "Le livret de suivi au quotidien",
     "Saisir une grille d'évaluation au clavier, lire le livret d'un apprenant, repérer les "
     "critères peu évalués.", [0], 100),
    (-14, 2, "Bilans intermédiaires : une photographie datée",
     "Positionner les apprenants, valider un bilan, comprendre pourquoi un bilan validé ne "
     "change plus.", [2], 80),
    (7, 2, "De la compétence à la note",
     "Pondérations par défaut, modulation de ± 2 points et explication de chaque note.",
     [0, 2], 60),
    (14, 3, "PFMP : associer le tuteur à l'évaluation",
     "Le lien de connexion du tuteur, l'évaluation en entreprise et la fiche d'activité.",
     [1], 40),
    (21, 2, "Préparer les épreuves en CCF",
     "Des situations certificatives aux grilles nationales : s'organiser en équipe.", [1, 2], 3),
    (35, 0, "Questions-réponses : votre première période avec CPRO",
     "Une séance ouverte pour répondre à vos questions d'usage.", [0], 100),
]


def _index() -> FormationIndexPage:
    page = FormationIndexPage.objects.first()
    if page is None:
        page = FormationIndexPage(
            title="Espace Formation", slug="formation",
            introduction="<p>Des webinaires de 30 minutes, à l'heure du déjeuner, pour prendre "
                         "en main l'application et en partager les usages. Inscription gratuite, "
                         "rediffusion de chaque séance.</p>")
        racine_du_site().add_child(instance=page)
        page.save_revision().publish()
    return page


def _programme(index) -> ProgrammePage:
    page = ProgrammePage.objects.child_of(index).first()
    if page is None:
        page = ProgrammePage(title="Programme des webinaires", slug="programme",
                             introduction="<p>Les prochaines séances par thème, et l'onglet "
                                          "« Rediffusion » pour revoir les séances passées.</p>")
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


def _debut(jours: int) -> datetime.datetime:
    jour = timezone.localdate() + datetime.timedelta(days=jours)
    while jour.weekday() >= 5:  # lunchtime on a weekday
        jour += datetime.timedelta(days=1 if jours > 0 else -1)
    return timezone.make_aware(datetime.datetime.combine(jour, HEURE_DU_MIDI))


def build(stdout) -> list:
    index = _index()
    configurer_moderation(index)
    autoriser_snippets(Thematique, Intervenant)
    autoriser_snippets(Inscription, actions=("view", "change"))  # see permissions.py
    programme = _programme(index)
    parametres = ParametresFormation.load()
    if not parametres.courriel_contact:
        parametres.courriel_contact = CONTACT
        parametres.save()
    themes = [Thematique.objects.get_or_create(nom=nom, defaults={"description": d, "ordre": i})[0]
              for i, (nom, d) in enumerate(THEMATIQUES)]
    intervenants = [Intervenant.objects.get_or_create(nom=nom, defaults={"fonction": f})[0]
                    for nom, f in INTERVENANTS]
    for jours, theme, titre, resume, qui, capacite in WEBINAIRES:
        slug = slugify(titre)
        if WebinairePage.objects.child_of(programme).filter(slug=slug).exists():
            continue
        passe = jours < 0
        page = WebinairePage(
            title=titre, slug=slug, thematique=themes[theme], debut=_debut(jours),
            resume=resume, capacite=capacite, inscriptions_ouvertes=not passe,
            lien_visio=VISIO_URL.format(slug=slug),
            video_rediffusion=REPLAYS_URL.format(slug=slug) if passe else "",
            description=[("paragraphe", "<p>Séance de 30 minutes : vingt minutes de "
                                        "démonstration dans l'application, dix minutes de "
                                        "questions.</p>")])
        for n in qui:
            page.intervenants.add(WebinaireIntervenant(intervenant=intervenants[n]))
        programme.add_child(instance=page)
        page.save_revision().publish()
        if capacite <= 3:  # a full session with a waiting list, to show it
            for k in range(capacite + 1):
                try:
                    inscrire(page, email=f"enseignant{k + 1}@lycee.example",
                             nom=f"Enseignant {k + 1}")
                except InscriptionRefusee:
                    pass
    passes = sum(1 for jours, *_rest in WEBINAIRES if jours < 0)
    stdout.write(f"Espace Formation : {passes} webinaires passés avec rediffusion, "
                 f"{len(WEBINAIRES) - passes} à venir ouverts aux inscriptions (adresses vidéo "
                 f"et visio fictives, *.cpro.example ; contact {parametres.courriel_contact}).")
    return []
