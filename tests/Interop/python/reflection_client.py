"""A grpcurl-like client on gRPC C-core (python3-grpcio) that knows a server only through server reflection.

    /usr/bin/python3 reflection_client.py --server_port=PORT list
    /usr/bin/python3 reflection_client.py --server_port=PORT call grpc.testing.TestService/UnaryCall '{"responseSize": 3}'

Options: --server_host (default 127.0.0.1), --reflection=v1|v1alpha (default v1), --metadata=key:value (sent with
every call, reflection's included: a node answers reflection to authenticated callers, e.g.
--metadata="authorization:Bearer TOKEN").

`list` prints `service NAME` per service. `call` asks the server for the file declaring the service (with its
imports), loads those FileDescriptorProtos into a fresh descriptor pool, builds the request and response classes
from them, sends the JSON request as a unary call and prints `method NAME INPUT -> OUTPUT`, then
`response JSON` (keys sorted). A reflection error_response prints `reflection error CODE: MESSAGE` on stderr and
exits 1; a failed call prints `call failed CODE: DETAILS` on stderr and exits 1; bad arguments exit 2.

Only the grpc.reflection.v1 messages are generated (stubs.py): v1alpha has the same messages and field numbers, so
the same classes serve both and only the method path differs. No stub of the called service is used.
"""
import queue
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

from args import UsageError, parse_args
from stubs import MissingDependency, load

TIMEOUT_SECONDS = 30


class ReflectionError(Exception):
    pass


class Reflection:
    """One ServerReflectionInfo stream; ask() sends a request and waits for its answer."""

    def __init__(self, channel, version, messages, metadata):
        self._messages = messages
        self._requests = []
        method = channel.stream_stream(
            f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
            request_serializer=messages.ServerReflectionRequest.SerializeToString,
            response_deserializer=messages.ServerReflectionResponse.FromString)
        self._pending = _Queue()
        self._responses = method(iter(self._pending), timeout=TIMEOUT_SECONDS, metadata=metadata)

    def ask(self, **query):
        request = self._messages.ServerReflectionRequest(**query)
        self._pending.put(request)
        response = next(self._responses)
        if response.original_request != request:
            raise ReflectionError(f"original_request {response.original_request} does not echo {request}")
        if response.WhichOneof("message_response") == "error_response":
            error = response.error_response
            raise ReflectionError(f"{error.error_code}: {error.error_message}")
        return response

    def close(self):
        self._pending.close()
        for _ in self._responses:  # drain to the end of the stream: the server must end it cleanly
            pass


class _Queue:
    """A blocking request iterator: gRPC reads it on its own thread."""

    def __init__(self):
        self._queue = queue.Queue()
        self._end = object()

    def put(self, item):
        self._queue.put(item)

    def close(self):
        self._queue.put(self._end)

    def __iter__(self):
        while (item := self._queue.get()) is not self._end:
            yield item


def list_services(reflection):
    for service in reflection.ask(list_services="").list_services_response.service:
        print(f"service {service.name}")


def call(channel, reflection, target, request_json, metadata):
    service_name, _, method_name = target.partition("/")
    if not method_name:
        raise UsageError(f"call needs SERVICE/METHOD, got {target}")
    files = reflection.ask(file_containing_symbol=service_name).file_descriptor_response.file_descriptor_proto
    pool = _pool_of([descriptor_pb2.FileDescriptorProto.FromString(data) for data in files])
    method = pool.FindServiceByName(service_name).methods_by_name.get(method_name)
    if method is None:
        raise ReflectionError(f"{service_name} has no method {method_name}")
    if method.client_streaming or method.server_streaming:
        raise UsageError(f"{target} is a streaming method; only unary calls are supported")
    factory = message_factory.MessageFactory(pool)
    request_class = factory.GetPrototype(method.input_type)
    response_class = factory.GetPrototype(method.output_type)
    print(f"method {method.full_name} {method.input_type.full_name} -> {method.output_type.full_name}")
    request = json_format.Parse(request_json, request_class())
    unary = channel.unary_unary(
        f"/{service_name}/{method_name}",
        request_serializer=request_class.SerializeToString,
        response_deserializer=response_class.FromString)
    response = unary(request, timeout=TIMEOUT_SECONDS, metadata=metadata)
    print("response " + json_format.MessageToJson(response, indent=None, sort_keys=True))


def _pool_of(files):
    """A fresh descriptor pool of the files; C-core's pool takes a file only after its imports."""
    pool = descriptor_pool.DescriptorPool()
    added = set()
    while files:
        ready = [f for f in files if all(d in added for d in f.dependency)]
        if not ready:
            raise ReflectionError(f"imports missing from the reply: {[f.name for f in files]}")
        for f in ready:
            pool.Add(f)
            added.add(f.name)
        files = [f for f in files if f.name not in added]
    return pool


def main(argv):
    positional = [a for a in argv if not a.startswith("--")]
    args = parse_args([a for a in argv if a.startswith("--")])
    version = args.get("reflection", "v1")
    if version not in ("v1", "v1alpha") or "server_port" not in args or not positional:
        raise UsageError("usage: reflection_client.py --server_port=N [--reflection=v1|v1alpha] list | call SERVICE/METHOD JSON")
    metadata = []
    if "metadata" in args:
        key, _, value = args["metadata"].partition(":")
        metadata.append((key.lower(), value))
    messages = load().reflection_pb2
    address = f"{args.get('server_host', '127.0.0.1')}:{args['server_port']}"
    with grpc.insecure_channel(address) as channel:
        reflection = Reflection(channel, version, messages, metadata)
        if positional == ["list"]:
            list_services(reflection)
        elif len(positional) == 3 and positional[0] == "call":
            call(channel, reflection, positional[1], positional[2], metadata)
        else:
            raise UsageError(f"unknown command: {' '.join(positional)}")
        reflection.close()


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except UsageError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
    except MissingDependency as error:
        print(error, file=sys.stderr)
        sys.exit(1)
    except ReflectionError as error:
        print(f"reflection error {error}", file=sys.stderr)
        sys.exit(1)
    except grpc.RpcError as error:
        print(f"call failed {error.code().name}: {error.details()}", file=sys.stderr)
        sys.exit(1)
