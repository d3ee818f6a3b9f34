# NGF Console — every developer and CI entry point.
# `make run` and `make test` install what is missing first; nothing here uses
# your current kube context: the local control plane writes its own kubeconfig.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT        := $(abspath .)
CACHE       := $(ROOT)/.cache
UV_VERSION  := 0.13.8
BOOTSTRAP   := $(CACHE)/bootstrap
UV          := $(BOOTSTRAP)/bin/uv
VENV        := $(ROOT)/.venv
BIN         := $(VENV)/bin
NGF         := $(BIN)/ngf-console
PYTEST_ARGS ?=

export NGF_CONSOLE_ROOT := $(ROOT)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-22s %s\n", $$1, $$2}'

# ---------------------------------------------------------------- setup ----
$(UV):
	python3 -m venv $(BOOTSTRAP)
	$(BOOTSTRAP)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked
	touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

# Debian packages the tests and `make run` use (installed only when missing).
DEBIAN_PACKAGES := postgresql prometheus chromium

.PHONY: setup setup-debian setup-python setup-frontend setup-go
setup: setup-debian setup-python setup-frontend setup-go ## Install everything the product and tests need

setup-debian: ## Debian packages (apt-get, only what is missing)
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

setup-python: $(VENV)/.synced ## Python environment (uv, locked)

setup-frontend: frontend/node_modules/.package-lock.json ## npm packages (locked)

setup-go: ## Download the Go modules of the local control plane
	cd hack/localcluster && go mod download

# ---------------------------------------------------------------- build ----
.PHONY: build build-cluster build-frontend
build: build-cluster build-frontend ## Build everything that runs locally

build-cluster: setup-python setup-go ## Build the local control-plane binary (once; rebuilt when its sources change)
	$(NGF) cluster build

build-frontend: setup-frontend ## Build the SPA into frontend/dist
	cd frontend && npm run build

# -------------------------------------------------------------- cluster ----
.PHONY: cluster-up cluster-down cluster-status
cluster-up: build-cluster ## Start the local control plane in the background, with CRDs
	$(NGF) cluster up

cluster-down: setup-python ## Stop the local control plane
	$(NGF) cluster down

cluster-status: setup-python ## Is the local control plane running?
	$(NGF) cluster status

# ------------------------------------------------------------------ run ----
.PHONY: run
run: setup build-cluster build-frontend ## Set up and start the product on the embedded defaults (Ctrl-C stops it)
	$(NGF) run

.PHONY: dev-frontend
dev-frontend: setup-frontend ## Vite dev server with hot reload
	cd frontend && npm run dev

# ------------------------------------------------------------- generate ----
.PHONY: generate generate-crds generate-api
generate: generate-crds generate-deploy generate-api ## Run every generator (outputs are committed)

generate-crds: setup-python ## Typed models → config/crd/bases/*.yaml and docs/crd-reference.md
	$(BIN)/python -m ngf_console.api.crdgen

generate-api: setup-python setup-frontend ## API server → openapi/ngf-console.json and the UI's TypeScript client
	$(BIN)/python -m ngf_console.server.openapi
	cd frontend && npm run generate:api

.PHONY: generate-deploy generate-manifests
generate-deploy: setup-python ## Copy CRDs, RBAC and the ClickHouse schema into deploy/ (chart, compose)
	$(BIN)/python -m ngf_console.devcluster.tools sync

generate-manifests: generate-deploy build-tools ## Render deploy/manifests/install.yaml from the chart
	$(BIN)/python -m ngf_console.devcluster.tools manifests

# --------------------------------------------------------------- deploy ----
HELM  := $(CACHE)/tools/bin/helm
CHART := deploy/helm/ngf-console

.PHONY: build-tools helm-lint helm-template helm-package
build-tools: setup-python ## Build helm, kubeconform and compose-spec (pinned in hack/tools/go.mod) into .cache/tools
	$(BIN)/python -m ngf_console.devcluster.tools build

helm-lint: build-tools ## helm lint --strict on the chart
	$(HELM) lint --strict $(CHART)

helm-template: build-tools ## Render the chart with its default values (stdout)
	$(HELM) template ngf-console $(CHART) --namespace ngf-console --include-crds

helm-package: build-tools ## Package the chart into .cache/charts/
	$(HELM) package $(CHART) --destination $(CACHE)/charts

# ----------------------------------------------------------------- lint ----
.PHONY: lint lint-python lint-frontend lint-go
lint: lint-python lint-frontend lint-go ## Every linter, type checker and import contract

lint-python: setup-python ## ruff (lint + format), mypy --strict, import-linter
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

lint-frontend: setup-frontend ## ESLint + Prettier + tsc
	cd frontend && npm run lint && npm run typecheck

lint-go: ## gofmt on the control-plane wrapper
	@out=$$(gofmt -l hack/localcluster); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi

# ----------------------------------------------------------------- test ----
.PHONY: test test-unit test-integration test-frontend test-e2e
test: setup lint test-unit test-integration test-frontend test-e2e ## Set up and run every test

test-unit: setup-python ## Pure unit tests
	$(BIN)/pytest tests/unit $(PYTEST_ARGS) || [ $$? -eq 5 ]  # 5 = nothing collected

test-integration: build-cluster build-tools ## Integration tests against the real local control plane
	$(BIN)/pytest tests/integration $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-frontend: setup-frontend ## API client drift check, Vitest + Testing Library, and a production build
	cd frontend && npm run check:api && npm test && npm run build

test-e2e: setup-debian build-cluster build-frontend setup-python ## Browser end-to-end tests (Debian chromium) against `ngf-console run`
	cd frontend && npm run e2e

# ---------------------------------------------------------------- bench ----
.PHONY: bench
bench: build-cluster ## Benchmarks; JSON results in bench/results/
	$(BIN)/python -m bench.run

.PHONY: clean
clean: cluster-down ## Remove build outputs (keeps Go, uv and npm caches)
	rm -rf $(CACHE)/localcluster frontend/dist
