//! A bounded log: keeps the newest entries up to a capacity, drops the oldest first, and
//! counts what it dropped. The request log and the audit log are rings, so an emulator that
//! runs for days holds the same memory after a million requests as after ten thousand.

use std::collections::VecDeque;

/// How many requests the request log keeps unless told otherwise (`--request-log N`,
/// [`EmulatorBuilder::request_log_capacity`](crate::EmulatorBuilder::request_log_capacity)).
pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 1_000;

/// How many audit events the audit log keeps unless told otherwise (`--audit-log N`,
/// [`EmulatorBuilder::audit_log_capacity`](crate::EmulatorBuilder::audit_log_capacity)).
pub const DEFAULT_AUDIT_LOG_CAPACITY: usize = 1_000;

/// A log of at most `capacity` entries, oldest first.
#[derive(Clone, Debug)]
pub struct Ring<T> {
    entries: VecDeque<T>,
    capacity: usize,
    dropped: u64,
}

impl<T> Ring<T> {
    /// An empty ring that keeps at most `capacity` entries (`0` keeps none).
    pub fn new(capacity: usize) -> Ring<T> {
        Ring {
            entries: VecDeque::with_capacity(capacity.min(1_024)),
            capacity,
            dropped: 0,
        }
    }

    /// Appends an entry, dropping the oldest when full; returns the entry's number (from 0,
    /// counting every entry ever pushed, dropped ones included).
    pub fn push(&mut self, entry: T) -> u64 {
        let number = self.total();
        if self.capacity == 0 {
            self.dropped += 1;
            return number;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(entry);
        number
    }

    /// The entry with this number, if it is still kept.
    pub fn get_mut(&mut self, number: u64) -> Option<&mut T> {
        let index = number.checked_sub(self.dropped)?;
        self.entries.get_mut(usize::try_from(index).ok()?)
    }

    /// The kept entries, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.entries.iter()
    }

    /// The number of kept entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The most entries kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many entries were dropped to keep within the capacity (or cleared).
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Every entry ever pushed: kept plus dropped.
    pub fn total(&self) -> u64 {
        self.dropped + self.entries.len() as u64
    }

    /// Forgets every kept entry; they count as dropped.
    pub fn clear(&mut self) {
        self.dropped += self.entries.len() as u64;
        self.entries.clear();
    }

    /// Restores a ring that had already dropped `dropped` entries (read back from disk).
    pub fn with_dropped(mut self, dropped: u64) -> Ring<T> {
        self.dropped = dropped;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_ring_drops_the_oldest_and_counts_it() {
        let mut ring = Ring::new(3);
        for value in 0..10u64 {
            assert_eq!(ring.push(value), value);
        }
        assert_eq!(ring.iter().copied().collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(ring.dropped(), 7);
        assert_eq!(ring.total(), 10);
        assert!(ring.get_mut(6).is_none());
        if let Some(entry) = ring.get_mut(8) {
            *entry = 80;
        }
        assert_eq!(ring.iter().copied().collect::<Vec<_>>(), [7, 80, 9]);
        ring.clear();
        assert!(ring.is_empty());
        assert_eq!(ring.dropped(), 10);
        assert_eq!(ring.push(11), 10);
        assert_eq!(ring.get_mut(10).copied(), Some(11));
    }

    #[test]
    fn a_ring_of_capacity_zero_keeps_nothing() {
        let mut ring = Ring::new(0);
        ring.push("a");
        assert!(ring.is_empty());
        assert_eq!(ring.dropped(), 1);
    }

    #[test]
    fn random_pushes_keep_the_newest_entries_in_order() {
        let mut random = fastrand::Rng::with_seed(16);
        for _ in 0..200 {
            let capacity = random.usize(0..20);
            let pushes = random.u64(0..60);
            let mut ring = Ring::new(capacity);
            for value in 0..pushes {
                ring.push(value);
            }
            let kept: Vec<u64> = ring.iter().copied().collect();
            let expected: Vec<u64> = (pushes.saturating_sub(capacity as u64)..pushes).collect();
            assert_eq!(kept, expected);
            assert_eq!(ring.dropped() + kept.len() as u64, pushes);
        }
    }
}
