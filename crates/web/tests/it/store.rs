//! What the store promises on both engines, under concurrent writers: one audit chain that never
//! forks, official numbers without gaps (a rolled-back number is given back), a background job
//! claimed by one worker only.

use std::collections::BTreeSet;

use time::Duration;

use tdkt_domain::unit::UnitDraft;
use tdkt_store::{audit, jobs, org, settings};

use crate::harness::{TestApp, count};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_audited_writes_keep_one_chain() {
    let app = TestApp::new().await;
    let before = count(&app.db, "audit_log").await;
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (db, ctx, agency) = (app.db.clone(), app.ctx("vanphong"), app.world.khcn);
        tasks.push(tokio::spawn(async move {
            let d = UnitDraft {
                code: format!("SS{i}"),
                name: format!("Phòng song song {i}"),
                short_name: None,
                parent_code: None,
            };
            let mut tx = db.begin().await.unwrap();
            org::create_unit(&mut tx, &ctx, agency, &d, 0)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(count(&app.db, "audit_log").await, before + 16);
    assert_eq!(
        audit::verify_chain(&app.db).await.unwrap(),
        None,
        "one unbroken chain"
    );
    let rows = audit::list(&app.db, None, None, 10_000).await.unwrap();
    let ids: Vec<i64> = rows.iter().rev().map(|r| r.id).collect();
    assert_eq!(
        ids,
        (1..=ids.len() as i64).collect::<Vec<_>>(),
        "sequence without gaps"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn official_numbers_have_no_gaps_even_when_a_transaction_rolls_back() {
    let app = TestApp::new().await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let n = settings::next_number(&mut tx, "KHCN", 2025, "quyet_dinh")
                .await
                .unwrap();
            if i % 3 == 0 {
                drop(tx); // rolled back: the number is given back
                None
            } else {
                tx.commit().await.unwrap();
                Some(n)
            }
        }));
    }
    let mut kept = Vec::new();
    for t in tasks {
        if let Some(n) = t.await.unwrap() {
            kept.push(n);
        }
    }
    kept.sort_unstable();
    assert_eq!(kept, (1..=16).collect::<Vec<i64>>());
    // Another kind or year counts on its own.
    let mut tx = app.db.begin().await.unwrap();
    assert_eq!(
        settings::next_number(&mut tx, "KHCN", 2026, "quyet_dinh")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        settings::next_number(&mut tx, "KHCN", 2025, "to_trinh")
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_job_is_claimed_by_one_worker_only() {
    let app = TestApp::new().await;
    let now = app.clock.now();
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..6 {
        let payload = serde_json::json!({ "i": i });
        assert!(
            jobs::enqueue(&mut tx, "thu", Some(&format!("k{i}")), &payload, now, now)
                .await
                .unwrap()
        );
    }
    // The same dedupe key is queued once.
    assert!(
        !jobs::enqueue(&mut tx, "thu", Some("k0"), &serde_json::json!({}), now, now)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    let mut tasks = Vec::new();
    for w in 0..4 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            for _ in 0..10 {
                if let Some(j) = jobs::claim(&db, &format!("worker-{w}"), now, Duration::minutes(5))
                    .await
                    .unwrap()
                {
                    mine.push(j.id);
                }
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "no job claimed twice: {all:?}");
    assert_eq!(unique.len(), 6, "every job claimed");
    // A worker that died: after its lease the job is claimable again.
    let later = now + Duration::minutes(6);
    assert!(
        jobs::claim(&app.db, "rescuer", later, Duration::minutes(5))
            .await
            .unwrap()
            .is_some()
    );
}

/// A figure kept between requests is computed again after a change, not after a read that is only
/// logged (a login, a view of sensitive data).
#[tokio::test]
async fn kept_figures_follow_changes_not_logged_reads() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let app = TestApp::new().await;
    let db = &app.db;
    let cache = tdkt_web::figures::FigureCache::default();
    let computed = AtomicUsize::new(0);
    let get = || async {
        cache
            .get(db, "k".into(), || async {
                Ok(computed.fetch_add(1, Ordering::SeqCst))
            })
            .await
            .unwrap()
    };
    let ctx = app.ctx("vanphong");
    let audited = |action: &'static str| {
        let ctx = ctx.clone();
        async move {
            let mut tx = db.begin().await.unwrap();
            audit::record(
                &mut tx,
                &ctx,
                audit::Change {
                    action,
                    entity: "person",
                    entity_id: Some("1".into()),
                    agency_id: None,
                    before: None,
                    after: None,
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
    };
    assert_eq!(*get().await, 0);
    assert_eq!(*get().await, 0, "kept");
    audited("view_sensitive").await;
    audited("login").await;
    assert_eq!(*get().await, 0, "a logged read changes nothing");
    audited("update").await;
    assert_eq!(*get().await, 1, "computed again after a change");
    assert_eq!(computed.load(Ordering::SeqCst), 2);
}
