//! Runs the emulator on 127.0.0.1.
fn main() {}
