"""The archive file: writing it (``exporter``) and reading it back verified (``lire``).

One ZIP: ``parcours.json`` (the record), ``fichiers/<sha256>.<ext>`` (evidence and photos),
``manifeste.json`` (the SHA-256 of every other member) and ``signature.json`` (the Ed25519
signature of the manifest's bytes, the public key and its fingerprint). Reading checks, in this
order: a readable ZIP within the size bound, the format and its version, the signature, then
each member against the manifest — and says in French which one failed.
"""
import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import cles
from .serialisation import collecter, enregistrements, verifier_specs

FORMAT = "cpro-parcours"
VERSION = 1
PARCOURS, MANIFESTE, SIGNATURE = "parcours.json", "manifeste.json", "signature.json"
#: Bound on an archive's unpacked size (a few hundred photos); setting
#: ``CPRO_PORTABILITE_TAILLE_MAX`` (bytes) overrides it.
TAILLE_MAX = 500 * 1024 * 1024


def taille_max() -> int:
    return getattr(settings, "CPRO_PORTABILITE_TAILLE_MAX", TAILLE_MAX)


class ArchiveRefusee(Exception):
    """The archive cannot be imported; the message (French) says why and which member."""


def _json(valeur) -> bytes:
    return json.dumps(valeur, ensure_ascii=False, sort_keys=True, indent=1).encode()


def _sha(octets: bytes) -> str:
    return hashlib.sha256(octets).hexdigest()


def contenu(apprenant) -> tuple[dict, dict[str, bytes]]:
    """The record of ``apprenant`` (what ``parcours.json`` holds) and its files."""
    from cpro_platform.referentials.models import Referentiel

    verifier_specs()
    collecte = collecter(apprenant)
    records = enregistrements(collecte)
    intitules = {(r.code, r.version): r.intitule for r in Referentiel.objects.all()}
    publique = cles.octets_publics(cles.cle_privee().public_key())
    parcours = {
        "format": FORMAT,
        "version": VERSION,
        "exporte_le": timezone.now().isoformat(),
        "installation": {"nom": getattr(settings, "CPRO_PORTABILITE_INSTALLATION", ""),
                         "empreinte": cles.empreinte(publique)},
        "apprenant": collecte.refs[("etablissements.apprenant", apprenant.pk)],
        "referentiels": [{"code": code, "version": version,
                          "intitule": intitules.get((code, version), "")}
                         for code, version in sorted(collecte.referentiels)],
        "enregistrements": records,
    }
    return parcours, collecte.fichiers


def exporter(apprenant) -> bytes:
    """The signed archive of ``apprenant``'s whole record."""
    parcours, fichiers = contenu(apprenant)
    membres = {PARCOURS: _json(parcours), **dict(sorted(fichiers.items()))}
    manifeste = _json({nom: _sha(octets) for nom, octets in membres.items()})
    signature, publique = cles.signer(manifeste)
    signe = _json({"algorithme": "Ed25519",
                   "cle_publique": base64.b64encode(publique).decode(),
                   "empreinte": cles.empreinte(publique),
                   "signature": base64.b64encode(signature).decode()})
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        for nom, octets in membres.items():
            archive.writestr(nom, octets)
        archive.writestr(MANIFESTE, manifeste)
        archive.writestr(SIGNATURE, signe)
    return tampon.getvalue()


@dataclass(frozen=True)
class ArchiveVerifiee:
    parcours: dict
    fichiers: dict[str, bytes]
    #: The signer's fingerprint, and whether a trusted-fingerprints setting lists it.
    empreinte: str
    de_confiance: bool | None


ILLISIBLE = gettext_lazy("Ce fichier n’est pas une archive de dossier lisible : le ZIP est "
                         "tronqué ou endommagé. Exportez le dossier de nouveau.")


def _membres(flux) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(flux) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > taille_max():
                raise ArchiveRefusee(_("L’archive dépasse la taille admise une fois "
                                       "décompressée (%(max)s Mo).")
                                     % {"max": taille_max() // (1024 * 1024)})
            return {i.filename: archive.read(i) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise ArchiveRefusee(str(ILLISIBLE)) from None


def _charger(octets: bytes, nom: str):
    try:
        return json.loads(octets)
    except (ValueError, UnicodeDecodeError):
        raise ArchiveRefusee(_("Le fichier « %(nom)s » de l’archive n’est pas du JSON "
                               "lisible.") % {"nom": nom}) from None


def lire(flux) -> ArchiveVerifiee:
    """The archive in ``flux`` (a path or a binary file), verified; else ``ArchiveRefusee``."""
    membres = _membres(flux)
    manquants = [n for n in (PARCOURS, MANIFESTE, SIGNATURE) if n not in membres]
    if manquants:
        raise ArchiveRefusee(_("L’archive est incomplète : il y manque %(noms)s.")
                             % {"noms": ", ".join(f"« {n} »" for n in manquants)})
    parcours = _charger(membres[PARCOURS], PARCOURS)
    if not isinstance(parcours, dict) or parcours.get("format") != FORMAT:
        raise ArchiveRefusee(_("Ce fichier n’est pas un dossier d’apprenant CPRO (format "
                               "attendu : %(format)s).") % {"format": FORMAT})
    if parcours.get("version") != VERSION:
        raise ArchiveRefusee(_("Version %(version)s du format de dossier inconnue : cette "
                               "installation lit la version %(connue)s. Mettez-la à jour ou "
                               "demandez un export dans la version %(connue)s.")
                             % {"version": parcours.get("version"), "connue": VERSION})
    signe = _charger(membres[SIGNATURE], SIGNATURE)
    try:
        publique = base64.b64decode(signe["cle_publique"], validate=True)
        signature = base64.b64decode(signe["signature"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise ArchiveRefusee(_("La signature de l’archive (« %(nom)s ») est illisible.")
                             % {"nom": SIGNATURE}) from None
    if not cles.signature_valide(publique, signature, membres[MANIFESTE]):
        raise ArchiveRefusee(_("La signature ne correspond pas au manifeste « %(nom)s » : "
                               "l’archive a été modifiée après son export. Rien n’a été "
                               "importé.") % {"nom": MANIFESTE})
    manifeste = _charger(membres[MANIFESTE], MANIFESTE)
    for nom in sorted(set(membres) - {MANIFESTE, SIGNATURE}):
        if nom not in manifeste:
            raise ArchiveRefusee(_("Le fichier « %(nom)s » ne figure pas au manifeste signé : "
                                   "il a été ajouté après l’export.") % {"nom": nom})
        if _sha(membres[nom]) != manifeste[nom]:
            raise ArchiveRefusee(_("Le fichier « %(nom)s » a été modifié après l’export : son "
                                   "empreinte SHA-256 ne correspond plus au manifeste signé. "
                                   "Rien n’a été importé.") % {"nom": nom})
    for nom in sorted(set(manifeste) - set(membres)):
        raise ArchiveRefusee(_("Le fichier « %(nom)s » du manifeste manque dans l’archive.")
                             % {"nom": nom})
    empreinte = cles.empreinte(publique)
    confiance = cles.empreintes_de_confiance()
    if confiance and empreinte not in confiance:
        raise ArchiveRefusee(_("L’archive est signée par une installation qui n’est pas de "
                               "confiance (empreinte %(empreinte)s).") % {"empreinte": empreinte})
    fichiers = {n: o for n, o in membres.items() if n.startswith("fichiers/")}
    return ArchiveVerifiee(parcours, fichiers, empreinte, bool(confiance) or None)
