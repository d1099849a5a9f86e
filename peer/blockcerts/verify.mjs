// Verify one Blockcerts certificate with the Blockcerts project's own verifier
// (@blockcerts/cert-verifier-js), for tests/verify/test_blockcerts.py.
//
// stdin:  {"certificate": {...}, "web": "http://127.0.0.1:PORT"}
// stdout: {"status": "success" | "failure" | ..., "message": ..., "chain": ..., "steps": [...]}
//
// Nothing here reaches the network. Every fetch the verifier makes (issuer profiles, revocation
// lists, DID resolution, blockchain explorers) is sent to the test's loopback web server instead:
// https://host/path is asked for as http://127.0.0.1:PORT/host/path (the layout of
// tests/verify/localweb.py). The blockchain explorer is a custom explorer API pointed at that
// server, read as the Esplora API (what the wallet reads by default) with our own parsing.

import { readFileSync } from 'node:fs';
import net from 'node:net';

// A second guard under the fetch hook below: no socket to anywhere but this computer, whatever
// library opens it (as tests/conftest.py does for Python).
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host ?? 'localhost';
  if (!options.path && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new Error(`this harness reaches no network (refused a connection to ${host})`);
  }
  return realConnect.apply(this, args);
};

const input = JSON.parse(readFileSync(0, 'utf8'));
const web = new URL(input.web);
if (web.hostname !== '127.0.0.1') {
  throw new Error('the test web server must be on 127.0.0.1');
}

function toLoopback (url) {
  const u = new URL(url);
  if (u.hostname === '127.0.0.1' && u.port === web.port) {
    u.protocol = 'http:'; // the verifier upgrades http:// to https://; the test server is plain
    return u.toString();
  }
  return `http://127.0.0.1:${web.port}/${u.host}${u.pathname}`;
}

const realFetch = globalThis.fetch;
globalThis.fetch = async function (resource, options) {
  const url = typeof resource === 'string' ? resource : (resource.url ?? String(resource));
  return await realFetch(toLoopback(url), options);
};
// Browser-style requests, should any code path use them: refused outright.
globalThis.XMLHttpRequest = class {
  open () { throw new Error('XMLHttpRequest is not available in this harness'); }
};

function esplora ({ jsonResponse }) {
  if (!jsonResponse.status?.confirmed) {
    throw new Error('transaction not confirmed');
  }
  const outputs = jsonResponse.vout;
  const opReturn = outputs.find(o => typeof o.scriptpubkey === 'string' && o.scriptpubkey.startsWith('6a20'));
  return {
    remoteHash: opReturn ? opReturn.scriptpubkey.slice(4) : '',
    issuingAddress: jsonResponse.vin[0].prevout.scriptpubkey_address,
    time: new Date(jsonResponse.status.block_time * 1000),
    revokedAddresses: outputs.filter(o => o.scriptpubkey_address).map(o => o.scriptpubkey_address)
  };
}

const loopbackExplorer = {
  serviceURL: {
    main: `http://127.0.0.1:${web.port}/blockstream.info/api/tx/{transaction_id}`,
    test: `http://127.0.0.1:${web.port}/blockstream.info/testnet/api/tx/{transaction_id}`
  },
  priority: 0,
  parsingFunction: esplora
};

// The verifier logs each request; keep stdout for the answer alone.
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
console.warn = console.log;
console.error = console.log;

const { Certificate } = await import('@blockcerts/cert-verifier-js/dist/verifier-node/index.js');

const steps = [];
let answer;
try {
  const certificate = new Certificate(input.certificate, { explorerAPIs: [loopbackExplorer] });
  await certificate.init();
  const result = await certificate.verify(step => {
    steps.push({ code: step.code, status: step.status, message: step.errorMessage ?? null });
  });
  answer = {
    status: result.status,
    message: result.message,
    chain: certificate.chain?.code ?? null,
    steps
  };
} catch (e) {
  answer = { status: 'error', message: String(e?.message ?? e), steps };
}
process.stdout.write(JSON.stringify(answer) + '\n');
