// Command localcluster runs a real Kubernetes control plane in one process:
// embedded etcd, kube-apiserver and the garbage-collector, namespace,
// serviceaccount and root-CA publisher controllers of kube-controller-manager.
//
// It is NGF Console's test and demo cluster: no kubelet, no scheduler, so Pods
// never run, but every API-server behaviour (CRD schemas and CEL, RBAC,
// server-side apply, watches, Leases, owner-reference garbage collection,
// namespace deletion) is the real one.
//
// Usage: localcluster --data-dir DIR [--port N] [--kubeconfig FILE]
// It writes DIR/kubeconfig (admin), logs to stderr, prints
// "localcluster ready <url>" on stdout once /readyz is ok and the default
// namespace exists, writes DIR/ready with the URL, and exits 0 on SIGTERM.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	kubeapiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "localcluster: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	dataDir := flag.String("data-dir", "", "directory for etcd data, certificates and the kubeconfig (required)")
	port := flag.Int("port", 0, "kube-apiserver secure port on 127.0.0.1 (0 picks a free port)")
	kubeconfigPath := flag.String("kubeconfig", "", "where to write the admin kubeconfig (default DATA_DIR/kubeconfig)")
	fsync := flag.Bool("etcd-fsync", false, "fsync etcd writes (off by default: this cluster is for tests and demos)")
	var extra multiFlag
	flag.Var(&extra, "apiserver-arg", "extra kube-apiserver flag, e.g. --apiserver-arg=--etcd-compaction-interval=1m (repeatable)")
	flag.Parse()
	if *dataDir == "" {
		fail("--data-dir is required")
	}
	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("data dir: %v", err)
	}
	*dataDir = abs
	if *kubeconfigPath == "" {
		*kubeconfigPath = filepath.Join(*dataDir, "kubeconfig")
	}
	readyFile := filepath.Join(*dataDir, "ready")
	_ = os.Remove(readyFile)

	p := newPKI(filepath.Join(*dataDir, "pki"))
	if err := p.ensure(); err != nil {
		fail("certificates: %v", err)
	}
	if *port == 0 {
		if *port, err = freePort(); err != nil {
			fail("free port: %v", err)
		}
	}
	server := fmt.Sprintf("https://127.0.0.1:%d", *port)
	kc, err := p.kubeconfig(server)
	if err != nil {
		fail("kubeconfig: %v", err)
	}
	if err := writeAtomic(*kubeconfigPath, kc); err != nil {
		fail("write kubeconfig: %v", err)
	}

	etcd, etcdURL, err := startEtcd(filepath.Join(*dataDir, "etcd"), *fsync)
	if err != nil {
		fail("etcd: %v", err)
	}

	// NewAPIServerCommand installs the process's SIGTERM/SIGINT handler; its
	// context is cancelled on the first signal and drives the shutdown.
	apiCmd := kubeapiserver.NewAPIServerCommand()
	apiCmd.SetArgs(append([]string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", *port),
		"--tls-cert-file=" + p.serverCert,
		"--tls-private-key-file=" + p.serverKey,
		"--client-ca-file=" + p.caCert,
		"--service-account-key-file=" + p.saKey,
		"--service-account-signing-key-file=" + p.saKey,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--authorization-mode=RBAC",
		"--runtime-config=api/all=true",
		"--service-cluster-ip-range=10.0.0.0/16",
		"--allow-privileged=true",
		"--enable-priority-and-fairness=false",
		"--profiling=false",
		"--cert-dir=" + filepath.Join(*dataDir, "pki"),
		// The loopback address cannot be an Endpoints address; nothing in
		// this cluster runs Pods that would use the kubernetes Service.
		"--endpoint-reconciler-type=none",
	}, extra...))
	ctx := apiCmd.Context()
	apiDone := make(chan error, 1)
	go func() { apiDone <- apiCmd.Execute() }()

	if err := waitReady(ctx, server, p, apiDone); err != nil {
		etcd.Close()
		fail("kube-apiserver did not become ready: %v", err)
	}

	if err := startControllers(ctx, *kubeconfigPath, p.caCert); err != nil {
		fail("controllers: %v", err)
	}

	if err := waitDefaultNamespace(ctx, server, p); err != nil {
		fail("default namespace: %v", err)
	}
	if err := writeAtomic(readyFile, []byte(server+"\n")); err != nil {
		fail("ready file: %v", err)
	}
	fmt.Printf("localcluster ready %s kubeconfig=%s\n", server, *kubeconfigPath)

	err = <-apiDone
	_ = os.Remove(readyFile)
	etcd.Close()
	if err != nil && ctx.Err() == nil {
		fail("kube-apiserver: %v", err)
	}
	fmt.Fprintln(os.Stderr, "localcluster: stopped")
	os.Exit(0)
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func startEtcd(dir string, fsync bool) (*embed.Etcd, string, error) {
	clientPort, err := freePort()
	if err != nil {
		return nil, "", err
	}
	peerPort, err := freePort()
	if err != nil {
		return nil, "", err
	}
	cfg := embed.NewConfig()
	cfg.Name = "localcluster"
	cfg.Dir = dir
	cfg.LogLevel = "error"
	cfg.UnsafeNoFsync = !fsync
	cu, _ := parseURL(fmt.Sprintf("http://127.0.0.1:%d", clientPort))
	pu, _ := parseURL(fmt.Sprintf("http://127.0.0.1:%d", peerPort))
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = cu, cu
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = pu, pu
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, "", err
	}
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, "", fmt.Errorf("etcd not ready after 60s")
	}
	return e, cu[0].String(), nil
}

func adminClient(p pki) (*http.Client, error) {
	pair, err := tls.LoadX509KeyPair(p.adminCert, p.adminKey)
	if err != nil {
		return nil, err
	}
	caPEM, err := os.ReadFile(p.caCert)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	return &http.Client{
		Timeout: 5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{
			Certificates: []tls.Certificate{pair}, RootCAs: pool, MinVersion: tls.VersionTLS12,
		}},
	}, nil
}

func poll(ctx context.Context, what string, limit time.Duration, apiDone <-chan error, check func() (bool, string)) error {
	deadline := time.Now().Add(limit)
	last := ""
	for time.Now().Before(deadline) {
		ok, detail := check()
		if ok {
			return nil
		}
		last = detail
		select {
		case err := <-apiDone:
			return fmt.Errorf("kube-apiserver exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ok after %s (last: %s)", what, limit, last)
}

func get(c *http.Client, url string) (int, string) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, string(body)
}

func waitReady(ctx context.Context, server string, p pki, apiDone <-chan error) error {
	c, err := adminClient(p)
	if err != nil {
		return err
	}
	return poll(ctx, "/readyz", 180*time.Second, apiDone, func() (bool, string) {
		code, body := get(c, server+"/readyz")
		return code == http.StatusOK, fmt.Sprintf("%d %s", code, body)
	})
}

func waitDefaultNamespace(ctx context.Context, server string, p pki) error {
	c, err := adminClient(p)
	if err != nil {
		return err
	}
	return poll(ctx, "namespace default", 60*time.Second, nil, func() (bool, string) {
		code, body := get(c, server+"/api/v1/namespaces/default")
		return code == http.StatusOK, fmt.Sprintf("%d %s", code, body)
	})
}
