# Safe releases (issue 17): the aggregate function reading Monitoring for the guards, the indexes
# of the minute run's collection-group queries, and the alert on halted plans (with its runbook).
# The dashboard panels are in dashboards/flag-usage.json.

# Monitoring guards read time series (ListTimeSeries, and the Prometheus query API for PromQL).
resource "google_project_iam_member" "aggregate_reads_monitoring" {
  project = var.project_id
  role    = "roles/monitoring.viewer"
  member  = "serviceAccount:${google_service_account.fn["aggregate"].email}"
}

# Running plans of every environment: releases where status == "running" order by flag
# (shared/releases/firestore-release-store.ts, active()).
resource "google_firestore_index" "releases_running" {
  database    = google_firestore_database.main.name
  collection  = "releases"
  query_scope = "COLLECTION_GROUP"

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }

  fields {
    field_path = "flag"
    order      = "ASCENDING"
  }
}

# Due scheduled changes of every environment: schedules where status == "pending" and dueAt <= now.
resource "google_firestore_index" "schedules_due" {
  database    = google_firestore_database.main.name
  collection  = "schedules"
  query_scope = "COLLECTION_GROUP"

  fields {
    field_path = "status"
    order      = "ASCENDING"
  }

  fields {
    field_path = "dueAt"
    order      = "ASCENDING"
  }
}

resource "google_monitoring_alert_policy" "release_halted" {
  display_name = "switchyard release halted"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "a release plan was halted by a breached guard"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/release_halts\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.environment", "metric.label.flag"]
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "86400s"
  }

  documentation {
    subject   = "Switchyard: a release plan halted and rolled back"
    content   = file("${path.module}/runbooks/release-halted.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["release-halted.md"]
      content {
        display_name = "Runbook: release halted"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }
}

# Every flag's rollup minutes of an environment in a range, for the release step's one read per
# environment: minutes where environment == ? and minute in [from, to) order by minute
# (shared/aggregate/firestore-rollup-store.ts, environmentMinutes()).
resource "google_firestore_index" "minutes_by_environment" {
  database    = google_firestore_database.main.name
  collection  = "minutes"
  query_scope = "COLLECTION_GROUP"

  fields {
    field_path = "environment"
    order      = "ASCENDING"
  }

  fields {
    field_path = "minute"
    order      = "ASCENDING"
  }
}
