"""Security headers: a strict Content-Security-Policy (django-csp), Permissions-Policy, HSTS
and the HTTPS redirect from the environment, and ``check --deploy`` silent in production."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from essmap import paths

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "Zq8!vR2#mX5@pL9$wT4^nB7&cH1*jF6(dG3)sK0",
    "ALLOWED_HOSTS": "essmap.example.fr",
    "CSRF_TRUSTED_ORIGINS": "https://essmap.example.fr",
    "DATABASE_URL": "postgres://essmap@db.example.fr:5432/essmap",
    # Without a mail server, check warns (essmap.W002, docs/environment.md « Courriels »).
    "EMAIL_HOST": "smtp.example.fr",
    # Without it, check warns (essmap.W003): every client would be the proxy.
    "ESSMAP_CLIENT_IP_HEADER": "X-Forwarded-For",
}


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_public_pages_have_a_strict_content_security_policy(client, territories):
    response = client.get("/")
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_admin_allows_only_the_hashes_of_its_third_party_inline_bits(admin_client, db):
    policy = directives(admin_client.get("/admin/"))
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert set(policy["script-src"].split()) - {"'self'", "'unsafe-hashes'"} == {
        "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"
    }


def test_every_answer_says_what_the_browser_may_do(client, db):
    for address in ["/", "/sante/", "/pas-de-page/", "/static/css/essmap.css"]:
        response = client.get(address)
        assert "geolocation=()" in response["Permissions-Policy"], address
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/").get("X-Frame-Options") == "DENY"


def test_hsts_and_the_https_redirect(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    plain = client.get("/programmes/?etape=idee")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/programmes/?etape=idee"
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # Load balancers probe over plain HTTP inside the network.
    assert client.get("/sante/").status_code == 200


def check_deploy(changes):
    env = {"PATH": os.environ["PATH"], **PRODUCTION, **changes}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_prints_no_warning_in_production(tmp_path):
    result = check_deploy({"ESSMAP_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_https_settings_come_from_the_environment(tmp_path):
    result = check_deploy(
        {"ESSMAP_VAR_DIR": str(tmp_path), "SECURE_HSTS_SECONDS": "0", "SECURE_SSL_REDIRECT": "0"}
    )
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


@pytest.mark.parametrize("template", sorted(paths.TEMPLATES_DIR.rglob("*.html")), ids=str)
def test_no_template_carries_inline_script_or_style(template):
    """The strict policy refuses them: a page would silently lose its script or style."""
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "script en ligne"
    assert "<style" not in text, "style en ligne"
    assert not re.search(r"\sstyle=\"", text), "attribut style"
    assert not re.search(r"\son[a-z]+=\"", text), "gestionnaire d’événement en ligne"
