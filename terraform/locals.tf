# The functions and what each one needs, in one place: every resource that exists once per function
# (bundle, function, service account, invoker, uptime check) iterates over local.functions.

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  project_number = data.google_project.this.number

  # One entry per folder of functions/ (the test in test/unit/terraform checks the two agree).
  # Every entry has the same attributes so the map stays a map of one object type.
  functions = {
    evaluate = {
      description   = "OFREP and batch evaluation, POST /v1/track"
      memory        = "512Mi"
      cpu           = "1"
      concurrency   = 80
      min_instances = var.evaluate_min_instances
      max_instances = var.evaluate_max_instances
      timeout       = 30
    }
    validate = {
      description   = "POST /v1/rules/validate"
      memory        = "256Mi"
      cpu           = "1"
      concurrency   = 20
      min_instances = 0
      max_instances = var.max_instances
      timeout       = 30
    }
    preview = {
      description   = "Preview, rollout estimate, analysis, performance, attributes, templates"
      memory        = "512Mi"
      cpu           = "1"
      concurrency   = 10
      min_instances = 0
      max_instances = var.max_instances
      timeout       = 60
    }
    admin = {
      description   = "CRUD, history, rollback, bulk actions, import and export"
      memory        = "512Mi"
      cpu           = "1"
      concurrency   = 20
      min_instances = 0
      max_instances = var.max_instances
      timeout       = 60
    }
    aggregate = {
      description   = "Every minute: Pub/Sub metrics to Cloud Monitoring and Firestore rollups"
      memory        = "512Mi"
      cpu           = "1"
      concurrency   = 1
      min_instances = 0
      max_instances = 1
      timeout       = 120
    }
    streams = {
      description = "OFREP 0.3 change streams (SSE) for browsers: GET /v1/streams/changes"
      # Idle open streams cost memory, not CPU: a small instance holds up to 1,000 (Cloud Run's
      # most), each stream one request in flight for up to an hour (README, Freshness).
      memory        = "256Mi"
      cpu           = "1"
      concurrency   = 1000
      min_instances = var.streams_min_instances
      max_instances = var.streams_max_instances
      timeout       = 3600
    }
    console = {
      description   = "The web console"
      memory        = "256Mi"
      cpu           = "1"
      concurrency   = 80
      min_instances = 0
      max_instances = var.max_instances
      timeout       = 30
    }
  }

  # Cloud Run service (and function) names; the dashboards and alerts filter on the prefix.
  service_names = { for name, _ in local.functions : name => "switchyard-${name}" }

  # Gen2 functions are Cloud Run services, whose URL is deterministic
  # (https://<service>-<project number>.<region>.run.app). Knowing it before the function exists
  # lets console and the APIs name each other without a dependency cycle.
  predicted_urls = { for name, service in local.service_names : name => "https://${service}-${local.project_number}.${var.region}.run.app" }

  console_origins = join(",", concat([local.predicted_urls.console], var.extra_console_origins))

  # Environment every function reads (shared/config/runtime-config.ts).
  common_env = merge(
    {
      SWITCHYARD_STAGE         = var.stage
      SWITCHYARD_VERSION       = var.release
      SWITCHYARD_STORE         = "firestore"
      GOOGLE_CLOUD_PROJECT     = var.project_id
      SWITCHYARD_METRICS_TOPIC = google_pubsub_topic.metrics.name
      # Stacks name shared/ sources (each bundle ships index.js.map), so Error Reporting shows our frames.
      NODE_OPTIONS = "--enable-source-maps"
    },
    var.log_level == null ? {} : { LOG_LEVEL = var.log_level },
  )

  # Per function, only what its code reads.
  function_env = {
    evaluate = merge(local.common_env, {
      SWITCHYARD_RATE_PER_SECOND  = tostring(var.rate_per_second)
      SWITCHYARD_RATE_BURST       = tostring(var.rate_burst)
      SWITCHYARD_MAX_STALENESS_MS = tostring(var.max_staleness_ms)
      SWITCHYARD_STREAMS_URL      = local.predicted_urls.streams
      }, var.geo_headers == "" ? {} : {
      SWITCHYARD_GEO_HEADERS = var.geo_headers
    })
    streams = merge(local.common_env, {
      SWITCHYARD_MAX_STALENESS_MS = tostring(var.max_staleness_ms)
      SWITCHYARD_RATE_PER_SECOND  = tostring(var.rate_per_second)
      SWITCHYARD_RATE_BURST       = tostring(var.rate_burst)
      # Ended (and reconnected by EventSource with Last-Event-ID) well before the 3,600 s timeout.
      SWITCHYARD_STREAM_MAX_SECONDS = tostring(var.stream_max_seconds)
      SWITCHYARD_STREAMS_PER_KEY    = "1000"
    })
    validate = merge(local.common_env, { SWITCHYARD_CONSOLE_ORIGINS = local.console_origins })
    preview  = merge(local.common_env, { SWITCHYARD_CONSOLE_ORIGINS = local.console_origins })
    admin = merge(local.common_env, { SWITCHYARD_CONSOLE_ORIGINS = local.console_origins }, var.iap_audience == "" ? {} : {
      SWITCHYARD_IAP_AUDIENCE = var.iap_audience
    })
    aggregate = merge(local.common_env, {
      SWITCHYARD_METRICS_SUBSCRIPTION = google_pubsub_subscription.aggregate.name
    })
    console = merge(local.common_env, {
      SWITCHYARD_ADMIN_URL    = local.predicted_urls.admin
      SWITCHYARD_VALIDATE_URL = local.predicted_urls.validate
      SWITCHYARD_PREVIEW_URL  = local.predicted_urls.preview
    })
  }

  upstash_secrets = [
    { key = "UPSTASH_REDIS_REST_URL", secret = google_secret_manager_secret.upstash_url.secret_id },
    { key = "UPSTASH_REDIS_REST_TOKEN", secret = google_secret_manager_secret.upstash_token.secret_id },
  ]
  stream_secrets = [
    { key = "SWITCHYARD_STREAM_SECRET", secret = google_secret_manager_secret.stream_secret.secret_id },
  ]
  admin_key_secrets = [
    { key = "SWITCHYARD_ADMIN_KEY", secret = google_secret_manager_secret.admin_key.secret_id },
  ]

  # Secrets as environment variables, only on the functions whose code reads them.
  function_secrets = {
    evaluate  = concat(var.upstash_enabled ? local.upstash_secrets : [], local.stream_secrets)
    streams   = concat(var.upstash_enabled ? local.upstash_secrets : [], local.stream_secrets)
    validate  = []
    preview   = []
    admin     = concat(var.upstash_enabled ? local.upstash_secrets : [], var.admin_key_secret_enabled ? local.admin_key_secrets : [])
    aggregate = []
    console   = []
  }
}
