"""« Ma structure »: a structure's team keeps its own page and programmes, outside the Django
admin; every change is published at once and then reviewed by the curators, but for a new name,
a regional or national reach and a new programme, which wait for them (docs/self-service.md)."""
