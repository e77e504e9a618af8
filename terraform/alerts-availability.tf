# Alerts on availability: a function down, 5xx answers, evaluate's latency. Each alert's
# documentation is its runbook (runbooks/*.md), linked too when runbook_base_url is set.

resource "google_monitoring_alert_policy" "service_down" {
  for_each = local.functions

  display_name = "switchyard ${each.key} down"
  combiner     = "OR"
  severity     = "CRITICAL"

  # Failing from more than one checker region for 2 minutes: one region's network blip is not an outage.
  conditions {
    display_name = "${each.key} /healthz failing from 2+ regions for 2 min"
    condition_threshold {
      filter          = "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type=\"uptime_url\" AND metric.label.check_id=\"${google_monitoring_uptime_check_config.healthz[each.key].uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "120s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.host"]
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
    subject   = "Switchyard ${each.key} is down"
    content   = file("${path.module}/runbooks/service-down.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["service-down.md"]
      content {
        display_name = "Runbook: service down"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }

  user_labels = {
    function = each.key
  }
}

resource "google_monitoring_alert_policy" "error_rate" {
  display_name = "switchyard 5xx rate above ${var.error_ratio_threshold * 100}%"
  combiner     = "OR"
  severity     = "CRITICAL"

  # Cloud Run's own request count (not the metrics pipeline): it still counts when instances crash.
  conditions {
    display_name = "share of 5xx answers per function over ${var.error_ratio_threshold * 100}% for 5 min"
    condition_threshold {
      filter             = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=starts_with(\"switchyard-\") AND metric.label.response_code_class=\"5xx\""
      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=starts_with(\"switchyard-\")"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.error_ratio_threshold
      duration           = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
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
    subject   = "Switchyard answers 5xx to more than ${var.error_ratio_threshold * 100}% of requests"
    content   = file("${path.module}/runbooks/error-rate.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["error-rate.md"]
      content {
        display_name = "Runbook: 5xx rate"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }
}

resource "google_monitoring_alert_policy" "evaluate_latency" {
  display_name = "switchyard evaluate p95 latency above ${var.evaluate_p95_latency_ms} ms"
  combiner     = "OR"
  severity     = "ERROR"

  conditions {
    display_name = "evaluate p95 request latency over ${var.evaluate_p95_latency_ms} ms for 10 min"
    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_latencies\" AND resource.type=\"cloud_run_revision\" AND resource.label.service_name=\"${local.service_names.evaluate}\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.evaluate_p95_latency_ms
      duration        = "600s"

      # request_latencies is a DELTA distribution: align each revision's minute, then take the
      # 95th percentile across revisions.
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_PERCENTILE_95"
        group_by_fields      = ["resource.label.service_name"]
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
    subject   = "Switchyard evaluate is slow (p95 over ${var.evaluate_p95_latency_ms} ms)"
    content   = file("${path.module}/runbooks/evaluate-latency.md")
    mime_type = "text/markdown"

    dynamic "links" {
      for_each = var.runbook_base_url == "" ? [] : ["evaluate-latency.md"]
      content {
        display_name = "Runbook: evaluate latency"
        url          = "${var.runbook_base_url}/${links.value}"
      }
    }
  }
}
