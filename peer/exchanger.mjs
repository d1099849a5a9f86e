// A VC-API exchanger (issuer side) for Learner Wallet's receive tests, on 127.0.0.1 only.
//
// Why: the wallet's VC-API client must be proven against credentials and presentation checks
// we did not write. Digital Bazaar's @digitalbazaar/vc signs every credential issued here
// (eddsa-rdfc-2022, a fresh did:key issuer) and verifies the holder's DID Authentication
// presentation (challenge, domain, proof purpose authentication, and `holder` = the did:key
// that signed); the offline document loader of common.mjs serves only the wallet's shipped
// contexts and did:key documents. This harness only supplies the node:http routes and the
// exchange state, its messages shaped as the VC-API exchange examples.
//
// The exchange, as DCC-member issuers run it:
//   POST /exchanges/<id>  {}                           -> {verifiablePresentationRequest}
//   POST /exchanges/<id>  {verifiablePresentation: VP} -> {verifiablePresentation: {VCs}}
//   POST /exchanges/<id>  VP (a DCC request link's opening, signed over the link's challenge)
//                                                       -> {verifiablePresentation: {VCs}}
//   GET  /interactions/<id>?iuv=1                       -> {protocols: {vcapi, OID4VCI?}}
// An exchange issues once; a wrong challenge, domain or signature is refused (401).
//
// Test control (never part of the protocol):
//   POST /test/exchanges {mode: "didauth"|"qbe", qbe_type, tamper: null|"signature"|"subject",
//                         oid4vci: an offer link to list in the interaction, or null}
//        -> {id, exchange, challenge, dcc_link, lcw_link, interaction, issuer_did}
//   GET  /test/exchanges/<id>   -> {posts: [bodies], protocol_fetches, issued, refused}
//
// Usage: node exchanger.mjs   (prints the port it listens on, then serves until killed)

import {randomUUID} from 'node:crypto';
import {createServer} from 'node:http';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';

import {describeError, keyPairFrom, makeDocumentLoader, verifySuites} from './common.mjs';

const MAX_BODY = 1024 * 1024;
const ISSUER_NAME = 'Harbour Test University';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const documentLoader = makeDocumentLoader();
let base = ''; // http://127.0.0.1:<port>, once listening
let issuer; // {keyPair, cryptosuite, did}
const exchanges = new Map(); // id -> state

async function newIssuer() {
  const generated = await Ed25519Multikey.generate();
  const exported = await generated.export({publicKey: true, secretKey: true});
  const {keyPair, cryptosuite} = await keyPairFrom(exported);
  return {keyPair, cryptosuite, did: keyPair.controller};
}

const seconds = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

// --- the exchange -----------------------------------------------------------------------

function didAuthQuery() {
  return {
    type: 'DIDAuthentication',
    acceptedMethods: [{method: 'key'}],
    acceptedCryptosuites: [{cryptosuite: 'eddsa-rdfc-2022'}]
  };
}

function presentationRequest(exchange) {
  const query = [didAuthQuery()];
  if(exchange.mode === 'qbe') {
    query.unshift({
      type: 'QueryByExample',
      credentialQuery: {
        reason: 'Please show the badge you earned in the first module.',
        example: {'@context': [VC_V2, OB_V3], type: [exchange.qbe_type]},
        acceptedIssuers: [{id: issuer.did}]
      }
    });
  }
  return {
    verifiablePresentationRequest: {
      query,
      challenge: exchange.challenge,
      domain: base,
      interact: {
        service: [{
          type: 'VerifiableCredentialApiExchangeService',
          serviceEndpoint: exchange.url
        }]
      }
    }
  };
}

async function credentialFor(exchange, holder) {
  const subject = exchange.tamper === 'subject' ?
    `did:key:${(await Ed25519Multikey.generate()).publicKeyMultibase}` : holder;
  const credential = {
    '@context': [VC_V2, OB_V3],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {id: issuer.did, type: ['Profile'], name: ISSUER_NAME},
    validFrom: seconds(new Date()),
    name: 'Exchange Test Badge',
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:example:harbour:achievement:exchange-101',
        type: ['Achievement'],
        name: 'Exchange Test Badge',
        description: 'Awarded through a VC-API exchange.',
        criteria: {narrative: 'Complete the exchange module.'}
      }
    }
  };
  const suite = new DataIntegrityProof({
    signer: issuer.keyPair.signer(), cryptosuite: issuer.cryptosuite});
  const signed = await vc.issue({credential, suite, documentLoader});
  if(exchange.tamper === 'signature') {
    signed.name = 'Exchange Test Badge (with honours)'; // after signing: the proof breaks
  }
  return signed;
}

/** Check the holder's presentation as the issuer must; the holder DID, or throws. */
async function checkPresentation(exchange, presentation, domain) {
  if(!presentation || typeof presentation !== 'object') {
    throw new Error('no presentation');
  }
  const result = await vc.verify({
    presentation,
    challenge: exchange.challenge,
    domain,
    suite: verifySuites(),
    documentLoader
  });
  if(!result.verified) {
    throw new Error(describeError(result.error) || 'presentation not verified');
  }
  const proofs = [].concat(presentation.proof);
  const signer = String(proofs[0]?.verificationMethod || '').split('#')[0];
  if(typeof presentation.holder !== 'string' || presentation.holder !== signer ||
    !signer.startsWith('did:key:')) {
    throw new Error('the presentation is not signed by its holder');
  }
  if(exchange.mode === 'qbe') {
    const shown = [].concat(presentation.verifiableCredential || []);
    const wanted = shown.some(c => [].concat(c.type).includes(exchange.qbe_type) &&
      (c.issuer?.id || c.issuer) === issuer.did &&
      c.credentialSubject?.id === presentation.holder);
    if(!wanted) {
      throw new Error(`no ${exchange.qbe_type} of the holder's was shown`);
    }
  }
  return signer;
}

async function participate(exchange, body) {
  exchange.posts.push(body);
  if(exchange.state === 'complete') {
    return [404, {title: 'Exchange not found or already complete'}];
  }
  const keys = Object.keys(body);
  if(keys.length === 0) {
    exchange.state = 'requested';
    return [200, presentationRequest(exchange)];
  }
  let presentation;
  let domain;
  if(body.verifiablePresentation) {
    presentation = body.verifiablePresentation;
    domain = base; // the domain this exchange's request named
    if(exchange.state !== 'requested') {
      return [400, {title: 'No presentation was requested yet'}];
    }
  } else if([].concat(body.type).includes('VerifiablePresentation')) {
    presentation = body; // a DCC request link opens with the presentation itself
    domain = undefined;
  } else {
    return [400, {title: 'Unknown exchange message'}];
  }
  let holder;
  try {
    holder = await checkPresentation(exchange, presentation, domain);
  } catch(e) {
    exchange.refused.push(e.message);
    return [401, {title: 'Invalid DIDAuth', detail: e.message}];
  }
  const credential = await credentialFor(exchange, holder);
  exchange.state = 'complete';
  exchange.issued += 1;
  return [200, {
    verifiablePresentation: {
      '@context': [VC_V2],
      type: ['VerifiablePresentation'],
      verifiableCredential: [credential]
    }
  }];
}

function newExchange(options) {
  const id = randomUUID();
  const url = `${base}/exchanges/${id}`;
  const exchange = {
    id,
    url,
    mode: options.mode === 'qbe' ? 'qbe' : 'didauth',
    qbe_type: options.qbe_type || 'OpenBadgeCredential',
    tamper: options.tamper || null,
    oid4vci: options.oid4vci || null,
    challenge: randomUUID(),
    state: 'new',
    posts: [],
    protocol_fetches: 0,
    issued: 0,
    refused: []
  };
  exchanges.set(id, exchange);
  const query = new URLSearchParams({
    issuer: ISSUER_NAME,
    auth_type: 'bearer',
    challenge: exchange.challenge,
    vc_request_url: url
  }).toString();
  return {
    id,
    exchange: url,
    challenge: exchange.challenge,
    dcc_link: `dccrequest://request?${query}`,
    lcw_link: `https://lcw.app/request?${query}`,
    interaction: `${base}/interactions/${id}?iuv=1`,
    issuer_did: issuer.did
  };
}

// --- node:http --------------------------------------------------------------------------

function send(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, {'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(data)});
  res.end(data);
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if(size > MAX_BODY) {
      throw new Error('body too large');
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

async function route(req, res) {
  const url = new URL(req.url, base);
  const parts = url.pathname.split('/').filter(Boolean);
  if(req.method === 'POST' && url.pathname === '/test/exchanges') {
    return send(res, 200, newExchange(await readJson(req)));
  }
  const exchange = exchanges.get(parts[parts.length - 1]);
  if(req.method === 'GET' && parts[0] === 'test' && parts.length === 3 && exchange) {
    const {posts, protocol_fetches, issued, refused} = exchange;
    return send(res, 200, {posts, protocol_fetches, issued, refused});
  }
  if(req.method === 'GET' && parts[0] === 'interactions' && parts.length === 2 && exchange) {
    if(url.searchParams.get('iuv') !== '1') {
      return send(res, 400, {title: 'Not an interaction URL'});
    }
    exchange.protocol_fetches += 1;
    const protocols = {vcapi: exchange.url};
    if(exchange.oid4vci) {
      protocols.OID4VCI = exchange.oid4vci;
    }
    return send(res, 200, {protocols});
  }
  if(req.method === 'POST' && parts[0] === 'exchanges' && parts.length === 2 && exchange) {
    const [status, body] = await participate(exchange, await readJson(req));
    return send(res, status, body);
  }
  return send(res, 404, {title: 'Not found'});
}

issuer = await newIssuer();
const server = createServer((req, res) => {
  route(req, res).catch(e => send(res, 500, {title: 'Server error', detail: e.message}));
});
server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${server.address().port}\n`);
});
