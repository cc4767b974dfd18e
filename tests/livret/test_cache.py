"""The livret pages and PDF behind a cache keyed by versions: never stale, never someone
else's, never before the access check.

Each write path is followed by the page it changes: its ETag must change, the old ETag must
no longer give a 304, and the page must show the new value.
"""
import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cpro_platform.comptes.models import Role
from cpro_platform.etablissements.models import Enseignement
from cpro_platform.livret import pdf as livret_pdf_module
from cpro_platform.livret import views
from cpro_platform.livret.models import Positionnement, VersionLivret
from cpro_platform.livret.positionner import positionner
from cpro_platform.livret.versions import toucher
from cpro_platform.referentials.models import Referentiel
from cpro_platform.suivi.scenarios import dupliquer_scenario
from tests import factories as f
from tests.livret.factories import noter, parcours
from tests.suivi import factories as sf

pytestmark = pytest.mark.django_db

PAGES = ["livret:livret", "livret:tableau_de_bord", "livret:positionnements",
         "livret:livret_pdf"]


@pytest.fixture
def p():
    p = parcours(apprenants=2)
    a, c0 = p.apprenants[0], p.criteres[0]
    p.tp = p.situation("TP Carrosserie", f.jours(-20))
    noter(p.tp, p.enseignant, {(a, c0): "2"})
    return p


@pytest.fixture
def prof(client, p):
    client.force_login(p.enseignant)
    return client


@pytest.fixture
def pdf_html(monkeypatch):
    """The livret PDF as its HTML: what it prints, without WeasyPrint's seconds."""
    monkeypatch.setattr(views, "livret_pdf", lambda livret, **contexte: (
        livret_pdf_module.html_livret(livret, **contexte).encode()))


def url(p, nom="livret:livret", **query):
    cible = p.classe if nom == "livret:classe" else p.apprenants[0]
    base = reverse(nom, args=[cible.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def lire(client, adresse, etag=None, **entetes):
    if etag:
        entetes["HTTP_IF_NONE_MATCH"] = etag
    return client.get(adresse, **entetes)


def texte(reponse) -> str:
    return reponse.content.decode()


# --- validation: ETag, Last-Modified, 304 ------------------------------------------------------

@pytest.mark.parametrize("nom", PAGES + ["livret:classe"])
def test_the_same_etag_gets_a_304_with_an_empty_body(prof, p, pdf_html, nom):
    premiere = lire(prof, url(p, nom))
    assert premiere.status_code == 200 and premiere.content
    etag = premiere["ETag"]
    assert etag.startswith('"') and premiere["Last-Modified"]
    assert premiere["Cache-Control"] == "private, no-cache"
    seconde = lire(prof, url(p, nom), etag)
    assert seconde.status_code == 304 and seconde.content == b""
    assert seconde["ETag"] == etag


def test_if_modified_since_alone_gets_a_304_until_a_write(prof, p):
    # The last write a while ago (Last-Modified has whole seconds).
    VersionLivret.objects.filter(apprenant=p.apprenants[0]).update(
        modifie_le=timezone.now() - datetime.timedelta(seconds=10))
    modifie = lire(prof, url(p))["Last-Modified"]
    assert lire(prof, url(p), HTTP_IF_MODIFIED_SINCE=modifie).status_code == 304
    positionner(p.apprenants[0], p.criteres[0].competence, niveau=2, auteur=p.enseignant,
                date=f.jours(0), commentaire="vu en atelier")
    assert lire(prof, url(p), HTTP_IF_MODIFIED_SINCE=modifie).status_code == 200


def test_a_repeated_page_is_served_from_the_cache(prof, p, monkeypatch):
    lectures = []
    lire_livret = views.lire_livret
    monkeypatch.setattr(views, "lire_livret", lambda *a, **k: lectures.append(1) or
                        lire_livret(*a, **k))
    premiere = lire(prof, url(p))
    with CaptureQueriesContext(connection) as requetes:
        seconde = lire(prof, url(p))
    assert seconde.status_code == 200 and seconde.content == premiere.content
    assert seconde["ETag"] == premiere["ETag"]
    assert len(lectures) == 1
    # session, user, the learner from the scope, the page facts, the key's versions
    assert len(requetes) <= 5, [q["sql"] for q in requetes]


def test_filters_and_language_are_part_of_the_key(prof, p):
    tout = lire(prof, url(p))
    filtre = lire(prof, url(p, type="certificative"), tout["ETag"])
    assert filtre.status_code == 200 and filtre["ETag"] != tout["ETag"]
    assert "TP Carrosserie" in texte(tout) and "TP Carrosserie" not in texte(filtre)
    prof.cookies["django_language"] = "en"
    anglais = lire(prof, url(p), tout["ETag"])
    assert anglais.status_code == 200 and anglais["ETag"] != tout["ETag"]
    assert 'lang="en"' in texte(anglais)


# --- every write path bumps the version -----------------------------------------------------

@dataclass
class Ecriture:
    """A write, the page it changes, and what that page must then show (None: only the
    ETag can tell). ``preparer`` runs before the first read."""

    ecrire: Callable
    page: str = "livret:livret"
    attendu: str | None = None
    preparer: Callable = lambda p: None


def _evaluation(p):
    noter(p.tp, p.enseignant, {(p.apprenants[0], p.criteres[1]): "3"})
    noter(p.situation("TP Soudure", f.jours(-5)), p.enseignant,
          {(p.apprenants[0], p.criteres[0]): "4"})


def _renommer(objet, champ, valeur):
    def ecrire(p):
        cible = objet(p)
        setattr(cible, champ, valeur)
        cible.save()
    return ecrire


def _positionner(p, commentaire="très sûr de lui"):
    positionner(p.apprenants[0], p.criteres[0].competence, niveau=4, auteur=p.enseignant,
                date=f.jours(0), commentaire=commentaire)


def _situation_annulee(p):
    p.annulee = sf.situation(p.scenario, p.criteres, "TP Annulé")


ECRITURES = {
    "evaluation": Ecriture(_evaluation, attendu="TP Soudure"),
    "situation modifiee": Ecriture(_renommer(lambda p: p.tp, "titre", "TP Peinture"),
                                   attendu="TP Peinture"),
    "situation creee": Ecriture(lambda p: sf.situation(p.scenario, p.criteres, "TP Vide"),
                                "livret:classe"),
    "situation supprimee": Ecriture(lambda p: p.annulee.delete(), "livret:classe",
                                    preparer=_situation_annulee),
    "criteres de la situation": Ecriture(lambda p: p.tp.criteres.remove(p.criteres[3])),
    "positionnement": Ecriture(_positionner, "livret:positionnements", "très sûr de lui"),
    "positionnement supprime": Ecriture(
        lambda p: Positionnement.objects.filter(apprenant=p.apprenants[0]).delete(),
        "livret:tableau_de_bord", preparer=lambda p: _positionner(p, "à revoir")),
    "inscription": Ecriture(lambda p: f.apprenant(p.etablissement, p.classe, nom="NOUVEAU"),
                            "livret:classe", "NOUVEAU"),
    "inscription supprimee": Ecriture(
        lambda p: f.inscription(p.apprenants[1], p.classe).delete(), "livret:classe"),
    "identite": Ecriture(_renommer(lambda p: p.apprenants[0], "nom", "RENOMMÉ"),
                         attendu="RENOMMÉ"),
    "classe": Ecriture(_renommer(lambda p: p.classe, "nom", "1 CARRO RENOMMÉE"),
                       "livret:livret_pdf", "1 CARRO RENOMMÉE"),
    "etablissement": Ecriture(_renommer(lambda p: p.etablissement, "nom", "Lycée Neuf"),
                              "livret:livret_pdf", "Lycée Neuf"),
    "enseignant ajoute": Ecriture(
        lambda p: f.enseignant(p.etablissement, p.classe, username="collegue"),
        "livret:livret_pdf", "Collegue"),
    "nom de l'enseignant": Ecriture(_renommer(lambda p: p.enseignant, "last_name", "Neuf"),
                                    "livret:livret_pdf", "Prénom Neuf"),
    "scenario duplique": Ecriture(
        lambda p: dupliquer_scenario(p.scenario, p.classe, p.enseignant, titre="Copie"),
        "livret:classe"),
    "referentiel": Ecriture(lambda p: Referentiel.objects.filter(
        pk=p.classe.referentiel_id).update(data_hash="1" * 64)),
}


@pytest.mark.parametrize("nom", ECRITURES)
def test_every_write_changes_the_etag_and_the_page(prof, p, pdf_html, nom):
    ecriture = ECRITURES[nom]
    ecriture.preparer(p)
    avant = lire(prof, url(p, ecriture.page))
    assert avant.status_code == 200
    ecriture.ecrire(p)
    apres = lire(prof, url(p, ecriture.page), avant["ETag"])
    assert apres.status_code == 200, "a 304 would keep the old page"
    assert apres["ETag"] != avant["ETag"]
    if ecriture.attendu:
        assert ecriture.attendu not in texte(avant) and ecriture.attendu in texte(apres)


def test_the_grid_save_bumps_every_learner_it_wrote_in_one_update(p):
    a, b = p.apprenants
    avant = dict(VersionLivret.objects.values_list("apprenant_id", "version"))
    noter(p.tp, p.enseignant, {(a, p.criteres[1]): "1", (b, p.criteres[1]): "4"})
    apres = dict(VersionLivret.objects.values_list("apprenant_id", "version"))
    assert apres[a.pk] == avant[a.pk] + 1 and apres[b.pk] == avant[b.pk] + 1


def test_toucher_creates_missing_versions(p):
    a = p.apprenants[0]
    VersionLivret.objects.filter(apprenant=a).delete()
    toucher([a.pk])
    toucher(type(a).objects.filter(pk=a.pk).values("pk"))
    assert VersionLivret.objects.get(apprenant=a).version == 2


# --- whose page ---------------------------------------------------------------------------------

def test_a_learner_never_gets_the_teachers_stored_page(prof, p):
    eleve = Client()
    eleve.force_login(p.apprenants[0].user)
    page_prof = lire(prof, url(p))
    page_eleve = lire(eleve, url(p), page_prof["ETag"])
    assert page_eleve.status_code == 200
    assert page_eleve["ETag"] != page_prof["ETag"]
    assert p.enseignant.get_full_name() in texte(page_prof)
    assert p.enseignant.get_full_name() not in texte(page_eleve)
    assert p.apprenants[0].user.get_full_name() in texte(page_eleve)


def test_another_teacher_never_gets_the_first_ones_page(prof, p):
    collegue = f.enseignant(p.etablissement, p.classe, username="collegue")
    autre = Client()
    autre.force_login(collegue)
    page = lire(prof, url(p, "livret:classe"))
    sienne = lire(autre, url(p, "livret:classe"), page["ETag"])
    assert sienne.status_code == 200 and "Collegue" in texte(sienne)
    assert p.enseignant.get_full_name() not in texte(sienne)


def test_the_positionner_buttons_follow_the_readers_rights(prof, p):
    """A DDFPT reads the same positionnements page, without the teacher's buttons."""
    ddfpt = f.personne("ddfpt")
    f.role(ddfpt, p.etablissement, "ddfpt")
    lecteur = Client()
    lecteur.force_login(ddfpt)
    bouton = reverse("livret:positionner", args=[p.apprenants[0].pk,
                                                 p.criteres[0].competence.pk])
    assert bouton in texte(lire(prof, url(p, "livret:positionnements")))
    assert bouton not in texte(lire(lecteur, url(p, "livret:positionnements")))


def test_the_positionner_buttons_follow_a_change_of_rights(prof, p):
    """Still a reader (DDFPT here) and still a teacher (elsewhere): only the right to place
    this learner goes, with no write the versions see and the same page facts."""
    f.role(p.enseignant, p.etablissement, "ddfpt")
    ailleurs = f.etablissement()
    f.role(p.enseignant, ailleurs, "enseignant")
    Enseignement.objects.create(classe=f.classe(ailleurs), enseignant=p.enseignant)
    bouton = reverse("livret:positionner", args=[p.apprenants[0].pk,
                                                 p.criteres[0].competence.pk])
    avant = lire(prof, url(p, "livret:positionnements"))
    assert bouton in texte(avant)
    Role.objects.filter(user=p.enseignant, etablissement=p.etablissement,
                        type="enseignant").update(fin=f.jours(-1))
    apres = lire(prof, url(p, "livret:positionnements"), avant["ETag"])
    assert apres.status_code == 200 and bouton not in texte(apres)


@pytest.mark.parametrize("nom", PAGES + ["livret:classe"])
def test_a_revoked_teacher_gets_no_304_nor_stored_body(prof, p, pdf_html, nom):
    etag = lire(prof, url(p, nom))["ETag"]
    # The role ends without any write the versions see.
    Role.objects.filter(user=p.enseignant).update(fin=f.jours(-1))
    assert lire(prof, url(p, nom), etag).status_code == 404
    assert lire(prof, url(p, nom)).status_code == 404


# --- sessions: messages and CSRF ------------------------------------------------------------

def _message_en_attente(client, texte_):
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, texte_)])


def test_a_pending_message_is_shown_not_swallowed_by_a_304(prof, p):
    etag = lire(prof, url(p))["ETag"]
    _message_en_attente(prof, "Import terminé")
    reponse = lire(prof, url(p), etag)
    assert reponse.status_code == 200 and "Import terminé" in texte(reponse)
    suivante = lire(prof, url(p))
    assert "Import terminé" not in texte(suivante), "a body showing a message was stored"


def test_after_positionner_the_message_shows_once(prof, p):
    competence = p.criteres[0].competence
    lire(prof, url(p, "livret:positionnements"))
    reponse = prof.post(reverse("livret:positionner", args=[p.apprenants[0].pk,
                                                            competence.pk]),
                        {"niveau": 3, "date": f.jours(0).isoformat(), "commentaire": "ok"},
                        follow=True)
    assert "enregistré" in texte(reponse)
    assert "enregistré" not in texte(lire(prof, url(p, "livret:positionnements")))


def _jeton(page: str) -> str:
    debut = page.index('name="csrfmiddlewaretoken" value="') + 34
    return page[debut:page.index('"', debut)]


def test_each_session_gets_a_page_with_its_own_csrf_token(p):
    """Two browsers of the same teacher: the second must not get the first one's token."""
    premier, second = (Client(enforce_csrf_checks=True) for _ in range(2))
    for navigateur in (premier, second):
        navigateur.force_login(p.enseignant)
    lire(premier, url(p))
    page = texte(lire(second, url(p)))
    changer = second.post(reverse("set_language"), {
        "language": "en", "next": "/", "csrfmiddlewaretoken": _jeton(page)})
    assert changer.status_code == 302


# --- the PDF: built once per version ----------------------------------------------------------

def test_the_pdf_is_built_once_per_version_for_every_reader(prof, p, monkeypatch):
    constructions = []
    html_en_pdf = livret_pdf_module.html_en_pdf
    monkeypatch.setattr(livret_pdf_module, "html_en_pdf",
                        lambda html: constructions.append(1) or html_en_pdf(html))
    premier = lire(prof, url(p, "livret:livret_pdf"))
    assert premier["Content-Type"] == "application/pdf"
    assert premier.content.startswith(b"%PDF")
    eleve = Client()
    eleve.force_login(p.apprenants[0].user)
    second = lire(eleve, url(p, "livret:livret_pdf"))
    assert second.content == premier.content and len(constructions) == 1
    assert second["Content-Disposition"] == premier["Content-Disposition"]
    noter(p.tp, p.enseignant, {(p.apprenants[0], p.criteres[1]): "4"})
    lire(prof, url(p, "livret:livret_pdf"))
    assert len(constructions) == 2
