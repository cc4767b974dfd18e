"""PDFs fetch nothing but the project's static files.

WeasyPrint's default fetcher would open ``file://`` paths and ``http://`` addresses named in the
markup. A canary server on 127.0.0.1 counts the requests that reach it; hostile URLs are put in
raw HTML (what a template mistake would let through) and in every user-writable field of the
livret PDF (where auto-escaping must keep them as text).
"""
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cpro_platform.pdf import FetcherStatique, URLRefusee, fichier_statique, html_en_pdf
from tests import factories as f
from tests.livret.factories import noter, parcours


@pytest.fixture
def canari():
    """An HTTP server on a free loopback port that records every path asked of it."""
    requetes = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            requetes.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    serveur = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=serveur.serve_forever, daemon=True)
    thread.start()
    serveur.requetes = requetes
    serveur.url = f"http://127.0.0.1:{serveur.server_address[1]}"
    yield serveur
    serveur.shutdown()


def hostiles(canari) -> list[str]:
    return ["file:///etc/passwd", f"{canari.url}/img.png", f"{canari.url}/style.css",
            "https://pdf.cpro.invalid/static/../../../../etc/passwd",
            "https://pdf.cpro.invalid/static/cpro/../../../etc/passwd",
            "https://pdf.cpro.invalid/etc/passwd", "ftp://127.0.0.1/x",
            "https://pdf.cpro.invalid/static/%2e%2e/%2e%2e/etc/passwd"]


def test_the_fetcher_refuses_everything_but_static_files(canari):
    for url in hostiles(canari):
        with pytest.raises(URLRefusee):
            fichier_statique(url)
    assert fichier_statique("https://pdf.cpro.invalid/static/cpro/cpro.css").endswith("cpro.css")
    assert canari.requetes == []


def test_raw_markup_cannot_reach_files_or_the_network(canari, caplog):
    balises = "".join(
        f'<img src="{u}"><link rel="stylesheet" href="{u}"><div style="background: url({u})">x</div>'
        for u in hostiles(canari))
    html = (f"<html><head><style>@import url({canari.url}/import.css);</style></head>"
            f"<body><p>Contenu</p>{balises}<img src='/static/cpro/inexistant.png'></body></html>")
    pdf = html_en_pdf(html)
    assert canari.requetes == []
    assert "Contenu" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    refus = [r.getMessage() for r in caplog.records if "PDF resource refused" in r.getMessage()]
    assert any("file:///etc/passwd" in m for m in refus)
    assert any(canari.url in m for m in refus)


def test_static_files_still_load(tmp_path):
    """Our own stylesheet is served to WeasyPrint (the fetcher returns its bytes)."""
    reponse = FetcherStatique().fetch("https://pdf.cpro.invalid/static/cpro/cpro.css")
    assert reponse.read().strip() and reponse.content_type == "text/css"


@pytest.mark.django_db
def test_user_fields_of_the_livret_pdf_stay_text(client, canari):
    p = parcours(apprenants=1)
    apprenant = p.apprenants[0]
    piege = f'<img src="{canari.url}/nom.png"><link rel="stylesheet" href="file:///etc/passwd">'
    apprenant.nom = "Piège" + piege
    apprenant.save()
    situation = p.situation("TP" + f'<img src="{canari.url}/situation.png">', f.jours(-3))
    noter(situation, p.enseignant, {(apprenant, p.criteres[0]): "3"})
    client.force_login(p.enseignant)
    response = client.get(reverse("livret:livret_pdf", args=[apprenant.pk]))
    assert response.status_code == 200
    texte = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert canari.requetes == []
    assert "Piège<img" in texte.replace("\n", "")
