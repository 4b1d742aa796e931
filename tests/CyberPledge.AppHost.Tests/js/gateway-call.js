'use strict';
// One unary call to a node of an AppHost federation, with grpc-js and nothing but the connection file:
//   node gateway-call.js CONNECTION_FILE NODE ROLE SERVICE/METHOD REQUEST_JSON
// e.g. node gateway-call.js .run/connection.json NLD analyst cyberpledge.v1.Indicators/Submit '{"indicators":[...]}'
// Prints the response as JSON (field names in lowerCamelCase, enums by name, 64-bit numbers and bytes as strings);
// a failed call prints {"error": {"code": N, "details": "..."}} and exits with 1.
// grpc-js comes from tests/Interop/js/node_modules (NODE_PATH), installed from its lock file.
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [connectionFile, nation, role, fullMethod, requestJson] = process.argv.slice(2);
if (!requestJson) {
  console.error('usage: node gateway-call.js CONNECTION_FILE NODE ROLE SERVICE/METHOD REQUEST_JSON');
  process.exit(2);
}

const connection = JSON.parse(fs.readFileSync(connectionFile, 'utf8'));
const node = connection.nodes[nation];
if (!node) throw new Error(`no node ${nation} in ${connectionFile}`);
const token = node.tokens[role];
if (!token) throw new Error(`no ${role} token for ${nation} in ${connectionFile}`);

const protoRoot = path.resolve(__dirname, '../../../protos');
const definition = protoLoader.loadSync(
  ['cyberpledge/v1/indicators.proto', 'cyberpledge/v1/partners.proto', 'cyberpledge/v1/federation.proto'],
  { includeDirs: [protoRoot], keepCase: false, longs: String, enums: String, bytes: String, defaults: true, oneofs: true });

const [serviceName, methodName] = fullMethod.split('/');
const service = serviceName.split('.').reduce((o, part) => o[part], grpc.loadPackageDefinition(definition));
// The gateway's certificate chains to the node's nation CA: trust that CA only.
const credentials = grpc.credentials.combineChannelCredentials(
  grpc.credentials.createSsl(Buffer.from(node.caCertificatePem)),
  grpc.credentials.createFromMetadataGenerator((_, callback) => {
    const metadata = new grpc.Metadata();
    metadata.add('authorization', `Bearer ${token}`);
    callback(null, metadata);
  }));
// The node certificate names 127.0.0.1 and localhost; TLS's server name is a host name (RFC 6066), never an address.
const client = new service(new URL(node.gateway).host, credentials, { 'grpc.ssl_target_name_override': 'localhost' });
const method = methodName.charAt(0).toLowerCase() + methodName.slice(1);
client[method](JSON.parse(requestJson), { deadline: Date.now() + 30000 }, (error, response) => {
  if (error) {
    console.log(JSON.stringify({ error: { code: error.code, details: error.details } }));
    process.exit(1);
  }
  console.log(JSON.stringify(response));
  client.close();
});
