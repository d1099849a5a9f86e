// Verification throughput of the Digital Bazaar stack on a folder of signed credentials.
//
//   node bench.mjs [--passes N] FOLDER
//
// Reads every *.json in FOLDER into memory first (so disk is not measured), then verifies them
// one after another with @digitalbazaar/vc's verifyCredential, as verify.mjs does. The first
// pass is the figure to compare with a cold verifier (fresh process: JIT and the JSON-LD
// context cache start empty); further passes show the warmed-up rate. Prints a human line per
// pass and, last, one JSON object:
//   {"count", "verified", "seconds", "per_s", "passes": [per_s, ...]}
// A credential that fails to verify is counted, not hidden: "verified" < "count" means the
// figure is not a like-for-like comparison.

import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

import {makeDocumentLoader, verifySuites} from './common.mjs';
import {expand, verifyOne} from './verify.mjs';

function parseArgs(argv) {
  let passes = 1;
  const folders = [];
  for(let i = 0; i < argv.length; i++) {
    if(argv[i] === '--passes') {
      passes = Number.parseInt(argv[++i], 10);
      if(!(passes >= 1)) {
        throw new Error('--passes needs a positive whole number');
      }
    } else {
      folders.push(argv[i]);
    }
  }
  if(folders.length === 0) {
    throw new Error('usage: node bench.mjs [--passes N] FOLDER');
  }
  return {passes, folders};
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch(e) {
    console.error(e.message);
    process.exit(2);
  }
  const credentials = expand(args.folders).map(f => JSON.parse(readFileSync(f, 'utf8')));
  if(credentials.length === 0) {
    console.error('no *.json credentials found');
    process.exit(2);
  }
  const documentLoader = makeDocumentLoader();
  const suite = verifySuites();
  const rates = [];
  let first;
  for(let pass = 1; pass <= args.passes; pass++) {
    let verified = 0;
    const start = performance.now();
    for(const credential of credentials) {
      const r = await verifyOne(credential, {documentLoader, suite});
      if(r.verified) {
        verified++;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const perS = credentials.length / seconds;
    rates.push(perS);
    first ??= {verified, seconds};
    console.log(`peer pass ${pass}: ${credentials.length} credentials, ${verified} verified, ` +
      `${seconds.toFixed(2)} s, ${perS.toFixed(1)}/s`);
  }
  console.log(JSON.stringify({
    count: credentials.length,
    verified: first.verified,
    seconds: first.seconds,
    per_s: rates[0],
    passes: rates
  }));
  process.exitCode = first.verified === credentials.length ? 0 : 1;
}

await main();
