# An uptime check on every function's GET /healthz, from three regions. A private function
# (aggregate; console when restricted) is checked with an OIDC token of the Monitoring service
# agent, which iam.tf lets invoke it.

resource "google_monitoring_uptime_check_config" "healthz" {
  for_each = local.functions

  display_name     = "switchyard ${each.key} /healthz"
  timeout          = "10s"
  period           = var.uptime_check_period
  selected_regions = var.uptime_check_regions
  checker_type     = "STATIC_IP_CHECKERS"

  http_check {
    path           = "/healthz"
    port           = 443
    use_ssl        = true
    validate_ssl   = true
    request_method = "GET"

    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }

    dynamic "service_agent_authentication" {
      for_each = contains(tolist(local.private_functions), each.key) ? ["oidc"] : []
      content {
        type = "OIDC_TOKEN"
      }
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = trimprefix(google_cloudfunctions2_function.fn[each.key].service_config[0].uri, "https://")
    }
  }

  content_matchers {
    content = "\"status\":\"ok\""
    matcher = "CONTAINS_STRING"
  }

  user_labels = {
    function = each.key
  }

  depends_on = [google_cloud_run_service_iam_member.invoker]
}
