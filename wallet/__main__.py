"""`python -m wallet` is the same as the `learner-wallet` command."""

import sys

from wallet.cli import main

sys.exit(main())
