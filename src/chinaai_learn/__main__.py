"""Allow ``python -m chinaai_learn``."""

from chinaai_learn.cli import main

raise SystemExit(main())
