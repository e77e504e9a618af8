# Metrics transport: every instance publishes one message per interval to the metrics topic; the
# aggregator pulls the subscription every minute. A message the aggregator fails on ten times goes
# to the dead-letter topic, kept for a week for diagnosis (runbooks/aggregator-not-running.md).

resource "google_pubsub_topic" "metrics" {
  name                       = "switchyard-metrics"
  message_retention_duration = "86400s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "metrics_dead_letter" {
  name                       = "switchyard-metrics-dead-letter"
  message_retention_duration = "604800s"

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_subscription" "aggregate" {
  name  = "switchyard-metrics-aggregate"
  topic = google_pubsub_topic.metrics.id

  # Pull: the aggregator acknowledges only after the Monitoring and Firestore writes succeed.
  ack_deadline_seconds       = 120
  message_retention_duration = "86400s"
  retain_acked_messages      = false

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "300s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.metrics_dead_letter.id
    max_delivery_attempts = 10
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "metrics_dead_letter" {
  name                       = "switchyard-metrics-dead-letter"
  topic                      = google_pubsub_topic.metrics_dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}
