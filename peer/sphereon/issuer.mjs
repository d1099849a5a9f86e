// An OpenID4VCI Draft 15 credential issuer for Learner Wallet's receive tests, on 127.0.0.1 only.
//
// Why: issuers deployed with Sphereon's stack speak Draft 15, not 1.0, and the wallet must be
// proven against an implementation we did not write. Sphereon's @sphereon/oid4vci-issuer-server
// (with @sphereon/oid4vci-issuer) serves the metadata, offers by value and by reference, the
// token, nonce and credential endpoints, checks transaction codes, nonces, the proof's typ, aud
// and iat, and binds the credential to the key the proof names. This harness supplies what the
// library leaves to a deployment, and adds the checks it does not make:
//   - the keys, the access tokens and the credentials (signed here with node:crypto);
//   - the proof JWT's signature (the library trusts whatever its verify callback says);
//   - one use per pre-authorized code (the library hands out a token for a reused code);
//   - Draft 15's one `proof` per request unless the metadata offers batch issuance (the
//     library reads `proofs` either way; a strict Draft 15 issuer need not).
// Its credential configurations come from the library's own Draft 15 builder, so they look as a
// Sphereon deployment's do (for instance without `proof_types_supported`).
//
// Test control (never part of the protocol):
//   POST /test/offers {by: "value"|"reference", tx_code: bool, configurations}
//        -> {offer, id, tx_code (the code the library made, or null), issuer_did,
//            credential_issuer}
//   GET  /test/offers/<id> -> what the wallet did with that offer (counts)
//
// Usage: node issuer.mjs   (prints the port it listens on, then serves until killed)

import {createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify}
  from 'node:crypto';

// The libraries log to the console; stdout carries only the port, so everything else goes to
// stderr (set before the libraries load, hence the dynamic imports below).
for(const name of ['log', 'info', 'debug', 'trace']) {
  console[name] = (...args) => console.error(...args);
}
const {default: express} = await import('express');
const {CredentialSupportedBuilderV1_15, VcIssuerBuilder} = await import('@sphereon/oid4vci-issuer');
const {OID4VCIServer} = await import('@sphereon/oid4vci-issuer-server');

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const TOKEN_SECONDS = 300;
const ISSUER_NAME = 'Riverbank Test Polytechnic';

// --- JOSE with node:crypto -----------------------------------------------------------------

const b64url = (data) => Buffer.from(data).toString('base64url');
const b64json = (value) => b64url(JSON.stringify(value));

function signJwt(header, payload, privateKey) {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), privateKey))}`;
}

function decodeJwt(jwt) {
  const parts = String(jwt).split('.');
  if(parts.length !== 3) {
    throw new Error('not a compact JWS');
  }
  const [header, payload] = parts.slice(0, 2).map(
    (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return {header, payload, input: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url')};
}

/** True when `jwt` carries a valid EdDSA or ES256 signature by the public key `jwk`. */
function signedBy(jwt, jwk) {
  const {header, input, signature} = decodeJwt(jwt);
  const key = createPublicKey({key: jwk, format: 'jwk'});
  if(header.alg === 'EdDSA' && jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return verify(null, Buffer.from(input), key, signature);
  }
  if(header.alg === 'ES256' && jwk.kty === 'EC' && jwk.crv === 'P-256') {
    return verify('sha256', Buffer.from(input), {key, dsaEncoding: 'ieee-p1363'}, signature);
  }
  return false;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text) {
  let n = 0n;
  for(const ch of text) {
    const v = BASE58.indexOf(ch);
    if(v < 0) {
      throw new Error('not base58');
    }
    n = n * 58n + BigInt(v);
  }
  const bytes = [];
  for(; n > 0n; n /= 256n) {
    bytes.unshift(Number(n % 256n));
  }
  for(const ch of text) {
    if(ch !== '1') {
      break;
    }
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** The public JWK a holder DID names: did:jwk, or an Ed25519 did:key (the wallet's kind). */
function jwkFromDid(did) {
  if(did.startsWith('did:jwk:')) {
    return JSON.parse(Buffer.from(did.slice(8), 'base64url').toString('utf8'));
  }
  if(did.startsWith('did:key:z')) {
    const raw = base58Decode(did.slice(9));
    if(raw[0] === 0xed && raw[1] === 0x01 && raw.length === 34) {
      return {kty: 'OKP', crv: 'Ed25519', x: b64url(raw.slice(2))};
    }
  }
  throw new Error(`cannot resolve ${did}`);
}

function newKey() {
  const {publicKey, privateKey} = generateKeyPairSync('ed25519');
  return {privateKey, publicJwk: publicKey.export({format: 'jwk'})};
}

const didOf = (jwk) => `did:jwk:${b64json({crv: jwk.crv, kty: jwk.kty, x: jwk.x})}`;

// --- the issuer's keys and state -------------------------------------------------------------

const credentialKey = newKey();
const tokenKey = newKey();
const issuerDid = didOf(credentialKey.publicJwk);
const offers = new Map(); // offer id -> {code, seen}
const byCode = new Map(); // pre-authorized code -> offer id
const redeemed = new Set(); // pre-authorized codes a token was issued for, or being issued for

/** The library's verify callback for key proofs: the signature check it leaves to us. */
async function verifyProof({jwt}) {
  const {header, payload} = decodeJwt(jwt);
  let jwk;
  let did;
  if(header.jwk && !header.kid) {
    jwk = header.jwk;
  } else if(typeof header.kid === 'string' && header.kid.startsWith('did:') && !header.jwk) {
    did = header.kid.split('#')[0];
    jwk = jwkFromDid(did);
  } else {
    throw new Error('the proof names its key neither by a DID in kid nor as a jwk');
  }
  if(!signedBy(jwt, jwk)) {
    throw new Error('the proof is not signed by the key it names');
  }
  const result = {jwt: {header, payload}, alg: header.alg, jwk};
  if(did) {
    result.did = did;
    result.kid = header.kid;
    result.didDocument = {id: did, verificationMethod: [
      {id: header.kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk}]};
  }
  return result;
}

async function signAccessToken({header, payload}) {
  return signJwt({...header, alg: 'EdDSA'}, payload, tokenKey.privateKey);
}

async function verifyAccessToken({jwt}) {
  const {header, payload} = decodeJwt(jwt);
  if(!signedBy(jwt, tokenKey.publicJwk) || !(payload.exp > Date.now() / 1000)) {
    throw new Error('not an access token of ours, or expired');
  }
  return {jwt: {header, payload}};
}

/** The credential's unsigned content; the library binds it to the proof's key afterwards. */
async function credentialData({credentialRequest}) {
  if(credentialRequest.credential_configuration_id === 'badge_sd_jwt') {
    return {format: 'dc+sd-jwt', credential: {
      vct: 'https://riverbank.example/credentials/micro-credential',
      iss: issuerDid, given_name: 'Aroha', family_name: 'Ngata',
      title: 'Web Accessibility micro-credential'}};
  }
  return {format: 'jwt_vc_json', credential: {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential', 'MicroCredential'],
    issuer: {id: issuerDid, name: ISSUER_NAME},
    name: 'Web Accessibility micro-credential',
    credentialSubject: {name: 'Aroha Ngata'},
  }};
}

/** Signs what the library bound: a VC as a JWT, or an SD-JWT VC with three disclosures. */
async function signCredential({credential, format}) {
  const now = Math.floor(Date.now() / 1000);
  const kid = `${issuerDid}#0`;
  if(format === 'dc+sd-jwt') {
    const {given_name: given, family_name: family, title, ...rest} = credential;
    const disclosures = [['given_name', given], ['family_name', family], ['title', title]].map(
      ([claim, value]) => b64json([b64url(randomBytes(16)), claim, value]));
    const digests = disclosures.map((d) => createHash('sha256').update(d).digest('base64url'));
    const payload = {...rest, iat: now, nbf: now - 60, _sd_alg: 'sha-256', _sd: digests.sort()};
    const jwt = signJwt({alg: 'EdDSA', typ: 'dc+sd-jwt', kid}, payload,
      credentialKey.privateKey);
    return `${jwt}~${disclosures.join('~')}~`;
  }
  const claims = {vc: credential, iss: issuerDid, sub: credential.credentialSubject.id,
    jti: `urn:uuid:${randomUUID()}`, nbf: now - 60, iat: now};
  return signJwt({alg: 'EdDSA', typ: 'JWT', kid}, claims, credentialKey.privateKey);
}

/** Built as a deployment would; the builder drops `proof_types_supported` (0.20.1). The
 * library accepts only dc+sd-jwt for SD-JWT VCs ("vc+sd-jwt not supported yet"). */
function configurations() {
  const jwtVc = new CredentialSupportedBuilderV1_15()
    .withCredentialName('badge_jwt')
    .withFormat('jwt_vc_json')
    .withCredentialDefinition({type: ['VerifiableCredential', 'MicroCredential']})
    .withCryptographicBindingMethod(['did:key', 'did:jwk'])
    .withCredentialSigningAlgValuesSupported('EdDSA')
    .withProofTypesSupported({jwt: {proof_signing_alg_values_supported: ['EdDSA', 'ES256']}})
    .withCredentialSupportedDisplay({name: 'Web Accessibility micro-credential', locale: 'en'})
    .build();
  const sdJwt = new CredentialSupportedBuilderV1_15()
    .withCredentialName('badge_sd_jwt')
    .withFormat('dc+sd-jwt')
    .withVct('https://riverbank.example/credentials/micro-credential')
    .withCryptographicBindingMethod('jwk')
    .withCredentialSigningAlgValuesSupported('EdDSA')
    .withProofTypesSupported({jwt: {proof_signing_alg_values_supported: ['EdDSA', 'ES256']}})
    .withCredentialSupportedDisplay({name: 'Web Accessibility (SD-JWT)', locale: 'en'})
    .build();
  return {...jwtVc, ...sdJwt};
}

// --- HTTP --------------------------------------------------------------------------------------

const app = express();
app.disable('x-powered-by');
app.use(express.urlencoded({extended: false, limit: '64kb'}));
app.use(express.json({limit: '64kb'}));
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const issuer = new VcIssuerBuilder()
  .withCredentialIssuer(base)
  .withCredentialEndpoint(`${base}/credential`)
  .withNonceEndpoint(`${base}/nonce`)
  .withTokenEndpoint(`${base}/token`)
  .withIssuerDisplay({name: ISSUER_NAME, locale: 'en'})
  .withCredentialConfigurationsSupported(configurations())
  .withAuthorizationMetadata({
    issuer: base,
    token_endpoint: `${base}/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
  })
  .withInMemoryCredentialOfferState()
  .withInMemoryCredentialOfferURIState()
  .withInMemoryCNonceState()
  .withJWTVerifyCallback(verifyProof)
  .withCredentialDataSupplier(credentialData)
  .withCredentialSignerCallback(signCredential)
  .build();

const offerOf = (req) => offers.get(req.params.id);

// Test control, and the harness's own checks; they run before the library's routes.
app.post('/test/offers', async (req, res) => {
  const body = req.body ?? {};
  const id = randomUUID();
  const code = b64url(randomBytes(32));
  const grant = {'pre-authorized_code': code};
  if(body.tx_code) {
    grant.tx_code = {input_mode: 'numeric', length: 6,
      description: 'The six digits we sent you by e-mail'};
  }
  let result;
  try {
    result = await issuer.createCredentialOfferURI({
      correlationId: id,
      credential_configuration_ids: body.configurations ?? ['badge_jwt'],
      grants: {[PRE_AUTHORIZED_GRANT]: grant},
      offerMode: body.by === 'reference' ? 'REFERENCE' : 'VALUE',
      credentialOfferUri: `${base}/credential-offers/:id`,
    });
  } catch(error) {
    console.error(error);
    return res.status(500).json({error: 'server_error', error_description: String(error)});
  }
  offers.set(id, {code, seen: {offer_fetches: 0, token_requests: 0, credential_requests: 0,
    issued: 0, proof_members: []}});
  byCode.set(code, id);
  res.json({offer: result.uri, id, tx_code: result.userPin ?? null, issuer_did: issuerDid,
    credential_issuer: base});
});

app.get('/test/offers/:id', (req, res) => {
  const record = offerOf(req);
  return record ? res.json(record.seen) : res.status(404).json({error: 'not_found'});
});

app.get('/credential-offers/:id', (req, res, next) => {
  const record = offerOf(req);
  if(record) {
    record.seen.offer_fetches += 1;
  }
  next();
});

app.post('/token', (req, res, next) => {
  const code = req.body?.['pre-authorized_code'];
  const record = offers.get(byCode.get(code));
  if(record) {
    record.seen.token_requests += 1;
  }
  if(typeof code === 'string' && redeemed.has(code)) {
    return res.status(400).set('cache-control', 'no-store').json({error: 'invalid_grant',
      error_description: 'this pre-authorized code was already used'});
  }
  if(typeof code === 'string') {
    redeemed.add(code); // taken now, so two requests at once cannot both pass
    res.on('finish', () => {
      if(res.statusCode !== 200) {
        redeemed.delete(code); // a wrong transaction code does not use the offer up
      }
    });
  }
  next();
});

app.post('/credential', (req, res, next) => {
  let record;
  try {
    const token = String(req.headers.authorization ?? '').replace(/^bearer /i, '');
    record = offers.get(byCode.get(decodeJwt(token).payload.preAuthorizedCode));
  } catch {
    record = undefined;
  }
  const body = req.body ?? {};
  if(record) {
    record.seen.credential_requests += 1;
    record.seen.proof_members.push(['proof', 'proofs'].filter((m) => m in body).join('+'));
    res.on('finish', () => {
      if(res.statusCode === 200) {
        record.seen.issued += 1;
      }
    });
  }
  if('proofs' in body && !issuer.issuerMetadata.batch_credential_issuance) {
    return res.status(400).set('cache-control', 'no-store').json({
      error: 'invalid_credential_request',
      error_description: 'proofs is for batch issuance, which this issuer does not offer'});
  }
  next();
});

// The library's routes: metadata, offers by reference, token, nonce, credential.
new OID4VCIServer({express: app}, {
  issuer,
  baseUrl: base,
  endpointOpts: {
    createCredentialOfferOpts: {enabled: false},
    tokenEndpointOpts: {
      accessTokenSignerCallback: signAccessToken,
      accessTokenVerificationCallback: verifyAccessToken,
      tokenExpiresIn: TOKEN_SECONDS,
      preAuthorizedCodeExpirationDuration: TOKEN_SECONDS,
    },
  },
});

process.stdout.write(`${server.address().port}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
