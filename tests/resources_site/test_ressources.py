"""The Ressources space: tree rules, video player with captions, round tables, tags, search."""
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources_site.models import RessourcePage, RessourcesIndexPage, TableRondePage, VideoPage
from tests.training_site.cms import apercu_avant_creation
from tests.training_site.conftest import EspaceFormation
from training_site.models import FormationIndexPage

from .conftest import espace_ressources, sous_titres_vtt


class ReglesDeLArbre(WagtailPageTestCase):
    def test_resources_go_in_the_resources_home_only(self):
        self.assertAllowedParentPageTypes(RessourcesIndexPage, {Page})
        self.assertAllowedSubpageTypes(RessourcesIndexPage, {VideoPage, TableRondePage})
        self.assertAllowedParentPageTypes(VideoPage, {RessourcesIndexPage})
        self.assertAllowedParentPageTypes(TableRondePage, {RessourcesIndexPage})
        self.assertAllowedSubpageTypes(VideoPage, set())
        self.assertCanNotCreateAt(FormationIndexPage, VideoPage)

    def test_editors_create_the_space_then_videos_and_round_tables_in_it(self):
        self.assertCanCreateAt(Page, RessourcesIndexPage)
        self.assertCanCreateAt(RessourcesIndexPage, VideoPage)
        self.assertCanCreateAt(RessourcesIndexPage, TableRondePage)
        self.assertCanNotCreateAt(VideoPage, TableRondePage)

    def test_the_common_base_is_not_offered_to_editors(self):
        self.assertFalse(RessourcePage.is_creatable)
        self.assertCanNotCreateAt(RessourcesIndexPage, RessourcePage)


class Pages(WagtailPageTestCase):
    def setUp(self):
        self.index, self.video, self.table = espace_ressources()

    def test_pages_render_and_preview(self):
        for page in (self.index, self.video, self.table):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(self.video, post_data=nested_form_data({
            "title": "Évaluer pour former", "slug": self.video.slug, "resume": "Résumé.",
            "video_url": "https://videos.cpro.example/evaluer.mp4", "duree": "00:12:20",
            "categorie": self.video.categorie.pk, "tags": "évaluation",
            "corps": streamfield([("paragraphe", rich_text("<p>Présentation.</p>"))]),
            "transcription": rich_text("<p>Bonjour.</p>")}))

    def test_new_resources_are_previewed_before_their_first_save(self):
        self.login()
        commun = {"slug": "", "resume": "Organiser les trois années du cycle.",
                  "video_url": "https://videos.cpro.example/cycle.mp4", "duree": "00:15:00",
                  "categorie": self.video.categorie.pk, "tags": "progression",
                  "corps": streamfield([]), "transcription": rich_text("")}
        apercu = apercu_avant_creation(self.client, VideoPage, self.index,
                                       {"title": "Structurer le cycle de formation", **commun})
        self.assertIn("Structurer le cycle de formation", apercu)
        self.assertIn('<source src="https://videos.cpro.example/cycle.mp4">', apercu)
        apercu = apercu_avant_creation(self.client, TableRondePage, self.index, {
            "title": "La logique de compétences", **commun,
            "participants": inline_formset([{"nom": "Claire Dubois", "fonction": "IEN-ET",
                                             "role": "animation"}], min=1)})
        self.assertIn("<strong>Claire Dubois</strong>, IEN-ET (animation)", apercu)

    def test_video_plays_in_an_html5_player_with_its_captions_and_transcript(self):
        self.video.sous_titres = sous_titres_vtt()
        self.video.save_revision().publish()
        response = self.client.get("/ressources/evaluer-pour-former/")
        self.assertContains(response, '<video controls preload="metadata"')
        self.assertContains(response, '<source src="https://videos.cpro.example/evaluer.mp4">')
        self.assertContains(response, '<track kind="captions"')
        self.assertContains(response, 'srclang="fr"')
        self.assertContains(response, "Bonjour à toutes et à tous.")
        self.assertContains(response, "12 minutes")

    def test_round_table_lists_its_participants(self):
        response = self.client.get("/ressources/entretien-formatif/")
        self.assertContains(response, "<strong>Julien Moreau</strong>, formateur (animation)",
                            html=True)
        self.assertContains(response, "<strong>Nadia Haddad</strong>, professeure", html=True)

    def test_home_lists_resources_by_category_and_filters_by_tag(self):
        response = self.client.get("/ressources/")
        self.assertContains(response, "Développement professionnel</h2>")
        self.assertContains(response, "Évaluer pour former")
        self.assertContains(response, "L&#x27;entretien formatif")
        filtered = self.client.get("/ressources/?tag=entretien")
        self.assertNotContains(filtered, "Évaluer pour former")
        self.assertContains(filtered, "L&#x27;entretien formatif")

    def test_home_keeps_the_order_editors_give_in_the_cms(self):
        def ordre():
            contenu = self.client.get("/ressources/").content.decode()
            return sorted(["Évaluer pour former", "L&#x27;entretien formatif"], key=contenu.index)

        self.assertEqual(ordre(), ["Évaluer pour former", "L&#x27;entretien formatif"])
        self.table.move(self.video, pos="left")  # dragged above the video in the explorer
        self.assertEqual(ordre(), ["L&#x27;entretien formatif", "Évaluer pour former"])

    def test_draft_resources_stay_hidden(self):
        self.video.unpublish()
        self.assertNotContains(self.client.get("/ressources/"), "Évaluer pour former")
        self.assertEqual(self.client.get("/ressources/evaluer-pour-former/").status_code, 404)


class Recherche(WagtailPageTestCase):
    def setUp(self):
        espace_ressources()
        espace = EspaceFormation()
        espace.webinaire("L'entretien avec le tuteur en PFMP")

    def test_search_finds_pages_of_both_spaces(self):
        response = self.client.get("/recherche/", {"q": "entretien"})
        self.assertContains(response, "2 résultats pour « entretien ».")
        self.assertContains(response, 'href="/ressources/entretien-formatif/"')
        self.assertContains(response, "L&#x27;entretien avec le tuteur en PFMP")

    def test_empty_search_shows_the_form_only(self):
        response = self.client.get("/recherche/")
        self.assertContains(response, 'role="search"')
        self.assertNotContains(response, "résultat")
