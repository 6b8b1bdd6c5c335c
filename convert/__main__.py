"""Lets `python -m convert` run the command line."""

from convert.cli import run

run()
