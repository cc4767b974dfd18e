"""Every bench figure is one line: ``name: value unit (target …) OK|MISS``, a miss by how much."""
from benchmarks.sortie import ligne


def test_a_figure_within_its_target_is_ok():
    assert ligne("livret, queries", 9, "queries", 15, chiffres=0) \
        == "livret, queries: 9 queries (target ≤ 15 queries) OK"


def test_a_miss_says_by_how_much():
    assert ligne("livret / baseline", 12.3, "×", 3.0) \
        == "livret / baseline: 12.3× (target ≤ 3.0×) MISS by 9.3× (4.1× off)"
    assert ligne("throughput", 50, "req/s", 200, au_plus=False, chiffres=0,
                 details="p95 9 ms") \
        == "throughput: 50 req/s (target ≥ 200 req/s) MISS by 150 req/s (4.0× off) — p95 9 ms"


def test_a_figure_without_target_says_so():
    assert ligne("first sync", 57.21, "ms") == "first sync: 57.2 ms (no target) INFO"
