package main

// controllers.go runs the part of kube-controller-manager this cluster needs:
// garbage collection, namespace deletion, default ServiceAccounts and the
// kube-root-ca.crt ConfigMap. The cobra command cannot be used in-process:
// it re-applies the logging configuration (refused after the API server did)
// and may install a second signal handler, so its RunE is replayed here. The
// controllers stop with the API server's context, so their watches do not hold
// the API server's shutdown open.

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	kcm "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	kcmoptions "k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
)

func startControllers(ctx context.Context, kubeconfig, caFile string) error {
	// Releasing a leader-election lock on exit installs a signal handler; the
	// API server owns the only one, and leader election is off anyway.
	if err := utilfeature.DefaultMutableFeatureGate.SetFromMap(map[string]bool{
		"ControllerManagerReleaseLeaderElectionLockOnExit": false,
	}); err != nil {
		fmt.Fprintf(os.Stderr, "localcluster: feature gate: %v\n", err)
	}
	s, err := kcmoptions.NewKubeControllerManagerOptions()
	if err != nil {
		return err
	}
	named := s.Flags(kcm.KnownControllers(), kcm.ControllersDisabledByDefault(), kcm.ControllerAliases())
	fs := pflag.NewFlagSet("kube-controller-manager", pflag.ContinueOnError)
	for _, set := range named.FlagSets {
		fs.AddFlagSet(set)
	}
	s.ParsedFlags = &named
	if err := fs.Parse([]string{
		"--kubeconfig=" + kubeconfig,
		"--controllers=garbage-collector-controller,namespace-controller,serviceaccount-controller,root-ca-certificate-publisher-controller",
		"--leader-elect=false",
		"--secure-port=0",
		"--root-ca-file=" + caFile,
		"--concurrent-gc-syncs=5",
		"--concurrent-namespace-syncs=5",
	}); err != nil {
		return err
	}
	c, err := s.Config(ctx, kcm.KnownControllers(), kcm.ControllersDisabledByDefault(), kcm.ControllerAliases())
	if err != nil {
		return err
	}
	go func() {
		if err := kcm.Run(ctx, c.Complete()); err != nil {
			fmt.Fprintf(os.Stderr, "localcluster: controller manager stopped: %v\n", err)
		}
	}()
	return nil
}
