"""Stacks: pathways from credentials to larger awards (model, loaders, derivation, engine)."""
