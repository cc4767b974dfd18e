"""Espace Ressources: short videos and round tables for teachers' professional development.

``RessourcePage`` holds what every resource has (video, duration, transcript, captions,
category, tags); ``VideoPage`` and ``TableRondePage`` are the two kinds editors create.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import ContenuBlock


class CategorieRessource(models.Model):
    """A shelf of the Ressources space, e.g. « Le référentiel de formation »."""

    nom = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("nom"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("ordre")]

    class Meta:
        verbose_name = _("catégorie de ressources")
        verbose_name_plural = _("catégories de ressources")
        ordering = ["ordre", "nom"]

    def __str__(self) -> str:
        return self.nom


class RessourcesIndexPage(Page):
    """Home of the Ressources space (/ressources/): resources by category, tag filter."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["resources_site.VideoPage", "resources_site.TableRondePage"]
    max_count = 1

    class Meta:
        verbose_name = _("accueil de l'espace Ressources")

    def ressources(self):
        return (RessourcePage.objects.live().public().child_of(self)
                .select_related("categorie", "affiche").prefetch_related("tags")
                # by category, then in the order editors give the pages in the CMS explorer
                .order_by("categorie__ordre", "path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ressources = self.ressources()
        tag = request.GET.get("tag", "").strip()
        if tag:
            ressources = ressources.filter(tags__slug=tag)
        rayons: dict = {}
        for ressource in ressources:
            rayons.setdefault(ressource.categorie, []).append(ressource)
        context.update(rayons=list(rayons.items()), tag=tag,
                       tags=RessourceTag.tags_for(RessourcePage).order_by("name"))
        return context


class RessourceTag(TaggedItemBase):
    content_object = ParentalKey("resources_site.RessourcePage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class RessourcePage(Page):
    """What every resource has. Not created directly: editors create a video or a round table."""

    resume = models.TextField(_("résumé"), help_text=_("Deux ou trois phrases, affichées dans les listes."))
    video_url = models.URLField(_("adresse de la vidéo"),
                                help_text=_("Fichier vidéo lisible par un navigateur (MP4, WebM)."))
    duree = models.DurationField(_("durée"), help_text=_("Par exemple 00:12:30."))
    affiche = models.ForeignKey("wagtailimages.Image", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("image d'affiche"))
    sous_titres = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("sous-titres (WebVTT)"),
        help_text=_("Fichier .vtt des sous-titres en français, proposé dans le lecteur."))
    transcription = RichTextField(_("transcription"), blank=True,
                                  features=["h3", "bold", "italic", "ol", "ul", "link"])
    categorie = models.ForeignKey(CategorieRessource, on_delete=models.PROTECT,
                                  related_name="ressources", verbose_name=_("catégorie"))
    tags = ClusterTaggableManager(through=RessourceTag, blank=True, verbose_name=_("mots-clés"))
    corps = StreamField(ContenuBlock(), blank=True, verbose_name=_("présentation"))

    content_panels = Page.content_panels + [
        FieldPanel("resume"),
        MultiFieldPanel([FieldPanel("video_url"), FieldPanel("duree"), FieldPanel("affiche"),
                         FieldPanel("sous_titres")], heading=_("Vidéo")),
        FieldPanel("categorie"),
        FieldPanel("tags"),
        FieldPanel("corps"),
        FieldPanel("transcription"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("resume"),
        index.SearchField("transcription"),
        index.SearchField("corps"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("categorie"),
    ]
    parent_page_types = ["resources_site.RessourcesIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    class Meta:
        verbose_name = _("ressource")

    @property
    def duree_minutes(self) -> int:
        return max(1, round(self.duree.total_seconds() / 60))


class VideoPage(RessourcePage):
    """A short video (10–20 minutes) on one theme."""

    template = "resources_site/video_page.html"
    parent_page_types = ["resources_site.RessourcesIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("vidéo")
        verbose_name_plural = _("vidéos")


class TableRondePage(RessourcePage):
    """A recorded round table: several participants discuss one question."""

    template = "resources_site/table_ronde_page.html"
    content_panels = RessourcePage.content_panels + [
        InlinePanel("participants", label=_("Participants"), min_num=1)]
    parent_page_types = ["resources_site.RessourcesIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("table ronde")
        verbose_name_plural = _("tables rondes")


class Participant(Orderable):
    page = ParentalKey(TableRondePage, on_delete=models.CASCADE, related_name="participants")
    nom = models.CharField(_("nom"), max_length=120)
    fonction = models.CharField(_("fonction"), max_length=200, blank=True)
    role = models.CharField(_("rôle"), max_length=20, blank=True,
                            choices=[("animation", _("Animation")), ("", _("Intervenant"))])

    panels = [FieldPanel("nom"), FieldPanel("fonction"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")

    def __str__(self) -> str:
        return self.nom
