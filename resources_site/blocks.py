"""StreamField blocks shared by the Formation and Ressources spaces (the bakerydemo way).

Each block is small, documented, has an icon and its own template under ``blocks/``; the DSFR
classes live in those templates.
"""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class TitreBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline valid (h2 under the page's h1)."""

    texte = blocks.CharBlock(label=_("Titre"))
    niveau = blocks.ChoiceBlock(choices=[("h2", _("Niveau 2")), ("h3", _("Niveau 3")),
                                         ("h4", _("Niveau 4"))], default="h2",
                                label=_("Niveau"))

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/titre.html"


class ImageLegendeeBlock(blocks.StructBlock):
    """An image with its alternative text and an optional caption."""

    image = ImageBlock(label=_("Image"))
    legende = blocks.CharBlock(required=False, label=_("Légende"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class CitationBlock(blocks.StructBlock):
    """A quotation with its author."""

    texte = blocks.TextBlock(label=_("Citation"))
    auteur = blocks.CharBlock(required=False, label=_("Auteur"))

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/citation.html"


class MiseEnAvantBlock(blocks.StructBlock):
    """A highlighted paragraph (DSFR « mise en avant »), e.g. what to prepare beforehand."""

    titre = blocks.CharBlock(required=False, label=_("Titre"))
    texte = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], label=_("Texte"))

    class Meta:
        icon = "pick"
        label = _("Mise en avant")
        template = "blocks/mise_en_avant.html"


class ContenuBlock(blocks.StreamBlock):
    """The body of a CMS page."""

    titre = TitreBlock()
    paragraphe = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow", label=_("Paragraphe"), template="blocks/paragraphe.html")
    image = ImageLegendeeBlock()
    citation = CitationBlock()
    mise_en_avant = MiseEnAvantBlock()
