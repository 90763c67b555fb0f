//! A small cache of what the anonymous public sees (portal pages, public API answers). A published package
//! never changes, but lists and search results change when another one is published: entries live a few
//! seconds (other server processes on the same PostgreSQL publish too) and are all dropped when this
//! process publishes.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry is served.
const TTL: Duration = Duration::from_secs(5);
/// At most this many entries (searches are many); the cache is emptied when full.
const MAX_ENTRIES: usize = 2048;

/// Cached bodies by path.
#[derive(Default)]
pub struct Cache {
    entries: Mutex<HashMap<String, (Instant, &'static str, axum::body::Bytes)>>,
}

impl Cache {
    /// The cached response for `key`, if fresh.
    pub fn get(&self, key: &str) -> Option<Response> {
        let map = self.entries.lock().ok()?;
        let (at, mime, body) = map.get(key)?;
        (at.elapsed() < TTL).then(|| ([(header::CONTENT_TYPE, *mime)], body.clone()).into_response())
    }

    /// Stores a body for `key`.
    pub fn put(&self, key: String, mime: &'static str, body: axum::body::Bytes) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(key, (Instant::now(), mime, body));
        }
    }

    /// Drops everything (after a publication).
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}

/// Values computed from an immutable row (a stored version), by its id, kept for the life of the process
/// (at most [`MAX_ENTRIES`]; emptied when full).
pub struct Memo<T> {
    entries: Mutex<HashMap<i64, std::sync::Arc<T>>>,
}

impl<T> Default for Memo<T> {
    fn default() -> Memo<T> {
        Memo { entries: Mutex::default() }
    }
}

impl<T> Memo<T> {
    /// The value for `id`, if computed.
    pub fn get(&self, id: i64) -> Option<std::sync::Arc<T>> {
        self.entries.lock().ok()?.get(&id).cloned()
    }

    /// Keeps `value` for `id`.
    pub fn put(&self, id: i64, value: std::sync::Arc<T>) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(id, value);
        }
    }
}
