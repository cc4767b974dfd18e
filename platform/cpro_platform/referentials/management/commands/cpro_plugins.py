import json

from django.core.management.base import BaseCommand, CommandError

from cpro_platform.conf import cpro_setting
from cpro_platform.plugins import PluginError, get_plugin_manager
from cpro_platform.referentiel.catalogue import CatalogueInvalide, collect


class Command(BaseCommand):
    help = "List the plugins: distribution, version, hooks and referentials provided."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print JSON.")

    def handle(self, *args, as_json: bool = False, **options):
        try:
            pm = get_plugin_manager(allow=cpro_setting("PLUGINS_ALLOW"),
                                    block=cpro_setting("PLUGINS_BLOCK"))
            provided = collect(pm)
        except (PluginError, CatalogueInvalide) as exc:
            raise CommandError(str(exc)) from exc
        rows = []
        for name, info in pm.infos.items():
            rows.append({
                "name": name,
                "distribution": info.distribution,
                "version": info.version,
                "core": info.core,
                "hooks": pm.hook_names(name),
                "referentiels": [
                    {"code": f.referentiel.code, "version": f.referentiel.version,
                     "intitule": f.referentiel.diplome.intitule, "fichier": str(f.path)}
                    for f in provided if f.plugin.name == name],
            })
        if as_json:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            kind = " [core]" if row["core"] else ""
            self.stdout.write(f"{row['name']}{kind} — {row['distribution']} {row['version']}")
            self.stdout.write(f"    hooks: {', '.join(row['hooks']) or '-'}")
            for ref in row["referentiels"]:
                self.stdout.write(f"    referentiel: {ref['code']} {ref['version']} — "
                                  f"{ref['intitule']}")


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
