//! The SDK against real HTTP servers on 127.0.0.1 (wiremock, or a raw scripted server), one
//! module per topic. Shared helpers are in `cloudflare_secrets_tests` (`tests/src/`).
//!
//! | module | topic |
//! |---|---|
//! | `wire` | every operation: the exact method, path, query, headers and body sent, and the result decoded |
//! | `decode` | liberal decoding: every response shape Cloudflare's published schema allows |
//! | `roundtrip` | every documented example decodes and encodes back unchanged |
//! | `builder` | the one request builder: `send`, `.await`, `send_with_response`, `stream`, checks before sending |
//! | `transport` | retries, backoff, `Retry-After`, timeouts, error decoding, pagination, base URLs, auth headers |
//! | `redaction` | no secret or credential in `Debug`, errors or traces; configuration from the environment |
//! | `sensitive_fields` | every `x-sensitive` field of the spec is hidden in error snippets |
//! | `fault_matrix` | oversize, trickling, reset and wrong-shape answers for every operation; plain http, redirects |
//! | `response_fuzz` | random and mutated responses for every operation: no panic, located errors, no leak |
//! | `operation_table` | the generated operation table matches the spec |
//! | `keys` | key bindings: what WebCrypto's importKey refuses is refused before sending, on every operation; the wire of typed keys |
//! | `first_program` | paging with the stream's own `next()`/`collect_all()`; errors that print the same line from `Debug` and `Display` |

mod builder;
mod decode;
mod fault_matrix;
mod first_program;
mod keys;
mod operation_table;
mod redaction;
mod response_fuzz;
mod roundtrip;
mod sensitive_fields;
mod transport;
mod wire;
