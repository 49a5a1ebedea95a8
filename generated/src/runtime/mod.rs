//! The hand-written runtime that generated code calls: client, requests, errors, retries,
//! pagination, validation and secret types. See ARCHITECTURE.md for the contract.
