#!/usr/bin/python3
"""gRPC C-core (grpcio) interop server for grpc.testing.TestService, written from the public
gRPC interop test description (doc/interop-test-descriptions.md, "Server").

    /usr/bin/python3 server.py --port=N [--use_tls=false]
    /usr/bin/python3 server.py --port=N --use_tls=true --tls_cert_file=cert.pem --tls_key_file=key.pem

Binds 127.0.0.1 only. --port=0 picks a free port; the bound port is printed as
`listening on 127.0.0.1:PORT`. SIGTERM or SIGINT stops it (2 s grace) with exit code 0.
"""
import signal
import sys
import threading
import time
from concurrent import futures

sys.dont_write_bytecode = True  # no __pycache__ beside the sources in the repository

from args import parse_args, parse_bool, UsageError
from stubs import MissingDependency, load

try:
    testing = load()
except MissingDependency as missing:
    print(missing, file=sys.stderr, flush=True)
    sys.exit(1)

import grpc  # noqa: E402  (after load(): a missing python3-grpcio is reported by load)

messages = testing.messages_pb2

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
STATUS_BY_CODE = {status.value[0]: status for status in grpc.StatusCode}
GRACE_SECONDS = 2.0
# Every streaming call holds a worker thread while it runs; the cases need a handful at once.
MAX_WORKERS = 64


class EndCall(Exception):
    """Ends the RPC with a status (Echo Status, INVALID_ARGUMENT, CANCELLED)."""

    def __init__(self, code, details):
        super().__init__(details)
        self.code = code
        self.details = details


def echo_metadata(context):
    """Echo Metadata: x-grpc-test-echo-initial goes to the response headers, now;
    x-grpc-test-echo-trailing-bin to the trailers, whenever the call ends."""
    initial = []
    trailing = []
    for key, value in context.invocation_metadata():
        if key == ECHO_INITIAL:
            initial.append((key, value))
        elif key == ECHO_TRAILING:
            trailing.append((key, value))
    if initial:
        context.send_initial_metadata(initial)
    if trailing:
        context.set_trailing_metadata(trailing)


def check_echo_status(request):
    """Echo Status: a non-zero response_status ends the RPC with that code and message."""
    if request.HasField("response_status") and request.response_status.code != 0:
        code = STATUS_BY_CODE.get(request.response_status.code, grpc.StatusCode.UNKNOWN)
        raise EndCall(code, request.response_status.message)


def make_payload(response_type, size):
    if response_type != messages.COMPRESSABLE:
        raise EndCall(grpc.StatusCode.INVALID_ARGUMENT, f"unsupported response_type {response_type}")
    if size < 0:
        raise EndCall(grpc.StatusCode.INVALID_ARGUMENT, f"negative payload size {size}")
    return messages.Payload(type=messages.COMPRESSABLE, body=bytes(size))


def responses_for(request, context):
    """One StreamingOutputCallRequest -> one response per ResponseParameters, in order,
    sleeping interval_us before each (Observe ResponseParameters.interval_us)."""
    check_echo_status(request)
    for params in request.response_parameters:
        payload = make_payload(request.response_type, params.size)
        if params.interval_us > 0:
            time.sleep(params.interval_us / 1e6)
        if not context.is_active():
            raise EndCall(grpc.StatusCode.CANCELLED, "cancelled")
        yield messages.StreamingOutputCallResponse(payload=payload)


def end_with(context, error):
    """Sets the final status; the handler then returns normally (trailers set earlier stay)."""
    context.set_code(error.code)
    context.set_details(error.details)


class TestService(testing.test_pb2_grpc.TestServiceServicer):
    # CacheableUnaryCall and UnimplementedCall are deliberately inherited: the generated base class
    # answers them with UNIMPLEMENTED.

    def EmptyCall(self, request, context):
        echo_metadata(context)
        return testing.empty_pb2.Empty()

    def UnaryCall(self, request, context):
        echo_metadata(context)
        try:
            check_echo_status(request)
            payload = make_payload(request.response_type, request.response_size)
        except EndCall as error:
            end_with(context, error)
            return messages.SimpleResponse()
        return messages.SimpleResponse(payload=payload)

    def StreamingOutputCall(self, request, context):
        echo_metadata(context)
        try:
            yield from responses_for(request, context)
        except EndCall as error:
            end_with(context, error)

    def StreamingInputCall(self, request_iterator, context):
        echo_metadata(context)
        total = 0
        for request in request_iterator:
            total += len(request.payload.body)
        return messages.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        # Each request is answered before the next one is read.
        echo_metadata(context)
        try:
            for request in request_iterator:
                yield from responses_for(request, context)
        except EndCall as error:
            end_with(context, error)

    def HalfDuplexCall(self, request_iterator, context):
        # Buffers the requests until half-close (or an Echo Status request), then answers them in order.
        echo_metadata(context)
        buffered = []
        requested_status = None
        for request in request_iterator:
            try:
                check_echo_status(request)
            except EndCall as error:
                requested_status = error
                break
            buffered.append(request)
        try:
            for request in buffered:
                yield from responses_for(request, context)
            if requested_status is not None:
                raise requested_status
        except EndCall as error:
            end_with(context, error)


def main(argv):
    args = parse_args(argv)
    port = args.get("port")
    if port is None or not port.isdigit():
        raise UsageError("--port=N is required")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=MAX_WORKERS))
    testing.test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    address = f"127.0.0.1:{port}"
    if parse_bool(args.get("use_tls"), "use_tls"):
        cert, key = args.get("tls_cert_file"), args.get("tls_key_file")
        if not cert or not key:
            raise UsageError("--use_tls=true needs --tls_cert_file=PEM and --tls_key_file=PEM")
        with open(key, "rb") as k, open(cert, "rb") as c:
            credentials = grpc.ssl_server_credentials([(k.read(), c.read())])
        bound = server.add_secure_port(address, credentials)
    else:
        bound = server.add_insecure_port(address)
    if bound == 0:
        print(f"bind failed: {address}", file=sys.stderr, flush=True)
        return 1
    server.start()
    print(f"listening on 127.0.0.1:{bound}", flush=True)

    stop = threading.Event()
    stopped_by = []

    def on_signal(signum, _frame):
        stopped_by.append(signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not stop.wait(0.5):
        pass
    print(f"{stopped_by[0]}: shutting down", file=sys.stderr, flush=True)
    server.stop(GRACE_SECONDS).wait(GRACE_SECONDS + 1)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except UsageError as error:
        print(error, file=sys.stderr, flush=True)
        sys.exit(2)
