"""Entry point of `python -m ngf_console.upstream.ngf.crdgen`."""

from ngf_console.upstream.ngf.crdgen.cli import main

raise SystemExit(main())
