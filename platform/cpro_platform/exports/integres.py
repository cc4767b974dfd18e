"""The built-in formats' producers: the livret and bilan PDFs, one learner or the whole class.

Registered by ``core_plugins.default_exports`` (LSL Pro data lives in :mod:`.lsl_pro`). Each
takes a :class:`~cpro_platform.regles.DemandeExport` and returns a ``Production``; nothing to
export is a ``RienAExporter`` with a French message.
"""
from collections.abc import Callable, Iterable

from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpro_platform.bilans.documents import bilan_pdf, nom_du_pdf
from cpro_platform.bilans.models import Bilan
from cpro_platform.bilans.perimetres_documents import DETAIL_BILAN
from cpro_platform.etablissements.models import Apprenant
from cpro_platform.livret.lecture import lire_livret
from cpro_platform.livret.pdf import livret_pdf
from cpro_platform.regles import DemandeExport, Fichier, Production, RienAExporter

from . import parallele


def apprenants_de(classe) -> list[Apprenant]:
    """Everyone ever enrolled in the class, by name."""
    return list(Apprenant.objects.filter(inscriptions__classe=classe).distinct()
                .order_by("nom", "prenom", "pk"))


def derniers_bilans(apprenants: Iterable[Apprenant], classe=None, campagne=None
                    ) -> dict[int, Bilan]:
    """Each learner's latest validated bilan in force (of the class's campaigns when
    ``classe`` is given, of one campaign when ``campagne`` is), keyed by learner id."""
    bilans = Bilan.objects.en_vigueur().filter(apprenant__in=list(apprenants))
    if classe is not None:
        bilans = bilans.filter(campagne__classe=classe)
    if campagne is not None:
        bilans = bilans.filter(campagne_id=campagne)
    derniers: dict[int, Bilan] = {}
    for bilan in bilans.select_related(*DETAIL_BILAN).order_by(
            "apprenant_id", "-date", "-valide_le", "-pk"):
        derniers.setdefault(bilan.apprenant_id, bilan)
    return derniers


def sans_bilan(apprenant: Apprenant) -> RienAExporter:
    return RienAExporter(_("Aucun bilan validé pour %(nom)s : rien à exporter.")
                         % {"nom": apprenant.nom_complet})


def nom_du_livret(apprenant: Apprenant) -> str:
    return (slugify(f"livret-{apprenant.nom}-{apprenant.prenom}") or "livret") + ".pdf"


def _livret(apprenant: Apprenant) -> Fichier:
    return Fichier(nom_du_livret(apprenant), livret_pdf(lire_livret(apprenant)))


def _bilan(bilan: Bilan) -> Fichier:
    return Fichier(nom_du_pdf(bilan), bilan_pdf(bilan))


def livret(demande: DemandeExport) -> Production:
    return Production((_livret(demande.apprenant),))


def bilan(demande: DemandeExport) -> Production:
    dernier = derniers_bilans([demande.apprenant]).get(demande.apprenant.pk)
    if dernier is None:
        raise sans_bilan(demande.apprenant)
    return Production((_bilan(dernier),))


def un_par_apprenant(demande: DemandeExport, sujets: list, faire: Callable[..., Fichier],
                     qui: Callable[..., str], manquants: Iterable[str] = ()) -> Production:
    """One file per subject, made side by side on the machine's cores (``parallele``), moving
    the progress bar as they come; ``qui(sujet)`` names the learner if one fails."""
    demande.progression(0, len(sujets))
    fichiers = parallele.produire_tous(
        sujets, faire, qui, lambda faits: demande.progression(faits, len(sujets)))
    return Production(tuple(fichiers), tuple(manquants))


def livrets_classe(demande: DemandeExport) -> Production:
    apprenants = apprenants_de(demande.classe)
    if not apprenants:
        raise RienAExporter(_("La classe %(classe)s n’a aucun apprenant : rien à exporter.")
                            % {"classe": demande.classe.nom})
    return un_par_apprenant(demande, apprenants, _livret, lambda a: a.nom_complet)


def bilans_classe(demande: DemandeExport) -> Production:
    """Each learner's latest validated bilan of the class (of one campaign with the
    ``campagne`` parameter); the learners without one are listed."""
    apprenants = apprenants_de(demande.classe)
    bilans = derniers_bilans(apprenants, classe=demande.classe,
                             campagne=demande.parametres.get("campagne"))
    if not bilans:
        raise RienAExporter(_("Aucun bilan validé dans la classe %(classe)s : rien à "
                              "exporter.") % {"classe": demande.classe.nom})
    manquants = [a.nom_complet for a in apprenants if a.pk not in bilans]
    return un_par_apprenant(demande, [bilans[a.pk] for a in apprenants if a.pk in bilans],
                            _bilan, lambda b: b.apprenant.nom_complet, manquants)
