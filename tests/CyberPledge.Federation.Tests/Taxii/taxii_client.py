"""A plain TAXII 2.1 client for the tests: Python's standard library only (urllib and ssl), not the product's code.

Reads one JSON request on stdin: {"mode": "get" | "post" | "walk", "url", "ca", "token" (optional), "accept" (optional),
"body" and "content_type" (for "post")}. "get" and "post" print one response as {"status", "headers", "body"}; "walk" follows the envelope's "next" (specification
section 3.5) until "more" is false and prints the list of page responses.
"""
import json
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request


def get(url, ca, token, accept, body=None, content_type=None):
    context = ssl.create_default_context(cafile=ca)
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, context=context, timeout=60) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return {
        "status": status,
        "headers": {key.lower(): value for key, value in headers.items()},
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
        print(json.dumps(get(ask["url"], ask["ca"], ask.get("token"), accept)))
        return
    if ask["mode"] == "post":
        body = ask["body"].encode("utf-8")
        print(json.dumps(get(ask["url"], ask["ca"], ask.get("token"), accept, body, ask.get("content_type"))))
        return
    pages, url = [], ask["url"]
    while True:
        page = get(url, ask["ca"], ask.get("token"), accept)
        pages.append(page)
        body = page["body"] or {}
        if page["status"] != 200 or not body.get("more") or len(pages) > 500:
            break
        url = with_next(ask["url"], body["next"])
    print(json.dumps(pages))


main()
