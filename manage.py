#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys

from django.core.management import execute_from_command_line


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masterplan.settings")
    # settings.py lets the commands that need no secret key run without one.
    os.environ["DJANGO_MANAGE_COMMAND"] = sys.argv[1] if len(sys.argv) > 1 else ""
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
