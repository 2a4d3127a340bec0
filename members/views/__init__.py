"""The members app's pages, one module per use case: signing in by link (``sign_in``),
claiming a structure's page (``claims``), its team (``team``), one's account (``account``)."""
