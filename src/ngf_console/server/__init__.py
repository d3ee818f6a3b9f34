"""The API server: a thin backend-for-frontend.

It writes parent CRDs (and the spec's lightweight routes and policies) and
nothing else; child resources belong to the operator. It may not import
`ngf_console.operator` (import-linter contract in pyproject.toml).
"""
