# syntax=docker/dockerfile:1.7
# ngf-console-frontend (spec §2.3): the built SPA served by unprivileged nginx on 8080.
#   docker build -f deploy/docker/frontend.Dockerfile -t ngf-console-frontend:0.1.0 .

FROM node:20.19-bookworm-slim AS build
WORKDIR /src
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.29-alpine AS frontend
COPY deploy/docker/nginx/spa.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist /usr/share/nginx/html
USER 101:101
EXPOSE 8080
