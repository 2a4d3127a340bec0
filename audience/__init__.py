"""How often people meet each structure on essmap, counted without keeping who they are: views
of its pages, clicks on its contact links, additions to a selection, appearances in answers by
stage (docs/audience.md). « Ma structure » shows them (``{% structure_audience structure %}``)."""
