# syntax=docker/dockerfile:1.7
# One Python image, three final targets (spec §2.3), built from the repository root:
#   docker build -f deploy/docker/python.Dockerfile --target api       -t ngf-console-api:0.1.0 .
#   docker build -f deploy/docker/python.Dockerfile --target operator  -t ngf-console-operator:0.1.0 .
#   docker build -f deploy/docker/python.Dockerfile --target migration -t ngf-console-migration:0.1.0 .
# The dependencies come from uv.lock (no resolution at build time); the final stages hold
# only the virtual environment and run as an unprivileged user with a read-only root.

ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ghcr.io/astral-sh/uv:0.13.8 AS uv

FROM ${PYTHON_IMAGE} AS build
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv
WORKDIR /src
# Dependencies first: this layer is reused until pyproject.toml or uv.lock change.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY src ./src
RUN uv sync --locked --no-dev --no-editable

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --gid 65532 ngf \
 && useradd --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin ngf
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /tmp
USER 65532:65532
ENTRYPOINT ["ngf-console"]

FROM runtime AS api
EXPOSE 8080
CMD ["api", "--log-format", "json"]

FROM runtime AS operator
EXPOSE 8081
CMD ["operator", "--log-format", "json"]

# The migration CLI (`ngf-console migrate`, spec §3.9.4) and the database upgrade
# (`ngf-console db upgrade`) run from this image as a Job or an init container.
FROM runtime AS migration
CMD ["db", "upgrade"]
