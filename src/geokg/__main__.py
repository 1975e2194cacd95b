"""`python -m geokg` runs the command-line interface."""

from geokg.cli import main

main()
