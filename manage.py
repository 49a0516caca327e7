#!/usr/bin/env python
"""Django's manage.py; the `refah` command does the same."""

from refah.cli import main

if __name__ == "__main__":
    main()
