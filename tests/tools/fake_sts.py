#!/usr/bin/python3
"""A fault-injecting STS endpoint on 127.0.0.1 for the STS client's tests.

usage: fake_sts.py BEHAVIOUR...   (the last one repeats)
  ok         a valid AssumeRole / GetCallerIdentity response
  slowok     ok, after 300 ms (so concurrent callers overlap)
  expired    credentials that expired an hour ago
  throttle   400 Throttling (real STS's error shape)
  500        500 InternalFailure
  slow       answers after 3 s (longer than the client's timeout)
  drop       closes the connection without answering
  malformed  200 with a body that is not XML
  truncated  200 with the XML cut in half
  denied     403 AccessDenied (moto's error shape)
  packed     400 PackedPolicyTooLarge (real STS's message, 112%)
Prints the port on the first line. GET /_count answers the number of POSTs
received, GET /_last the last POST's form body; a POST without a SigV4
Authorization header gets 400.
"""
import datetime
import http.server
import sys
import threading
import time

behaviours = sys.argv[1:] or ["ok"]
lock = threading.Lock()
count = 0
last_body = ""


def credentials_xml(expiration):
    return (
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
        "<AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKEFAKEFAKE1234</AccessKeyId>"
        "<SecretAccessKey>fakesecret/fakesecret+fakesecret</SecretAccessKey>"
        "<SessionToken>FQoGZXIvYXdzEFAKETOKEN</SessionToken>"
        f"<Expiration>{expiration}</Expiration></Credentials>"
        "<AssumedRoleUser><AssumedRoleId>AROAFAKE:s</AssumedRoleId>"
        "<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>"
        "</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
        "</AssumeRoleResponse>"
    )


def stamp(delta):
    t = datetime.datetime.now(datetime.timezone.utc) + delta
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle holds the
    # body until the client's delayed ACK of the headers (up to 40 ms a call).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            if self.path == "/_last":
                return self.reply(200, last_body, "text/plain")
            self.reply(200, str(count), "text/plain")

    def do_POST(self):
        global count, last_body
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        with lock:
            last_body = body
            behaviour = behaviours[min(count, len(behaviours) - 1)]
            count += 1
        if not self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 Credential="):
            return self.reply(400, "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code>"
                                   "<Message>no signature</Message></Error></ErrorResponse>")
        good = credentials_xml(stamp(datetime.timedelta(hours=1)))
        if "Action=GetCallerIdentity" in body:
            good = ("<GetCallerIdentityResponse><GetCallerIdentityResult>"
                    "<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>"
                    "</GetCallerIdentityResult></GetCallerIdentityResponse>")
        if behaviour == "ok":
            self.reply(200, good)
        elif behaviour == "slowok":
            time.sleep(0.3)
            self.reply(200, good)
        elif behaviour == "expired":
            self.reply(200, credentials_xml(stamp(-datetime.timedelta(hours=1))))
        elif behaviour == "throttle":
            self.reply(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                            "<Message>Rate exceeded</Message></Error><RequestId>2</RequestId>"
                            "</ErrorResponse>")
        elif behaviour == "500":
            self.reply(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure"
                            "</Code><Message>boom</Message></Error></ErrorResponse>")
        elif behaviour == "slow":
            time.sleep(3)
            self.reply(200, good)
        elif behaviour == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
        elif behaviour == "malformed":
            self.reply(200, "this is not XML at all")
        elif behaviour == "truncated":
            self.reply(200, good[: len(good) // 2])
        elif behaviour == "packed":
            self.reply(400, "<ErrorResponse><Error><Type>Sender</Type><Code>PackedPolicyTooLarge"
                            "</Code><Message>Packed policy consumes 112% of allotted space, please "
                            "use smaller policy.</Message></Error><RequestId>3</RequestId>"
                            "</ErrorResponse>")
        elif behaviour == "denied":
            self.reply(403, "<ErrorResponse><Errors><Error><Code>AccessDenied</Code>"
                            "<Message>User is not authorized</Message></Error></Errors>"
                            "</ErrorResponse>", "text/html")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
