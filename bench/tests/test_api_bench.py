"""The API benchmark's raw-SQL side replays the pages the HTTP clients visit."""

from __future__ import annotations

import argparse

from bench import api_bench


def test_replay_visits_every_page_round_robin_like_the_clients():
    pages = [["select 1"], ["select 2"], ["select 3"]]
    rounds = api_bench.replay_rounds(pages, repeat=7)
    assert rounds == [pages[0], pages[1], pages[2], pages[0], pages[1], pages[2], pages[0]]


def test_replay_times_each_page_at_least_once_when_there_are_more_pages_than_repeats():
    pages = [[f"select {i}"] for i in range(200)]
    rounds = api_bench.replay_rounds(pages, repeat=30)
    assert len(rounds) == 200
    assert rounds == pages


def test_percentile_picks_the_nearest_rank():
    values = list(range(1, 101))
    assert api_bench.percentile(values, 0.5) == 51
    assert api_bench.percentile(values, 0.95) == 95


def test_gthread_workers_keep_connections_alive_sync_workers_do_not():
    assert api_bench.gunicorn_worker_args("sync", 4) == ["--worker-class", "sync"]
    assert api_bench.gunicorn_worker_args("gthread", 4) == [
        "--worker-class", "gthread", "--threads", "4", "--keep-alive", "30"
    ]


def test_the_app_is_served_by_granian_unless_gunicorn_is_asked_for():
    granian = api_bench.server_command(
        _args(server="granian", workers=2, threads=2), "python", 8000
    )
    assert granian[:3] == ["python", "-m", "granian"]
    assert granian[granian.index("--interface") + 1] == "wsgi"
    assert granian[granian.index("--blocking-threads") + 1] == "2"
    gunicorn = api_bench.server_command(
        _args(server="gunicorn", workers=2, threads=4, worker_class="gthread"), "python", 8000
    )
    assert gunicorn[:3] == ["python", "-m", "gunicorn"]
    assert "gthread" in gunicorn and "127.0.0.1:8000" in gunicorn


def test_worker_shares_show_which_workers_served_the_load():
    before = {10: 1.0, 11: 2.0, 12: 0.5}
    spread = api_bench.worker_shares(before, {10: 2.0, 11: 3.0, 12: 0.5})
    assert spread == [0.5, 0.5, 0.0]
    shared = api_bench.worker_shares(before, {10: 1.0, 11: 5.0, 12: 0.5, 13: 0.0})
    assert shared == [1.0, 0.0, 0.0, 0.0]
    assert api_bench.worker_shares(before, before) == []


def _args(**values):
    return argparse.Namespace(**values)


def test_behind_nginx_each_server_process_has_one_worker_on_its_own_port():
    args = _args(server="granian", workers=2, threads=4, proxy="nginx")
    command = api_bench.server_command(args, "python", 54360, workers=1)
    assert command[command.index("--workers") + 1] == "1"
    assert command[command.index("--port") + 1] == "54360"
    assert "nginx" in api_bench.server_description(args)
    assert "nginx" not in api_bench.server_description(_args(server="granian", workers=4, threads=4, proxy="none"))


def test_nginx_gets_one_process_per_cpu_and_a_bare_server_two_workers_per_cpu():
    assert api_bench.default_workers("none") == 2 * api_bench.default_workers("nginx")
    assert api_bench.default_workers("nginx") >= 2


def test_a_load_on_fewer_workers_than_clients_is_named():
    assert api_bench.fewer_workers_than_clients([1.0, 0.0, 0.0, 0.0], clients=2)
    assert api_bench.fewer_workers_than_clients([0.97, 0.03, 0.0], clients=2)
    assert not api_bench.fewer_workers_than_clients([0.5, 0.5, 0.0, 0.0], clients=2)
    assert not api_bench.fewer_workers_than_clients([0.62, 0.38], clients=2)
    assert api_bench.fewer_workers_than_clients([0.5, 0.5, 0.0, 0.0], clients=3)
    assert api_bench.fewer_workers_than_clients([1.0], clients=2)  # --workers 1
    assert not api_bench.fewer_workers_than_clients([1.0], clients=1)
    assert not api_bench.fewer_workers_than_clients([], clients=2)  # nothing measured
