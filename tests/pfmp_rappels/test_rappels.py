"""PFMP reminders: who gets what, once; refusals reported, never raised; nothing when complete.

The daily command queues the task (the test settings run tasks at once) and the e-mails land
in Django's outbox.
"""
import html
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cpro_platform.comptes.models import LienMagique, TypeRole
from cpro_platform.pfmp.models import DocumentSigne, QualiteSignataire, SignaturePFMP
from cpro_platform.pfmp.rappels import envoyer_rappels
from cpro_platform.pfmp.rappels_modele import RappelPFMP
from cpro_platform.pfmp.taches import envoyer_rappels_pfmp
from tests import factories as f
from tests.livret.factories import noter
from tests.pfmp_rappels.conftest import terminer_le

pytestmark = pytest.mark.django_db


def lancer() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("envoyer_rappels_pfmp", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def partie_html(message) -> str:
    (contenu, type_), = message.alternatives
    assert type_ == "text/html"
    return contenu


def signer(w, qualite, signataire=None) -> None:
    SignaturePFMP.objects.create(stage=w.stage, document=DocumentSigne.ATTESTATION,
                                 qualite=qualite, signataire=signataire or w.prof, nom="X",
                                 empreinte="0" * 64)


def test_a_tutor_is_reminded_of_the_grid_with_a_working_sign_in_link(client, w):
    noter(w.periode.situation, w.prof, {(w.apprenant, w.criteres[0]): "3"})
    out, _err = lancer()
    assert "1 rappel(s) envoyé(s)" in out
    (message,) = mail.outbox
    assert message.to == [w.tuteur.user.email]
    assert message.subject == "[CPRO] Grille d'évaluation à remplir — Prénom MARTIN"
    assert "chez Garage du Pont se termine le" in message.body
    assert "2 critères sur 3 de sa grille d'évaluation restent à évaluer." in message.body
    assert "2 critères sur 3" in partie_html(message)
    lien = LienMagique.objects.get(user=w.tuteur.user)
    assert lien.cree_par is None and lien.envoye_a == w.tuteur.user.email
    adresse = re.search(r"http://\S+", message.body)[0]
    assert adresse in partie_html(message)
    # The link signs the tutor in: they can open their learner's livret to evaluate.
    url = urlsplit(adresse)
    client.get(f"{url.path}?{url.query}")
    assert client.get(reverse("livret:livret", args=[w.apprenant.pk])).status_code == 200


def test_each_reminder_goes_once(w):
    lancer()
    out, _err = lancer()
    assert len(mail.outbox) == 1
    assert "0 rappel(s) envoyé(s), 1 déjà envoyé(s)" in out
    assert RappelPFMP.objects.get().envoye_le is not None


def test_nothing_when_the_grid_is_complete_or_the_end_is_not_near(w):
    noter(w.periode.situation, w.prof, {(w.apprenant, c): "3" for c in w.criteres})
    lancer()
    assert mail.outbox == []
    noter(w.periode.situation, w.prof, {(w.apprenant, w.criteres[0]): "ABS"})  # still filled
    terminer_le(w, 10)
    lancer()
    assert mail.outbox == []


def test_nothing_for_a_placement_ended_more_than_30_days_ago(w):
    w.periode.debut = w.stage.debut = f.jours(-80)
    w.periode.save()
    terminer_le(w, -31)
    lancer()
    assert mail.outbox == [] and not RappelPFMP.objects.exists()


def test_after_the_end_the_teacher_is_told_which_signatures_the_attestation_lacks(w):
    noter(w.periode.situation, w.prof, {(w.apprenant, c): "3" for c in w.criteres})
    terminer_le(w, -2)
    signer(w, QualiteSignataire.TUTEUR, w.tuteur.user)
    out, err = lancer()
    (message,) = mail.outbox
    assert message.to == [w.prof.email]
    assert message.subject == "[CPRO] Attestation de PFMP à signer — Prénom MARTIN"
    assert ("attend encore la signature de : Chef d'établissement ou son représentant."
            in message.body)
    assert "Tuteur" not in message.body.split("signature de :")[1]
    signer(w, QualiteSignataire.CHEF)
    RappelPFMP.objects.all().delete()
    lancer()
    assert len(mail.outbox) == 1   # nothing more once both have signed


def test_a_tutor_whose_access_ended_is_not_sent_a_link_and_the_refusal_is_reported(w):
    """Their period is over: the magic-link rules refuse a link, so the tutor gets nothing
    (a link that cannot open would only confuse); the run says why and goes on."""
    terminer_le(w, -2)
    out, err = lancer()
    assert [m.to for m in mail.outbox] == [[w.prof.email]]   # the attestation, to the teacher
    assert "2 refusé(s)" in out
    assert "ne suit aucun apprenant en ce moment" in err
    refus = RappelPFMP.objects.filter(destinataire=w.tuteur.user)
    assert refus.count() == 2 and all(r.envoye_le is None and r.refus for r in refus)
    assert not LienMagique.objects.exists()


def test_a_tutor_without_address_is_reported_and_reminded_once_it_is_fixed(w):
    w.tuteur.user.email = ""
    w.tuteur.user.save()
    out, err = lancer()
    assert mail.outbox == [] and "n'a pas d'adresse électronique" in err
    w.tuteur.user.email = "tuteur@garage.example"
    w.tuteur.user.save()
    lancer()
    assert [m.to for m in mail.outbox] == [["tuteur@garage.example"]]
    assert RappelPFMP.objects.get().refus == ""


def test_a_tutor_who_is_also_staff_gets_no_link(w):
    f.role(w.tuteur.user, w.etablissement, TypeRole.ENSEIGNANT)
    _out, err = lancer()
    assert mail.outbox == [] and "autres rôles" in err


def test_the_task_returns_what_it_did(w):
    resultat = envoyer_rappels_pfmp.enqueue()
    assert resultat.return_value["envoyes"] == ["Grille à remplir — Prénom Tuteur.Pont "
                                                "(Prénom MARTIN)"]


def test_a_mail_server_failure_is_reported_and_leaves_no_link(w, settings):
    settings.EMAIL_BACKEND = "tests.pfmp_rappels.test_rappels.ServeurEnPanne"
    compte = envoyer_rappels()
    assert compte.envoyes == [] and "Connexion refusée" in compte.refuses[0]
    assert not LienMagique.objects.exists()


class ServeurEnPanne:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Connexion refusée")


# --- "Relancer", by the following teacher -----------------------------------------------------

def relancer(client, user, w):
    client.force_login(user)
    reponse = client.post(reverse("pfmp:relancer", args=[w.stage.pk]), follow=True)
    reponse.texte = html.unescape(reponse.content.decode())
    return reponse


def test_the_following_teacher_relances_and_sees_what_happened(client, w):
    lancer()
    reponse = relancer(client, w.prof, w)
    assert "déjà envoyé(s) il y a moins d'un jour" in reponse.texte
    assert len(mail.outbox) == 1
    RappelPFMP.objects.update(envoye_le=f.jours(-2).isoformat() + "T08:00Z")
    reponse = relancer(client, w.prof, w)
    assert "Rappel envoyé : Grille à remplir" in reponse.texte
    assert len(mail.outbox) == 2 and RappelPFMP.objects.get().relances == 1
    assert reponse.redirect_chain[-1][0] == reverse("livret:livret", args=[w.apprenant.pk])


def test_relancer_says_when_there_is_nothing_to_send(client, w):
    noter(w.periode.situation, w.prof, {(w.apprenant, c): "3" for c in w.criteres})
    reponse = relancer(client, w.prof, w)
    assert "Aucun rappel à envoyer" in reponse.texte and mail.outbox == []


def test_only_the_following_teacher_may_relance(client, w):
    collegue = f.enseignant(w.etablissement, w.classe)
    client.force_login(collegue)
    assert client.post(reverse("pfmp:relancer", args=[w.stage.pk])).status_code == 404
    assert client.get(reverse("pfmp:relancer", args=[w.stage.pk])).status_code == 404
    assert mail.outbox == []


def test_finding_what_is_due_costs_the_same_queries_whatever_the_number_of_placements(w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cpro_platform.pfmp.rappels import rappels_dus

    def requetes() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            dus = rappels_dus()
        return len(ctx.captured_queries), len(dus)

    un = requetes()
    for n in range(4):
        eleve = f.apprenant(w.etablissement, w.classe)
        tuteur = f.tuteur(f.entreprise(w.etablissement))
        f.stage_pfmp(w.periode, eleve, tuteur, enseignant_referent=w.prof)
    cinq = requetes()
    assert (un[1], cinq[1]) == (1, 5) and un[0] == cinq[0] == 4
