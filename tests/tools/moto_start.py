"""Starts moto_server on a free 127.0.0.1 port (docs/testing.md, "moto"), for
the test helpers moto_env.py and moto_cognito.py."""
import os
import socket
import subprocess
import sys
import time
import urllib.request


def start_moto(name, env=None):
    """Returns (process, base URL). moto runs in its own session and stops by
    itself after 600 s, so a crashed test leaves nothing behind; its log is
    $TMPDIR/NAME-PORT.log."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"{name}-{port}.log"), "w")
    proc = subprocess.Popen(["timeout", "600", "moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url, port
        except Exception:
            time.sleep(0.1)
    proc.kill()
    sys.exit("moto_server did not start")
