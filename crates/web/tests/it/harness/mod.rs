//! What every test stands on: a fresh database with [`World`] in it, the app over it, and
//! clients that talk to the app in-process.

pub mod client;
pub mod db;
pub mod dump;
pub mod sheets;
pub mod world;

use axum::Router;
use time::macros::date;

use tdkt_domain::person::Gender;
use tdkt_domain::policy::Role;
use tdkt_domain::unit::UnitDraft;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::{Clock, Db, files, org, people, users};
use tdkt_web::{AppState, WebConfig};

pub use client::{Client, Part, Resp};
pub use db::{TestDb, test_clock};
pub use dump::{business_digest, count};
pub use world::{PASSWORD, World};

/// The app on a fresh database holding [`World`].
pub struct TestApp {
    pub db: Db,
    pub clock: Clock,
    pub router: Router,
    pub world: World,
    _tdb: TestDb,
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(WebConfig::default()).await
    }

    pub async fn with_config(config: WebConfig) -> TestApp {
        let tdb = TestDb::fresh().await;
        let clock = test_clock();
        let db = tdb.open(&clock).await;
        let world = World::build(&db, &clock).await;
        let state = AppState::new(db.clone(), clock.clone(), config);
        let router = tdkt_web::app(state.clone());
        TestApp {
            db,
            clock,
            router,
            world,
            _tdb: tdb,
        }
    }

    /// Another app over the same database, with its own clock and settings.
    pub fn router_with(&self, clock: Clock, config: WebConfig) -> Router {
        tdkt_web::app(AppState::new(self.db.clone(), clock, config))
    }

    /// An anonymous client.
    pub fn client(&self) -> Client {
        Client::new(self.router.clone())
    }

    /// A client signed in through the login form.
    pub async fn login(&self, username: &str) -> Client {
        let mut c = self.client();
        let r = c.login(username, PASSWORD).await;
        assert_eq!(
            r.status,
            axum::http::StatusCode::SEE_OTHER,
            "login as {username}: {}",
            r.describe()
        );
        assert!(c.csrf.is_some(), "a signed-in page carries the CSRF token");
        c
    }

    /// A write context for set-up done directly through the store.
    pub fn ctx(&self, username: &str) -> Ctx {
        let user_id = self.world.users.get(username).copied();
        Ctx {
            clock: self.clock.clone(),
            who: Who {
                user_id,
                username: username.to_owned(),
                ip: None,
            },
        }
    }

    pub async fn digest(&self) -> String {
        business_digest(&self.db).await
    }

    /// A new unit (set-up through the store), directly under the agency or under `parent`.
    pub async fn fresh_unit(&self, agency: i64, code: &str, parent: Option<&str>) -> i64 {
        let d = UnitDraft {
            code: code.into(),
            name: format!("Đơn vị thử {code}"),
            short_name: None,
            parent_code: parent.map(str::to_owned),
        };
        let mut tx = self.db.begin().await.unwrap();
        let id = org::create_unit(&mut tx, &self.ctx("test"), agency, &d, 99)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A new, empty agency of the province's cluster (set-up through the store).
    pub async fn fresh_agency(&self, symbol: &str) -> i64 {
        let khcn = org::agency(&self.db, self.world.khcn).await.unwrap();
        let name = format!("Cơ quan thử {symbol}");
        let mut tx = self.db.begin().await.unwrap();
        let id = org::create_agency(
            &mut tx,
            &self.ctx("test"),
            &org::NewAgency {
                governing_body_id: khcn.governing_body_id,
                cluster_id: khcn.cluster_id,
                symbol,
                name: &name,
                short_name: &name,
                header_name: "CƠ QUAN THỬ",
                place: "Bắc Giang",
                established_on: Some(date!(2000 - 01 - 01)),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A new person in a unit (set-up through the store).
    pub async fn fresh_person(&self, unit: i64, code: &str, name: &str) -> i64 {
        let d = world::draft(code, name, Gender::Nu, date!(1990 - 01 - 01), false);
        let mut tx = self.db.begin().await.unwrap();
        let id = people::create_person(&mut tx, &self.ctx("test"), unit, &d, date!(2015 - 08 - 01))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A new account with one role (set-up through the store).
    pub async fn fresh_user(
        &self,
        username: &str,
        role: Role,
        agency: Option<i64>,
        unit: Option<i64>,
        person: Option<i64>,
    ) -> i64 {
        let ctx = self.ctx("test");
        let mut tx = self.db.begin().await.unwrap();
        let id = users::create_user(
            &mut tx,
            &ctx,
            username,
            &world::PASSWORD_HASH,
            username,
            person,
            None,
        )
        .await
        .unwrap();
        users::add_role(&mut tx, &ctx, id, role, agency, unit)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// A personal API token of an account: (id, token).
    pub async fn api_token(&self, username: &str) -> (i64, String) {
        let user = self.world.user(username);
        let mut tx = self.db.begin().await.unwrap();
        let t = users::create_api_token(&mut tx, &self.ctx(username), user, "thử nghiệm")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        t
    }

    /// A file stored as uploaded by an account (or by nobody).
    pub async fn put_file(&self, username: Option<&str>, name: &str, data: &[u8]) -> i64 {
        let ctx = self.ctx(username.unwrap_or("nobody"));
        let mut tx = self.db.begin().await.unwrap();
        let id = files::put(&mut tx, &ctx, name, "application/octet-stream", data)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }
}
