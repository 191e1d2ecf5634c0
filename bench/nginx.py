"""nginx in front of granian, as ``deploy/nginx.conf.template`` deploys it.

One granian process (one worker) per port and nginx choosing the least busy
per request: a deployment in which a few keep-alive connections cannot pile up
on one Python worker (see the template's header and api/README.md).
"""

from __future__ import annotations

import shutil
import string
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def find() -> str | None:
    """The nginx program's path (Debian installs it outside a user's PATH), or None."""
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).is_file()), None
    )


def executable() -> str:
    """The nginx program; a clear error naming the install script when there is none."""
    found = find()
    if found is None:
        raise SystemExit("nginx is not installed: run `bash scripts/debian.sh /usr/sbin/nginx nginx` "
                         "(or pass --proxy none)")
    return found


def render(prefix: Path, listen_port: int, upstream_ports: list[int]) -> str:
    """The template filled in for nginx on 127.0.0.1:``listen_port`` in front of
    the granian processes on ``upstream_ports``, keeping its files in ``prefix``."""
    if not upstream_ports:
        raise ValueError("nginx needs at least one upstream port")
    upstreams = "\n".join(f"        server 127.0.0.1:{port};" for port in upstream_ports)
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        prefix=str(prefix), listen=f"127.0.0.1:{listen_port}", upstreams=upstreams,
    )


def command(prefix: Path, listen_port: int, upstream_ports: list[int]) -> list[str]:
    """Write the configuration into ``prefix`` and return the command that runs
    nginx on it in the foreground (stopped by SIGTERM like the other servers)."""
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(render(prefix, listen_port, upstream_ports), encoding="utf-8")
    return [executable(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "nginx-error.log"),
            "-g", "daemon off;"]
