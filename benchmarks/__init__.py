"""Benchmarks of convert against pandoc and the bare libraries, on a generated corpus of articles."""
