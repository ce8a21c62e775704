//! Aggregates read from many rows (the plan's dashboard, the province's overview), kept between
//! requests while nothing has changed.
//!
//! Every change in tdkt is written to the audit chain in its own transaction, and the chain's head
//! counts them (`audit_head.changes`, one row; logins and views of sensitive data are logged but
//! not counted). An entry remembers the count it was computed at; a read compares it with the count
//! now (one primary-key lookup) and recomputes on any difference — so a figure is never stale after a change, on this instance or on another sharing
//! the database. Keys carry what else the figure depends on (the plan, the phase, the caller's
//! reach, the app's day).

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tdkt_store::{Db, StoreResult};

/// The most entries kept; past it the cache starts again empty (keys are few in practice: one per
/// plan, phase and reach).
const MAX_ENTRIES: usize = 512;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

#[derive(Default, Clone)]
pub struct FigureCache {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
    /// One lock per key, held while that figure is computed: requests that miss together wait
    /// for the first one's result instead of each computing it (32 callers of a 2-second
    /// aggregate would take a minute), and other figures are not held up meanwhile.
    computing: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

impl FigureCache {
    /// The figure under `key`, computed by `compute` unless a copy computed since the last change
    /// is kept.
    pub async fn get<T, F, Fut>(&self, db: &Db, key: String, compute: F) -> StoreResult<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = StoreResult<T>>,
    {
        let head = tdkt_store::audit::changes(db).await?;
        if let Some(v) = self.kept::<T>(&key, head) {
            return Ok(v);
        }
        let lock = {
            let mut locks = self.computing.lock().unwrap_or_else(|e| e.into_inner());
            if locks.len() >= MAX_ENTRIES {
                locks.retain(|_, l| Arc::strong_count(l) > 1);
            }
            locks.entry(key.clone()).or_default().clone()
        };
        let _computing = lock.lock().await;
        let head = tdkt_store::audit::changes(db).await?;
        if let Some(v) = self.kept::<T>(&key, head) {
            return Ok(v);
        }
        let v = Arc::new(compute().await?);
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (head, v.clone()));
        Ok(v)
    }

    /// The figure under `key` if it was computed at `head`.
    fn kept<T: Any + Send + Sync>(&self, key: &str, head: i64) -> Option<Arc<T>> {
        match self.lock().get(key) {
            Some((at, v)) if *at == head => v.clone().downcast::<T>().ok(),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}
