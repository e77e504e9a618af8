# Metric descriptors of the catalogue (shared/telemetry/metrics.ts, exported to
# metrics-catalogue.json): created before the alerts and dashboards that name them, and fixing each
# metric's kind, unit and labels before the aggregator writes its first point.
#
# Kinds follow what the aggregator writes (shared/aggregate/time-series.ts): counters and
# distributions are CUMULATIVE points whose interval is one minute (so each point restarts), gauges
# are GAUGE points at the minute's end. Alerts and charts read counters and distributions with
# ALIGN_DELTA (the count, or the histogram, within each alignment period) and gauges with ALIGN_MAX.
# The aggregator writes on the `global` resource, so filters here name only the metric type.

locals {
  metric_catalogue = jsondecode(file("${path.module}/metrics-catalogue.json"))

  metric_kind = {
    counter      = "CUMULATIVE"
    distribution = "CUMULATIVE"
    gauge        = "GAUGE"
  }

  metric_value_type = {
    counter      = "INT64"
    distribution = "DISTRIBUTION"
    gauge        = "DOUBLE"
  }

  metric_prefix = "custom.googleapis.com/switchyard"
}

resource "google_monitoring_metric_descriptor" "switchyard" {
  for_each = local.metric_catalogue

  type         = "${local.metric_prefix}/${each.key}"
  display_name = "switchyard/${each.key}"
  description  = each.value.description
  metric_kind  = local.metric_kind[each.value.kind]
  value_type   = local.metric_value_type[each.value.kind]
  unit         = each.value.unit

  dynamic "labels" {
    for_each = each.value.labels
    content {
      key        = labels.value
      value_type = "STRING"
    }
  }

  depends_on = [google_project_service.apis]
}
