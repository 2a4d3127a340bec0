"""Bulk import and export of structures, programmes and people (CSV, XLSX), with
django-import-export: in the admin (« Importer » / « Exporter » on each list) and through
``manage.py import_directory``.

Contract (the same as the JSON content loader, ``content/loader.py``)
---------------------------------------------------------------------
* **All or nothing.** Every line is validated (unknown vocabulary value, territory code or
  slug, malformed URL or e-mail, missing name or slug, a slug twice in the file, an ended
  programme without end year…: the model's ``full_clean`` runs on every line). If any line
  is invalid, or the file has an unknown column, nothing is written — on PostgreSQL and
  SQLite alike, the whole import runs in one transaction that is rolled back — and every
  problem is reported with its line (line 1 being the header, as a spreadsheet shows it)
  and its reason.
* **Dry run.** The same import, rolled back at the end: it tells what would be created,
  updated or left unchanged, or every problem. The admin always shows it first and offers
  to confirm only when every line is valid.
* **Idempotent.** Lines are matched by ``slug`` (structures, programmes) and by ``name`` +
  ``structure`` (people). A line identical to its entry is left untouched (« inchangée »):
  nothing saved, no history record. Importing the same file twice changes nothing.
* **Never deletes.** Entries absent from the file are left as they are. For an entry it
  names, the file is the truth: each column present sets that field — an empty cell empties
  it, a list column replaces the links it lists (the programmes' operators column replaces
  only the operators, not the partners). A column absent from the file is left untouched.
* **Search.** After an import that wrote something, the search documents of the entries it
  touched (and, for structures, of the programmes they take part in) are rebuilt.
* **Order.** People name their structure, programmes their structures: import structures
  first, then programmes, then people. Within a file, ``partners``, ``networks`` and
  ``next_steps`` may name entries created further down the same file.

Files
-----
CSV (UTF-8, with or without BOM; « ; » or « , » separated, detected from the header line;
exported with « ; » and a BOM for spreadsheets) or XLSX (first sheet). Lists are separated by
``|``. Yes/no cells: ``oui``/``non`` (also 1/0, vrai/faux, x). Dates ``AAAA-MM-JJ`` (also
``JJ/MM/AAAA``). Territories are given by their public key (``Territory.key``): INSEE code
of a commune (``53147``; a former commune code leads to the current commune), SIREN of an
EPCI (``245300330``), ``dep-53``, ``reg-52``, ``pnr-…``, ``pays-…``, ``grp-…``, ``FR``.
Vocabularies by their ``value`` (as in URLs: ``cae``, ``jeunes``…), entries by their slug.

Columns (stable names: they are a public contract, like the JSON API; added, never renamed)
------------------------------------------------------------------------------------------
Structures (« structures »), identified by ``slug``::

    slug*, name*, aliases, kind* (type de structure), legal_form, founded_year, description,
    address, postcode, commune (INSEE), latitude, longitude, website, email, phone,
    territories (clés|…), publics (valeurs|…), sectors (valeurs|…), general_stages
    (idee|creation|developpement: the stages of its general accompaniment), partners (slugs|…,
    reciprocal: a file listing both structures must list each in the other's line),
    networks (slugs|…), publication_status (brouillon, publie, archive; empty: brouillon),
    verified_on, curator_notes

Programmes (« dispositifs »), identified by ``slug``::

    slug*, name*, aliases, kind (type d’accompagnement), description, website,
    stages (idee|creation|developpement; or, on import only, three yes/no columns
    stage_idee, stage_creation, stage_developpement), formats (valeurs|…), duration,
    is_free (oui, non, empty: unknown), cost_details, eligibility, how_to_apply, key_figures,
    status (actif, experimental, termine; empty: actif), start_year, end_year, publics,
    sectors, territories, operators, partners, financers (structure slugs|…: the structures
    with that role), next_steps (programme slugs|…), publication_status, verified_on,
    curator_notes

People (« personnes »), identified by ``name`` + ``structure``::

    name*, structure (slug; empty: no structure), role (fonction), is_public, email, phone,
    contact_is_public, programmes (programme slugs|…; ``slug:temoignage`` for a testimony,
    a bare slug being a contact)

(* required.) Not covered: the cited sources (documents and sections) and the search
documents, which are derived; exports contain the people's contact details: they are for
curators only.

Layout (each module imports only those above it)
------------------------------------------------
``widgets`` (a cell ↔ a value), ``fields`` (a column ↔ an attribute or a list of links),
``results`` (lines numbered as in the file, problems in French), ``resources`` (a file's lines
↔ entries: checks, transaction, search refresh), ``files`` (CSV and XLSX, the import and
export services) and ``admin`` (the « Importer » / « Exporter » mixin of
``curation/admin.py``); the commands ``import_directory`` and ``bench_import``
(``bulk/management/commands/``). Entries, their links and their history (one record per line,
written in bulk) are written through ``programmes/writes.py``, the one write path.
"""
