{{/* Name of the release's objects: the release name when it already says ngf-console. */}}
{{- define "ngf-console.fullname" -}}
{{- if contains "ngf-console" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-ngf-console" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ngf-console.labels" -}}
app.kubernetes.io/name: ngf-console
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "ctx" $ "component" "api") */}}
{{- define "ngf-console.selector" -}}
app.kubernetes.io/name: ngf-console
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "ngf-console.componentLabels" -}}
{{ include "ngf-console.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "ngf-console.image" -}}
{{ printf "%s:%s" .repository .tag | quote }}
{{- end -}}

{{/* A duration (30s, 5m, 1h) in seconds, for --resync-period. */}}
{{- define "ngf-console.seconds" -}}
{{- $unit := . | trunc -1 | toString -}}
{{- $n := . | trimSuffix "s" | trimSuffix "m" | trimSuffix "h" | int -}}
{{- if eq $unit "h" -}}{{ mul $n 3600 }}{{- else if eq $unit "m" -}}{{ mul $n 60 }}{{- else -}}{{ $n }}{{- end -}}
{{- end -}}

{{- define "ngf-console.postgresHost" -}}
{{- if .Values.database.postgresql.host -}}
{{ .Values.database.postgresql.host }}
{{- else -}}
{{ include "ngf-console.fullname" . }}-postgresql
{{- end -}}
{{- end -}}

{{- define "ngf-console.databaseSecret" -}}
{{- if .Values.database.postgresql.existingSecret -}}
{{ .Values.database.postgresql.existingSecret }}
{{- else -}}
{{ include "ngf-console.fullname" . }}-database
{{- end -}}
{{- end -}}

{{/* Pod and container security context shared by every component: non-root, read-only root. */}}
{{- define "ngf-console.podSecurity" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ngf-console.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* A ClusterRole from files/rbac (a copy of config/rbac, kept equal by `make generate`),
     renamed for this release: (dict "ctx" $ "file" "api_role.yaml" "suffix" "api") */}}
{{- define "ngf-console.clusterRoleFrom" -}}
{{- $role := .ctx.Files.Get (printf "files/rbac/%s" .file) | fromYaml -}}
{{- $labels := merge (include "ngf-console.labels" .ctx | fromYaml) ($role.metadata.labels | default dict) -}}
{{- $_ := set $role "metadata" (dict "name" (printf "%s-%s" (include "ngf-console.fullname" .ctx) .suffix) "labels" $labels) -}}
{{ toYaml $role }}
{{- end -}}

{{/* The Secret holding the XC API token (key `token`). */}}
{{- define "ngf-console.xcSecret" -}}
{{- if .Values.xc.apiTokenSecretRef -}}
{{ .Values.xc.apiTokenSecretRef }}
{{- else -}}
{{ include "ngf-console.fullname" . }}-xc
{{- end -}}
{{- end -}}

{{/* xc.* that cannot work fail the render with a message naming the values. */}}
{{- define "ngf-console.xcChecks" -}}
{{- if .Values.xc.enabled -}}
{{- if not .Values.xc.tenantUrl -}}
{{- fail "xc.tenantUrl is required with xc.enabled=true (https://<tenant>.console.ves.volterra.io)" -}}
{{- end -}}
{{- if and .Values.xc.apiTokenSecretRef .Values.xc.apiToken -}}
{{- fail "set one of xc.apiTokenSecretRef and xc.apiToken, not both" -}}
{{- end -}}
{{- if not (or .Values.xc.apiTokenSecretRef .Values.xc.apiToken) -}}
{{- fail "xc.enabled=true needs the API token: xc.apiTokenSecretRef (an existing Secret with key `token`) or xc.apiToken" -}}
{{- end -}}
{{- end -}}
{{- end -}}
