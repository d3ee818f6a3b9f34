"""The operator: one controller per parent kind, reconciling every child.

Builders in `operator.children` are pure (spec → manifests); controllers
gather, decide and apply the difference, then write status when it changed.
"""
