"""``essmap <command>`` (or ``python -m essmap``): manage.py for a site installed from the wheel,
where there is no manage.py."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essmap.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
