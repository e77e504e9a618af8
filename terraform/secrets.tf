# Secret Manager secrets. Terraform creates the secrets but never their values: an operator adds
# versions with `gcloud secrets versions add` (README.md), so no value lands in state or in git.

resource "google_secret_manager_secret" "upstash_url" {
  secret_id = "switchyard-upstash-redis-rest-url"

  replication {
    auto {}
  }

  labels = {
    used_by = "evaluate-admin"
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret" "upstash_token" {
  secret_id = "switchyard-upstash-redis-rest-token"

  replication {
    auto {}
  }

  labels = {
    used_by = "evaluate-admin"
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret" "admin_key" {
  secret_id = "switchyard-admin-key"

  replication {
    auto {}
  }

  labels = {
    used_by = "admin"
  }

  depends_on = [google_project_service.apis]
}

# Signs the stream tokens evaluate puts in bulk answers and streams verifies: at least 32
# characters (e.g. `openssl rand -base64 48`); a new version invalidates open tokens within their
# lifetime, and browsers fetch fresh ones on reconnect.
resource "google_secret_manager_secret" "stream_secret" {
  secret_id = "switchyard-stream-secret"

  replication {
    auto {}
  }

  labels = {
    used_by = "evaluate-streams"
  }

  depends_on = [google_project_service.apis]
}
