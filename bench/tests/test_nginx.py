"""nginx as deploy/nginx.conf.template deploys it: each request to the least busy
granian process, so concurrent requests never queue behind one worker while
another idles (real nginx, real upstream HTTP servers)."""

from __future__ import annotations

import http.client
import signal
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import api_bench, nginx

pytestmark = pytest.mark.skipif(nginx.find() is None, reason="nginx not installed (scripts/test.sh installs it)")


def _upstream(name: str, delay: float) -> ThreadingHTTPServer:
    """An HTTP server on a free port that answers every request with its
    ``name`` after ``delay`` seconds (a slow page in a busy worker)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            time.sleep(delay)
            body = name.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def proxy(tmp_path):
    upstreams = [_upstream("a", 0.4), _upstream("b", 0.4)]
    port = _free_port()
    process = subprocess.Popen(
        nginx.command(tmp_path / "nginx", port, [u.server_address[1] for u in upstreams]),
        start_new_session=True, stderr=subprocess.PIPE,
    )
    try:
        api_bench.wait_for_port(port, timeout=10)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        for upstream in upstreams:
            upstream.shutdown()


def _get(port: int, out: list, connection=None) -> None:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/api/events/1/")
    response = conn.getresponse()
    out.append(response.read().decode())


def test_concurrent_requests_go_to_different_upstreams(proxy):
    for _ in range(3):
        answers: list[str] = []
        threads = [threading.Thread(target=_get, args=(proxy, answers)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers) == ["a", "b"]


def test_one_keep_alive_client_connection_is_served_by_every_upstream_in_turn(proxy):
    # The client's one connection does not tie it to one worker: with nothing
    # else in flight least_conn falls back to round robin.
    conn = http.client.HTTPConnection("127.0.0.1", proxy, timeout=10)
    answers: list[str] = []
    for _ in range(4):
        _get(proxy, answers, conn)
    assert sorted(answers) == ["a", "a", "b", "b"]


def test_the_rendered_configuration_names_every_upstream_and_the_listen_address(tmp_path):
    conf = nginx.render(tmp_path, 8080, [9001, 9002, 9003])
    assert "listen 127.0.0.1:8080;" in conf
    for port in (9001, 9002, 9003):
        assert f"server 127.0.0.1:{port};" in conf
    assert "least_conn;" in conf and "$host" in conf and "$$" not in conf
    with pytest.raises(ValueError):
        nginx.render(tmp_path, 8080, [])
