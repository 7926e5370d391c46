"""A Lambda function under tools/lambda_example/emulator.py, with STS from
tests/tools/fake_sts.py, for the scripts that invoke a packaged function
(function_smoke_test.py, soak_emulator_test.py):

    with FunctionUnderEmulator([bootstrap], emulator_args=["--fault", "500"]) as f:
        reply = f.invoke(event_bytes)       # the function's answer, bytes
        f.get("/test/stats")                # the emulator's test endpoints
        f.runtime_pid                       # the function's process

Both servers listen on 127.0.0.1 only and are stopped on leaving."""
import http.client
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INVOKE = "/2015-03-31/functions/function/invocations"


class FunctionUnderEmulator:
    def __init__(self, command, extra_env=None, emulator_args=(), function_log=None):
        self.command = list(command)
        self.extra_env = dict(extra_env or {})
        self.emulator_args = list(emulator_args)
        self.function_log = function_log
        self.sts = self.emulator = self.connection = None

    def __enter__(self):
        self.sts = subprocess.Popen([sys.executable, os.path.join(HERE, "fake_sts.py"), "ok"],
                                    stdout=subprocess.PIPE, text=True)
        sts_url = "http://127.0.0.1:" + self.sts.stdout.readline().strip()
        env = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
                   AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                   AWS_ENDPOINT_URL_STS=sts_url, **self.extra_env)
        log = ["--function-log", self.function_log] if self.function_log else []
        self.emulator = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tools", "lambda_example", "emulator.py")]
            + log + self.emulator_args + ["--"] + self.command,
            env=env, stdout=subprocess.PIPE, stderr=None if log else subprocess.DEVNULL,
            text=True)
        info = json.loads(self.emulator.stdout.readline())
        self.port = info["port"]
        self.runtime_pid = info["runtime_pid"]
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return self

    def invoke(self, event):
        self.connection.request("POST", INVOKE, event)
        return self.connection.getresponse().read()

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path)
        return connection.getresponse().read().decode()

    def __exit__(self, *_):
        for process in (self.emulator, self.sts):
            if process is not None:
                process.terminate()
                process.wait(10)
        return False
