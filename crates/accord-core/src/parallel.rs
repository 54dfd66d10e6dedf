//! One deterministic parallel helper for all seeded work.
//!
//! Work over indices `0..n` is cut into fixed-size chunks (never sized by
//! the number of threads); each chunk runs on any thread and its results
//! come back in chunk order, so a caller that seeds by index or by chunk
//! gets the same answer on any number of threads. Progress is reported to
//! an [`Observer`] after every chunk, and a cancelled observer stops the
//! remaining chunks from starting.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::observe::Observer;

/// The observer asked to stop before all chunks ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// Where a run's progress goes: `done` counts from `offset` out of `total`
/// (so that several passes can report as one).
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    /// The observer.
    pub observer: &'a dyn Observer,
    /// Units already done before this run.
    pub offset: u64,
    /// Units in all passes together.
    pub total: u64,
}

impl<'a> Progress<'a> {
    /// One pass of `total` units.
    pub fn single(observer: &'a dyn Observer, total: u64) -> Progress<'a> {
        Progress {
            observer,
            offset: 0,
            total,
        }
    }
}

/// Runs `work(chunk, range)` on the chunks `0..n` of `chunk` indices each, in
/// parallel; the results in chunk order.
///
/// # Errors
///
/// [`Cancelled`] when the observer asked to stop (some chunks did not run).
pub fn chunks<T: Send>(
    n: u64,
    chunk: u64,
    progress: Progress<'_>,
    work: impl Fn(u64, Range<u64>) -> T + Sync + Send,
) -> Result<Vec<T>, Cancelled> {
    let chunk = chunk.max(1);
    let done = AtomicU64::new(0);
    let out: Vec<Option<T>> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            if progress.observer.cancelled() {
                return None;
            }
            let range = c * chunk..((c + 1) * chunk).min(n);
            let len = range.end - range.start;
            let r = work(c, range);
            let d = done.fetch_add(len, Ordering::Relaxed) + len;
            progress
                .observer
                .progress(progress.offset + d, progress.total);
            Some(r)
        })
        .collect();
    out.into_iter().map(|r| r.ok_or(Cancelled)).collect()
}

/// Runs `work(k)` for every index `k` in `0..n`, in parallel chunks of
/// `chunk`; the results in index order.
///
/// # Errors
///
/// [`Cancelled`] when the observer asked to stop.
pub fn map<T: Send>(
    n: u64,
    chunk: u64,
    progress: Progress<'_>,
    work: impl Fn(u64) -> T + Sync + Send,
) -> Result<Vec<T>, Cancelled> {
    let parts = chunks(n, chunk, progress, |_, range| {
        range.map(&work).collect::<Vec<T>>()
    })?;
    Ok(parts.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::Silent;

    #[test]
    fn results_come_back_in_order_on_any_pool() {
        let run = || map(1000, 7, Progress::single(&Silent, 1000), |k| k * k).unwrap();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(run);
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap()
            .install(run);
        assert_eq!(one, four);
        assert_eq!(one, (0..1000).map(|k| k * k).collect::<Vec<u64>>());
    }

    #[test]
    fn a_cancelled_observer_stops_the_work() {
        struct Stop;
        impl Observer for Stop {
            fn cancelled(&self) -> bool {
                true
            }
        }
        assert_eq!(
            map(100, 10, Progress::single(&Stop, 100), |k| k),
            Err(Cancelled)
        );
    }

    #[test]
    fn progress_reaches_the_total() {
        struct Last(AtomicU64);
        impl Observer for Last {
            fn progress(&self, done: u64, _: u64) {
                self.0.fetch_max(done, Ordering::Relaxed);
            }
        }
        let o = Last(AtomicU64::new(0));
        let p = Progress {
            observer: &o,
            offset: 50,
            total: 150,
        };
        chunks(100, 8, p, |_, r| r.count()).unwrap();
        assert_eq!(o.0.load(Ordering::Relaxed), 150);
    }
}
