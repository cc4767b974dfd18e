"""Small helpers: median wall time and SQL query count of a callable."""
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def measure(fn, repeat: int = 5) -> tuple[float, int]:
    """Median seconds over ``repeat`` runs, and the number of queries of the last run."""
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries
