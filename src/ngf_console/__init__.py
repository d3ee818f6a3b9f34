"""NGF Console: a web console and Kubernetes operator for NGINX Gateway Fabric."""

__version__ = "0.1.0"
