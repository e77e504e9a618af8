# Cloud Scheduler runs the aggregator every minute with an OIDC token of the scheduler account, the
# only identity allowed to invoke it (iam.tf). No retries: the next minute's run picks up whatever
# this one left unacknowledged.

resource "google_cloud_scheduler_job" "aggregate" {
  name             = "switchyard-aggregate"
  description      = "Runs the metrics aggregator (functions/aggregate) every minute."
  region           = var.region
  schedule         = "* * * * *"
  time_zone        = "Etc/UTC"
  attempt_deadline = "180s"

  retry_config {
    retry_count = 0
  }

  http_target {
    uri         = "${google_cloudfunctions2_function.fn["aggregate"].service_config[0].uri}/run"
    http_method = "POST"

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.fn["aggregate"].service_config[0].uri
    }
  }

  depends_on = [google_cloud_run_service_iam_member.invoker]
}
