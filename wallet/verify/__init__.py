"""Offline verification: proofs, keys, dates, status, schema, trust, EU micro-credential elements.

Nothing here imports Qt or touches SQL; the store is reached only through the Cache protocol.
"""
