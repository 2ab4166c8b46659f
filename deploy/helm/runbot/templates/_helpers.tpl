{{- define "runbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "runbot.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "runbot.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "runbot.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "runbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "runbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "runbot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "runbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "runbot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "runbot.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "runbot.instance" -}}
{{- default .Release.Name .Values.runbot.instance -}}
{{- end -}}

{{/* The Secret each group of settings is read from: the user's own, else the chart's. */}}
{{- define "runbot.secretName.api" -}}
{{- default (include "runbot.fullname" .) .Values.api.existingSecret -}}
{{- end -}}
{{- define "runbot.secretName.github" -}}
{{- default (include "runbot.fullname" .) .Values.github.existingSecret -}}
{{- end -}}
{{- define "runbot.secretName.slack" -}}
{{- default (include "runbot.fullname" .) .Values.slack.existingSecret -}}
{{- end -}}
{{- define "runbot.secretName.database" -}}
{{- default (include "runbot.fullname" .) .Values.database.existingSecret -}}
{{- end -}}

{{/* Whether the chart's own Secret has anything to hold. */}}
{{- define "runbot.ownSecret" -}}
{{- if or (and (not .Values.api.existingSecret) .Values.api.token)
          (and .Values.github.enabled (not .Values.github.existingSecret))
          (and .Values.slack.enabled (not .Values.slack.existingSecret))
          (and (not .Values.database.existingSecret) .Values.database.url) -}}
true
{{- end -}}
{{- end -}}

{{/*
Refuses values runbot cannot run with, naming the value. Included by the Deployment, so
`helm template` and `helm install` stop before anything is applied.
*/}}
{{- define "runbot.validate" -}}
{{- if not .Values.runbot.previewDomain -}}
{{- fail "runbot.previewDomain is required: preview hosts are {project}-pr-{N}.<runbot.previewDomain>" -}}
{{- end -}}
{{- if not (regexMatch "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" (include "runbot.instance" .)) -}}
{{- fail (printf "runbot.instance must be lowercase letters, digits and inner hyphens (it names a label value and a Lease), not %q" (include "runbot.instance" .)) -}}
{{- end -}}
{{- if not (has .Values.logFormat (list "json" "text")) -}}
{{- fail (printf "logFormat must be json or text, not %q" (toString .Values.logFormat)) -}}
{{- end -}}
{{- if not .Values.api.existingSecret -}}
{{- if not .Values.api.token -}}
{{- fail "api.token (or api.existingSecret) is required: the data dir is an emptyDir, so a token runbot generated itself would change with every pod" -}}
{{- else if lt (len .Values.api.token) 16 -}}
{{- fail "api.token must be at least 16 characters" -}}
{{- end -}}
{{- end -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.database.existingSecret) -}}
{{- if not .Values.database.url -}}
{{- fail (printf "database.url (or database.existingSecret) is required when replicaCount is %d: H2 cannot be shared between replicas; use jdbc:postgresql://host:5432/runbot" (int .Values.replicaCount)) -}}
{{- else if not (hasPrefix "jdbc:postgresql:" .Values.database.url) -}}
{{- fail (printf "database.url must be a PostgreSQL URL (jdbc:postgresql://...) when replicaCount is %d: H2 cannot be shared between replicas" (int .Values.replicaCount)) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.github.enabled (not .Values.github.existingSecret) -}}
{{- if not .Values.github.webhookSecret -}}
{{- fail "github.webhookSecret (or github.existingSecret) is required when github.enabled is true: runbot accepts no unsigned webhook" -}}
{{- end -}}
{{- if not (or .Values.github.token (and .Values.github.appId .Values.github.privateKey)) -}}
{{- fail "github.appId with github.privateKey, or github.token (or github.existingSecret), is required when github.enabled is true" -}}
{{- end -}}
{{- end -}}
{{- if and .Values.slack.enabled (not .Values.slack.existingSecret) -}}
{{- if not .Values.slack.botToken -}}
{{- fail "slack.botToken (or slack.existingSecret) is required when slack.enabled is true" -}}
{{- end -}}
{{- if not .Values.slack.signingSecret -}}
{{- fail "slack.signingSecret (or slack.existingSecret) is required when slack.enabled is true: runbot accepts no unsigned Slack request" -}}
{{- end -}}
{{- end -}}
{{- if and .Values.dashboard.github.clientId (not (or .Values.dashboard.github.clientSecret .Values.dashboard.existingSecret)) -}}
{{- fail "dashboard.github.clientSecret (or dashboard.existingSecret) is required with dashboard.github.clientId: GitHub trades the login code for a token only with both" -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) -}}
{{- fail "ingress.host is required when ingress.enabled is true: GitHub and Slack are pointed at https://<ingress.host>/webhooks/github and /slack/events" -}}
{{- end -}}
{{- end -}}
