"""--key=value command-line parsing shared by client.py and server.py (the flags of the interop description)."""
import re

_ARG = re.compile(r"^--([^=]+)(?:=(.*))?$", re.S)


class UsageError(Exception):
    """Bad command line: the programs exit with code 2."""


def parse_args(argv):
    """Parses --key=value arguments into a dict; a bare --flag means "true"."""
    args = {}
    for arg in argv:
        match = _ARG.match(arg)
        if not match:
            raise UsageError(f"unexpected argument: {arg}")
        args[match.group(1)] = "true" if match.group(2) is None else match.group(2)
    return args


def parse_bool(value, name):
    if value is None or value == "false":
        return False
    if value == "true":
        return True
    raise UsageError(f"--{name} must be true or false, got {value}")
