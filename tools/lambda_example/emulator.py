#!/usr/bin/env python3
"""A local Lambda Runtime API emulator for trying and testing a custom
runtime (`bootstrap`) on 127.0.0.1, with the Python standard library only.

It serves the runtime side of the Lambda Runtime API (2018-06-01):
  GET  /2018-06-01/runtime/invocation/next          (blocks until an event)
  POST /2018-06-01/runtime/invocation/{id}/response
  POST /2018-06-01/runtime/invocation/{id}/error
  POST /2018-06-01/runtime/init/error
with the Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn
and -Trace-Id headers, and the invoke side as AWS's Runtime Interface
Emulator does:
  POST /2015-03-31/functions/function/invocations   (the event; answers the
       function's response, or its error with X-Amz-Function-Error)
plus, for tests:
  GET  /test/log         every finished invocation, as JSON
  GET  /test/init-error  the init error posted, or null
  GET  /test/stats       {"next_calls", "next_times" (seconds since start),
                          "faults_served"}

Faults, for testing a runtime client against a misbehaving Runtime API:
--fault MODE[:COUNT] (repeatable; COUNT defaults to 1) makes the next COUNT
calls of invocation/next misbehave, the faults taken in the order given:
  500              HTTP 500 {"errorType":"ServiceException"}; nothing handed out
  reset            the connection is closed without an answer
  slow             the invocation is handed out after 2 s
  no-request-id    the invocation comes without Lambda-Runtime-Aws-Request-Id
                   (it is handed out again on the next call)
  two-request-ids  two different request ids (handed out again likewise)
  bad-deadline     Lambda-Runtime-Deadline-Ms is "soon"
  no-headers       none of the Lambda-Runtime-* headers (handed out again)

Usage: emulator.py [--port N] [--timeout S] [--function-log FILE] [--fault MODE[:N]]...
                   [-- COMMAND...]
With a COMMAND it starts it as the runtime, with AWS_LAMBDA_RUNTIME_API set,
and stops it on exit. It prints one JSON line {"port": N, "pid": ...} once
it listens. It exits by itself after --lifetime seconds (default 600)."""
import argparse
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RUNTIME = "/2018-06-01/runtime/"
INVOKE = "/2015-03-31/functions/function/invocations"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rolesel-pets"
FAULTS = ("500", "reset", "slow", "no-request-id", "two-request-ids", "bad-deadline", "no-headers")
# Faults after which the invocation was not really handed out.
UNUSABLE = ("no-request-id", "two-request-ids", "no-headers")


def parse_fault(text):
    mode, _, count = text.partition(":")
    if mode not in FAULTS:
        raise argparse.ArgumentTypeError(f"unknown fault {mode!r}; one of {', '.join(FAULTS)}")
    try:
        n = int(count or "1")
    except ValueError:
        raise argparse.ArgumentTypeError(f"fault count must be a number, got {count!r}")
    return [mode] * n


class Emulator:
    def __init__(self, timeout, faults=()):
        self.timeout = timeout
        self.faults = list(faults)  # one per coming call of next
        self.next_calls = 0
        self.next_times = []
        self.faults_served = {}
        self.started = time.monotonic()  # reset when the runtime is spawned
        self.pending = queue.Queue()  # invocations not yet handed out
        self.lock = threading.Lock()
        self.in_flight = {}  # request id -> invocation
        self.log = []
        self.init_error = None
        self.init_failed = threading.Event()

    def invoke(self, event):
        inv = {"request_id": str(uuid.uuid4()), "event": event, "done": threading.Event(),
               "trace_id": "Root=1-%08x-%s;Parent=%s;Sampled=0" % (
                   int(time.time()), uuid.uuid4().hex[:24], uuid.uuid4().hex[:16])}
        self.pending.put(inv)
        # Wait for the answer, an init error, or the function's timeout (plus
        # the time a cold start may take before the runtime polls).
        deadline = time.time() + self.timeout + 30
        while not inv["done"].wait(0.05):
            if self.init_failed.is_set() or time.time() > deadline:
                break
        return inv

    def finish(self, request_id, **result):
        with self.lock:
            inv = self.in_flight.pop(request_id, None)
            if inv is None:
                return False
            inv.update(result)
            entry = {k: inv.get(k) for k in (
                "request_id", "trace_id", "event", "response", "error", "error_type")}
            # When the answer came, counted from the runtime's spawn: the
            # first one is the cold start.
            entry["answered_ms"] = round((time.monotonic() - self.started) * 1000, 2)
            entry["handled_ms"] = round((time.monotonic() - inv["handed_out"]) * 1000, 2)
            self.log.append(entry)
        inv["done"].set()
        return True


def make_handler(emulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each reply waits on a delayed ACK

        def log_message(self, *args):
            pass

        def reply(self, status, body=b"", headers=()):
            if isinstance(body, str):
                body = body.encode()
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def body(self):
            return self.rfile.read(int(self.headers.get("Content-Length", 0)))

        def next_invocation(self):
            with emulator.lock:
                emulator.next_calls += 1
                emulator.next_times.append(round(time.monotonic() - emulator.started, 4))
                fault = emulator.faults.pop(0) if emulator.faults else None
                if fault:
                    emulator.faults_served[fault] = emulator.faults_served.get(fault, 0) + 1
            if fault == "500":
                return self.reply(500, '{"errorMessage":"boom","errorType":"ServiceException"}',
                                  [("Content-Type", "application/json")])
            if fault == "reset":
                self.close_connection = True
                self.connection.shutdown(2)
                return None
            inv = emulator.pending.get()
            if fault == "slow":
                time.sleep(2)
            inv["deadline_ms"] = int((time.time() + emulator.timeout) * 1000)
            inv["handed_out"] = time.monotonic()
            headers = [("Lambda-Runtime-Aws-Request-Id", inv["request_id"]),
                       ("Lambda-Runtime-Deadline-Ms", str(inv["deadline_ms"])),
                       ("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN),
                       ("Lambda-Runtime-Trace-Id", inv["trace_id"])]
            if fault == "no-request-id":
                headers = headers[1:]
            elif fault == "two-request-ids":
                headers.append(("Lambda-Runtime-Aws-Request-Id", str(uuid.uuid4())))
            elif fault == "bad-deadline":
                headers[1] = ("Lambda-Runtime-Deadline-Ms", "soon")
            elif fault == "no-headers":
                headers = []
            if fault in UNUSABLE:
                emulator.pending.put(inv)  # not really handed out: again next time
            else:
                with emulator.lock:
                    emulator.in_flight[inv["request_id"]] = inv
            self.reply(200, inv["event"], [("Content-Type", "application/json")] + headers)
            return None

        def do_GET(self):
            if self.path == RUNTIME + "invocation/next":
                self.next_invocation()
            elif self.path == "/test/stats":
                with emulator.lock:
                    self.reply(200, json.dumps({"next_calls": emulator.next_calls,
                                                "next_times": emulator.next_times,
                                                "faults_served": emulator.faults_served}))
            elif self.path == "/test/log":
                with emulator.lock:
                    self.reply(200, json.dumps(emulator.log))
            elif self.path == "/test/init-error":
                self.reply(200, json.dumps(emulator.init_error))
            else:
                self.reply(404, '{"message":"not found"}')

        def do_POST(self):
            data = self.body()
            parts = self.path[len(RUNTIME):].split("/") if self.path.startswith(RUNTIME) else []
            if self.path == INVOKE:
                inv = emulator.invoke(data.decode("utf-8", "replace"))
                if "response" in inv:
                    self.reply(200, inv["response"], [("Content-Type", "application/json")])
                elif "error" in inv or emulator.init_error is not None:
                    error = inv.get("error") or json.dumps(emulator.init_error)
                    self.reply(200, error, [("X-Amz-Function-Error", "Unhandled")])
                else:
                    self.reply(504, '{"errorMessage":"Task timed out"}',
                               [("X-Amz-Function-Error", "Unhandled")])
            elif parts == ["init", "error"]:
                emulator.init_error = {
                    "type": self.headers.get("Lambda-Runtime-Function-Error-Type"),
                    "body": json.loads(data or b"null")}
                emulator.init_failed.set()
                self.reply(202, '{"status":"OK"}')
            elif len(parts) == 3 and parts[0] == "invocation" and parts[2] in ("response", "error"):
                if parts[2] == "response":
                    found = emulator.finish(parts[1], response=data.decode())
                else:
                    found = emulator.finish(
                        parts[1], error=data.decode(),
                        error_type=self.headers.get("Lambda-Runtime-Function-Error-Type"))
                if found:
                    self.reply(202, '{"status":"OK"}')
                else:
                    self.reply(400, '{"errorMessage":"unknown or finished request id",'
                                    '"errorType":"InvalidRequestID"}')
            else:
                self.reply(404, '{"message":"not found"}')

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=10, help="function timeout, seconds")
    parser.add_argument("--lifetime", type=float, default=600)
    parser.add_argument("--function-log", help="the runtime's standard output and error go "
                        "here (as to CloudWatch), apart from the emulator's own messages")
    parser.add_argument("--fault", type=parse_fault, action="append", default=[],
                        help="MODE[:COUNT]: the next COUNT calls of next misbehave so")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    emulator = Emulator(args.timeout, [mode for fault in args.fault for mode in fault])
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(emulator))
    server.daemon_threads = True
    port = server.server_address[1]
    child = None
    if command:
        env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{port}")
        emulator.started = time.monotonic()
        output = open(args.function_log, "a") if args.function_log else None
        child = subprocess.Popen(command, env=env, stdout=output, stderr=output)

    def stop(*_):
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Timer(args.lifetime, stop).start()
    print(json.dumps({"port": port, "pid": os.getpid(),
                      "runtime_pid": child.pid if child else None}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
