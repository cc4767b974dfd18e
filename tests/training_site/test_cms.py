"""Editors in the CMS: a webinar's defaults, creating one, previewing it before its first save,
and the registrations they may see but not hand out."""
import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from training_site.inscriptions import inscrire
from training_site.models import (FormationIndexPage, Inscription, ProgrammePage, Thematique,
                                  WebinairePage)

from .cms import apercu_avant_creation
from .conftest import EspaceFormation


def donnees_webinaire(espace: EspaceFormation, titre: str, **champs) -> dict:
    debut = timezone.localtime(WebinairePage().debut)
    return {"title": titre, "slug": "", "thematique": espace.theme.pk,
            "debut": debut.strftime("%Y-%m-%d %H:%M"), "duree_minutes": 30,
            "resume": "Pondérations, modulation et explication de la note.",
            "description": streamfield([]),
            "intervenants": inline_formset([{"intervenant": espace.intervenant.pk}], min=1),
            "capacite": 50, "inscriptions_ouvertes": "on", "lien_visio": "",
            "video_rediffusion": "", **champs}


class CreationDansLeCms(WagtailPageTestCase):
    def setUp(self):
        self.espace = EspaceFormation()

    def test_spaces_and_webinars_can_be_created_where_the_tree_allows(self):
        self.assertCanCreateAt(Page, FormationIndexPage)
        self.assertCanCreateAt(FormationIndexPage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, WebinairePage)
        self.assertCanNotCreateAt(WebinairePage, WebinairePage)
        self.assertCanNotCreateAt(FormationIndexPage, FormationIndexPage)

    def test_a_new_webinar_lasts_30_minutes_at_lunchtime_on_a_weekday(self):
        webinaire = WebinairePage()
        debut = timezone.localtime(webinaire.debut)
        self.assertEqual((debut.hour, debut.minute), (12, 30))
        self.assertLess(debut.weekday(), 5)
        self.assertGreater(debut, timezone.now())
        self.assertEqual(webinaire.duree_minutes, 30)
        self.assertEqual(timezone.localtime(webinaire.fin).time(), datetime.time(13, 0))

    def test_an_editor_publishes_a_webinar_that_visitors_then_see(self):
        self.login()
        self.assertCanCreate(self.espace.programme, WebinairePage, nested_form_data(
            donnees_webinaire(self.espace, "De la compétence à la note",
                              slug="de-la-competence-a-la-note")))
        page = self.client.get("/formation/programme/de-la-competence-a-la-note/")
        self.assertContains(page, "<h1>De la compétence à la note</h1>", html=True)
        self.assertContains(page, "12h30–13h00")
        self.assertContains(page, "(30 minutes)")
        self.assertContains(page, "50 places restantes.")

    def test_a_webinar_is_previewed_before_its_first_save(self):
        self.login()
        apercu = apercu_avant_creation(self.client, WebinairePage, self.espace.programme,
                                       donnees_webinaire(self.espace, "Préparer le CCF"))
        self.assertIn("Préparer le CCF", apercu)
        self.assertIn("Anne Rousseau", apercu)
        self.assertIn("50 places restantes.", apercu)

    def test_the_programme_follows_the_order_editors_give_to_themes(self):
        Thematique.objects.filter(pk=self.espace.theme.pk).update(ordre=2)
        self.espace.webinaire("Le livret au quotidien", dans_jours=3)
        ccf = Thematique.objects.create(nom="Bilans et certification", ordre=1)
        self.espace.webinaire("Préparer le CCF", dans_jours=10, thematique=ccf)
        contenu = self.client.get("/formation/programme/").content.decode()
        self.assertLess(contenu.index("Bilans et certification</h2>"),
                        contenu.index("Le livret de suivi</h2>"))


class InscriptionsDansLeCms(WagtailPageTestCase):
    """Editors see and export registrations; places follow the registration rules only."""

    def setUp(self):
        self.webinaire = EspaceFormation().webinaire(capacite=1)
        inscrire(self.webinaire, email="a@x.fr")
        self.attente = inscrire(self.webinaire, email="b@x.fr", nom="Bea Martin")
        self.login()  # a superuser: the rule holds even for them

    def test_nobody_adds_or_deletes_a_registration_by_hand(self):
        ajout = reverse("wagtailsnippets_training_site_inscription:add")
        suppression = reverse("wagtailsnippets_training_site_inscription:delete",
                              args=[self.attente.pk])
        for url in (ajout, suppression):
            self.assertRedirects(self.client.post(url, {"email": "c@x.fr",
                                                        "statut": "inscrit"}), "/cms/")
        self.assertEqual(list(Inscription.objects.values_list("email", "statut")),
                         [("a@x.fr", "inscrit"), ("b@x.fr", "attente")])
        liste = self.client.get(reverse("wagtailsnippets_training_site_inscription:list"))
        self.assertContains(liste, "b@x.fr")
        self.assertNotContains(liste, ajout)

    def test_editing_corrects_the_name_but_never_the_place(self):
        edition = reverse("wagtailsnippets_training_site_inscription:edit",
                          args=[self.attente.pk])
        self.client.post(edition, {"nom": "Béatrice Martin", "statut": "inscrit",
                                   "email": "autre@x.fr"})
        self.attente.refresh_from_db()
        self.assertEqual((self.attente.nom, self.attente.statut, self.attente.email),
                         ("Béatrice Martin", "attente", "b@x.fr"))
