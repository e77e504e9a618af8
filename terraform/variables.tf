# Inputs of the deployment. Every variable says what it changes; validations stop a bad value at
# plan time instead of half-way through an apply.

variable "project_id" {
  description = "The Google Cloud project Switchyard is deployed into (an existing project with billing enabled)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project ID: 6 to 30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the functions, the scheduler job, the source bucket and the log bucket."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west1."
  }
}

variable "firestore_location" {
  description = "Location of the Firestore database: a multi-region (nam5, eur3) or a region. It cannot change after creation."
  type        = string
  default     = "nam5"

  validation {
    condition     = can(regex("^(nam5|nam7|eur3|[a-z]+-[a-z]+[0-9])$", var.firestore_location))
    error_message = "firestore_location must be nam5, nam7, eur3 or a region such as us-central1."
  }
}

variable "firestore_delete_protection" {
  description = "Refuse to delete the Firestore database (flags, keys and history live there). Set false only to tear a test project down."
  type        = bool
  default     = true
}

variable "stage" {
  description = "Deployment stage (SWITCHYARD_STAGE): picks the logging defaults of shared/config/logging-config.ts and labels every log line."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["staging", "production"], var.stage)
    error_message = "stage must be staging or production (local and test are for machines without a cloud)."
  }
}

variable "release" {
  description = "Release name in log labels and Error Reporting's serviceContext (SWITCHYARD_VERSION), such as a git tag or commit."
  type        = string
  default     = "0.1.0"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,63}$", var.release))
    error_message = "release must be 1 to 63 letters, digits, dots, underscores or hyphens."
  }
}

variable "log_level" {
  description = "LOG_LEVEL override for every function (debug, info, warn, error); null keeps the stage's default."
  type        = string
  default     = null

  validation {
    condition     = var.log_level == null || contains(["debug", "info", "warn", "error"], coalesce(var.log_level, "info"))
    error_message = "log_level must be debug, info, warn, error or null."
  }
}

variable "evaluate_min_instances" {
  description = "Instances of evaluate kept warm. 0 scales to zero (cheapest, a cold start after idle); 1 removes cold starts for about $10 a month (README.md, cost notes)."
  type        = number
  default     = 0

  validation {
    condition     = var.evaluate_min_instances >= 0 && var.evaluate_min_instances <= 100 && floor(var.evaluate_min_instances) == var.evaluate_min_instances
    error_message = "evaluate_min_instances must be a whole number from 0 to 100."
  }
}

variable "evaluate_max_instances" {
  description = "Upper bound of evaluate instances (each serves up to 80 concurrent requests): the cost ceiling under a traffic surge."
  type        = number
  default     = 20

  validation {
    condition     = var.evaluate_max_instances >= 1 && var.evaluate_max_instances <= 1000 && floor(var.evaluate_max_instances) == var.evaluate_max_instances
    error_message = "evaluate_max_instances must be a whole number from 1 to 1000."
  }
}

variable "max_instances" {
  description = "Upper bound of instances for validate, preview, admin, aggregate and console (low-traffic functions)."
  type        = number
  default     = 5

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 100 && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number from 1 to 100."
  }
}

variable "rate_per_second" {
  description = "Sustained evaluate requests per second allowed per SDK key (SWITCHYARD_RATE_PER_SECOND)."
  type        = number
  default     = 1000

  validation {
    condition     = var.rate_per_second > 0
    error_message = "rate_per_second must be positive."
  }
}

variable "rate_burst" {
  description = "Burst of evaluate requests allowed per SDK key above the sustained rate (SWITCHYARD_RATE_BURST)."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_burst > 0
    error_message = "rate_burst must be positive."
  }
}

variable "max_staleness_ms" {
  description = "The freshness bound (SWITCHYARD_MAX_STALENESS_MS): every evaluation reflects every write acknowledged this long before it; an instance confirms its snapshot's version when its last confirmation is older, and answers STALE when it cannot."
  type        = number
  default     = 1000

  validation {
    condition     = var.max_staleness_ms >= 100 && var.max_staleness_ms <= 60000
    error_message = "max_staleness_ms must be between 100 and 60000."
  }
}

variable "streams_min_instances" {
  description = "Instances of the streams function kept warm. 0 (default): the first browser after an idle period waits for a cold start; an open tab keeps its instance alive anyway."
  type        = number
  default     = 0

  validation {
    condition     = var.streams_min_instances >= 0 && var.streams_min_instances <= 100 && floor(var.streams_min_instances) == var.streams_min_instances
    error_message = "streams_min_instances must be a whole number from 0 to 100."
  }
}

variable "streams_max_instances" {
  description = "Upper bound of streams instances, each holding up to 1,000 open streams: the ceiling of concurrently open browser tabs (and of their cost)."
  type        = number
  default     = 20

  validation {
    condition     = var.streams_max_instances >= 1 && var.streams_max_instances <= 1000 && floor(var.streams_max_instances) == var.streams_max_instances
    error_message = "streams_max_instances must be a whole number from 1 to 1000."
  }
}

variable "stream_max_seconds" {
  description = "A change stream is ended after this long (SWITCHYARD_STREAM_MAX_SECONDS) and EventSource reconnects with Last-Event-ID; under the function's 3,600 s timeout, and short enough to spread streams over new instances."
  type        = number
  default     = 900

  validation {
    condition     = var.stream_max_seconds >= 60 && var.stream_max_seconds <= 3300
    error_message = "stream_max_seconds must be between 60 and 3300."
  }
}

variable "geo_headers" {
  description = "JSON mapping of geo attributes to request headers (SWITCHYARD_GEO_HEADERS, shared/context/README.md); empty when no load balancer adds geo headers."
  type        = string
  default     = ""

  validation {
    condition     = var.geo_headers == "" || can(jsondecode(var.geo_headers))
    error_message = "geo_headers must be empty or a JSON object."
  }
}

variable "extra_console_origins" {
  description = "Origins besides the console function's own URL allowed to call validate, preview and admin from a browser (a custom domain, for example)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.extra_console_origins : can(regex("^https://[^/]+$", o))])
    error_message = "each origin must be https://host with no path."
  }
}

variable "console_invoker_members" {
  description = "Who may load the console (roles/run.invoker on its service). The console holds no secret (it asks for an admin key), so allUsers is the default; a Google group restricts it to staff on Google identities."
  type        = list(string)
  default     = ["allUsers"]

  validation {
    condition     = alltrue([for m in var.console_invoker_members : can(regex("^(allUsers|allAuthenticatedUsers|(user|group|serviceAccount|domain):.+)$", m))])
    error_message = "each member must be allUsers, allAuthenticatedUsers or user:, group:, serviceAccount:, domain: followed by a name."
  }
}

variable "upstash_enabled" {
  description = "Wire the Upstash Redis URL and token secrets into evaluate and admin. Turn on after adding a version to both secrets (README.md, apply steps); off, evaluate rate-limits per instance and snapshots come from Firestore only."
  type        = bool
  default     = false
}

variable "admin_key_secret_enabled" {
  description = "Wire the admin key secret into admin as SWITCHYARD_ADMIN_KEY. Turn on after adding a version to the secret."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days the switchyard log bucket keeps the functions' logs. Up to 30 days costs nothing beyond ingestion."
  type        = number
  default     = 30

  validation {
    condition     = var.log_retention_days >= 1 && var.log_retention_days <= 3650 && floor(var.log_retention_days) == var.log_retention_days
    error_message = "log_retention_days must be a whole number from 1 to 3650."
  }
}

variable "notification_channels" {
  description = "Existing notification channels every alert notifies, as full names (projects/<p>/notificationChannels/<id>): PagerDuty, Slack, a webhook..."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.notification_channels : can(regex("^projects/[^/]+/notificationChannels/[^/]+$", c))])
    error_message = "each channel must be a full name projects/<project>/notificationChannels/<id>."
  }
}

variable "alert_email_addresses" {
  description = "E-mail addresses that get an e-mail notification channel each, notified by every alert."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alert_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "each entry must be an e-mail address."
  }
}

variable "runbook_base_url" {
  description = "Where terraform/runbooks/ is browsable (https://<code host>/<org>/<repo>/blob/main/terraform/runbooks); each alert then links its runbook. The runbook text is in every alert's documentation either way."
  type        = string
  default     = ""

  validation {
    condition     = var.runbook_base_url == "" || can(regex("^https://[^ ]+[^/]$", var.runbook_base_url))
    error_message = "runbook_base_url must be empty or an https URL without a trailing slash."
  }
}

variable "evaluate_p95_latency_ms" {
  description = "Alert when evaluate's p95 request latency (Cloud Run's measure, cold starts included) stays above this many milliseconds for 10 minutes."
  type        = number
  default     = 250

  validation {
    condition     = var.evaluate_p95_latency_ms > 0
    error_message = "evaluate_p95_latency_ms must be positive."
  }
}

variable "error_ratio_threshold" {
  description = "Alert when the share of 5xx answers of a function stays above this fraction for 5 minutes."
  type        = number
  default     = 0.05

  validation {
    condition     = var.error_ratio_threshold > 0 && var.error_ratio_threshold < 1
    error_message = "error_ratio_threshold must be a fraction between 0 and 1."
  }
}

variable "rate_limit_rejection_ratio" {
  description = "Alert when rate-limit rejections exceed this fraction of evaluate's requests for 5 minutes."
  type        = number
  default     = 0.1

  validation {
    condition     = var.rate_limit_rejection_ratio > 0 && var.rate_limit_rejection_ratio < 1
    error_message = "rate_limit_rejection_ratio must be a fraction between 0 and 1."
  }
}

variable "auth_failures_per_minute" {
  description = "Alert when refused credentials across all functions exceed this many a minute for 5 minutes."
  type        = number
  default     = 60

  validation {
    condition     = var.auth_failures_per_minute > 0
    error_message = "auth_failures_per_minute must be positive."
  }
}

variable "brute_force_failures" {
  description = "Alert when one client IP (or one key id) has more than this many refused credentials within 5 minutes."
  type        = number
  default     = 30

  validation {
    condition     = var.brute_force_failures > 0
    error_message = "brute_force_failures must be positive."
  }
}

variable "firestore_error_ratio" {
  description = "Alert when the share of failed Firestore API calls (unavailable, deadline, internal, quota, permission) stays above this fraction for 5 minutes."
  type        = number
  default     = 0.05

  validation {
    condition     = var.firestore_error_ratio > 0 && var.firestore_error_ratio < 1
    error_message = "firestore_error_ratio must be a fraction between 0 and 1."
  }
}

variable "uptime_check_period" {
  description = "How often each function's /healthz is checked from each region."
  type        = string
  default     = "60s"

  validation {
    condition     = contains(["60s", "300s", "600s", "900s"], var.uptime_check_period)
    error_message = "uptime_check_period must be 60s, 300s, 600s or 900s."
  }
}

variable "uptime_check_regions" {
  description = "Checker regions of the uptime checks (at least three). Three keeps six checks at one a minute inside the free million executions a month."
  type        = list(string)
  default     = ["USA_IOWA", "USA_OREGON", "USA_VIRGINIA"]

  validation {
    condition     = length(var.uptime_check_regions) >= 3 && alltrue([for r in var.uptime_check_regions : contains(["USA", "EUROPE", "SOUTH_AMERICA", "ASIA_PACIFIC", "USA_OREGON", "USA_IOWA", "USA_VIRGINIA"], r)])
    error_message = "uptime_check_regions needs at least three of USA, EUROPE, SOUTH_AMERICA, ASIA_PACIFIC, USA_OREGON, USA_IOWA, USA_VIRGINIA."
  }
}

variable "iap_audience" {
  description = "When Identity-Aware Proxy fronts the admin function: the audience of its signed assertions (/projects/<number>/global/backendServices/<id>). The verified user is then recorded as the actor of every write and requests without a valid assertion are refused; empty, writes are recorded as the admin key's name."
  type        = string
  default     = ""
}
