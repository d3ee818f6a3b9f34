"""Benchmarks (`make bench`): each writes JSON under bench/results/."""
