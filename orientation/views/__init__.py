"""orientation's pages, one module per use case:

- ``directory``: the generic filtered, paginated list that also answers JSON and CSV;
- ``lists``: the home search form and the two lists built on it (programmes, structures);
- ``sheet``: a territory's orientation sheet and its one-page print;
- ``coverage_map``: the map of départements, and its extension point for other layers
  (``orientation.extensions``).

The widget (``orientation.widget``) reuses the lists' search. The ``?format=`` switch is
``orientation.formats``; parameter names are ``orientation.parameters``.
"""
