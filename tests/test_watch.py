"""wsisc watch: rebuilds on save, serves the page on localhost with reload, stops on Ctrl-C."""

import signal
import subprocess
import sys
import threading
import time
import urllib.request

from conftest import ROOT, child_env


def test_watch_rebuilds_serves_and_stops(tmp_path):
    source = tmp_path / "d.wsis"
    source.write_text("1. We decide.\n", encoding="utf-8")
    out = tmp_path / "d.html"
    proc = subprocess.Popen([sys.executable, "-m", "wsis20", "watch", source, "-o", out, "--port", "0",
                             "--interval", "0.05"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(path=""))
    # A watchdog: if the watcher ever stops printing, kill it rather than hang the suite.
    watchdog = threading.Timer(30, proc.kill)
    watchdog.start()
    try:
        line = proc.stdout.readline()
        assert line.startswith("wsisc watch: serving http://127.0.0.1:"), line
        url = line.split()[3]
        assert "built" in proc.stdout.readline()
        page = urllib.request.urlopen(url, timeout=5).read().decode()
        assert "We decide." in page and "wsisc watch: reload" in page
        assert "wsisc watch" not in out.read_text(encoding="utf-8")  # the script is only in the served copy
        first = urllib.request.urlopen(url + "__build", timeout=5).read()
        time.sleep(0.05)
        source.write_text("1. We decide again.\n", encoding="utf-8")
        assert "built" in proc.stdout.readline()
        assert urllib.request.urlopen(url + "__build", timeout=5).read() != first
        assert "We decide again." in urllib.request.urlopen(url, timeout=5).read().decode()
        source.write_text("1. We *decide.\n", encoding="utf-8")
        lines = [proc.stdout.readline() for _ in range(5)]
        assert any("not built" in x for x in lines), lines
        assert "We decide again." in out.read_text(encoding="utf-8")  # the last good build stays
        try:
            urllib.request.urlopen(url + "etc/passwd", timeout=5)
            raise AssertionError("served a path it should not")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
        rebound = urllib.request.Request(url, headers={"Host": "attacker.example:80"})
        try:
            urllib.request.urlopen(rebound, timeout=5)
            raise AssertionError("served a page to a foreign host name (DNS rebinding)")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        watchdog.cancel()
    assert proc.returncode == 0
    assert "stopped" in proc.stderr.read()
