//! Progress and cancellation: the engine's [`Observer`], shared by every
//! long request.

pub use accord_core::observe::{Observer, Silent};
