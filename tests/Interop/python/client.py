#!/usr/bin/python3
"""gRPC C-core (grpcio, asyncio API) interop client for grpc.testing.TestService, written from the
public gRPC interop test description (doc/interop-test-descriptions.md, "Client").

    /usr/bin/python3 client.py --server_host=127.0.0.1 --server_port=N --test_case=NAME|all
        [--use_tls=false] [--use_test_ca=false --ca_file=PEM] [--server_host_override=NAME]

Prints `PASS name` or `FAIL name: reason` per case (details of a failure on stderr).
Exit code 0 only if every selected case passed; 1 otherwise; 2 for bad arguments.
A watchdog fails any case that runs longer than 30 s, so the process always ends by itself.
"""
import asyncio
import sys
import traceback

sys.dont_write_bytecode = True  # no __pycache__ beside the sources in the repository

from args import parse_args, parse_bool, UsageError
from stubs import MissingDependency, load

try:
    testing = load()
except MissingDependency as missing:
    print(missing, file=sys.stderr, flush=True)
    sys.exit(1)

import grpc  # noqa: E402  (after load(): a missing python3-grpcio is reported by load)
from grpc import StatusCode  # noqa: E402

messages = testing.messages_pb2
Empty = testing.empty_pb2.Empty
EOF = grpc.aio.EOF

CASE_TIMEOUT_SECONDS = 30
ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
INITIAL_VALUE = "test_initial_metadata_value"
TRAILING_VALUE = b"\xab\xab\xab"


class CaseFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def zeros(size):
    return messages.Payload(body=bytes(size))


def assert_zero_payload(response, size, what):
    check(response is not None and response is not EOF, f"{what}: no response")
    check(response.HasField("payload"), f"{what}: response has no payload")
    payload = response.payload
    check(payload.type == messages.COMPRESSABLE, f"{what}: payload type {payload.type}")
    check(len(payload.body) == size, f"{what}: payload body size {len(payload.body)}, expected {size}")
    check(payload.body.count(0) == size, f"{what}: payload body is not all zeros")


async def assert_ok(call, what):
    code = await call.code()
    details = await call.details()
    check(code == StatusCode.OK, f"{what}: final status {code.name} ({details!r}), expected OK")


async def assert_status(call, expected, what, message=None):
    code = await call.code()
    details = await call.details()
    check(code == expected, f"{what}: final status {code.name} ({details!r}), expected {expected.name}")
    if message is not None:
        check(details == message, f"{what}: status message {details!r}, expected {message!r}")


async def settle(call):
    """Awaits a call that returns one response; its outcome is then read from the call."""
    try:
        return await call
    except grpc.aio.AioRpcError:
        return None


async def read_all(call, what):
    """Reads responses until the server ends the stream (grpc.aio.EOF)."""
    responses = []
    while True:
        response = await call.read()
        if response is EOF:
            return responses
        responses.append(response)
        check(len(responses) <= 100, f"{what}: unexpectedly many responses")


async def assert_echoed_metadata(call, what):
    initial = await call.initial_metadata()
    trailing = await call.trailing_metadata()
    got_initial = list(initial.get_all(ECHO_INITIAL)) if initial is not None else []
    check(got_initial == [INITIAL_VALUE], f"{what}: echoed initial metadata {got_initial!r}, expected [{INITIAL_VALUE!r}]")
    got_trailing = list(trailing.get_all(ECHO_TRAILING)) if trailing is not None else []
    check(got_trailing == [TRAILING_VALUE], f"{what}: echoed trailing metadata {got_trailing!r}, expected [{TRAILING_VALUE!r}]")


# ---- the test cases ----

async def empty_unary(clients):
    call = clients.test.EmptyCall(Empty())
    response = await settle(call)
    await assert_ok(call, "EmptyCall")
    check(response is not None, "EmptyCall: response is null")
    check(isinstance(response, Empty), f"EmptyCall: response is a {type(response).__name__}")
    check(response.ByteSize() == 0, "EmptyCall: response is not empty")


async def large_unary(clients):
    call = clients.test.UnaryCall(messages.SimpleRequest(response_size=314159, payload=zeros(271828)))
    response = await settle(call)
    await assert_ok(call, "UnaryCall")
    assert_zero_payload(response, 314159, "UnaryCall")


async def client_streaming(clients):
    call = clients.test.StreamingInputCall()
    for size in (27182, 8, 1828, 45904):
        await call.write(messages.StreamingInputCallRequest(payload=zeros(size)))
    await call.done_writing()
    response = await settle(call)
    await assert_ok(call, "StreamingInputCall")
    check(response.aggregated_payload_size == 74922,
          f"aggregated_payload_size {response.aggregated_payload_size}, expected 74922")


async def server_streaming(clients):
    sizes = (31415, 9, 2653, 58979)
    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=size) for size in sizes])
    call = clients.test.StreamingOutputCall(request)
    responses = await read_all(call, "StreamingOutputCall")
    await assert_ok(call, "StreamingOutputCall")
    check(len(responses) == 4, f"number of responses {len(responses)}, expected 4")
    for index, (response, size) in enumerate(zip(responses, sizes)):
        assert_zero_payload(response, size, f"response {index}")


async def ping_pong(clients):
    steps = ((31415, 27182), (9, 8), (2653, 1828), (58979, 45904))
    call = clients.test.FullDuplexCall()
    for index, (response_size, request_size) in enumerate(steps):
        await call.write(messages.StreamingOutputCallRequest(
            response_parameters=[messages.ResponseParameters(size=response_size)], payload=zeros(request_size)))
        assert_zero_payload(await call.read(), response_size, f"response {index}")
    await call.done_writing()
    rest = await read_all(call, "FullDuplexCall")
    await assert_ok(call, "FullDuplexCall")
    check(not rest, f"number of responses {4 + len(rest)}, expected 4")


async def empty_stream(clients):
    call = clients.test.FullDuplexCall()
    await call.done_writing()
    responses = await read_all(call, "FullDuplexCall")
    await assert_ok(call, "FullDuplexCall")
    check(not responses, f"number of responses {len(responses)}, expected 0")


async def cancel_after_begin(clients):
    call = clients.test.StreamingInputCall()
    await call.wait_for_connection()  # the request headers are sent; no message yet
    call.cancel()
    await assert_status(call, StatusCode.CANCELLED, "StreamingInputCall")


async def cancel_after_first_response(clients):
    call = clients.test.FullDuplexCall()
    await call.write(messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=31415)], payload=zeros(27182)))
    assert_zero_payload(await call.read(), 31415, "first response")
    call.cancel()
    await assert_status(call, StatusCode.CANCELLED, "FullDuplexCall")


async def timeout_on_sleeping_server(clients):
    call = clients.test.FullDuplexCall(timeout=0.001)
    try:
        await call.write(messages.StreamingOutputCallRequest(payload=zeros(27182)))
    except (grpc.aio.AioRpcError, asyncio.InvalidStateError):
        pass  # the deadline may pass before the write; the status below is what counts
    await assert_status(call, StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall")


async def custom_metadata(clients):
    metadata = ((ECHO_INITIAL, INITIAL_VALUE), (ECHO_TRAILING, TRAILING_VALUE))

    call = clients.test.UnaryCall(
        messages.SimpleRequest(response_size=314159, payload=zeros(271828)), metadata=metadata)
    response = await settle(call)
    await assert_ok(call, "UnaryCall")
    assert_zero_payload(response, 314159, "UnaryCall")
    await assert_echoed_metadata(call, "UnaryCall")

    call = clients.test.FullDuplexCall(metadata=metadata)
    await call.write(messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=314159)], payload=zeros(271828)))
    await call.done_writing()
    responses = await read_all(call, "FullDuplexCall")
    await assert_ok(call, "FullDuplexCall")
    check(len(responses) == 1, f"FullDuplexCall: number of responses {len(responses)}, expected 1")
    assert_zero_payload(responses[0], 314159, "FullDuplexCall")
    await assert_echoed_metadata(call, "FullDuplexCall")


async def status_code_and_message(clients):
    status = messages.EchoStatus(code=2, message="test status message")

    call = clients.test.UnaryCall(messages.SimpleRequest(response_status=status))
    await settle(call)
    await assert_status(call, StatusCode.UNKNOWN, "UnaryCall", status.message)

    call = clients.test.FullDuplexCall()
    await call.write(messages.StreamingOutputCallRequest(response_status=status))
    await call.done_writing()
    try:
        await read_all(call, "FullDuplexCall")
    except grpc.aio.AioRpcError:
        pass  # the status is checked below
    await assert_status(call, StatusCode.UNKNOWN, "FullDuplexCall", status.message)


async def special_status_message(clients):
    message = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
    call = clients.test.UnaryCall(messages.SimpleRequest(response_status=messages.EchoStatus(code=2, message=message)))
    await settle(call)
    await assert_status(call, StatusCode.UNKNOWN, "UnaryCall", message)


async def unimplemented_service(clients):
    call = clients.unimplemented.UnimplementedCall(Empty())
    await settle(call)
    await assert_status(call, StatusCode.UNIMPLEMENTED, "UnimplementedService/UnimplementedCall")


async def unimplemented_method(clients):
    call = clients.test.UnimplementedCall(Empty())
    await settle(call)
    await assert_status(call, StatusCode.UNIMPLEMENTED, "TestService/UnimplementedCall")


CASES = {case.__name__: case for case in (
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    cancel_after_begin, cancel_after_first_response, timeout_on_sleeping_server, custom_metadata,
    status_code_and_message, special_status_message, unimplemented_service, unimplemented_method)}


# ---- runner ----

class Clients:
    def __init__(self, channel):
        self.channel = channel
        self.test = testing.test_pb2_grpc.TestServiceStub(channel)
        self.unimplemented = testing.test_pb2_grpc.UnimplementedServiceStub(channel)


def make_channel(args):
    host, port = args.get("server_host"), args.get("server_port")
    if not host or not port:
        raise UsageError("--server_host and --server_port are required")
    target = f"{host}:{port}"
    override = args.get("server_host_override")
    options = [("grpc.default_authority", override)] if override else []
    if parse_bool(args.get("use_tls"), "use_tls"):
        root = None
        if parse_bool(args.get("use_test_ca"), "use_test_ca"):
            if not args.get("ca_file"):
                raise UsageError("--use_test_ca=true needs --ca_file=PEM")
            with open(args["ca_file"], "rb") as f:
                root = f.read()
        if override:
            options.append(("grpc.ssl_target_name_override", override))
        return grpc.aio.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=root), options)
    return grpc.aio.insecure_channel(target, options)


def describe(error):
    if isinstance(error, CaseFailed):
        return str(error)
    if isinstance(error, grpc.aio.AioRpcError):
        return f"RPC failed: {error.code().name} ({error.details()!r})"
    if isinstance(error, asyncio.TimeoutError):
        return f"timed out after {CASE_TIMEOUT_SECONDS} s"
    return f"{type(error).__name__}: {error}"


async def run(args):
    name = args.get("test_case")
    names = list(CASES) if name == "all" else [name]
    if not name or not all(n in CASES for n in names):
        raise UsageError(f"--test_case must be \"all\" or one of: {', '.join(CASES)}")
    channel = make_channel(args)
    clients = Clients(channel)
    failed = 0
    try:
        for case in names:
            try:
                await asyncio.wait_for(CASES[case](clients), CASE_TIMEOUT_SECONDS)
                print(f"PASS {case}", flush=True)
            except Exception as error:  # pylint: disable=broad-except
                failed += 1
                print(f"FAIL {case}: {' '.join(describe(error).split())}", flush=True)
                print(f"{case} failed:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
    finally:
        await channel.close()
    return 0 if failed == 0 else 1


def main(argv):
    try:
        args = parse_args(argv)
        return asyncio.run(run(args))
    except UsageError as error:
        print(f"usage: client.py --server_host=HOST --server_port=PORT --test_case=NAME|all\n{error}",
              file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
