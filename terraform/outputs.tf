# What a team needs after an apply: every function's URL, and the names operators look up.

output "function_urls" {
  description = "HTTPS URL of every function, by folder name of functions/."
  value       = { for name, fn in google_cloudfunctions2_function.fn : name => fn.service_config[0].uri }
}

output "evaluate_url" {
  description = "Base URL SDKs use for OFREP (<url>/ofrep/v1/evaluate/flags)."
  value       = google_cloudfunctions2_function.fn["evaluate"].service_config[0].uri
}

output "console_url" {
  description = "The web console."
  value       = google_cloudfunctions2_function.fn["console"].service_config[0].uri
}

output "function_service_accounts" {
  description = "Runtime service account of every function."
  value       = { for name, sa in google_service_account.fn : name => sa.email }
}

output "secrets" {
  description = "Secret Manager secrets to give a version before turning on upstash_enabled / admin_key_secret_enabled."
  value = {
    upstash_url   = google_secret_manager_secret.upstash_url.secret_id
    upstash_token = google_secret_manager_secret.upstash_token.secret_id
    admin_key     = google_secret_manager_secret.admin_key.secret_id
  }
}

output "metrics_topic" {
  description = "Pub/Sub topic the functions publish their metrics to."
  value       = google_pubsub_topic.metrics.name
}

output "log_bucket" {
  description = "Log bucket holding the functions' logs (Logs Explorer: refine scope to this bucket)."
  value       = google_logging_project_bucket_config.switchyard.id
}
