"""Command-line entry points (`ngf-console`)."""
