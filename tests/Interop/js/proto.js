'use strict';
// Loads grpc.testing from the repository's protos (read-only, shared with the C# side).
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '../../../protos');

const definition = protoLoader.loadSync('grpc/testing/test.proto', {
  includeDirs: [PROTO_ROOT],
  keepCase: true, // field names exactly as in the .proto / interop description
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});

const testing = grpc.loadPackageDefinition(definition).grpc.testing;

// Parses --key=value arguments into an object; bare --flag means "true".
function parseArgs(argv) {
  const args = {};
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new Error(`unexpected argument: ${arg}`);
    args[m[1]] = m[2] === undefined ? 'true' : m[2];
  }
  return args;
}

function parseBool(value, name) {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Error(`--${name} must be true or false, got ${value}`);
}

module.exports = { grpc, testing, parseArgs, parseBool };
