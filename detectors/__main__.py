"""`python -m detectors PATH [--json]`: print a project's conventions profile."""

from detectors.cli import main

main()
