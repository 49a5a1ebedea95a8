//! The generator's tests, one module per subject. This binary links only the generator
//! (`cloudflare-secrets-codegen`), so it builds without the SDK, the emulator or an HTTP stack.
//!
//! | module | subject |
//! |---|---|
//! | `errors` | bad specs: every error points into the spec (file, line, column, JSON pointer) |
//! | `spec_fuzz` (+ `spec_mutate`) | seeded mutations of real specs: no panic, every error located |
//! | `validate_then_lower` | whatever validation accepts, lowering translates and the emitters print |
//! | `determinism` | same spec, byte-identical output; map order in the spec does not matter |
//! | `golden` | small specs and their checked-in generated output (`tests/golden/`) |
//! | `change_report` | the API change report on named changes (`tests/diff/`) |
//! | `docs` | generated rustdoc speaks to users: no curation notes, permissions once per operation |

mod change_report;
mod determinism;
mod docs;
mod errors;
mod golden;
mod spec_fuzz;
mod spec_mutate;
mod validate_then_lower;
