"""Entry point of the frozen app: the same `learner-wallet` command line as the pip install."""

import sys

from wallet.cli import main

if __name__ == "__main__":
    sys.exit(main())
