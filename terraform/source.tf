# Function sources: each dist/<name> that `npm run build` wrote (index.js, its source map,
# package.json and package-lock.json, so Cloud Build runs `npm ci` on the tested versions) is zipped
# and uploaded under a content-addressed name, so a changed bundle redeploys its function and an
# unchanged one does not.

data "archive_file" "bundle" {
  for_each = local.functions

  type        = "zip"
  source_dir  = "${path.module}/../dist/${each.key}"
  output_path = "${path.module}/.build/${each.key}.zip"
}

resource "google_storage_bucket" "sources" {
  name                        = "${var.project_id}-switchyard-sources"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  # Old bundles are only needed to rebuild an old revision; a missing current one is re-uploaded
  # by the next apply.
  lifecycle_rule {
    condition {
      age = 90
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_object" "bundle" {
  for_each = local.functions

  name   = "${each.key}/${data.archive_file.bundle[each.key].output_md5}.zip"
  bucket = google_storage_bucket.sources.name
  source = data.archive_file.bundle[each.key].output_path
}
