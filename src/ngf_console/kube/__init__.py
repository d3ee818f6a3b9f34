"""The Kubernetes adapter: the only product package that imports lightkube.

Everything else talks to the API server through what this package exposes.
"""
