# Dashboards, kept as JSON (the projects.dashboards format) under dashboards/ so they can be
# edited in the console, exported and diffed. Service names are fixed (switchyard-<function>).

locals {
  dashboards = toset(["health", "performance", "errors", "flag-usage"])
}

resource "google_monitoring_dashboard" "switchyard" {
  for_each = local.dashboards

  dashboard_json = file("${path.module}/dashboards/${each.key}.json")

  depends_on = [
    google_monitoring_metric_descriptor.switchyard,
    google_logging_metric.auth_failures_by_source,
    google_logging_metric.dependency_errors,
    google_logging_metric.bugs,
  ]
}
