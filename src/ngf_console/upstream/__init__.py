"""Typed models of upstream APIs we create or read but do not own.

Each subpackage models one upstream project's API at a pinned released version, with the same
conventions as our own API (`ngf_console.api`): pydantic models with `extra="forbid"`, a
description on every field, enums as `Literal`s and CEL rules mirrored in Python. Where an
upstream project's CRDs cannot be installed from its published Go module, the subpackage also
generates them (see `ngf_console.upstream.ngf.crdgen`).

These models describe someone else's API: change them only to follow upstream, never to suit
the product.
"""
