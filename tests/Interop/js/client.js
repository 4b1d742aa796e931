'use strict';
// grpc-js interop client for grpc.testing.TestService, written from the public
// gRPC interop test description (doc/interop-test-descriptions.md, "Client").
//
//   node client.js --server_host=127.0.0.1 --server_port=N --test_case=NAME|all
//     [--use_tls=false] [--use_test_ca=false --ca_file=PEM] [--server_host_override=NAME]
//
// Exit code 0 only if the case (or, for "all", every case) passed.
const assert = require('assert/strict');
const fs = require('fs');
const { grpc, testing, parseArgs, parseBool } = require('./proto');

const { status: Status } = grpc;
const CASE_TIMEOUT_MS = 30000; // watchdog: a hung case fails instead of hanging the process
const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
const INITIAL_VALUE = 'test_initial_metadata_value';
const TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);

const zeros = (n) => Buffer.alloc(n);

function assertZeroPayload(payload, size, what) {
  assert.ok(payload, `${what}: response has no payload`);
  assert.equal(payload.type, 'COMPRESSABLE', `${what}: payload type`);
  assert.equal(payload.body.length, size, `${what}: payload body size`);
  assert.ok(payload.body.every((b) => b === 0), `${what}: payload body is not all zeros`);
}

// ---- promise helpers around grpc-js call objects ----

function unary(client, method, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve) => {
    const out = { headers: null, response: null, status: null, error: null };
    const call = client[method](request, metadata, options, (error, response) => {
      out.error = error;
      out.response = response;
    });
    call.on('metadata', (md) => { out.headers = md; });
    call.on('status', (status) => { out.status = status; setImmediate(() => resolve(out)); });
  });
}

// Settles when a streaming call has its final status; collects responses and metadata.
function collect(call) {
  return new Promise((resolve) => {
    const out = { headers: null, responses: [], status: null, error: null };
    call.on('metadata', (md) => { out.headers = md; });
    call.on('data', (msg) => out.responses.push(msg));
    call.on('error', (err) => { out.error = err; });
    call.on('status', (status) => { out.status = status; setImmediate(() => resolve(out)); });
  });
}

function nextMessage(call) {
  return new Promise((resolve, reject) => {
    const onData = (msg) => { cleanup(); resolve(msg); };
    const onEnd = () => { cleanup(); reject(new Error('stream ended before the expected response')); };
    const cleanup = () => { call.off('data', onData); call.off('end', onEnd); call.off('error', onEnd); };
    call.on('data', onData);
    call.on('end', onEnd);
    call.on('error', onEnd);
  });
}

function assertOk(result, what) {
  const err = result.error;
  assert.ok(!err, `${what}: call failed: ${err && `${Status[err.code]} ${err.details}`}`);
  assert.equal(result.status.code, Status.OK, `${what}: final status`);
}

function assertStatus(result, code, details, what) {
  const got = result.error ?? result.status;
  assert.ok(got && got.code !== Status.OK, `${what}: expected ${Status[code]}, call succeeded`);
  assert.equal(got.code, code, `${what}: expected ${Status[code]}, got ${Status[got.code]} (${got.details})`);
  if (details !== undefined) assert.equal(got.details, details, `${what}: status message`);
}

function assertEchoedMetadata(result, what) {
  assert.ok(result.headers, `${what}: no initial metadata received`);
  assert.deepEqual(result.headers.get(ECHO_INITIAL), [INITIAL_VALUE], `${what}: echoed initial metadata`);
  const trailers = (result.status && result.status.metadata) || new grpc.Metadata();
  const bin = trailers.get(ECHO_TRAILING);
  assert.equal(bin.length, 1, `${what}: expected one ${ECHO_TRAILING} trailer, got ${bin.length}`);
  assert.ok(TRAILING_VALUE.equals(bin[0]), `${what}: echoed trailing metadata is ${bin[0].toString('hex')}`);
}

// ---- the test cases ----

const cases = {
  async empty_unary({ test }) {
    const r = await unary(test, 'emptyCall', {});
    assertOk(r, 'EmptyCall');
    assert.ok(r.response, 'EmptyCall: response is null');
    assert.deepEqual(Object.keys(r.response), [], 'EmptyCall: response is not empty');
  },

  async large_unary({ test }) {
    const r = await unary(test, 'unaryCall', { response_size: 314159, payload: { body: zeros(271828) } });
    assertOk(r, 'UnaryCall');
    assertZeroPayload(r.response.payload, 314159, 'UnaryCall');
  },

  async client_streaming({ test }) {
    let response;
    const call = test.streamingInputCall((err, res) => { response = res; });
    const done = collect(call);
    for (const size of [27182, 8, 1828, 45904]) call.write({ payload: { body: zeros(size) } });
    call.end();
    const r = await done;
    assertOk(r, 'StreamingInputCall');
    assert.equal(response.aggregated_payload_size, 74922, 'aggregated_payload_size');
  },

  async server_streaming({ test }) {
    const sizes = [31415, 9, 2653, 58979];
    const call = test.streamingOutputCall({ response_parameters: sizes.map((size) => ({ size })) });
    const r = await collect(call);
    assertOk(r, 'StreamingOutputCall');
    assert.equal(r.responses.length, 4, 'number of responses');
    r.responses.forEach((res, i) => assertZeroPayload(res.payload, sizes[i], `response ${i}`));
  },

  async ping_pong({ test }) {
    const steps = [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]];
    const call = test.fullDuplexCall();
    const done = collect(call);
    for (const [i, [respSize, reqSize]] of steps.entries()) {
      const reply = nextMessage(call);
      call.write({ response_parameters: [{ size: respSize }], payload: { body: zeros(reqSize) } });
      assertZeroPayload((await reply).payload, respSize, `response ${i}`);
    }
    call.end();
    const r = await done;
    assertOk(r, 'FullDuplexCall');
    assert.equal(r.responses.length, 4, 'number of responses');
  },

  async empty_stream({ test }) {
    const call = test.fullDuplexCall();
    const done = collect(call);
    call.end();
    const r = await done;
    assertOk(r, 'FullDuplexCall');
    assert.equal(r.responses.length, 0, 'number of responses');
  },

  async cancel_after_begin({ test }) {
    const call = test.streamingInputCall(() => {});
    const done = collect(call);
    call.cancel();
    assertStatus(await done, Status.CANCELLED, undefined, 'StreamingInputCall');
  },

  async cancel_after_first_response({ test }) {
    const call = test.fullDuplexCall();
    const done = collect(call);
    const reply = nextMessage(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: { body: zeros(27182) } });
    assertZeroPayload((await reply).payload, 31415, 'first response');
    call.cancel();
    assertStatus(await done, Status.CANCELLED, undefined, 'FullDuplexCall');
  },

  async timeout_on_sleeping_server({ test }) {
    const call = test.fullDuplexCall({ deadline: Date.now() + 1 });
    const done = collect(call);
    call.write({ payload: { body: zeros(27182) } });
    assertStatus(await done, Status.DEADLINE_EXCEEDED, undefined, 'FullDuplexCall');
  },

  async custom_metadata({ test }) {
    const md = new grpc.Metadata();
    md.set(ECHO_INITIAL, INITIAL_VALUE);
    md.set(ECHO_TRAILING, TRAILING_VALUE);

    const r1 = await unary(test, 'unaryCall', { response_size: 314159, payload: { body: zeros(271828) } }, md);
    assertOk(r1, 'UnaryCall');
    assertZeroPayload(r1.response.payload, 314159, 'UnaryCall');
    assertEchoedMetadata(r1, 'UnaryCall');

    const call = test.fullDuplexCall(md);
    const done = collect(call);
    call.write({ response_parameters: [{ size: 314159 }], payload: { body: zeros(271828) } });
    call.end();
    const r2 = await done;
    assertOk(r2, 'FullDuplexCall');
    assert.equal(r2.responses.length, 1, 'FullDuplexCall: number of responses');
    assertZeroPayload(r2.responses[0].payload, 314159, 'FullDuplexCall');
    assertEchoedMetadata(r2, 'FullDuplexCall');
  },

  async status_code_and_message({ test }) {
    const response_status = { code: 2, message: 'test status message' };
    const r1 = await unary(test, 'unaryCall', { response_status });
    assertStatus(r1, 2, response_status.message, 'UnaryCall');

    const call = test.fullDuplexCall();
    const done = collect(call);
    call.write({ response_status });
    call.end();
    assertStatus(await done, 2, response_status.message, 'FullDuplexCall');
  },

  async special_status_message({ test }) {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \u{1F608}\t\n';
    const r = await unary(test, 'unaryCall', { response_status: { code: 2, message } });
    assertStatus(r, 2, message, 'UnaryCall');
  },

  async unimplemented_service({ unimplemented }) {
    const r = await unary(unimplemented, 'unimplementedCall', {});
    assertStatus(r, Status.UNIMPLEMENTED, undefined, 'UnimplementedService/UnimplementedCall');
  },

  async unimplemented_method({ test }) {
    const r = await unary(test, 'unimplementedCall', {});
    assertStatus(r, Status.UNIMPLEMENTED, undefined, 'TestService/UnimplementedCall');
  },
};

// ---- runner ----

function makeClients(args) {
  if (!args.server_host || !args.server_port) throw new Error('--server_host and --server_port are required');
  const target = `${args.server_host}:${args.server_port}`;
  const options = {};
  let credentials = grpc.credentials.createInsecure();
  if (parseBool(args.use_tls, 'use_tls')) {
    let ca = null;
    if (parseBool(args.use_test_ca, 'use_test_ca')) {
      if (!args.ca_file) throw new Error('--use_test_ca=true needs --ca_file=PEM');
      ca = fs.readFileSync(args.ca_file);
    }
    credentials = grpc.credentials.createSsl(ca);
    if (args.server_host_override) options['grpc.ssl_target_name_override'] = args.server_host_override;
  }
  if (args.server_host_override) options['grpc.default_authority'] = args.server_host_override;
  return {
    test: new testing.TestService(target, credentials, options),
    unimplemented: new testing.UnimplementedService(target, credentials, options),
  };
}

async function runCase(name, clients) {
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([cases[name](clients), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const names = args.test_case === 'all' ? Object.keys(cases) : [args.test_case];
  if (!args.test_case || !names.every((n) => n in cases)) {
    throw new Error(`--test_case must be "all" or one of: ${Object.keys(cases).join(', ')}`);
  }
  const clients = makeClients(args);
  let failed = 0;
  for (const name of names) {
    try {
      await runCase(name, clients);
      console.log(`PASS ${name}`);
    } catch (err) {
      failed++;
      const reason = err.message.replace(/\s+/g, ' ');
      console.log(`FAIL ${name}: ${reason}`);
      console.error(`${name} failed: ${err.stack || err.message}`);
    }
  }
  clients.test.close();
  clients.unimplemented.close();
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(err.message); process.exit(2); },
);
