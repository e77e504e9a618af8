# Alerts on the data path: Firestore failing, snapshots going stale, experiments whose exposures
# fail the sample-ratio check, and the aggregator not running.

resource "google_monitoring_alert_policy" "firestore_errors" {
  display_name = "switchyard Firestore errors"
  combiner     = "OR"
  severity     = "ERROR"

  # Server-side failures only: NOT_FOUND, ABORTED (transaction contention, retried) and
  # FAILED_PRECONDITION are part of normal operation.
  conditions {
    display_name = "failed Firestore API calls over ${var.firestore_error_ratio * 100}% for 5 min"
    condition_threshold {
      filter             = "metric.type=\"firestore.googleapis.com/api/request_count\" AND resource.type=\"firestore_instance\" AND metric.label.response_code=one_of(\"UNAVAILABLE\", \"DEADLINE_EXCEEDED\", \"INTERNAL\", \"RESOURCE_EXHAUSTED\", \"PERMISSION_DENIED\", \"UNKNOWN\")"
      denominator_filter = "metric.type=\"firestore.googleapis.com/api/request_count\" AND resource.type=\"firestore_instance\""
      comparison         = "COMPARISON_GT"
      threshold_value    = var.firestore_error_ratio
      duration           = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  # What the functions saw: timeouts and refused connections never reach Firestore's own count.
  conditions {
    display_name = "functions logged more than 10 Firestore failures in 5 min"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.dependency_errors.name}\" AND resource.type=\"cloud_run_revision\" AND metric.label.dependency=\"firestore\""
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.function"]
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    subject   = "Switchyard: Firestore is failing"
    content   = file("${path.module}/runbooks/firestore-errors.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["firestore-errors.md"]
      content {
        display_name = "Runbook: Firestore errors"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }
}

resource "google_monitoring_alert_policy" "stale_snapshot" {
  display_name = "switchyard stale snapshots"
  combiner     = "OR"
  severity     = "ERROR"

  # Answers marked STALE: an instance could not confirm its snapshot within the freshness bound
  # (its store and Redis failing or slow). Idle instances age without serving anyone, so the
  # snapshot_age gauge alone would alert on quiet environments.
  conditions {
    display_name = "answers with reason STALE in an environment for 5 min"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/evaluations\" AND metric.label.reason=\"STALE\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.environment"]
      }

      trigger {
        count = 1
      }
    }
  }

  # Change notices reaching instances later than the bound: the Redis change feed is down or slow,
  # and freshness rests on version confirmation alone (still within the bound, at a read per request).
  conditions {
    display_name = "change notices later than ${var.max_staleness_ms} ms (p99) for 10 min"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/change_notice_delay\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.max_staleness_ms
      duration        = "600s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_PERCENTILE_99"
        cross_series_reducer = "REDUCE_MAX"
        group_by_fields      = ["metric.label.function"]
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    subject   = "Switchyard evaluate is serving stale snapshots"
    content   = file("${path.module}/runbooks/stale-snapshot.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["stale-snapshot.md"]
      content {
        display_name = "Runbook: stale snapshots"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  depends_on = [google_monitoring_metric_descriptor.switchyard]
}

resource "google_monitoring_alert_policy" "sample_ratio_mismatch" {
  display_name = "switchyard experiment sample-ratio mismatch"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "srm_mismatch = 1 for an experiment for 15 min"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/srm_mismatch\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.5
      duration        = "900s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_MAX"
        group_by_fields      = ["metric.label.environment", "metric.label.experiment"]
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
    subject   = "Switchyard: an experiment's exposures fail the sample-ratio check"
    content   = file("${path.module}/runbooks/sample-ratio-mismatch.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["sample-ratio-mismatch.md"]
      content {
        display_name = "Runbook: sample-ratio mismatch"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  depends_on = [google_monitoring_metric_descriptor.switchyard]
}

resource "google_monitoring_alert_policy" "aggregator_not_running" {
  display_name = "switchyard aggregator not running"
  combiner     = "OR"
  severity     = "ERROR"

  conditions {
    display_name = "no successful aggregator run for 10 min"
    condition_absent {
      filter   = "metric.type=\"${local.metric_prefix}/aggregator_runs\" AND metric.label.outcome=\"ok\""
      duration = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "aggregator runs failing for 10 min"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/aggregator_runs\" AND metric.label.outcome=\"failed\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "600s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  # Independent of the aggregator's own metrics: a run that never starts writes none.
  conditions {
    display_name = "oldest unacknowledged metrics message older than 15 min"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND resource.type=\"pubsub_subscription\" AND resource.label.subscription_id=\"${google_pubsub_subscription.aggregate.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 900
      duration        = "300s"

      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    subject   = "Switchyard's metrics aggregator is not running"
    content   = file("${path.module}/runbooks/aggregator-not-running.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["aggregator-not-running.md"]
      content {
        display_name = "Runbook: aggregator not running"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  depends_on = [google_monitoring_metric_descriptor.switchyard]
}
