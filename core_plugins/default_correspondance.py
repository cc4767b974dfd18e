"""Default referential version mapping: identity by code.

A code of the source version goes to the same code in the target version when the target has
it, and nowhere otherwise. A referential plugin whose new version renumbers compétences or
critères implements ``correspondance_versions`` with its own table.
"""
from cpro_platform import hookimpl


@hookimpl(trylast=True)
def correspondance_versions(referentiel_source, referentiel_cible, nature, codes,
                            codes_cibles):
    cibles = set(codes_cibles)
    return {code: code if code in cibles else None for code in codes}
