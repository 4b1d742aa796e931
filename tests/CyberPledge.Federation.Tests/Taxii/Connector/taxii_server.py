"""A small TAXII 2.1 collection over HTTPS (Python's standard library), for the connector's tests.

Usage: taxii_server.py CERT KEY OBJECTS_FILE TOKEN PAGE_SIZE LOG_FILE
OBJECTS_FILE holds [{"date_added": "...", "object": {...}}, ...] in date_added order. The collection is
/api1/collections/c1/objects/: objects after added_after, PAGE_SIZE per page (whatever limit asks), "next" an
offset. Requests need "Authorization: Bearer TOKEN", else 401 with a TAXII error. Each request's path is appended
to LOG_FILE. Prints "listening on https://127.0.0.1:PORT" once it accepts connections.
"""
import http.server
import json
import ssl
import sys
import urllib.parse

CERT, KEY, OBJECTS_FILE, TOKEN, PAGE_SIZE, LOG_FILE = sys.argv[1:7]
PAGE_SIZE = int(PAGE_SIZE)
COLLECTION = "/api1/collections/c1/objects/"
TAXII = "application/taxii+json;version=2.1"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", TAXII)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with open(LOG_FILE, "a") as log:
            log.write(self.path + "\n")
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.answer(401, {"title": "Unauthorized", "description": "no valid token", "http_status": "401"})
        if "taxii+json" not in (self.headers.get("Accept") or ""):
            return self.answer(406, {"title": "Not Acceptable", "http_status": "406"})
        url = urllib.parse.urlsplit(self.path)
        if url.path != COLLECTION:
            return self.answer(404, {"title": "Not Found", "http_status": "404"})
        query = urllib.parse.parse_qs(url.query)
        with open(OBJECTS_FILE) as f:
            entries = json.load(f)
        after = query.get("added_after", [""])[0]
        entries = [e for e in entries if e["date_added"] > after]
        start = int(query.get("next", ["0"])[0])
        page = entries[start:start + PAGE_SIZE]
        more = start + PAGE_SIZE < len(entries)
        body = {"more": more, "objects": [e["object"] for e in page]}
        if more:
            body["next"] = str(start + PAGE_SIZE)
        headers = {}
        if page:
            headers = {"X-TAXII-Date-Added-First": page[0]["date_added"], "X-TAXII-Date-Added-Last": page[-1]["date_added"]}
        self.answer(200, body, headers)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.minimum_version = ssl.TLSVersion.TLSv1_2
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
print("listening on https://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
