"""Demo step: the Ressources space with the five teacher videos and the two round tables,
and the CMS editor and moderator accounts. Idempotent (pages found again by slug)."""
import datetime

from django.contrib.auth import get_user_model

from cpro_platform.home.cms import (EDITEURS, MODERATEURS, autoriser_snippets, configurer_moderation,
                                    groupes_cms, racine_du_site)

from .models import CategorieRessource, Participant, RessourcesIndexPage, TableRondePage, VideoPage

VIDEOS_URL = "https://videos.cpro.example/ressources/{slug}.mp4"

CATEGORIES = [
    ("referentiel", "Le référentiel de formation",
     "Lire et utiliser le référentiel du diplôme pour construire la formation."),
    ("developpement-professionnel", "Développement professionnel",
     "Évaluer, organiser le cycle, travailler avec les entreprises."),
    ("tables-rondes", "Tables rondes", "Des enseignants, des inspecteurs et des tuteurs en débattent."),
]

VIDEOS = [
    ("referentiel-architecture-decodage", "referentiel",
     "Le référentiel de formation – Architecture et décodage", 14,
     "Comment un référentiel de baccalauréat professionnel est construit : activités "
     "professionnelles, blocs de compétences, compétences, critères et unités certificatives.",
     ["référentiel", "compétences"]),
    ("referentiel-situation-professionnelle", "referentiel",
     "Le référentiel de formation – Pour construire une situation professionnelle d'apprentissage",
     17,
     "Partir d'une activité du référentiel pour bâtir une situation de formation : contexte, "
     "tâches, compétences et critères visés, ressources.",
     ["référentiel", "situation de formation"]),
    ("dp-evaluer-pour-former", "developpement-professionnel",
     "Développement professionnel – Évaluer pour former", 12,
     "L'évaluation formative au service des apprentissages : critères partagés, retours à "
     "l'apprenant, positionnement et bilans intermédiaires.",
     ["évaluation", "bilan intermédiaire"]),
    ("dp-structurer-cycle", "developpement-professionnel",
     "Développement professionnel – Structurer le cycle de formation", 15,
     "Organiser les trois années du cycle en scénario pédagogique : progression, alternance "
     "des lieux, situations certificatives.",
     ["scénario pédagogique", "progression"]),
    ("dp-alternance-ecole-entreprise", "developpement-professionnel",
     "Développement professionnel – L'alternance pédagogique école-entreprise", 16,
     "Faire dialoguer les apprentissages au lycée et en entreprise : préparation des PFMP, "
     "rôle du tuteur, exploitation des activités vécues.",
     ["PFMP", "entreprise", "tuteur"]),
]

TABLES_RONDES = [
    ("table-ronde-logique-competences",
     "La logique de compétences dans l'enseignement professionnel", 42,
     "Que change une formation pensée en compétences plutôt qu'en programme ? Trois regards sur "
     "la construction, l'évaluation et la certification.",
     [("Claire Dubois", "inspectrice de l'éducation nationale, enseignement technique", "animation"),
      ("Karim Benali", "professeur de carrosserie en lycée professionnel", ""),
      ("Sophie Marchand", "DDFPT", "")],
     ["compétences", "certification"]),
    ("table-ronde-entretien-formatif",
     "L'entretien formatif : un levier de développement professionnel", 38,
     "L'entretien formatif entre l'enseignant, l'apprenant et le tuteur : le préparer, le "
     "conduire, en garder trace dans le livret de suivi.",
     [("Julien Moreau", "formateur académique", "animation"),
      ("Nadia Haddad", "professeure de construction de véhicules", ""),
      ("Thomas Leroy", "chef d'atelier, tuteur de PFMP", "")],
     ["entretien", "tuteur", "évaluation"]),
]

DEMO_USERS = [
    ("editrice", "Élise", "Éditrice", EDITEURS, "Éditrice des espaces (CMS /cms/)"),
    ("moderateur", "Marc", "Modérateur", MODERATEURS, "Modérateur des espaces (CMS /cms/)"),
]
PASSWORD = "cpro-demo"


def _index() -> RessourcesIndexPage:
    existing = RessourcesIndexPage.objects.first()
    if existing:
        return existing
    page = RessourcesIndexPage(
        title="Espace Ressources", slug="ressources",
        introduction="<p>Des vidéos courtes et des tables rondes pour le développement "
                     "professionnel des enseignants de la voie professionnelle.</p>")
    racine_du_site().add_child(instance=page)
    page.save_revision().publish()
    return page


def _publier(index, cls, slug, **fields):
    page = cls.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page
    tags = fields.pop("tags")
    participants = fields.pop("participants", [])
    page = cls(slug=slug, **fields)
    page.tags.add(*tags)
    for nom, fonction, role in participants:
        page.participants.add(Participant(nom=nom, fonction=fonction, role=role))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def build(stdout) -> list[tuple[str, str, str]]:
    categories = {}
    for ordre, (slug, nom, description) in enumerate(CATEGORIES):
        categories[slug], _created = CategorieRessource.objects.get_or_create(
            slug=slug, defaults={"nom": nom, "description": description, "ordre": ordre})
    index = _index()
    configurer_moderation(index)
    autoriser_snippets(CategorieRessource)
    for slug, categorie, titre, minutes, resume, tags in VIDEOS:
        _publier(index, VideoPage, slug, title=titre, resume=resume, tags=tags,
                 categorie=categories[categorie], duree=datetime.timedelta(minutes=minutes),
                 video_url=VIDEOS_URL.format(slug=slug))
    for slug, titre, minutes, resume, participants, tags in TABLES_RONDES:
        _publier(index, TableRondePage, slug, title=titre, resume=resume, tags=tags,
                 participants=participants, categorie=categories["tables-rondes"],
                 duree=datetime.timedelta(minutes=minutes),
                 video_url=VIDEOS_URL.format(slug=slug))
    stdout.write(f"Espace Ressources : {len(VIDEOS)} vidéos et {len(TABLES_RONDES)} tables rondes "
                 "(adresses vidéo fictives, videos.cpro.example : aucun fichier derrière).")
    return _demo_users()


def _demo_users():
    User = get_user_model()
    groupes = groupes_cms()
    logins = []
    for username, first, last, groupe, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last,
                                         "email": f"{username}@cpro.example"})
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(groupes[groupe])
        logins.append((role, username, PASSWORD))
    return logins
