"""Benchmarks (``make bench``): query counts and timings on realistic volumes, printed, never asserted."""
