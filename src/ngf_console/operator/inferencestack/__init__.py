"""The InferenceStack controller: children, drift repair, shared DCGM exporter, status."""
