#!/usr/bin/python3
"""A stand-in for the AWS AppConfig Lambda extension on 127.0.0.1: answers
GET /applications/APP/environments/ENV/configurations/CONFIG with the
configuration it holds and its Configuration-Version header, as the
extension does. Prints the port on the first line.

  POST /_config?version=V  replaces the configuration (the body) and version
  GET /_count              how many configuration GETs it answered
  POST /_fail?status=N     answers the next GETs with HTTP N (0: stop failing)
Usage: appconfig_standin.py APP ENV CONFIG FILE VERSION"""
import http.server
import sys
import threading
import urllib.parse

app, env, config, path, version = sys.argv[1:6]
with open(path, "rb") as f:
    state = {"body": f.read(), "version": version, "count": 0, "fail": 0}
lock = threading.Lock()
route = f"/applications/{app}/environments/{env}/configurations/{config}"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with lock:
            if self.path == "/_count":
                return self.reply(200, str(state["count"]).encode())
            if self.path != route:
                return self.reply(404, b'{"Message":"no such configuration"}')
            state["count"] += 1
            if state["fail"]:
                return self.reply(state["fail"], b'{"Message":"extension unavailable"}')
            self.reply(200, state["body"], [("Content-Type", "application/json"),
                                             ("Configuration-Version", state["version"])])

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            if url.path == "/_config":
                state["body"], state["version"] = body, query["version"][0]
            elif url.path == "/_fail":
                state["fail"] = int(query["status"][0])
        self.reply(200, b"ok")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
