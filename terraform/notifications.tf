# Where alerts go: channels that already exist (var.notification_channels) plus one e-mail
# channel per address in var.alert_email_addresses.

resource "google_monitoring_notification_channel" "email" {
  for_each = toset(var.alert_email_addresses)

  display_name = "Switchyard alerts: ${each.value}"
  type         = "email"
  labels = {
    email_address = each.value
  }

  depends_on = [google_project_service.apis]
}

locals {
  notification_channels = concat(var.notification_channels, [for c in google_monitoring_notification_channel.email : c.name])
}
