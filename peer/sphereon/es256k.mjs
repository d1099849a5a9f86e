// Sign and verify compact JWS with panva's `jose` 4.15.9 (pinned in package.json), offline.
//
//   node es256k.mjs < request.json > answer.json
//
// Why: the wallet's ES256K (RFC 8812: ECDSA over secp256k1 with SHA-256) JWTs must agree with an
// implementation it did not write, in both directions. `jose` before v6 signs and verifies ES256K
// (through node:crypto; v6 dropped secp256k1), and v4 is already installed here. The key
// handling (JWK import), the JWS encoding and the algorithm checks are all the library's: this
// file only passes one JSON request through it. Nothing is fetched.
//
// Requests (one JSON object on stdin; one JSON answer on stdout):
//   {"op": "sign", "header": {...}, "payload": "<text>", "jwk": private JWK}
//        -> {"jws": "<compact JWS>"}
//   {"op": "verify", "jws": "<compact JWS>", "jwk": public JWK, "algorithms": ["ES256K"]}
//        -> {"verified": bool, "header": {...} | null, "payload": "<text>" | null,
//            "error": "<code: message>" | null}
// `payload` is text (a JWT's claims as JSON, exactly as signed), so the caller decides the bytes.
// {"batch": [request, ...]} -> [answer, ...] (one Node start for many requests).

import {readFileSync} from 'node:fs';

import {CompactSign, compactVerify, importJWK} from 'jose';

async function sign({header, payload, jwk}) {
  const key = await importJWK(jwk, header.alg);
  const jws = await new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader(header)
    .sign(key);
  return {jws};
}

async function verify({jws, jwk, algorithms}) {
  try {
    // The key is imported for the algorithm the caller allows, never the one the token names.
    const key = await importJWK(jwk, algorithms[0]);
    const result = await compactVerify(jws, key, {algorithms});
    return {
      verified: true,
      header: result.protectedHeader,
      payload: new TextDecoder().decode(result.payload),
      error: null,
    };
  } catch(e) {
    return {verified: false, header: null, payload: null, error: `${e.code || e.name}: ${e.message}`};
  }
}

const ops = {sign, verify};

async function answer(request) {
  if(!(request.op in ops)) {
    throw new Error(`unknown op ${request.op}`);
  }
  return ops[request.op](request);
}

const request = JSON.parse(readFileSync(0, 'utf8'));
const result = Array.isArray(request.batch) ?
  await Promise.all(request.batch.map(answer)) : await answer(request);
process.stdout.write(JSON.stringify(result));
