# Provider pins: google 6.50 is the version the offline schema check (schema/google-6.50.json) was
# derived from; `~> 6.50` accepts its patch and minor successors within 6.x.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.50"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    app = "switchyard"
  }
}
