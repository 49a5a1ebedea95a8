//! Compile-time guarantees of the SDK's API, checked with trybuild: programs under `tests/ui/fail`
//! must not compile (with the error pinned in the `.stderr` beside them), and programs under
//! `tests/ui/pass` must compile and run successfully.
//!
//! Refresh the pinned errors after a deliberate change with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
