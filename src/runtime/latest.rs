//! A worker thread that only cares about the newest job: submitting one
//! replaces any job still waiting and cancels the one running, which sees
//! its `cancelled` turn true and gives up.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

pub struct Latest<J: Send + 'static> {
    shared: Arc<Shared<J>>,
    thread: Option<JoinHandle<()>>,
}

struct Shared<J> {
    /// The newest job's number; a running job older than it is cancelled.
    latest: AtomicU64,
    slot: Mutex<Slot<J>>,
    wake: Condvar,
}

struct Slot<J> {
    job: Option<(u64, J)>,
    closed: bool,
}

impl<J: Send + 'static> Latest<J> {
    /// Starts a thread named `name` that runs `work` on each job it takes,
    /// with a test that says when a newer job has come.
    pub fn start(
        name: &str,
        work: impl Fn(J, &dyn Fn() -> bool) + Send + 'static,
    ) -> io::Result<Self> {
        let shared = Arc::new(Shared {
            latest: AtomicU64::new(0),
            slot: Mutex::new(Slot {
                job: None,
                closed: false,
            }),
            wake: Condvar::new(),
        });
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Some((number, job)) = worker.next() {
                    let cancelled = || worker.latest.load(Ordering::Acquire) != number;
                    work(job, &cancelled);
                }
            })?;
        Ok(Self {
            shared,
            thread: Some(thread),
        })
    }

    /// Hands over `job`, cancelling what came before. Never blocks on the work.
    pub fn submit(&self, job: J) {
        let mut slot = self.shared.lock();
        let number = self.shared.latest.fetch_add(1, Ordering::AcqRel) + 1;
        slot.job = Some((number, job));
        self.shared.wake.notify_one();
    }
}

impl<J> Shared<J> {
    fn lock(&self) -> MutexGuard<'_, Slot<J>> {
        // The slot holds no invariant a panic could break.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for a job; `None` once closed.
    fn next(&self) -> Option<(u64, J)> {
        let mut slot = self.lock();
        loop {
            if slot.closed {
                return None;
            }
            if let Some(job) = slot.job.take() {
                return Some(job);
            }
            slot = self.wake.wait(slot).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl<J: Send + 'static> Drop for Latest<J> {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.latest.fetch_add(1, Ordering::AcqRel);
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            // A panic on the worker has nowhere better to go than here.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_newer_job_cancels_the_running_one() {
        let (done, results) = mpsc::channel();
        let (started, running) = mpsc::channel();
        let worker = Latest::start("test", move |job: u32, cancelled: &dyn Fn() -> bool| {
            if job == 1 {
                started.send(()).ok();
                // Runs until the next job cancels it, at most 10 s.
                for _ in 0..10_000 {
                    if cancelled() {
                        done.send((job, "cancelled")).ok();
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            done.send((job, "done")).ok();
        })
        .unwrap();
        worker.submit(1);
        running.recv_timeout(Duration::from_secs(10)).unwrap();
        worker.submit(2);
        let wait = Duration::from_secs(10);
        assert_eq!(results.recv_timeout(wait).unwrap(), (1, "cancelled"));
        assert_eq!(results.recv_timeout(wait).unwrap(), (2, "done"));
    }
}
