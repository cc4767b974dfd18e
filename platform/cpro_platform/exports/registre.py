"""The host's side of the registry: find a format, run it, package what it made.

Formats come from the gateway (``regles().formats_export()``); this module turns a code into a
format with a French refusal, runs the producer through the gateway (a plugin's failure names
the plugin) and gives back one file: the producer's single file, or a ZIP of its files.
"""
import io
import zipfile
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpro_platform.regles import (
    DemandeExport, ErreurDeRegle, FormatEnregistre, Production, RienAExporter, regles)

from .parallele import EchecDocument


class FormatInconnu(LookupError):
    """No registered format has this code (the message is French, with the known codes)."""


def formats(portee: str | None = None) -> list[FormatEnregistre]:
    """The registered formats, in registration order (``portee``: only this scope)."""
    return [f for f in regles().formats_export().values()
            if portee is None or f.format.portee == portee]


def format_(code: str) -> FormatEnregistre:
    trouve = regles().formats_export().get(code)
    if trouve is None:
        raise FormatInconnu(_("Format d’export inconnu : « %(code)s ». Formats disponibles : "
                              "%(codes)s.") % {"code": code,
                                               "codes": ", ".join(regles().formats_export())})
    return trouve


@dataclass(frozen=True)
class Resultat:
    """One file to hand over, and who was left out."""

    nom: str
    contenu: bytes
    type_media: str
    manquants: tuple[str, ...]
    #: How many documents the producer made (one for a single file).
    nombre: int = 1


def _archive(production: Production) -> bytes:
    tampon, noms = io.BytesIO(), set()
    # PDFs are compressed already: stored as they are, the archive costs nothing to build.
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED) as archive:
        for i, fichier in enumerate(production.fichiers, 1):
            nom = fichier.nom
            if nom in noms:
                base, point, ext = nom.rpartition(".")
                nom = f"{base}-{i}.{ext}" if point else f"{nom}-{i}"
            noms.add(nom)
            archive.writestr(nom, fichier.contenu)
    return tampon.getvalue()


def produire(enregistre: FormatEnregistre, demande: DemandeExport) -> Resultat:
    """Run the format and return its one file (a ZIP for archive formats).

    :raises RienAExporter: nothing to export (French message).
    :raises ErreurDeRegle: the plugin's producer failed (names the plugin).
    """
    format_ = enregistre.format
    production = regles().produire_export(enregistre, demande)
    if not production.fichiers:
        raise RienAExporter(_("Rien à exporter."))
    if not format_.archive:
        fichier = production.fichiers[0]
        return Resultat(fichier.nom, fichier.contenu, format_.type_media, production.manquants)
    sujet = demande.apprenant.nom if demande.apprenant else demande.classe.nom
    nom = (slugify(f"{format_.code}-{sujet}") or format_.code) + ".zip"
    return Resultat(nom, _archive(production), format_.type_media, production.manquants,
                    len(production.fichiers))


def cause(erreur: Exception) -> str:
    """A failure as the page says it: the learner whose document failed, the plugin that
    failed, or the format no longer there."""
    if isinstance(erreur, ErreurDeRegle) and isinstance(erreur.__cause__, EchecDocument):
        return f"{erreur.__cause__}"
    if isinstance(erreur, ErreurDeRegle):
        p = erreur.plugin
        return _("le plugin %(plugin)s (distribution %(distribution)s version %(version)s) a "
                 "échoué (%(detail)s).") % {"plugin": p.name, "distribution": p.distribution,
                                            "version": p.version, "detail": erreur.detail}
    if isinstance(erreur, FormatInconnu):
        return f"{erreur}"
    return _("l’erreur a été consignée.")


def formats_export_ou_none(code: str) -> FormatEnregistre | None:
    """The format of a stored batch, if its plugin still registers it (and registers well)."""
    try:
        return regles().formats_export().get(code)
    except ErreurDeRegle:
        return None
