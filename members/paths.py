"""The addresses of « Ma structure », written once here as plain paths: its pages belong to
the self_service app, which members does not import (docs/members.md)."""

MY_STRUCTURES = "/ma-structure/"


def my_structure(structure):
    return f"{MY_STRUCTURES}{structure.slug}/"
