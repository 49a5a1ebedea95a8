//! A local, stateful emulator of Cloudflare's secrets APIs, for tests.
