"""The CertificateBundle controller: TLS Secret or cert-manager Certificate, expiry, attachment."""
