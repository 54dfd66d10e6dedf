//! HTTP contract, security and load tests of `accord serve`.
