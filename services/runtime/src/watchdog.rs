//! The consumer loop's progress watchdog: when work is pending (a batch in flight, or messages
//! read and waiting for one) and no batch has finished (its offsets stored) for longer than
//! `--stall-after-ms`, the loop is stalled: `/healthz` goes red and `sahel_stalled{stage}` says
//! where. A loop with nothing to do is never stalled.

use std::time::{Duration, Instant};

/// Where a stalled loop is stuck (a fixed set: metric labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A batch is being handled (or retried) and does not finish.
    Handle,
    /// Messages were read but no batch can start with them.
    Batch,
}

impl Stage {
    /// The metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Handle => "handle",
            Stage::Batch => "batch",
        }
    }
}

/// Tracks the last progress of one consumer loop.
#[derive(Debug, Clone)]
pub struct Watchdog {
    stall_after: Duration,
    last_progress: Instant,
}

impl Watchdog {
    /// A watchdog that calls a loop stalled after `stall_after` without progress.
    pub fn new(stall_after: Duration, now: Instant) -> Watchdog {
        Watchdog {
            stall_after,
            last_progress: now,
        }
    }

    /// A batch finished and its offsets were stored.
    pub fn progressed(&mut self, now: Instant) {
        self.last_progress = now;
    }

    /// The loop's state now: `in_flight` batches being handled, `waiting` messages read but
    /// not yet in a batch. Returns the stage it is stuck at, if it is stalled.
    pub fn check(&mut self, now: Instant, in_flight: usize, waiting: usize) -> Option<Stage> {
        if in_flight == 0 && waiting == 0 {
            // Idle is not stalled: the clock starts again with the next message.
            self.last_progress = now;
            return None;
        }
        if now.saturating_duration_since(self.last_progress) < self.stall_after {
            return None;
        }
        Some(if in_flight > 0 { Stage::Handle } else { Stage::Batch })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_work_without_progress_is_a_stall_and_idle_is_not() {
        let t0 = Instant::now();
        let s = Duration::from_secs(10);
        let mut w = Watchdog::new(s, t0);
        assert_eq!(
            w.check(t0 + Duration::from_secs(60), 0, 0),
            None,
            "idle for a minute is fine"
        );
        let t1 = t0 + Duration::from_secs(60);
        assert_eq!(w.check(t1 + Duration::from_secs(9), 1, 0), None, "not yet");
        assert_eq!(w.check(t1 + Duration::from_secs(11), 1, 0), Some(Stage::Handle));
        assert_eq!(w.check(t1 + Duration::from_secs(12), 0, 5), Some(Stage::Batch));
        w.progressed(t1 + Duration::from_secs(13));
        assert_eq!(
            w.check(t1 + Duration::from_secs(14), 1, 0),
            None,
            "a finished batch is progress"
        );
        assert_eq!(w.check(t1 + Duration::from_secs(30), 2, 3), Some(Stage::Handle));
    }
}
