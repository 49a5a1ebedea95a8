//! Turns a panic anywhere in the generator into an [`Error`], without the default panic hook
//! printing it to stderr.
//!
//! [`catch`] runs a stage under `std::panic::catch_unwind`. So that the panic is not printed
//! first, the generator installs (once per process) a panic hook that wraps whatever hook was
//! there before: on a thread that is inside [`catch`] or [`quiet`], it only records the panic's
//! message and place for the error; on every other thread it calls the previous hook, so
//! panics elsewhere in the program are printed as before.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::error::{Error, Result};

thread_local! {
    /// How many [`quiet`] sections this thread is inside.
    static QUIET_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message and place of the last panic the hook recorded on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL_HOOK: Once = Once::new();

fn install_hook() {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET_DEPTH.with(Cell::get) == 0 {
                previous(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_owned());
            let place = info
                .location()
                .map(|location| format!(" at {}:{}", location.file(), location.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
}

/// Runs `work` with panics on this thread recorded instead of printed (they still unwind).
/// Use it inside threads the generator spawns, whose panics are caught by `join`.
pub fn quiet<R>(work: impl FnOnce() -> R) -> R {
    install_hook();
    QUIET_DEPTH.with(|depth| depth.set(depth.get().saturating_add(1)));
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            QUIET_DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
        }
    }
    let _leave = Leave;
    work()
}

/// Runs `work`; a panic inside it becomes an error at `#` that names `stage` and the panic.
pub fn catch<R>(stage: &str, work: impl FnOnce() -> Result<R>) -> Result<R> {
    let outcome = quiet(|| panic::catch_unwind(AssertUnwindSafe(work)));
    outcome.unwrap_or_else(|_| {
        let detail = LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "no message".to_owned());
        Err(Error::new(
            "#",
            format!(
                "internal error: the generator panicked while {stage} ({detail}); the spec is \
                 probably malformed in a way the generator does not yet explain: please report \
                 it with the spec"
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_stage() {
        let error = catch::<()>("testing", || panic!("boom")).unwrap_err();
        assert_eq!(error.pointer, "#");
        assert!(error.message.contains("while testing (boom at "), "{error}");
        assert_eq!(QUIET_DEPTH.with(Cell::get), 0, "the quiet section ended");
    }
}
