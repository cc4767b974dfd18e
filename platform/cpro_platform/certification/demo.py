"""Demo certification: the terminale class's CCF with signed grids and a commission ready to
validate, the première class's planned CCF situations. Each part adds its own step, in order
(the grids build on the planned situations, the commission on the grids)."""
from . import demo_commission, demo_grilles, demo_planification


def build(stdout) -> list:
    for partie in (demo_planification, demo_grilles, demo_commission):
        partie.build(stdout)
    return []
