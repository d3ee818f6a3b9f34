"""Pure desired-state builders: a parent's spec (plus gathered facts) → child manifests.

Nothing here performs I/O. Each builder returns plain JSON-compatible manifests
(`Manifest`) ready for server-side apply; the controllers decide what to apply.
Every child carries the labels `app.kubernetes.io/managed-by=ngf-console` and
`ngf-console.f5.com/<parent-kind>=<name>` and, unless shared, a controller
ownerReference to its parent.
"""
