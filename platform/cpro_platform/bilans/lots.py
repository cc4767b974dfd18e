"""A batch of documents made in the background (django-tasks; ``manage.py db_worker``).

Generic on purpose: a *lot* is "make these documents, one by one, and hand back one archive",
with its progress (``faits`` of ``total``) for the page's progress bar and its result file in
the private documents storage. Today's only nature is the bilans of a campaign (one PDF per
learner, in a ZIP); another kind of document adds a ``NatureLot`` and its producer in
``taches``. Kept out of ``models.py`` (loaded by ``BilansConfig.import_models``).
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .stockage import stockage_documents


class NatureLot(models.TextChoices):
    BILANS_CAMPAGNE = "bilans", _("Bilans de la campagne (un PDF par apprenant)")


class EtatLot(models.TextChoices):
    EN_FILE = "file", _("en file d’attente")
    EN_COURS = "cours", _("en cours")
    TERMINE = "termine", _("terminé")
    ECHOUE = "echoue", _("échoué")


def chemin_lot(lot: "LotDocuments", nom: str) -> str:
    return f"lots/{lot.pk}/{nom}"


class LotDocuments(models.Model):
    EN_MARCHE = (EtatLot.EN_FILE, EtatLot.EN_COURS)

    nature = models.CharField(_("nature"), max_length=20, choices=NatureLot.choices)
    #: The class the documents are about: who may see the batch follows from it.
    classe = models.ForeignKey("etablissements.Classe", on_delete=models.PROTECT,
                               related_name="lots_documents", verbose_name=_("classe"))
    campagne = models.ForeignKey("bilans.Campagne", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="lots_documents",
                                 verbose_name=_("campagne"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("demandé par"))
    etat = models.CharField(_("état"), max_length=7, choices=EtatLot.choices,
                            default=EtatLot.EN_FILE)
    total = models.PositiveIntegerField(_("documents à produire"), default=0)
    faits = models.PositiveIntegerField(_("documents produits"), default=0)
    fichier = models.FileField(_("fichier"), storage=stockage_documents, upload_to=chemin_lot,
                               blank=True, max_length=300)
    #: Learners left out (no validated bilan), as shown on the page: ["Prénom NOM", …].
    manquants = models.JSONField(_("apprenants sans document"), default=list)
    erreur = models.TextField(_("erreur"), blank=True)
    cree_le = models.DateTimeField(_("demandé le"), default=timezone.now)
    debut = models.DateTimeField(_("début"), null=True, blank=True)
    fin = models.DateTimeField(_("fin"), null=True, blank=True)

    class Meta:
        app_label = "bilans"
        verbose_name = _("lot de documents")
        verbose_name_plural = _("lots de documents")
        ordering = ["-cree_le", "-pk"]
        indexes = [models.Index(fields=["classe", "-cree_le"], name="lot_classe")]

    def __str__(self) -> str:
        return f"{self.get_nature_display()} — {self.classe} ({self.get_etat_display()})"

    @property
    def en_marche(self) -> bool:
        return self.etat in self.EN_MARCHE

    @property
    def pourcentage(self) -> int:
        return 100 * self.faits // self.total if self.total else 0
