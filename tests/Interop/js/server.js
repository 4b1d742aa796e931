'use strict';
// grpc-js interop server for grpc.testing.TestService, written from the public
// gRPC interop test description (doc/interop-test-descriptions.md, "Server").
//
//   node server.js --port=N [--use_tls=false]
//   node server.js --port=N --use_tls=true --tls_cert_file=cert.pem --tls_key_file=key.pem
//
// Binds 127.0.0.1 only. --port=0 picks a free port; the bound port is printed.
const fs = require('fs');
const { grpc, testing, parseArgs, parseBool } = require('./proto');

const { status: Status } = grpc;
const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

function statusError(code, details) {
  return { code, details };
}

// Echo Metadata: copy the two well-known keys into response headers / trailers.
function echoMetadata(call) {
  const initial = new grpc.Metadata();
  const trailing = new grpc.Metadata();
  for (const v of call.metadata.get(ECHO_INITIAL)) initial.add(ECHO_INITIAL, v);
  for (const v of call.metadata.get(ECHO_TRAILING)) trailing.add(ECHO_TRAILING, v);
  if (Object.keys(initial.getMap()).length > 0) call.sendMetadata(initial);
  return trailing;
}

// Echo Status: a non-OK response_status ends the RPC with that code and message.
function checkEchoStatus(responseStatus) {
  if (responseStatus && responseStatus.code !== 0) {
    throw statusError(responseStatus.code, responseStatus.message);
  }
}

function makePayload(type, size) {
  if (type !== 'COMPRESSABLE') {
    throw statusError(Status.INVALID_ARGUMENT, `unsupported response_type ${type}`);
  }
  if (size < 0) throw statusError(Status.INVALID_ARGUMENT, `negative payload size ${size}`);
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function write(call, message) {
  return new Promise((resolve, reject) => {
    if (call.cancelled) return reject(statusError(Status.CANCELLED, 'cancelled'));
    call.write(message, (err) => (err ? reject(err) : resolve()));
  });
}

// One StreamingOutputCallRequest -> one response per ResponseParameters, in order,
// sleeping interval_us before each (Observe ResponseParameters.interval_us).
async function respond(call, request) {
  checkEchoStatus(request.response_status);
  for (const params of request.response_parameters) {
    const payload = makePayload(request.response_type, params.size);
    if (params.interval_us > 0) await sleep(params.interval_us / 1000);
    if (call.cancelled) throw statusError(Status.CANCELLED, 'cancelled');
    await write(call, { payload });
  }
}

// Ends a streaming-response call with OK (+ echoed trailers) or with the error status.
function finish(call, trailing) {
  if (!call.cancelled) call.end(trailing);
}
function fail(call, err, trailing) {
  if (call.cancelled) return;
  call.emit('error', { code: err.code ?? Status.UNKNOWN, details: err.details ?? String(err), metadata: trailing });
}

const handlers = {
  emptyCall(call, callback) {
    const trailing = echoMetadata(call);
    callback(null, {}, trailing);
  },

  unaryCall(call, callback) {
    const trailing = echoMetadata(call);
    const req = call.request;
    try {
      checkEchoStatus(req.response_status);
      const payload = makePayload(req.response_type, req.response_size);
      callback(null, { payload }, trailing);
    } catch (err) {
      callback({ ...err, metadata: trailing });
    }
  },

  streamingOutputCall(call) {
    const trailing = echoMetadata(call);
    respond(call, call.request).then(() => finish(call, trailing), (err) => fail(call, err, trailing));
  },

  streamingInputCall(call, callback) {
    const trailing = echoMetadata(call);
    let total = 0;
    call.on('data', (req) => { total += req.payload ? req.payload.body.length : 0; });
    call.on('end', () => callback(null, { aggregated_payload_size: total }, trailing));
  },

  // Requests are handled strictly in order: the stream is paused while one is answered,
  // so 'end' (half-close) is only seen after every earlier request got its responses.
  fullDuplexCall(call) {
    const trailing = echoMetadata(call);
    call.on('data', (req) => {
      call.pause();
      respond(call, req).then(() => call.resume(), (err) => fail(call, err, trailing));
    });
    call.on('end', () => finish(call, trailing));
  },

  // Buffers every request until half-close, then answers them in order.
  halfDuplexCall(call) {
    const trailing = echoMetadata(call);
    const requests = [];
    call.on('data', (req) => requests.push(req));
    call.on('end', async () => {
      try {
        for (const req of requests) await respond(call, req);
        finish(call, trailing);
      } catch (err) {
        fail(call, err, trailing);
      }
    });
  },
  // cacheableUnaryCall and unimplementedCall are deliberately not implemented:
  // grpc-js answers them with UNIMPLEMENTED.
};

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.port === undefined || !/^\d+$/.test(args.port)) throw new Error('--port=N is required');
  let credentials = grpc.ServerCredentials.createInsecure();
  if (parseBool(args.use_tls, 'use_tls')) {
    if (!args.tls_cert_file || !args.tls_key_file) {
      throw new Error('--use_tls=true needs --tls_cert_file=PEM and --tls_key_file=PEM');
    }
    credentials = grpc.ServerCredentials.createSsl(null, [{
      cert_chain: fs.readFileSync(args.tls_cert_file),
      private_key: fs.readFileSync(args.tls_key_file),
    }]);
  }

  const server = new grpc.Server();
  server.addService(testing.TestService.service, handlers);
  server.bindAsync(`127.0.0.1:${args.port}`, credentials, (err, port) => {
    if (err) {
      console.error(`bind failed: ${err.message}`);
      process.exit(1);
    }
    console.log(`listening on 127.0.0.1:${port}`);
  });

  const stop = (signal) => {
    console.error(`${signal}: shutting down`);
    setTimeout(() => { server.forceShutdown(); process.exit(0); }, 2000).unref();
    server.tryShutdown(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

try {
  main();
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
