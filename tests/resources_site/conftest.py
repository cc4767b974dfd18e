"""The Ressources space built in code: its home, a category, a video and a round table."""
import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cpro_platform.home.cms import racine_du_site
from resources_site.models import (CategorieRessource, Participant, RessourcesIndexPage,
                                   TableRondePage, VideoPage)


def espace_ressources():
    index = RessourcesIndexPage(title="Espace Ressources", slug="ressources")
    racine_du_site().add_child(instance=index)
    categorie = CategorieRessource.objects.create(nom="Développement professionnel",
                                                  slug="developpement-professionnel")
    video = VideoPage(title="Développement professionnel – Évaluer pour former",
                      slug="evaluer-pour-former", resume="L'évaluation formative au quotidien.",
                      video_url="https://videos.cpro.example/evaluer.mp4",
                      duree=datetime.timedelta(minutes=12, seconds=20), categorie=categorie,
                      transcription="<p>Bonjour à toutes et à tous.</p>")
    video.tags.add("évaluation")
    index.add_child(instance=video)
    table = TableRondePage(title="L'entretien formatif", slug="entretien-formatif",
                           resume="Un levier de développement professionnel.",
                           video_url="https://videos.cpro.example/entretien.mp4",
                           duree=datetime.timedelta(minutes=38), categorie=categorie)
    table.participants.add(Participant(nom="Julien Moreau", fonction="formateur",
                                       role="animation"))
    table.participants.add(Participant(nom="Nadia Haddad", fonction="professeure"))
    table.tags.add("entretien")
    index.add_child(instance=table)
    return index, video, table


def sous_titres_vtt() -> Document:
    """French captions (WebVTT) as a Wagtail document."""
    document = Document(title="Sous-titres")
    document.file.save("evaluer.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n"))
    return document
