"""Use cases: one function per thing a person does with the wallet, written once.

The command line, the window's background tasks and (later) the protocol handlers call these,
so a credential imported from any of them gets the same verdict, stored the same way. Nothing
here imports Qt. (Issue 14 moves the other use cases here; importing is the first.)
"""
