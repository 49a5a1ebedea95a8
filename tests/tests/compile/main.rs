//! Everything checked by compiling: the generator's golden outputs
//! (`codegen/tests/golden/*/compile.rs` must compile against the SDK runtime and run), and the SDK's compile-time guarantees (programs
//! under `ui/fail` must not compile, with the error pinned in the `.stderr` beside them, and
//! programs under `ui/pass` must compile and run).
//!
//! All trybuild cases live in this one test on purpose: trybuild builds every test binary of a
//! crate in the same scratch project and numbers its programs from zero, so two test binaries
//! that both use trybuild overwrite each other's programs, and cargo can then take a stale
//! program for a fresh one (a compile-fail case "succeeds" without being compiled).
//!
//! Refresh the pinned errors after a deliberate change with `TRYBUILD=overwrite cargo test -p cloudflare-secrets-tests --test compile`.

#[test]
fn golden_outputs_and_compile_time_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.pass("../codegen/tests/golden/*/compile.rs");
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
