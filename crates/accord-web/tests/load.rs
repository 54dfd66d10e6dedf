//! A load test on loopback: 1,000 requests, 50 in flight, no error. It
//! reports its throughput (a figure, not an assertion: timings belong in
//! bench/).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use serde_json::json;

use crate::util::*;

const REQUESTS: usize = 1_000;
const IN_FLIGHT: usize = 50;

#[test]
fn a_thousand_requests_fifty_in_flight_no_error() {
    let run = Arc::new(serve());
    let text = talks().text;
    let bodies = Arc::new([
        run_body(&text, &[], json!({"command": "analyze"}), "json"),
        run_body(
            &text,
            &["buyer.reservation=0.6"],
            json!({"command": "evaluate", "deal": "split"}),
            "json",
        ),
        run_body(&text, &[], json!({"command": "leverage"}), "html"),
    ]);
    let errors = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..IN_FLIGHT)
        .map(|t| {
            let (run, bodies, errors, done) = (
                Arc::clone(&run),
                Arc::clone(&bodies),
                Arc::clone(&errors),
                Arc::clone(&done),
            );
            std::thread::spawn(move || {
                let agent = agent();
                for k in 0..REQUESTS / IN_FLIGHT {
                    let n = t * (REQUESTS / IN_FLIGHT) + k;
                    let result = if n % 4 == 3 {
                        agent.get(&run.url("/api/v1/health")).call()
                    } else {
                        agent
                            .post(&run.url("/api/v1/run"))
                            .header("Content-Type", "application/json")
                            .send(&bodies[n % 3])
                    };
                    match result {
                        Ok(mut r) if r.status().as_u16() == 200 => {
                            if r.body_mut().read_to_string().is_err() {
                                errors.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "load: {} requests, {IN_FLIGHT} in flight, {} errors, {seconds:.2} s, {:.0} requests/s",
        done.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed),
        REQUESTS as f64 / seconds
    );
    assert_eq!(done.load(Ordering::Relaxed), REQUESTS);
    assert_eq!(errors.load(Ordering::Relaxed), 0);
}
