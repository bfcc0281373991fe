"""Written rubrics applied by code: source reliability tiers (docs/rubric.md explains them)."""

RUBRIC_VERSION = "1.0.0"
