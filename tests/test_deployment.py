"""docker-compose.yml stays valid (checked with Debian's docker-compose, no engine needed)."""

import shutil
import subprocess
from pathlib import Path

from .conftest import require_service

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_file_is_valid(tmp_path):
    compose = shutil.which("docker-compose")
    require_service(compose is not None, "docker-compose is not installed (apt-get install docker-compose)")
    env_file = ROOT / ".env.example"
    # The file names .env; validate with the example's values, without touching the checkout.
    work = tmp_path / "project"
    work.mkdir()
    (work / "docker-compose.yml").write_text((ROOT / "docker-compose.yml").read_text())
    (work / ".env").write_text(env_file.read_text())
    result = subprocess.run(
        [compose, "-f", "docker-compose.yml", "config", "--services"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"web", "worker", "beat", "postgres", "redis"}
