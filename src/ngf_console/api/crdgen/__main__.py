"""Entry point of `python -m ngf_console.api.crdgen`."""

from ngf_console.api.crdgen.cli import main

raise SystemExit(main())
