"""The GatewayBundle controller: Gateway, NginxProxy, WAFPolicy, snippets and TLS Secrets."""
