"""The pages of « Ma structure », one module per use case: the dashboards (``dashboard.py``),
the structure's page (``structure.py``), its programmes (``programmes.py``)."""
