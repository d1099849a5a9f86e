// Verify signed credentials with Digital Bazaar's libraries, offline.
//
//   node verify.mjs [--now ISO-DATE] FILE_OR_FOLDER...
//
// Prints one JSON line per file:
//   {"file", "verified", "proofVerified", "error"}
// `verified` is @digitalbazaar/vc's verifyCredential (data model checks, dates at --now or the
// current time, and every proof); `proofVerified` is the Data Integrity proof alone
// (jsonld-signatures with the credential-issuance purpose), so an expired credential reads
// verified=false, proofVerified=true. Status lists are not fetched or checked here: the wallet
// checks status itself and this peer exists to cross-check signatures. Exit status is 0 when
// every file verified, 1 otherwise, 2 on a usage error.

import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';

import {describeError, makeDocumentLoader, verifySuites} from './common.mjs';

function parseArgs(argv) {
  const files = [];
  let now;
  for(let i = 0; i < argv.length; i++) {
    if(argv[i] === '--now') {
      now = argv[++i];
      if(!now || Number.isNaN(Date.parse(now))) {
        throw new Error('--now needs an ISO date-time');
      }
    } else {
      files.push(argv[i]);
    }
  }
  if(files.length === 0) {
    throw new Error('usage: node verify.mjs [--now ISO-DATE] FILE_OR_FOLDER...');
  }
  return {files, now};
}

/** Files named, with folders expanded to their *.json files in name order. */
export function expand(paths) {
  const out = [];
  for(const p of paths) {
    if(statSync(p).isDirectory()) {
      for(const name of readdirSync(p).sort()) {
        if(name.endsWith('.json')) {
          out.push(join(p, name));
        }
      }
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Verify one parsed credential; never throws. */
export async function verifyOne(credential, {documentLoader, suite, now}) {
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    now,
    // status is the wallet's own check; see the header comment
    checkStatus: async () => ({verified: true})
  });
  let proofResults = (result.results || []).filter(r => r.proof);
  if(proofResults.length === 0) {
    // the data model checks stopped vc before any proof was looked at: check the proof alone
    const proofOnly = await jsigs.verify(credential, {
      suite, documentLoader, purpose: new vc.CredentialIssuancePurpose()
    });
    proofResults = (proofOnly.results || []).filter(r => r.proof);
    if(proofResults.length === 0 && proofOnly.error) {
      return {
        verified: false, proofVerified: false,
        error: describeError(result.error) + '; ' + describeError(proofOnly.error)
      };
    }
  }
  const proofVerified = proofResults.length > 0 && proofResults.every(r => r.verified);
  let error = null;
  if(!result.verified) {
    error = describeError(result.error) ||
      describeError(proofResults.find(r => !r.verified)?.error) || 'not verified';
  }
  return {verified: Boolean(result.verified), proofVerified, error};
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch(e) {
    console.error(e.message);
    process.exit(2);
  }
  const documentLoader = makeDocumentLoader();
  const suite = verifySuites();
  let allVerified = true;
  for(const file of expand(args.files)) {
    let line;
    try {
      const credential = JSON.parse(readFileSync(file, 'utf8'));
      line = {file, ...await verifyOne(credential, {documentLoader, suite, now: args.now})};
    } catch(e) {
      line = {file, verified: false, proofVerified: false, error: describeError(e)};
    }
    allVerified &&= line.verified;
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  process.exitCode = allVerified ? 0 : 1;
}

if(process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
