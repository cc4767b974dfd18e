"""Page types of the Formation space: home, programme (with its Rediffusion tab), webinar."""
import datetime

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from resources_site.blocks import ContenuBlock

HEURE_DU_MIDI = datetime.time(12, 30)


def prochain_midi() -> datetime.datetime:
    """Default start of a new webinar: the next weekday at 12:30, local time."""
    jour = timezone.localdate() + datetime.timedelta(days=1)
    while jour.weekday() >= 5:
        jour += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(jour, HEURE_DU_MIDI))


class FormationIndexPage(Page):
    """Home of the Formation space (/formation/): next sessions and latest replays."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    corps = StreamField(ContenuBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("corps")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["training_site.ProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("accueil de l'espace Formation")

    def programme(self):
        return ProgrammePage.objects.live().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        webinaires = WebinairePage.objects.live().public().descendant_of(self)
        context["prochains"] = webinaires.a_venir()[:3]
        context["rediffusions"] = webinaires.passes().exclude(video_rediffusion="")[:3]
        context["programme"] = self.programme()
        return context


class ProgrammePage(RoutablePageMixin, Page):
    """The programme: upcoming sessions by theme, and the « Rediffusion » tab of past ones."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["training_site.FormationIndexPage"]
    subpage_types = ["training_site.WebinairePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme des webinaires")

    def webinaires(self):
        return (WebinairePage.objects.live().public().child_of(self)
                .select_related("thematique").prefetch_related("intervenants__intervenant"))

    @path("")
    def a_venir(self, request):
        par_theme: dict = {}
        for webinaire in self.webinaires().a_venir():
            par_theme.setdefault(webinaire.thematique, []).append(webinaire)
        # Themes in the order editors gave them; sessions by date within each theme.
        themes = sorted(par_theme, key=lambda theme: (theme.ordre, theme.nom))
        return self.render(request, context_overrides={
            "onglet": "a_venir", "par_theme": [(theme, par_theme[theme]) for theme in themes]})

    @path("rediffusions/", name="rediffusions")
    def rediffusions(self, request):
        return self.render(request, context_overrides={
            "onglet": "rediffusions", "passes": self.webinaires().passes()})


class WebinaireQuerySet(PageQuerySet):
    def a_venir(self):
        return self.filter(debut__gt=timezone.now()).order_by("debut")

    def passes(self):
        return self.filter(debut__lte=timezone.now()).order_by("-debut")


class WebinairePage(RoutablePageMixin, Page):
    """A 30-minute lunchtime webinar: registration before, replay after."""

    thematique = models.ForeignKey("training_site.Thematique", on_delete=models.PROTECT,
                                   related_name="webinaires", verbose_name=_("thématique"))
    debut = models.DateTimeField(_("date et heure"), default=prochain_midi)
    duree_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=30)
    resume = models.TextField(_("résumé"), help_text=_("Affiché dans le programme."))
    description = StreamField(ContenuBlock(), blank=True, verbose_name=_("description"))
    capacite = models.PositiveIntegerField(_("nombre de places"), default=100)
    inscriptions_ouvertes = models.BooleanField(_("inscriptions ouvertes"), default=True)
    lien_visio = models.URLField(_("lien de connexion"), blank=True,
                                 help_text=_("Envoyé aux inscrits avec leur confirmation."))
    video_rediffusion = models.URLField(_("vidéo de la rediffusion"), blank=True,
                                        help_text=_("Après la séance : fichier MP4 ou WebM."))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("thematique"),
                         FieldRowPanel([FieldPanel("debut"), FieldPanel("duree_minutes")])],
                        heading=_("Séance")),
        FieldPanel("resume"),
        InlinePanel("intervenants", label=_("Intervenants"), min_num=1),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("capacite"), FieldPanel("inscriptions_ouvertes"),
                         FieldPanel("lien_visio")], heading=_("Inscriptions")),
        FieldPanel("video_rediffusion"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("resume"),
        index.SearchField("description"),
        index.FilterField("debut"),
    ]
    parent_page_types = ["training_site.ProgrammePage"]
    subpage_types: list[str] = []
    objects = PageManager.from_queryset(WebinaireQuerySet)()

    class Meta:
        verbose_name = _("webinaire")
        verbose_name_plural = _("webinaires")

    @property
    def fin(self) -> datetime.datetime:
        return self.debut + datetime.timedelta(minutes=self.duree_minutes)

    @property
    def est_passe(self) -> bool:
        return self.debut <= timezone.now()

    def places(self) -> dict:
        from .inscriptions import StatutInscription

        if self.pk is None:  # previewed in the CMS before its first save: nobody registered yet
            return {"inscrits": 0, "attente": 0, "restantes": self.capacite}
        compte = self.inscriptions.aggregate(
            inscrits=models.Count("pk", filter=models.Q(statut=StatutInscription.INSCRIT)),
            attente=models.Count("pk", filter=models.Q(statut=StatutInscription.ATTENTE)))
        return {**compte, "restantes": max(0, self.capacite - compte["inscrits"])}

    def get_context(self, request, *args, **kwargs):
        from training_site.forms import InscriptionForm

        context = super().get_context(request, *args, **kwargs)
        context["places"] = self.places()
        context.setdefault("form", InscriptionForm(user=request.user))
        context["intervenants_list"] = [lien.intervenant for lien in
                                        self.intervenants.select_related("intervenant")]
        return context

    @path("inscription/", name="inscription")
    def inscription(self, request):
        from training_site import views

        return views.inscription(request, self)

    @path("calendrier/", name="calendrier")
    def calendrier(self, request):
        from training_site.calendrier import evenement_ics

        response = HttpResponse(evenement_ics(self, request.build_absolute_uri(self.get_url(request))),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="webinaire-{self.slug}.ics"'
        return response

    @path("annulation/<str:jeton>/", name="annulation")
    def annulation(self, request, jeton):
        from training_site import views

        return views.annulation(request, self, jeton)


class WebinaireIntervenant(Orderable):
    page = ParentalKey(WebinairePage, on_delete=models.CASCADE, related_name="intervenants")
    intervenant = models.ForeignKey("training_site.Intervenant", on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("intervenant"))

    panels = [FieldPanel("intervenant")]
