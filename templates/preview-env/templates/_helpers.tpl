{{/* Labels runbot puts on every object, plus the app's own name. */}}
{{- define "preview-env.labels" -}}
{{- range $key, $value := .Values.labels }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{- define "preview-env.annotations" -}}
{{- range $key, $value := .Values.annotations }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Selects the app's pods; stable across redeploys. */}}
{{- define "preview-env.selector" -}}
app.kubernetes.io/name: app
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end }}
