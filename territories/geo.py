"""Great-circle distance computed by the database, on PostgreSQL and SQLite alike.

Django registers the math functions SQLite lacks, so one expression serves both; no
GeoDjango, so the embedded SQLite keeps working.
"""

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088


def distance_km(latitude, longitude, lat_expr, lon_expr):
    """Haversine distance in km from a point to the point given by two expressions."""
    lat1 = Radians(Value(latitude, output_field=FloatField()))
    lon1 = Radians(Value(longitude, output_field=FloatField()))
    lat2 = Radians(_expr(lat_expr))
    lon2 = Radians(_expr(lon_expr))
    a = Power(Sin((lat2 - lat1) / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin((lon2 - lon1) / 2), 2)
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(a))


def _expr(value):
    return F(value) if isinstance(value, str) else value
