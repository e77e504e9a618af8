# Alerts on who is calling: rate-limit rejections, brute force on credentials, a spike of refused
# credentials. Switchyard counters are CUMULATIVE points restarting every minute (metrics.tf), read
# with ALIGN_DELTA; the log-based metric is DELTA, summed with ALIGN_SUM.

resource "google_monitoring_alert_policy" "rate_limit_rejections" {
  display_name = "switchyard rate-limit rejections above ${var.rate_limit_rejection_ratio * 100}% of evaluate traffic"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "rate_limit_rejections / http_requests of evaluate over ${var.rate_limit_rejection_ratio * 100}% for 5 min"
    condition_threshold {
      filter             = "metric.type=\"${local.metric_prefix}/rate_limit_rejections\" AND metric.label.function=\"evaluate\""
      denominator_filter = "metric.type=\"${local.metric_prefix}/http_requests\" AND metric.label.function=\"evaluate\""
      comparison         = "COMPARISON_GT"
      threshold_value    = var.rate_limit_rejection_ratio
      duration           = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "3600s"
  }

  documentation {
    subject   = "Switchyard is refusing more than ${var.rate_limit_rejection_ratio * 100}% of evaluations (429)"
    content   = file("${path.module}/runbooks/rate-limit-rejections.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["rate-limit-rejections.md"]
      content {
        display_name = "Runbook: rate-limit rejections"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  depends_on = [google_monitoring_metric_descriptor.switchyard]
}

resource "google_monitoring_alert_policy" "brute_force" {
  display_name = "switchyard credential brute force (one IP or key)"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "more than ${var.brute_force_failures} refused credentials from one client IP in 5 min"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.auth_failures_by_source.name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.brute_force_failures
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.remote_ip"]
      }

      trigger {
        count = 1
      }
    }
  }

  conditions {
    display_name = "more than ${var.brute_force_failures} refusals of one key id in 5 min"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.auth_failures_by_source.name}\" AND resource.type=\"cloud_run_revision\" AND metric.label.key_id!=\"\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.brute_force_failures
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.key_id"]
      }

      trigger {
        count = 1
      }
    }
  }

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "3600s"
  }

  documentation {
    subject   = "Switchyard: many refused credentials from one source"
    content   = file("${path.module}/runbooks/brute-force.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["brute-force.md"]
      content {
        display_name = "Runbook: brute force"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }
}

resource "google_monitoring_alert_policy" "auth_failure_spike" {
  display_name = "switchyard auth failure spike"
  combiner     = "OR"
  severity     = "WARNING"

  conditions {
    display_name = "more than ${var.auth_failures_per_minute} refused credentials a minute for 5 min"
    condition_threshold {
      filter          = "metric.type=\"${local.metric_prefix}/auth_failures\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.auth_failures_per_minute
      duration        = "300s"

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

  notification_channels = local.notification_channels

  alert_strategy {
    auto_close = "3600s"
  }

  documentation {
    subject   = "Switchyard: refused credentials spiking"
    content   = file("${path.module}/runbooks/auth-failure-spike.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["auth-failure-spike.md"]
      content {
        display_name = "Runbook: auth failure spike"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  depends_on = [google_monitoring_metric_descriptor.switchyard]
}
