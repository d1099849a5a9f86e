"""Proof code: keys, JOSE/JWS/SD-JWT, JSON-LD contexts, canonicalization, Data Integrity signing
and ecdsa-sd-2023 math. Below `wallet.verify` (which decides policy); imports nothing above it."""
