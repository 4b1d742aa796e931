"""A plain TAXII 2.1 client for the tests: Python's standard library only (urllib and ssl), not the product's code.

Reads one JSON request on stdin: {"mode": "get" | "walk", "url", "ca", "token" (optional), "basic" (optional:
[username, password], sent as HTTP Basic), "accept" (optional)}. A header sent several times is joined with ", ".
"get" prints one response as {"status", "headers", "body"}; "walk" follows the envelope's "next" (specification
section 3.5) until "more" is false and prints the list of page responses.
"""
import base64
import json
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request


def get(url, ca, token, accept, basic=None):
    context = ssl.create_default_context(cafile=ca)
    request = urllib.request.Request(url)
    if accept:
        request.add_header("Accept", accept)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if basic:
        pair = (basic[0] + ":" + basic[1]).encode("utf-8")
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode("ascii"))
    try:
        with urllib.request.urlopen(request, context=context, timeout=60) as response:
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
        print(json.dumps(get(ask["url"], ask["ca"], ask.get("token"), accept, ask.get("basic"))))
        return
    pages, url = [], ask["url"]
    while True:
        page = get(url, ask["ca"], ask.get("token"), accept, ask.get("basic"))
        pages.append(page)
        body = page["body"] or {}
        if page["status"] != 200 or not body.get("more") or len(pages) > 500:
            break
        url = with_next(ask["url"], body["next"])
    print(json.dumps(pages))


main()
