"""Use cases: one function per thing a person does with the wallet, written once.

The command line, the window (its commands, dialogs and background tasks), the demo wallet and
(later) the protocol handlers call these, so a credential imported from any of them gets the
same verdict, stored the same way. Each takes the store first and plain arguments, and returns
a small frozen result saying what changed: its `changes` (changes.py), which the window hands
to its views so they refresh only that. Nothing here imports Qt.

    changes.py      Changes: ids added, removed and updated; stacks, trust or settings
                    changed; everything (a restore); merge

    importing.py    import_and_verify -> Imported, verify_new -> Verified: import, then
                    verify each new credential;
                    import_request (ImportRequest, QrImage), import_qr, fetch_address,
                    decode_qr: the window's texts, QR images and agreed addresses
    trust.py        trust_issuer, trust_issuers, distrust_issuer, set_trusted -> TrustChanged
    credentials.py  delete_credentials -> Deleted (with what the credentials bundled);
                    undo_delete -> Undeleted (puts exactly that back)
    stacks.py       import_stack, keep_stack -> StackKept; remove_stack -> StackRemoved
    passphrase.py   check_passphrase; change_passphrase -> PassphraseChanged
    checking.py     check_qr_texts -> QrCheck (report, verdict, revealed lines); read_texts
                    (size cap), read_and_check -> ReadOutcome: an employer's check of QR codes
    verifying.py    verify_credentials -> Verified (id -> verdict, id -> report kept)
    backups.py      back_up -> BackedUp; read_backup; restore_backup -> Restored (with the
                    backup's trust offer not yet accepted); accept_offer -> OfferAccepted
    presenting.py   holder_key -> keys.Holder; present -> Presented (presentation, QR texts, JSON)
    exporting.py    export -> ExportResult: choose, build and write a portfolio (wallet.export)
    shares.py       shared_history -> [ShareEntry]: what went to which verifier, in words (the
                    CLI's `shared` and the window's View -> History of Sharing)
"""
