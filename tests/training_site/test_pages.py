"""Page types of the Formation space: tree rules, rendering, previews, programme tabs."""
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources_site.models import RessourcesIndexPage
from training_site.models import FormationIndexPage, ProgrammePage, WebinairePage

from .conftest import EspaceFormation


class ReglesDeLArbre(WagtailPageTestCase):
    def test_formation_home_goes_under_a_plain_page_only(self):
        self.assertAllowedParentPageTypes(FormationIndexPage, {Page})
        self.assertAllowedSubpageTypes(FormationIndexPage, {ProgrammePage})

    def test_programme_lives_in_the_formation_home_and_holds_webinars(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {FormationIndexPage})
        self.assertAllowedSubpageTypes(ProgrammePage, {WebinairePage})

    def test_a_webinar_lives_in_a_programme_and_has_no_children(self):
        self.assertAllowedParentPageTypes(WebinairePage, {ProgrammePage})
        self.assertAllowedSubpageTypes(WebinairePage, set())
        self.assertCanNotCreateAt(FormationIndexPage, WebinairePage)
        self.assertCanNotCreateAt(RessourcesIndexPage, WebinairePage)

    def test_only_one_formation_home(self):
        EspaceFormation()
        self.assertFalse(FormationIndexPage.can_create_at(Page.objects.get(depth=2)))


class Rendu(WagtailPageTestCase):
    def setUp(self):
        self.espace = EspaceFormation()
        self.a_venir = self.espace.webinaire("De la compétence à la note", dans_jours=5)
        self.passe = self.espace.webinaire(
            "Le livret de suivi au quotidien", dans_jours=-10,
            video_rediffusion="https://videos.cpro.example/livret.mp4")

    def test_every_page_renders_and_previews(self):
        for page in (self.espace.index, self.espace.programme, self.a_venir, self.passe):
            self.assertPageIsRenderable(page)
        corps = streamfield([("paragraphe", rich_text("<p>Bienvenue.</p>")),
                             ("titre", {"texte": "Au programme", "niveau": "h2"})])
        self.assertPageIsPreviewable(self.espace.index, post_data=nested_form_data({
            "title": "Espace Formation", "slug": "formation",
            "introduction": rich_text("<p>Des webinaires.</p>"), "corps": corps}))
        self.assertPageIsPreviewable(self.espace.programme, post_data=nested_form_data({
            "title": "Programme", "slug": "programme", "introduction": rich_text("")}))
        debut = timezone.localtime(self.a_venir.debut)
        self.assertPageIsPreviewable(self.a_venir, post_data=nested_form_data({
            "title": "Nouveau titre", "slug": self.a_venir.slug,
            "thematique": self.espace.theme.pk, "debut": debut.strftime("%Y-%m-%d %H:%M"),
            "duree_minutes": 30, "resume": "Résumé.", "description": corps,
            "intervenants": inline_formset([{"intervenant": self.espace.intervenant.pk}],
                                           min=1),
            "capacite": 50, "inscriptions_ouvertes": "on", "lien_visio": "",
            "video_rediffusion": ""}))

    def test_served_at_formation_without_login(self):
        response = self.client.get("/formation/")
        self.assertContains(response, "<h1>Espace Formation</h1>", html=False)
        self.assertContains(response, "De la compétence à la note")
        self.assertContains(response, 'href="/formation/programme/rediffusions/"')

    def test_programme_lists_upcoming_sessions_by_theme_not_past_ones(self):
        response = self.client.get("/formation/programme/")
        self.assertContains(response, '<h2 id="theme-', count=1)
        self.assertContains(response, "Le livret de suivi</h2>")
        self.assertContains(response, "De la compétence à la note")
        self.assertNotContains(response, "Le livret de suivi au quotidien")

    def test_rediffusion_tab_plays_past_webinars(self):
        response = self.client.get("/formation/programme/rediffusions/")
        self.assertContains(response, "Le livret de suivi au quotidien")
        self.assertContains(response, '<source src="https://videos.cpro.example/livret.mp4">')
        self.assertNotContains(response, "De la compétence à la note")
        self.assertContains(response, 'aria-current="page">Rediffusion<')

    def test_upcoming_webinar_shows_date_presenters_places_and_form(self):
        response = self.client.get(self.a_venir.url)
        debut = timezone.localtime(self.a_venir.debut)
        self.assertContains(response, f'<time datetime="{debut.isoformat()}">')
        self.assertContains(response, "(30 minutes)")
        self.assertContains(response, "Anne Rousseau")
        self.assertContains(response, "100 places restantes.")
        self.assertContains(response, "M’inscrire")
        self.assertContains(response, "Ajouter à mon agenda (.ics)")

    def test_past_webinar_shows_its_replay_and_no_form(self):
        response = self.client.get(self.passe.url)
        self.assertContains(response, "<h2>Rediffusion</h2>", html=True)
        self.assertNotContains(response, "M’inscrire")
