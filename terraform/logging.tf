# Logs: the functions' logs (their own lines and Cloud Run's request log) are routed to one bucket
# with its own retention, and left out of _Default so each line is stored, and paid for, once.
# Log-based metrics count what the logs already say and metrics must not carry: client IPs.
# (User-defined log-based metrics see every ingested line, excluded from _Default or not.)

locals {
  functions_log_filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=~\"^switchyard-\""
}

resource "google_logging_project_bucket_config" "switchyard" {
  project        = var.project_id
  location       = var.region
  bucket_id      = "switchyard"
  retention_days = var.log_retention_days
  description    = "Logs of the Switchyard functions (request lines, errors, Cloud Run request log)."

  depends_on = [google_project_service.apis]
}

resource "google_logging_project_sink" "switchyard" {
  name                   = "switchyard-functions"
  description            = "Routes the Switchyard functions' logs to their bucket."
  destination            = "logging.googleapis.com/${google_logging_project_bucket_config.switchyard.id}"
  filter                 = local.functions_log_filter
  unique_writer_identity = true
}

resource "google_logging_project_exclusion" "switchyard_from_default" {
  name        = "switchyard-functions-in-own-bucket"
  description = "Switchyard's logs are kept in the switchyard bucket (sink switchyard-functions)."
  filter      = local.functions_log_filter
}

# Refused credentials by client IP and key id: the brute-force alert. An IP is never a label of
# the metrics pipeline (unbounded cardinality in every message); here it lives only in one metric
# whose series exist while the failures do.
resource "google_logging_metric" "auth_failures_by_source" {
  name        = "switchyard_auth_failures_by_source"
  description = "Requests answered 401/403 (errorCode UNAUTHORIZED or FORBIDDEN) by client IP, key id and function."
  filter      = "${local.functions_log_filter} AND jsonPayload.errorCode=(\"UNAUTHORIZED\" OR \"FORBIDDEN\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "remote_ip"
      value_type  = "STRING"
      description = "httpRequest.remoteIp of the request line"
    }
    labels {
      key         = "key_id"
      value_type  = "STRING"
      description = "Id of the key that authenticated but was refused (empty for an unknown key)"
    }
    labels {
      key         = "function"
      value_type  = "STRING"
      description = "Function that refused the request"
    }
  }

  label_extractors = {
    remote_ip = "EXTRACT(httpRequest.remoteIp)"
    key_id    = "EXTRACT(jsonPayload.keyId)"
    function  = "EXTRACT(labels.function)"
  }
}

# Dependency failures as logged (errorKind "dependency"): available within a minute even when the
# metrics pipeline itself is what failed.
resource "google_logging_metric" "dependency_errors" {
  name        = "switchyard_dependency_errors"
  description = "Error lines of a failed dependency call (Firestore, Redis, Pub/Sub) by dependency and function."
  filter      = "${local.functions_log_filter} AND jsonPayload.errorKind=\"dependency\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key        = "dependency"
      value_type = "STRING"
    }
    labels {
      key        = "function"
      value_type = "STRING"
    }
  }

  label_extractors = {
    dependency = "EXTRACT(jsonPayload.dependency)"
    function   = "EXTRACT(labels.function)"
  }
}

# Bugs (what Error Reporting groups), per function, for the errors dashboard.
resource "google_logging_metric" "bugs" {
  name        = "switchyard_bugs"
  description = "Error lines in Error Reporting's format (a bug answered 500) by function."
  filter      = "${local.functions_log_filter} AND jsonPayload.\"@type\"=\"type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent\""

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key        = "function"
      value_type = "STRING"
    }
  }

  label_extractors = {
    function = "EXTRACT(labels.function)"
  }
}
