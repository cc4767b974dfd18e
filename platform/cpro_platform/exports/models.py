"""The one background batch of every export (django-tasks; ``manage.py db_worker`` runs it).

A *lot* is "run this registered format for this class (or learner) in the worker and keep the
file": its progress (``faits`` of ``total``) feeds the page's progress bar, its result lives in
the private documents storage (``bilans.stockage``), served only through a permission-checked
view. Any format runs here: the format's code is stored, not a fixed list of natures.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpro_platform.bilans.stockage import stockage_documents


class EtatLot(models.TextChoices):
    EN_FILE = "file", _("en file d’attente")
    EN_COURS = "cours", _("en cours")
    TERMINE = "termine", _("terminé")
    ECHOUE = "echoue", _("échoué")


def chemin_lot(lot: "LotExport", nom: str) -> str:
    return f"lots/{lot.pk}/{nom}"


class LotExport(models.Model):
    EN_MARCHE = (EtatLot.EN_FILE, EtatLot.EN_COURS)

    #: The registered format's code (``FormatExport.code``).
    format = models.CharField(_("format"), max_length=60)
    #: The class the export is about (for a learner: the class it was asked from); who may
    #: see the batch follows from it.
    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="lots_export", verbose_name=_("classe"))
    apprenant = models.ForeignKey("etablissements.Apprenant", on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="lots_export",
                                  verbose_name=_("apprenant"))
    #: Format-specific choices (``DemandeExport.parametres``), e.g. {"campagne": 12}.
    parametres = models.JSONField(_("paramètres"), default=dict, blank=True)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("demandé par"))
    etat = models.CharField(_("état"), max_length=7, choices=EtatLot.choices,
                            default=EtatLot.EN_FILE)
    total = models.PositiveIntegerField(_("documents à produire"), default=0)
    faits = models.PositiveIntegerField(_("documents produits"), default=0)
    fichier = models.FileField(_("fichier"), storage=stockage_documents, upload_to=chemin_lot,
                               blank=True, max_length=300)
    #: Who was left out and why, as shown on the page: ["Prénom NOM", …].
    manquants = models.JSONField(_("apprenants sans document"), default=list)
    erreur = models.TextField(_("erreur"), blank=True)
    cree_le = models.DateTimeField(_("demandé le"), default=timezone.now)
    debut = models.DateTimeField(_("début"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot d’export")
        verbose_name_plural = _("lots d’export")
        ordering = ["-cree_le", "-pk"]
        indexes = [models.Index(fields=["classe", "-cree_le"], name="lot_export_classe")]

    def __str__(self) -> str:
        return f"{self.format} — {self.classe} ({self.get_etat_display()})"

    @property
    def en_marche(self) -> bool:
        return self.etat in self.EN_MARCHE

    @property
    def pourcentage(self) -> int:
        return 100 * self.faits // self.total if self.total else 0
