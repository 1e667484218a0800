"""``python -m thads_metrics``: the same as the ``thads-metrics`` command."""

from thads_metrics.cli import main

raise SystemExit(main())
