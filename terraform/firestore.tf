# The Firestore database (native mode) and the composite indexes the store's queries need
# (shared/store/README.md, "Queries and indexes"). Single-field queries use the automatic indexes.

resource "google_firestore_database" "main" {
  name                              = "(default)"
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = var.firestore_delete_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy                   = var.firestore_delete_protection ? "ABANDON" : "DELETE"

  depends_on = [google_project_service.apis]
}

# The audit log of one environment, newest first, within a time range:
# audit where environment == ? and at >= ? and at < ? order by at desc (shared/store/firestore/admin.ts).
resource "google_firestore_index" "audit_by_environment" {
  database   = google_firestore_database.main.name
  collection = "audit"

  fields {
    field_path = "environment"
    order      = "ASCENDING"
  }

  fields {
    field_path = "at"
    order      = "DESCENDING"
  }
}
