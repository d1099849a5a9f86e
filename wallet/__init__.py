"""Learner Wallet: keep, verify, stack and present badges and micro-credentials offline."""

__version__ = "0.1.0"
