"""Evidence files ("preuves") of grid cells, against the pentest's attack.

The attack: ``bon.html`` posted as ``image/jpeg`` was stored and served back as ``text/html``,
inline, in the teacher's session. Now a file is accepted for its content only (PDF, JPEG, PNG,
WebP), stored in a private storage under a random name, and served only by the checked view
with headers that keep a browser from running it.
"""
import html
import importlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.urls import reverse
from PIL import Image

from cpro_platform.suivi import grille as service
from cpro_platform.suivi.checks import erreurs_stockage_preuves
from cpro_platform.suivi.grille import Saisie, courantes, enregistrer_grille
from cpro_platform.suivi.models import Evaluation
from cpro_platform.suivi.preuves import verifier_preuve

from . import factories as sf
from . import fichiers as fx

pytestmark = pytest.mark.django_db

REFUS = "PDF, JPEG, PNG ou WebP"
#: Every response of the evidence view carries these, whatever the file.
ENTETES_SURES = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"}


@pytest.fixture
def g():
    return sf.grille(1, 1)


@pytest.fixture
def prof(client, g):
    client.force_login(g.enseignant)
    return client


@pytest.fixture
def stockage():
    """The evidence storage, and the files written to it during the test."""
    stock, avant = fx.stockage(), fx.fichiers_stockes()
    stock.nouveaux = lambda: sorted(fx.fichiers_stockes() - avant)
    return stock


def url_cellule(g):
    return reverse("suivi:cellule", args=[g.situation.pk, g.apprenants[0].pk, g.criteres[0].pk])


def poster(client, g, upload, **data):
    """The teacher's cell form: a level, a comment and the file."""
    return client.post(url_cellule(g), {"code": "3", "commentaire": "Geste sûr, bon angle",
                                        "version": 0, "preuve": upload, **data})


def texte(response) -> str:
    return html.unescape(response.content.decode())


def contenu(response) -> bytes:
    return b"".join(response.streaming_content)


ATTAQUES = [
    pytest.param("bon.html", fx.VOL_DE_JETON, "image/jpeg", id="html-declared-jpeg"),
    pytest.param("bon.jpg", fx.VOL_DE_JETON, "image/jpeg", id="html-named-jpg"),
    pytest.param("dessin.svg", fx.SVG, "image/svg+xml", id="svg"),
    pytest.param("outil.exe", fx.EXE, "application/x-msdownload", id="exe"),
    pytest.param("outil.png", fx.EXE, "image/png", id="exe-declared-png"),
    pytest.param("anim.gif", fx.GIF_HTML, "image/gif", id="gif-html-polyglot"),
]


@pytest.mark.parametrize("nom,octets,type_declare", ATTAQUES)
def test_a_file_that_is_not_pdf_or_image_is_refused_and_the_entry_is_kept(
        prof, g, stockage, nom, octets, type_declare):
    r = poster(prof, g, fx.fichier(nom, octets, type_declare))
    assert r.status_code == 200
    page = texte(r)
    assert f"n'est pas un fichier {REFUS}" in page
    # nothing the teacher typed is lost: the level and the comment are still in the form
    assert "Geste sûr, bon angle</textarea>" in page
    assert re.search(r'<option value="3" selected>', page)
    assert not Evaluation.objects.exists()
    assert stockage.nouveaux() == []


def test_the_form_says_which_files_and_how_big(prof, g):
    page = texte(prof.get(url_cellule(g)))
    assert f"{REFUS}, 10 Mo au plus" in page
    assert 'accept="application/pdf,image/jpeg,image/png,image/webp"' in page


def test_a_file_over_10_mb_is_refused(prof, g, stockage):
    gros = fx.AUTORISES["image/png"][0] + b"\0" * (10 * 1024 * 1024)
    r = poster(prof, g, fx.fichier("grand.png", gros, "image/png"))
    assert r.status_code == 200 and "dépasse 10 Mo" in texte(r)
    assert not Evaluation.objects.exists() and stockage.nouveaux() == []


@pytest.mark.parametrize("type_", sorted(fx.AUTORISES))
def test_an_allowed_file_is_stored_privately_under_a_random_name(prof, g, stockage, type_):
    octets, extension = fx.AUTORISES[type_]
    # The browser's name and type say HTML: only the content counts.
    r = poster(prof, g, fx.fichier("../../bon.html", octets, "text/html"))
    assert r.status_code == 302
    e = Evaluation.objects.get()
    assert e.preuve_type == type_
    assert re.fullmatch(rf"{g.situation.pk}/{g.apprenants[0].pk}/[0-9a-f]{{32}}\.{extension}",
                        e.preuve.name)
    assert e.preuve_nom == f"bon.{extension}"
    assert stockage.nouveaux() == [e.preuve.name]
    assert stockage is storages["preuves"]
    with pytest.raises(ValueError, match="no URL"):
        e.preuve.url  # noqa: B018  (a URL would make the file public)


@pytest.mark.parametrize("type_", sorted(fx.AUTORISES))
def test_an_allowed_file_is_served_inline_with_its_detected_type_and_safe_headers(
        prof, g, type_):
    octets, extension = fx.AUTORISES[type_]
    poster(prof, g, fx.fichier("bon.html", octets, "image/jpeg"))
    r = prof.get(reverse("suivi:preuve", args=[Evaluation.objects.get().pk]))
    assert r.status_code == 200
    assert r["Content-Type"] == type_
    assert r["Content-Disposition"] == f'inline; filename="bon.{extension}"'
    assert {k: r[k] for k in ENTETES_SURES} == ENTETES_SURES
    if type_ == "application/pdf":
        assert contenu(r) == octets
    else:  # photos are re-encoded without metadata: the same picture, not the same bytes
        servie, envoyee = Image.open(io.BytesIO(contenu(r))), Image.open(io.BytesIO(octets))
        assert (servie.format, servie.size) == (envoyee.format, envoyee.size)


def test_a_photo_loses_its_gps_position_and_keeps_its_orientation(prof, g):
    """A phone photo carries the workshop's GPS position in its EXIF: not in the livret."""
    photo = Image.new("RGB", (40, 20), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show it the right way up
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}  # GPS
    exif[0x0110] = "Téléphone du tuteur"
    sortie = io.BytesIO()
    photo.save(sortie, "JPEG", exif=exif)
    assert b"Exif" in sortie.getvalue()
    poster(prof, g, fx.fichier("atelier.jpg", sortie.getvalue(), "image/jpeg"))
    servie = contenu(prof.get(reverse("suivi:preuve", args=[Evaluation.objects.get().pk])))
    image = Image.open(io.BytesIO(servie))
    assert not image.getexif() and b"Exif" not in servie
    assert image.size == (20, 40)  # turned as the phone meant it


def test_an_image_too_large_to_decode_is_refused(prof, g, monkeypatch):
    monkeypatch.setattr("cpro_platform.suivi.preuves.PIXELS_MAX", 3)
    r = poster(prof, g, fx.fichier("immense.png", fx.image("PNG"), "image/png"))
    assert "illisible ou trop grande" in texte(r)
    assert not Evaluation.objects.exists()


def _ancienne_preuve(g, nom: str, octets: bytes, version: int = 1, **champs) -> Evaluation:
    """An evaluation saved before this fix: its file named after the upload, no type."""
    e = Evaluation.objects.create(
        situation=g.situation, apprenant=g.apprenants[0], critere=g.criteres[0],
        etat="evalue", niveau=3, version=version, courante=False, auteur=g.enseignant,
        **champs)
    e.preuve.save(nom, ContentFile(octets), save=True)
    return e


def test_an_old_html_evidence_file_is_a_sandboxed_download_not_a_page(prof, g):
    e = _ancienne_preuve(g, "bon.html", fx.VOL_DE_JETON)
    r = prof.get(reverse("suivi:preuve", args=[e.pk]))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/octet-stream"
    assert r["Content-Disposition"].startswith("attachment;")
    assert {k: r[k] for k in ENTETES_SURES} == ENTETES_SURES


def test_an_old_image_without_a_stored_type_is_typed_from_its_content(prof, g):
    octets = fx.AUTORISES["image/png"][0]
    e = _ancienne_preuve(g, "photo.html", octets)
    r = prof.get(reverse("suivi:preuve", args=[e.pk]))
    assert r["Content-Type"] == "image/png" and r["Content-Disposition"].startswith("inline;")
    assert contenu(r) == octets


def test_a_missing_file_is_a_404_not_a_crash(prof, g, stockage):
    e = _ancienne_preuve(g, "photo.png", fx.AUTORISES["image/png"][0])
    stockage.delete(e.preuve.name)
    assert prof.get(reverse("suivi:preuve", args=[e.pk])).status_code == 404


def test_display_name_is_sanitised(prof, g):
    octets = fx.AUTORISES["application/pdf"][0]
    poster(prof, g, fx.fichier('C:\\Users\\prof\\rap\u202eport\x00 "final".pdf', octets,
                               "application/pdf"))
    e = Evaluation.objects.get()
    assert e.preuve_nom == "rapport _final_.pdf"
    r = prof.get(reverse("suivi:preuve", args=[e.pk]))
    assert r["Content-Disposition"] == 'inline; filename="rapport _final_.pdf"'


#: Run in a fresh interpreter: each settings module as the server would load it.
LIRE_REGLAGES = """
import importlib, json, sys
from django.core.files.storage import storages
from cpro_platform.suivi.checks import erreurs_stockage_preuves
reglages = importlib.import_module(sys.argv[1])
stock = storages.create_storage(reglages.STORAGES["preuves"])
print(json.dumps({"classe": type(stock).__name__, "dossier": str(stock.location),
                  "media": str(reglages.MEDIA_ROOT),
                  "erreurs": [e.id for e in erreurs_stockage_preuves(stock, reglages.MEDIA_ROOT)]}))
"""


@pytest.mark.parametrize("module", ["base", "dev", "production"])
def test_every_settings_module_keeps_evidence_private(module):
    """Evidence has a storage of its own, without URL, off MEDIA_ROOT (which
    ``static(MEDIA_URL)`` serves to anyone under DEBUG), in every settings module."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "MEDIA_ROOT")}
    sortie = subprocess.run(
        [sys.executable, "-c", LIRE_REGLAGES, f"cpro_platform.settings.{module}"],
        env={**env, "SECRET_KEY": "x"}, capture_output=True, text=True, check=True).stdout
    reglages = json.loads(sortie)
    assert reglages["classe"] == "PreuvesSurDisque"
    assert reglages["erreurs"] == []
    assert Path(reglages["dossier"]).parts[-2:] == ("prive", "preuves")
    assert not Path(reglages["dossier"]).is_relative_to(reglages["media"])


def test_tests_keep_evidence_in_memory():
    assert isinstance(storages["preuves"], InMemoryStorage)
    assert erreurs_stockage_preuves(storages["preuves"], settings.MEDIA_ROOT) == []


def test_a_system_check_refuses_evidence_under_media_root_or_with_a_url(tmp_path):
    sous_media = FileSystemStorage(location=tmp_path / "media" / "preuves")
    assert "suivi.E001" in [e.id for e in erreurs_stockage_preuves(sous_media,
                                                                    tmp_path / "media")]
    public = FileSystemStorage(location=tmp_path / "prive")  # has MEDIA_URL as its URL
    assert [e.id for e in erreurs_stockage_preuves(public, tmp_path / "media")] == [
        "suivi.E002"]


# --- Files and the cell's history -----------------------------------------------------


def test_a_replaced_or_removed_evidence_stays_readable_in_the_history(prof, g, stockage):
    png, pdf = fx.AUTORISES["image/png"][0], fx.AUTORISES["application/pdf"][0]
    assert poster(prof, g, fx.fichier("avant.png", png, "image/png")).status_code == 302
    assert poster(prof, g, fx.fichier("apres.pdf", pdf, "application/pdf"),
                  version=1).status_code == 302
    assert poster(prof, g, "", version=2, retirer_preuve="on").status_code == 302
    v1, v2, v3 = Evaluation.objects.order_by("version")
    assert not v3.preuve and v3.courante
    assert contenu(prof.get(reverse("suivi:preuve", args=[v1.pk]))) == png
    assert contenu(prof.get(reverse("suivi:preuve", args=[v2.pk]))) == pdf
    assert sorted(stockage.nouveaux()) == sorted([v1.preuve.name, v2.preuve.name])


def test_an_upload_that_loses_a_race_leaves_no_file(g, stockage, monkeypatch):
    """Another save commits between our read and our write: the unique constraint refuses
    ours, it comes back as a conflict, and the file it had written is removed."""
    cellule = (g.apprenants[0].pk, g.criteres[0].pk)
    enregistrer_grille(g.situation, g.enseignant, [Saisie(*cellule, niveau=2)], {})
    lire, premiere = service._actuelles, [True]

    def actuelles(*args):  # our first read misses the other save's row
        if premiere:
            premiere.clear()
            return {}
        return lire(*args)

    monkeypatch.setattr(service, "_actuelles", actuelles)
    preuve = _preuve_verifiee("photo.png", fx.AUTORISES["image/png"][0])
    r = enregistrer_grille(g.situation, g.enseignant,
                           [Saisie(*cellule, niveau=3, preuve=preuve)], {})
    assert not r.ok and r.conflits[0].courante.niveau == 2
    assert stockage.nouveaux() == []
    assert courantes(g.situation)[cellule].version == 1


def _preuve_verifiee(nom, octets):
    return verifier_preuve(fx.fichier(nom, octets, "application/octet-stream"))


def test_the_service_refuses_an_unchecked_file(g):
    """The one writer of evaluations stores only files that went through the check."""
    cellule = (g.apprenants[0].pk, g.criteres[0].pk)
    with pytest.raises(TypeError):
        enregistrer_grille(g.situation, g.enseignant, [Saisie(
            *cellule, niveau=3, preuve=fx.fichier("bon.html", fx.VOL_DE_JETON, "image/jpeg"))],
            {})
    assert not Evaluation.objects.exists()


# --- Data migration of the files stored before --------------------------------------------


def test_migration_moves_old_files_out_of_media_and_keeps_them_readable(
        prof, g, stockage, django_capture_on_commit_callbacks):
    public = storages["default"]
    ancien_png = f"suivi/preuves/{g.situation.pk}/{g.apprenants[0].pk}/photo.png"
    ancien_html = f"suivi/preuves/{g.situation.pk}/{g.apprenants[0].pk}/bon.html"
    png = fx.AUTORISES["image/png"][0]
    ancien_png = public.save(ancien_png, ContentFile(png))
    ancien_html = public.save(ancien_html, ContentFile(fx.VOL_DE_JETON))
    # two versions share the PNG (a correction keeps the file), a third has the HTML
    lignes = [Evaluation.objects.create(
        situation=g.situation, apprenant=g.apprenants[0], critere=g.criteres[0],
        etat="evalue", niveau=3, version=v, courante=v == 3, auteur=g.enseignant, preuve=nom)
        for v, nom in ((1, ancien_png), (2, ancien_png), (3, ancien_html))]
    migration = importlib.import_module("cpro_platform.suivi.migrations.0002_preuves_privees")
    from django.apps import apps
    with django_capture_on_commit_callbacks(execute=True):
        migration.deplacer_les_preuves(apps, None)
    v1, v2, v3 = (Evaluation.objects.get(pk=e.pk) for e in lignes)
    assert not public.exists(ancien_png) and not public.exists(ancien_html)
    assert v1.preuve.name == v2.preuve.name and sorted(stockage.nouveaux()) == sorted(
        [v1.preuve.name, v3.preuve.name])
    assert re.fullmatch(r"\d+/\d+/[0-9a-f]{32}\.png", v1.preuve.name)
    assert (v1.preuve_type, v1.preuve_nom) == ("image/png", "photo.png")
    assert (v3.preuve_type, v3.preuve_nom) == ("", "bon.html")
    assert contenu(prof.get(reverse("suivi:preuve", args=[v1.pk]))) == png
    r = prof.get(reverse("suivi:preuve", args=[v3.pk]))
    assert r["Content-Type"] == "application/octet-stream"
    assert r["Content-Disposition"].startswith("attachment;")
    # run again (an interrupted migration resumed): nothing moves twice
    with django_capture_on_commit_callbacks(execute=True):
        migration.deplacer_les_preuves(apps, None)
    assert Evaluation.objects.get(pk=v1.pk).preuve.name == v1.preuve.name
