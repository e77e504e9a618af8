# Metric descriptors of the catalogue (shared/telemetry/metrics.ts, exported to
# metrics-catalogue.json): created before the alerts and dashboards that name them, and fixing each
# metric's kind, unit and labels before the aggregator writes its first point.
#
# Kinds: the aggregator writes one point per series per minute holding that minute's value, so
# every Switchyard metric is a GAUGE. A counter's point is the count within its minute: alerts and
# charts sum those points over a window (ALIGN_SUM), which is why no alert here uses ALIGN_RATE or
# ALIGN_DELTA on a Switchyard metric (both need CUMULATIVE or DELTA kinds, which user-written
# metrics cannot be DELTA and which would need running totals across aggregator runs).

locals {
  metric_catalogue = jsondecode(file("${path.module}/metrics-catalogue.json"))

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
  metric_kind  = "GAUGE"
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
