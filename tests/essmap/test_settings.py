import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_changes):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run_check({"DEBUG": "0", "ESSMAP_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


def test_production_settings_start_with_a_secret_key(tmp_path):
    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "essmap.fr",
            "ESSMAP_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stderr


def test_debug_generates_and_keeps_a_dev_key(tmp_path):
    assert run_check({"DEBUG": "1", "ESSMAP_VAR_DIR": str(tmp_path)}).returncode == 0
    key = (tmp_path / "dev-secret-key").read_text()
    assert len(key) >= 50
    run_check({"DEBUG": "1", "ESSMAP_VAR_DIR": str(tmp_path)})
    assert (tmp_path / "dev-secret-key").read_text() == key


def test_a_fresh_clone_runs_manage_py_without_any_variable(tmp_path):
    """Development is the default: a newcomer's `manage.py createsuperuser` just works."""
    assert run_check({"ESSMAP_VAR_DIR": str(tmp_path)}).returncode == 0
