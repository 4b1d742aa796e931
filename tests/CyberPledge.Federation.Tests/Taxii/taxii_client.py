"""A plain TAXII 2.1 client for the tests: Python's standard library only (urllib and ssl), not the product's code.

Reads one JSON request on stdin: {"mode": "get" | "post" | "walk", "url", "ca", "token" (optional), "basic" (optional:
[username, password], sent as HTTP Basic), "source" (optional: the local address to connect from, such as
127.0.0.2), "accept" (optional), "body" and "content_type" (for "post")}. A header sent several times is joined
with ", ". "get" and "post" print one response as {"status", "headers", "body"}; "walk" follows the envelope's "next" (specification
section 3.5) until "more" is false and prints the list of page responses.
"""
import base64
import functools
import http.client
import json
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request


class SourceHandler(urllib.request.HTTPSHandler):
    """HTTPS from a given local address (the gateway counts failed sign-ins per source)."""

    def __init__(self, context, source):
        super().__init__(context=context)
        self.source = source

    def https_open(self, req):
        connection = functools.partial(http.client.HTTPSConnection, source_address=(self.source, 0))
        return self.do_open(connection, req, context=self._context)


def get(url, ca, token, accept, basic=None, source=None, body=None, content_type=None):
    context = ssl.create_default_context(cafile=ca)
    opener = urllib.request.build_opener(SourceHandler(context, source) if source else urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if basic:
        pair = (basic[0] + ":" + basic[1]).encode("utf-8")
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode("ascii"))
    try:
        with opener.open(request, timeout=60) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return {
        "status": status,
        "headers": {key.lower(): ", ".join(headers.get_all(key)) for key in headers.keys()},
        "body": json.loads(body) if body else None,
    }


def with_next(url, token):
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k != "next"]
    query.append(("next", token))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def main():
    ask = json.load(sys.stdin)
    accept = ask.get("accept", "application/taxii+json;version=2.1")
    if ask["mode"] == "get":
        print(json.dumps(get(ask["url"], ask["ca"], ask.get("token"), accept, ask.get("basic"), ask.get("source"))))
        return
    if ask["mode"] == "post":
        body = ask["body"].encode("utf-8")
        print(json.dumps(get(ask["url"], ask["ca"], ask.get("token"), accept, ask.get("basic"), ask.get("source"), body, ask.get("content_type"))))
        return
    pages, url = [], ask["url"]
    while True:
        page = get(url, ask["ca"], ask.get("token"), accept, ask.get("basic"), ask.get("source"))
        pages.append(page)
        body = page["body"] or {}
        if page["status"] != 200 or not body.get("more") or len(pages) > 500:
            break
        url = with_next(ask["url"], body["next"])
    print(json.dumps(pages))


main()
