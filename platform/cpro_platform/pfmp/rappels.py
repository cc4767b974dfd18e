"""PFMP reminders by e-mail: grids to fill at the end of a placement, attestations to sign.

* **Grille à remplir** — to the tutor, when the placement ends within ``JOURS_AVANT`` days or
  ended less than ``JOURS_APRES`` days ago, and some critères of the period's situation have no
  evaluation yet for the learner. The e-mail carries a fresh sign-in link, under the
  magic-link rules (``comptes.liens``): when they refuse (no address, other roles, period
  over…), nothing is sent and the refusal is recorded and reported, never raised.
* **Attestation à signer** — once the placement is over (up to ``JOURS_APRES`` days), when the
  attestation lacks the tutor's or the establishment's signature: to the tutor (if theirs is
  missing, with a link as above) and to the following teacher.

Each (placement, kind, recipient) is sent once (``RappelPFMP``); the following teacher's
"Relancer" sends the due ones of one placement again, at most once a day each. The daily run
is ``manage.py envoyer_rappels_pfmp`` (it queues ``taches.envoyer_rappels_pfmp``). Reading what
is due costs four queries whatever the number of placements.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cpro_platform.comptes import liens
from cpro_platform.etablissements.models import aujourdhui
from cpro_platform.suivi.models import Evaluation, Situation

from . import cloture
from .models import DocumentSigne, QualiteSignataire, SignaturePFMP, StagePFMP
from .rappels_modele import RappelPFMP, TypeRappel

JOURS_AVANT = 7
JOURS_APRES = cloture.DELAI_CLOTURE  # the tutor's access ends then
#: A teacher's "Relancer" sends a reminder again at most this often.
DELAI_RELANCE = datetime.timedelta(days=1)
#: The attestation is signed for the establishment by its head (or their representative).
SIGNATAIRES_ATTESTATION = (QualiteSignataire.TUTEUR, QualiteSignataire.CHEF)


@dataclass(frozen=True)
class Du:
    """A reminder due: which placement, what, to whom, and the facts the e-mail states."""

    stage: StagePFMP
    type: str
    destinataire: object
    #: Critères left to evaluate and their total (grid), or the missing signatories.
    restants: int = 0
    total: int = 0
    manquants: tuple[str, ...] = ()

    @property
    def cle(self) -> tuple:
        return (self.stage.pk, self.type, self.destinataire.pk)

    @property
    def au_tuteur(self) -> bool:
        return bool(self.stage.tuteur_id) and self.destinataire.pk == self.stage.tuteur.user_id


@dataclass
class Compte:
    """What a run did, for the command's output, the task's result and the teacher's page."""

    envoyes: list[str] = field(default_factory=list)
    refuses: list[str] = field(default_factory=list)
    deja: int = 0

    def en_dict(self) -> dict:
        return {"envoyes": self.envoyes, "refuses": self.refuses, "deja": self.deja}


def stages_concernes(date: datetime.date, stages: QuerySet | None = None) -> QuerySet:
    """Placements ending within the window of ``date`` (all of ``stages`` ended or ending soon,
    for a teacher's relance)."""
    qs = StagePFMP.objects.all() if stages is None else stages
    qs = qs.filter(fin__lte=date + datetime.timedelta(days=JOURS_AVANT))
    if stages is None:
        qs = qs.filter(fin__gte=date - datetime.timedelta(days=JOURS_APRES))
    return qs.select_related("apprenant", "tuteur__user", "enseignant_referent", "entreprise",
                             "periode__classe__etablissement")


def rappels_dus(date: datetime.date | None = None, stages: QuerySet | None = None
                ) -> list[Du]:
    """Every reminder due on ``date`` (today), in four queries."""
    date = date or aujourdhui()
    stages_ = list(stages_concernes(date, stages))
    situations = {s.periode.situation_id for s in stages_}
    criteres = defaultdict(set)
    for situation_id, critere_id in Situation.criteres.through.objects.filter(
            situation_id__in=situations).values_list("situation_id", "critere_id"):
        criteres[situation_id].add(critere_id)
    evalues = defaultdict(set)
    for situation_id, apprenant_id, critere_id in Evaluation.objects.courantes().filter(
            situation_id__in=situations, apprenant_id__in={s.apprenant_id for s in stages_}
            ).values_list("situation_id", "apprenant_id", "critere_id"):
        evalues[situation_id, apprenant_id].add(critere_id)
    signees = defaultdict(set)
    for stage_id, qualite in SignaturePFMP.objects.filter(
            stage__in=[s.pk for s in stages_], document=DocumentSigne.ATTESTATION
            ).values_list("stage_id", "qualite"):
        signees[stage_id].add(qualite)

    dus = []
    for stage in stages_:
        cibles = criteres[stage.periode.situation_id]
        restants = cibles - evalues[stage.periode.situation_id, stage.apprenant_id]
        if stage.tuteur_id and restants:
            dus.append(Du(stage, TypeRappel.GRILLE, stage.tuteur.user, len(restants),
                          len(cibles)))
        if stage.fin >= date:
            continue
        manquants = [q for q in SIGNATAIRES_ATTESTATION if q not in signees[stage.pk]]
        libelles = tuple(str(QualiteSignataire(q).label) for q in manquants)
        if stage.tuteur_id and QualiteSignataire.TUTEUR in manquants:
            dus.append(Du(stage, TypeRappel.ATTESTATION, stage.tuteur.user, manquants=libelles))
        if manquants and stage.enseignant_referent_id:
            dus.append(Du(stage, TypeRappel.ATTESTATION, stage.enseignant_referent,
                          manquants=libelles))
    return dus


def envoyer_rappels(date: datetime.date | None = None, *, stages: QuerySet | None = None,
                    par=None) -> Compte:
    """Send the reminders due and not sent yet (the daily run). With ``stages`` and ``par``
    (the teacher relancing), send the due ones again unless sent within ``DELAI_RELANCE``."""
    dus = rappels_dus(date, stages)
    faits = {(r.stage_id, r.type, r.destinataire_id): r for r in RappelPFMP.objects.filter(
        stage__in={d.stage.pk for d in dus})}
    compte, maintenant = Compte(), timezone.now()
    for du in dus:
        rappel = faits.get(du.cle) or RappelPFMP(stage=du.stage, type=du.type,
                                                 destinataire=du.destinataire)
        if rappel.envoye_le and (par is None or maintenant - rappel.envoye_le < DELAI_RELANCE):
            compte.deja += 1
            continue
        qui = _("%(type)s — %(qui)s (%(apprenant)s)") % {
            "type": TypeRappel(du.type).label, "qui": _nom(du.destinataire),
            "apprenant": du.stage.apprenant.nom_complet}
        try:
            with transaction.atomic():
                _envoyer(du, rappel, par)
        except (liens.EnvoiImpossible, OSError) as refus:  # OSError: the mail server
            rappel.refus, rappel.essaye_le = str(refus) or repr(refus), maintenant
            rappel.save()
            compte.refuses.append(f"{qui} : {rappel.refus}")
        else:
            compte.envoyes.append(qui)
    return compte


def _envoyer(du: Du, rappel: RappelPFMP, par) -> None:
    stage = du.stage
    etablissement = stage.periode.classe.etablissement
    if du.au_tuteur:
        lien = liens.creer_lien(du.destinataire, etablissement=etablissement, par=par)
        adresse = _absolue(liens.adresse(lien))
        invitation = _("Ouvrez votre lien personnel de connexion (valable jusqu'au %(date)s ; "
                       "ne le transmettez à personne) :") % {
            "date": timezone.localtime(lien.expire_le).strftime("%d/%m/%Y")}
    else:
        if not du.destinataire.email:
            raise liens.EnvoiImpossible(_("Cette personne n'a pas d'adresse électronique."))
        adresse = _absolue(reverse("livret:livret", args=[stage.apprenant_id]))
        invitation = _("Connectez-vous à CPRO :")
    sujet, paragraphes = _contenu(du)
    contexte = {"salutation": _("Bonjour %(nom)s,") % {"nom": _nom(du.destinataire)},
                "paragraphes": paragraphes, "invitation": invitation, "adresse": adresse,
                "signature": etablissement.nom}
    message = EmailMultiAlternatives(
        f"[CPRO] {sujet}", render_to_string("pfmp/rappels/rappel.txt", contexte), None,
        [du.destinataire.email])
    message.attach_alternative(render_to_string("pfmp/rappels/rappel.html", contexte),
                               "text/html")
    message.send()
    if rappel.envoye_le is not None:  # sent before: this is a teacher's relance
        rappel.relances += 1
    rappel.adresse, rappel.refus = du.destinataire.email, ""
    rappel.envoye_le = rappel.essaye_le = timezone.now()
    rappel.save()


def _contenu(du: Du) -> tuple[str, list[str]]:
    stage = du.stage
    faits = {"apprenant": stage.apprenant.nom_complet, "classe": stage.periode.classe.nom,
             "entreprise": stage.entreprise.nom, "debut": stage.debut.strftime("%d/%m/%Y"),
             "fin": stage.fin.strftime("%d/%m/%Y")}
    if du.type == TypeRappel.GRILLE:
        quand = (_("La PFMP de %(apprenant)s (%(classe)s) chez %(entreprise)s se termine le "
                   "%(fin)s.") if stage.fin >= aujourdhui() else
                 _("La PFMP de %(apprenant)s (%(classe)s) chez %(entreprise)s s'est terminée "
                   "le %(fin)s.")) % faits
        reste = ngettext(
            "%(n)s critère sur %(total)s de sa grille d'évaluation reste à évaluer.",
            "%(n)s critères sur %(total)s de sa grille d'évaluation restent à évaluer.",
            du.restants) % {"n": du.restants, "total": du.total}
        return (_("Grille d'évaluation à remplir — %(apprenant)s") % faits, [quand, reste])
    texte = _("L'attestation de la PFMP de %(apprenant)s (%(classe)s), du %(debut)s au "
              "%(fin)s chez %(entreprise)s, attend encore la signature de : %(qui)s.") % {
        **faits, "qui": ", ".join(du.manquants)}
    return (_("Attestation de PFMP à signer — %(apprenant)s") % faits, [texte])


def _nom(user) -> str:
    return user.get_full_name() or user.get_username()


def _absolue(chemin: str) -> str:
    """The worker has no request: addresses are built on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + chemin
