//! How far loading has got, for a browser that shows the window before the model is ready.
//! The core only counts; whoever holds the [`Progress`] decides what to show.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Cleaning,
    People,
    Dates,
    Timeline,
    Linking,
    Done,
}

impl Stage {
    const ALL: [Stage; 7] = [
        Stage::Reading,
        Stage::Cleaning,
        Stage::People,
        Stage::Dates,
        Stage::Timeline,
        Stage::Linking,
        Stage::Done,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Stage::Reading => "reading files",
            Stage::Cleaning => "cleaning articles",
            Stage::People => "finding people",
            Stage::Dates => "reading dates",
            Stage::Timeline => "building the timeline",
            Stage::Linking => "linking",
            Stage::Done => "done",
        }
    }
}

/// Counters shared between the thread that loads and the one that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Start a stage of `total` steps (0 when not known in advance).
    pub fn start(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Release);
    }

    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage, and how many of its steps are done of how many (0: unknown).
    pub fn get(&self) -> (Stage, usize, usize) {
        let stage =
            Stage::ALL[usize::from(self.stage.load(Ordering::Acquire)).min(Stage::ALL.len() - 1)];
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// Step an optional progress.
pub fn step(progress: Option<&Progress>) {
    if let Some(p) = progress {
        p.step();
    }
}

/// Start a stage of an optional progress.
pub fn start(progress: Option<&Progress>, stage: Stage, total: usize) {
    if let Some(p) = progress {
        p.start(stage, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_steps_of_the_current_stage() {
        let p = Progress::default();
        assert_eq!(p.get(), (Stage::Reading, 0, 0));
        p.start(Stage::Cleaning, 10);
        p.step();
        p.step();
        assert_eq!(p.get(), (Stage::Cleaning, 2, 10));
        p.start(Stage::Done, 0);
        assert_eq!(p.get().0, Stage::Done);
    }
}
