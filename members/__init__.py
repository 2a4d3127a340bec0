"""The people who keep a structure's page true: who belongs to which structure and with which
role (``models.py``), and what each role may do (``access.py``). Claims, invitations and the
sign-in by link build on them (docs/members.md)."""
