//! The version of the JSON output schema (`docs/output-schema.md`).

/// Version of the JSON output schema.
pub const SCHEMA_VERSION: u32 = 1;
