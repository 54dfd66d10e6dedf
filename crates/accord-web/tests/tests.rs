//! Tests of `accord serve`: the HTTP contract (the same JSON as the answer
//! layer gives the CLI), security (Host, Origin, body limit, file access,
//! static paths), a load test on loopback, and the workbench driven in a
//! real browser (headless Chromium through chromedriver).

mod util;

mod api;
mod browser;
mod load;
mod security;
