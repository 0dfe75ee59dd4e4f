"""Benchmarks: a generator of synthetic timeline collections and a runner that compares tools."""
