"""`python -m qa.cli`."""

import sys

from qa.cli.main import main

sys.exit(main())
