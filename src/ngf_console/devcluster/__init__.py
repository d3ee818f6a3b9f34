"""The local control plane for tests and the demo.

`hack/localcluster` (Go) is a real kube-apiserver with embedded etcd and the
garbage-collector and namespace controllers. This package builds it once,
starts and stops it, and installs the CRDs the product needs. It never talks to
a cluster the user did not name: it only uses the kubeconfig it wrote itself.
"""
