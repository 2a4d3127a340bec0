"""Update requests: each published structure not verified for months is asked by e-mail whether
its page is still true — « Rien n’a changé » (one click, then a button) or « Mettre à jour » —
with one reminder (docs/update-requests.md)."""
