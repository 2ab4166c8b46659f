{{/* The labels runbot computes (ENVIRONMENT.md), indented by the caller. */}}
{{- define "preview-env.labels" -}}
{{- range $key, $value := .Values.labels }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* The annotations runbot computes. Only on objects, never inside pod or claim templates (see below). */}}
{{- define "preview-env.annotations" -}}
{{- range $key, $value := .Values.annotations }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Selects the pods of one part (app, postgres, mariadb, redis, seed); stable across redeploys. */}}
{{- define "preview-env.selector" -}}
app.kubernetes.io/name: {{ .part | quote }}
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
{{- end }}

{{/*
metadata of a namespaced object: name, namespace, runbot's labels and annotations, and the
labels of the part it belongs to. Call with (dict "root" $ "name" "postgres-credentials"),
optionally with "part" ("postgres") and "annotations" (a dict) for the object's own.
*/}}
{{- define "preview-env.metadata" -}}
name: {{ .name | quote }}
namespace: {{ .root.Release.Namespace | quote }}
labels:
  {{- include "preview-env.labels" .root | trim | nindent 2 }}
  {{- if .part }}
  {{- include "preview-env.selector" . | nindent 2 }}
  {{- end }}
annotations:
  {{- include "preview-env.annotations" .root | trim | nindent 2 }}
  {{- range $key, $value := .annotations }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
{{- end }}

{{/*
metadata of a pod or claim template: labels only. The annotations change with every deploy,
extend and pin (head-sha, expires-at, pinned-until); inside a template they would restart the
pods of the app and the databases on every extend, and a StatefulSet's volumeClaimTemplates and
a Job's template cannot change at all once created.
*/}}
{{- define "preview-env.templateMetadata" -}}
labels:
  {{- include "preview-env.labels" .root | trim | nindent 2 }}
  {{- include "preview-env.selector" . | nindent 2 }}
{{- end }}

{{/* The restricted pod security context, running as the given user and group. */}}
{{- define "preview-env.podSecurity" -}}
runAsNonRoot: true
{{- with .uid }}
runAsUser: {{ . | int }}
{{- end }}
{{- with .gid }}
runAsGroup: {{ . | int }}
fsGroup: {{ . | int }}
fsGroupChangePolicy: OnRootMismatch
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "preview-env.containerSecurity" -}}
allowPrivilegeEscalation: false
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* Requests and a memory limit; no CPU limit, so a busy preview is slowed by others' requests, not throttled. */}}
{{- define "preview-env.resources" -}}
requests:
  cpu: {{ .cpu | quote }}
  memory: {{ .memory | quote }}
limits:
  memory: {{ .memory | quote }}
{{- end }}

{{/* One env entry read from a database's Secret; left out when the repository's env sets the same name. */}}
{{- define "preview-env.secretEnv" -}}
{{- if not (hasKey .env .name) }}
- name: {{ .name | quote }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end }}
{{- end }}

{{/* One literal env entry; left out when the repository's env sets the same name. */}}
{{- define "preview-env.valueEnv" -}}
{{- if not (hasKey .env .name) }}
- name: {{ .name | quote }}
  value: {{ .value | toString | quote }}
{{- end }}
{{- end }}

{{/*
The app's environment variables for its databases. Passwords and URLs (which hold the password)
only ever come from the Secrets through secretKeyRef.
*/}}
{{- define "preview-env.databaseEnv" -}}
{{- $env := .Values.app.env }}
{{- $db := .Values.databases }}
{{- with $db.postgres }}
{{- if .enabled }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "POSTGRES_HOST" "value" "postgres") }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "POSTGRES_PORT" "value" "5432") }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "POSTGRES_DB" "value" .database) }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "POSTGRES_USER" "secret" "postgres-credentials" "key" "username") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "POSTGRES_PASSWORD" "secret" "postgres-credentials" "key" "password") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "POSTGRES_URL" "secret" "postgres-credentials" "key" "url") }}
{{- end }}
{{- end }}
{{- with $db.mariadb }}
{{- if .enabled }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "MARIADB_HOST" "value" "mariadb") }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "MARIADB_PORT" "value" "3306") }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "MARIADB_DATABASE" "value" .database) }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "MARIADB_USER" "secret" "mariadb-credentials" "key" "username") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "MARIADB_PASSWORD" "secret" "mariadb-credentials" "key" "password") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "MARIADB_URL" "secret" "mariadb-credentials" "key" "url") }}
{{- end }}
{{- end }}
{{- with $db.redis }}
{{- if .enabled }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "REDIS_HOST" "value" "redis") }}
{{- include "preview-env.valueEnv" (dict "env" $env "name" "REDIS_PORT" "value" "6379") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "REDIS_PASSWORD" "secret" "redis-credentials" "key" "password") }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "REDIS_URL" "secret" "redis-credentials" "key" "url") }}
{{- end }}
{{- end }}
{{- with $db.primary }}
{{- include "preview-env.secretEnv" (dict "env" $env "name" "DATABASE_URL" "secret" (printf "%s-credentials" .) "key" "url") }}
{{- end }}
{{- end }}

{{/* A database's volume claim template: labels only (the field cannot change after creation). */}}
{{- define "preview-env.dataClaim" -}}
- metadata:
    name: data
    {{- include "preview-env.templateMetadata" . | nindent 4 }}
  spec:
    accessModes: ["ReadWriteOnce"]
    {{- with .root.Values.databases.storage.className }}
    storageClassName: {{ . | quote }}
    {{- end }}
    resources:
      requests:
        storage: {{ .root.Values.databases.storage.size | quote }}
{{- end }}
