# Identities and least privilege. Each function runs as its own service account holding only the
# roles its code needs; logs go to stdout (no logging role), metrics leave instances through
# Pub/Sub (only the aggregator writes to Cloud Monitoring), and secrets are granted one by one.

resource "google_service_account" "fn" {
  for_each = local.functions

  account_id   = "sy-${each.key}"
  display_name = "Switchyard ${each.key} function"
  description  = "Runtime identity of the ${each.key} function: ${each.value.description}."

  depends_on = [google_project_service.apis]
}

locals {
  # Project-level roles per function. Firestore has no finer grant than the project.
  function_project_roles = {
    evaluate  = ["roles/datastore.viewer"]                                # reads flags, segments, keys
    validate  = ["roles/datastore.viewer"]                                # reads the attribute catalogue and flags
    preview   = ["roles/datastore.viewer"]                                # reads flags to preview
    admin     = ["roles/datastore.user"]                                  # writes documents, history, audit, keys
    aggregate = ["roles/datastore.user", "roles/monitoring.metricWriter"] # rollups and ledger; time series
    streams   = ["roles/datastore.viewer"]                                # reads environment versions and keys
    console   = []                                                        # static files and /config.json only
  }

  function_project_grants = merge([
    for name, roles in local.function_project_roles : { for role in roles : "${name} ${role}" => { function = name, role = role } }
  ]...)

  function_secret_grants = merge([
    for name, secrets in local.function_secrets : { for s in secrets : "${name} ${s.key}" => { function = name, secret = s.secret } }
  ]...)

  # Who may call each function (roles/run.invoker). The public APIs authenticate every request
  # themselves (SDK or admin key); aggregate is private to the scheduler. Keys are static strings:
  # for_each keys must be known before the service accounts exist.
  public_functions = ["evaluate", "streams", "validate", "preview", "admin"]
  invoker_grants = merge(
    { for name in local.public_functions : "${name} allUsers" => { function = name, member = "allUsers" } },
    { for m in var.console_invoker_members : "console ${m}" => { function = "console", member = m } },
    { "aggregate scheduler" = { function = "aggregate", member = "serviceAccount:${google_service_account.scheduler.email}" } },
    # Uptime checks of a function that is not public authenticate as the Monitoring service agent.
    { for name in local.private_functions : "${name} uptime" => { function = name, member = local.uptime_agent } },
  )

  private_functions = toset(contains(var.console_invoker_members, "allUsers") ? ["aggregate"] : ["aggregate", "console"])
  uptime_agent      = "serviceAccount:service-${local.project_number}@gcp-sa-monitoring-notification.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "fn" {
  for_each = local.function_project_grants

  project = var.project_id
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.fn[each.value.function].email}"
}

# Every function publishes its instance metrics (http_requests, errors...) to the metrics topic.
resource "google_pubsub_topic_iam_member" "metrics_publisher" {
  for_each = local.functions

  topic  = google_pubsub_topic.metrics.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.fn[each.key].email}"
}

# The aggregator pulls and acknowledges its subscription, and reads its metadata for /readyz.
resource "google_pubsub_subscription_iam_member" "aggregate" {
  for_each = toset(["roles/pubsub.subscriber", "roles/pubsub.viewer"])

  subscription = google_pubsub_subscription.aggregate.id
  role         = each.value
  member       = "serviceAccount:${google_service_account.fn["aggregate"].email}"
}

resource "google_secret_manager_secret_iam_member" "fn" {
  for_each = local.function_secret_grants

  secret_id = each.value.secret
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.fn[each.value.function].email}"

  depends_on = [
    google_secret_manager_secret.upstash_url,
    google_secret_manager_secret.upstash_token,
    google_secret_manager_secret.admin_key,
  ]
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.invoker_grants

  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.fn[each.value.function].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value.member
}

# Cloud Build runs `npm install` for each bundle as this account rather than the project's
# default compute account, which new projects no longer give broad roles.
resource "google_service_account" "build" {
  account_id   = "sy-build"
  display_name = "Switchyard function builds"
  description  = "Builds the function bundles (Cloud Build) and pushes their images."

  depends_on = [google_project_service.apis]
}

resource "google_project_iam_member" "build" {
  for_each = toset(["roles/cloudbuild.builds.builder", "roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectViewer"])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.build.email}"
}

# The scheduler calls aggregate with an OIDC token of this account.
resource "google_service_account" "scheduler" {
  account_id   = "sy-scheduler"
  display_name = "Switchyard scheduler"
  description  = "Calls the aggregate function every minute (roles/run.invoker on it only)."

  depends_on = [google_project_service.apis]
}

# Pub/Sub's own service agent moves undeliverable messages to the dead-letter topic.
locals {
  pubsub_agent = "serviceAccount:service-${local.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.metrics_dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  subscription = google_pubsub_subscription.aggregate.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}
