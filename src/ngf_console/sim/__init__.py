"""The simulated inference data plane: demo and tests only, never imported by production code.

* `engine`, `runner`, `prompts`, `clock` — one model server's continuous-batching queueing
  model in virtual time, driven in (scaled) real time.
* `vllm_metrics`, `triton_metrics`, `exposition`, `openai_api`, `pod` — a pod serving vLLM- or
  Triton TRT-LLM-style `/metrics` and OpenAI `/v1/completions` (SSE streaming).
* `gpu_trace`, `gpu`, `gpu_types`, `dcgm` — GPUs whose telemetry follows the real H200 trace,
  served as dcgm-exporter series.
* `epp_sim`, `decisions` — the EPP picking pods with `ngf_console.inference` and its decision
  log (ring buffer + subscribers).
* `otlp`, `otlp_records` — OTLP/HTTP logs export of every EPP decision and completed request
  (to the API server's `/v1/logs`, where they become `ngf_epp_decisions` and
  `ngf_inference_logs` rows).
* `traffic`, `fleet`, `serving` — daily traffic with shared-prefix prompt families, a scalable
  pool of pods, and the loopback HTTP servers.
* `kubelet`, `kubelet_runtime`, `node`, `roles`, `pods`, `rollout`, `addresses` — the kubelet
  and Deployment-controller stand-in of the local cluster: Pod objects with loopback IPs,
  Deployment status, and the fleets behind them.
* `demo`, `demo_objects`, `prometheus` — `ngf-console demo`: demo stacks, traffic and a real
  Prometheus.

See `docs/inference-simulator.md`.
"""
