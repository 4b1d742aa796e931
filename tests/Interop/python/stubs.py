"""grpc.testing (and grpc.reflection.v1) Python stubs, generated at run time from the repository's protos.

Nothing generated is kept in the repository: on first use, protoc and grpc_python_plugin
(Debian: protobuf-compiler, protobuf-compiler-grpc) write test_pb2.py, messages_pb2.py,
empty_pb2.py, test_pb2_grpc.py and reflection_pb2.py into a cache folder keyed by a hash of
the .proto files and the tools, so a changed proto or tool regenerates them.

    from stubs import load
    testing = load()      # testing.test_pb2, testing.messages_pb2, testing.empty_pb2, testing.test_pb2_grpc,
                          # testing.reflection_pb2 (grpc.reflection.v1, for reflection_client.py)

The protos live under grpc/ (grpc/testing/*.proto, grpc/reflection/v1/), so the generated
modules are `grpc.testing.*` and `grpc.reflection.v1.*`. `grpc` is also the name of the runtime
package, so the cache's grpc/ folder is added to `grpc.__path__` (the runtime has no
`grpc.testing` or `grpc.reflection` of its own).

Run as a program (`/usr/bin/python3 stubs.py`), it checks the dependencies, generates the
stubs if needed, prints the cache folder and exits 0; or it names what is missing and exits 1.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "protos"))
PROTOS = (
    "grpc/testing/empty.proto",
    "grpc/testing/messages.proto",
    "grpc/testing/test.proto",
    "grpc/reflection/v1/reflection.proto",
)
PLUGIN = "grpc_python_plugin"
DEBIAN_PACKAGES = "python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc"


class MissingDependency(Exception):
    pass


def _require_tools():
    missing = []
    for module, package in (("grpc", "python3-grpcio"), ("google.protobuf", "python3-protobuf")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"Python module {module} ({package}) for {sys.executable}")
    protoc = shutil.which("protoc")
    plugin = shutil.which(PLUGIN)
    if protoc is None:
        missing.append("protoc (protobuf-compiler)")
    if plugin is None:
        missing.append(f"{PLUGIN} (protobuf-compiler-grpc)")
    if missing:
        raise MissingDependency(
            "missing: " + "; ".join(missing)
            + f". Install the Debian packages: apt-get install -y {DEBIAN_PACKAGES}"
            + " (bash tests/run.sh installs them), and run with /usr/bin/python3.")
    return protoc, plugin


def _tool_version(tool):
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return result.stdout.strip() + result.stderr.strip()


def _cache_key(protoc, plugin):
    digest = hashlib.sha256()
    for name in PROTOS:
        with open(os.path.join(PROTO_ROOT, name), "rb") as f:
            digest.update(name.encode() + b"\0" + f.read() + b"\0")
    digest.update(_tool_version(protoc).encode() + b"\0")
    digest.update(os.path.realpath(plugin).encode() + b"\0")
    digest.update(str(os.stat(plugin).st_mtime_ns).encode())
    return digest.hexdigest()[:16]


def generate():
    """Generates the stubs unless the cache has them; returns the cache folder."""
    protoc, plugin = _require_tools()
    base = os.environ.get("INTEROP_PYTHON_STUBS_DIR") or os.path.join(
        tempfile.gettempdir(), f"cyberpledge-interop-python-{os.getuid()}")
    target = os.path.join(base, _cache_key(protoc, plugin))
    if os.path.isfile(os.path.join(target, "grpc", "testing", "test_pb2_grpc.py")):
        return target
    os.makedirs(base, exist_ok=True)
    # Generated into a private folder, then renamed into place: concurrent runs never see half a folder.
    work = tempfile.mkdtemp(prefix="gen-", dir=base)
    try:
        command = [
            protoc,
            f"--plugin=protoc-gen-grpc={plugin}",
            f"-I{PROTO_ROOT}",
            f"--python_out={work}",
            f"--grpc_out={work}",
        ] + [os.path.join(PROTO_ROOT, name) for name in PROTOS]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"protoc failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
        try:
            os.rename(work, target)
        except OSError:
            if not os.path.isdir(target):  # lost a race to another run: its copy is the same
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def load():
    """Generates if needed and imports the stubs; returns a namespace of the five modules."""
    target = generate()
    import grpc  # the runtime package; its __path__ gains the generated grpc/ folder

    generated = os.path.join(target, "grpc")
    if generated not in grpc.__path__:
        grpc.__path__.append(generated)
    from grpc.reflection.v1 import reflection_pb2  # noqa: E402
    from grpc.testing import empty_pb2, messages_pb2, test_pb2, test_pb2_grpc  # noqa: E402

    return types.SimpleNamespace(
        empty_pb2=empty_pb2, messages_pb2=messages_pb2, test_pb2=test_pb2, test_pb2_grpc=test_pb2_grpc,
        reflection_pb2=reflection_pb2)


if __name__ == "__main__":
    try:
        folder = generate()
        load()
    except MissingDependency as error:
        print(error, file=sys.stderr)
        sys.exit(1)
    print(folder)
