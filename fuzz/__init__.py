"""Fuzz targets, one per parser: `python -m fuzz.fuzz_<parser> [-runs=N] [corpus dirs]`."""
