// Sign unsigned credentials with Digital Bazaar's libraries, offline.
//
//   node sign.mjs --key KEY.json [--entry NAME] [--created ISO-DATE] --out FOLDER FILE...
//
// KEY.json is either one key entry {publicKeyMultibase, secretKeyMultibase, did?,
// verificationMethod?} or a file of named entries such as resources/demo/issuer-key.json,
// from which --entry picks one ("ed25519" by default). An Ed25519 key signs with
// eddsa-rdfc-2022, a P-256 key with ecdsa-rdfc-2019. Each FILE is written to FOLDER under its
// own name; one JSON line per file reports {"file", "out", "cryptosuite"} or {"file", "error"}.
// Why a second signer at all: credentials made by an implementation we did not write are the
// only real test that our verifier reads the suites as the rest of the world writes them.

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';

import {describeError, keyPairFrom, makeDocumentLoader} from './common.mjs';

function parseArgs(argv) {
  const opts = {files: [], entry: 'ed25519'};
  for(let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if(a === '--key' || a === '--entry' || a === '--created' || a === '--out') {
      const value = argv[++i];
      if(value === undefined) {
        throw new Error(`${a} needs a value`);
      }
      opts[a.slice(2)] = value;
    } else {
      opts.files.push(a);
    }
  }
  if(!opts.key || !opts.out || opts.files.length === 0) {
    throw new Error(
      'usage: node sign.mjs --key KEY.json [--entry NAME] [--created ISO] --out FOLDER FILE...');
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch(e) {
    console.error(e.message);
    process.exit(2);
  }
  const keyFile = JSON.parse(readFileSync(opts.key, 'utf8'));
  const entry = keyFile.publicKeyMultibase ? keyFile : keyFile[opts.entry];
  if(!entry?.publicKeyMultibase || !entry?.secretKeyMultibase) {
    console.error(`${opts.key} has no key entry ${opts.entry} with public and secret keys`);
    process.exit(2);
  }
  const {keyPair, cryptosuite} = await keyPairFrom(entry);
  const documentLoader = makeDocumentLoader();
  mkdirSync(opts.out, {recursive: true});
  let failed = false;
  for(const file of opts.files) {
    try {
      const credential = JSON.parse(readFileSync(file, 'utf8'));
      const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite});
      if(opts.created) {
        suite.date = new Date(opts.created);
      }
      const signed = await vc.issue({credential, suite, documentLoader});
      const out = join(opts.out, basename(file));
      writeFileSync(out, JSON.stringify(signed, null, 2) + '\n');
      process.stdout.write(JSON.stringify({file, out, cryptosuite: cryptosuite.name}) + '\n');
    } catch(e) {
      failed = true;
      process.stdout.write(JSON.stringify({file, error: describeError(e)}) + '\n');
    }
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
