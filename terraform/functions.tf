# One Cloud Function (gen2, nodejs22) per folder of functions/, each with its own service account,
# its environment (locals.tf) and only the secrets its code reads.

resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions

  name        = local.service_names[each.key]
  location    = var.region
  description = each.value.description

  build_config {
    runtime = "nodejs22"
    # The Functions Framework target each functions/<name>/index.ts registers is the folder name.
    entry_point     = each.key
    service_account = google_service_account.build.id

    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle[each.key].name
      }
    }
  }

  service_config {
    available_memory                 = each.value.memory
    available_cpu                    = each.value.cpu
    max_instance_request_concurrency = each.value.concurrency
    min_instance_count               = each.value.min_instances
    max_instance_count               = each.value.max_instances
    timeout_seconds                  = each.value.timeout
    ingress_settings                 = "ALLOW_ALL"
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.fn[each.key].email
    environment_variables            = local.function_env[each.key]

    dynamic "secret_environment_variables" {
      for_each = local.function_secrets[each.key]
      content {
        key        = secret_environment_variables.value.key
        project_id = var.project_id
        secret     = secret_environment_variables.value.secret
        version    = "latest"
      }
    }
  }

  labels = {
    function = each.key
    stage    = var.stage
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.build,
    google_secret_manager_secret_iam_member.fn,
  ]
}
