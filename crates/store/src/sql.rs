//! A small builder for the few queries whose shape depends on input (scopes, filters), so that
//! values are always bound as parameters and never spliced into SQL text.

use tdkt_domain::policy::Scope;

#[derive(Debug, Clone)]
pub(crate) enum Arg {
    I64(i64),
    Text(String),
}

#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }

    /// Adds a parameter and returns its placeholder (`$n`).
    pub fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }

    /// Appends ` AND (<reach>)` for a scope, with `agency` the agency-id column, `path` the unit-path
    /// column (may be NULL) and `person` the person-id column (when the rows are about people).
    pub fn scope(
        &mut self,
        scope: &Scope,
        agency: &str,
        path: &str,
        person: Option<&str>,
    ) -> &mut Self {
        if scope.all {
            return self;
        }
        let mut parts: Vec<String> = Vec::new();
        for a in &scope.agencies {
            let p = self.arg(Arg::I64(*a));
            parts.push(format!("{agency} = {p}"));
        }
        for (a, prefix) in &scope.unit_paths {
            let pa = self.arg(Arg::I64(*a));
            let pp = self.arg(Arg::Text(format!("{}%", like_escape(prefix))));
            parts.push(format!(
                "({agency} = {pa} AND {path} LIKE {pp} ESCAPE '\\')"
            ));
        }
        if let Some(person) = person {
            for id in &scope.people {
                let p = self.arg(Arg::I64(*id));
                parts.push(format!("{person} = {p}"));
            }
        }
        if parts.is_empty() {
            self.text.push_str(" AND 1 = 0");
        } else {
            self.text.push_str(" AND (");
            self.text.push_str(&parts.join(" OR "));
            self.text.push(')');
        }
        self
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Binds every [`Arg`] of a [`Sql`] to a query of either backend.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args.iter() {
            q = match a {
                $crate::sql::Arg::I64(v) => q.bind(*v),
                $crate::sql::Arg::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}
pub(crate) use bind_args;

/// Fetches all rows of a built query as `T`, from either backend's read pool.
macro_rules! fetch_all_sql {
    ($db:expr, $sql:expr, $t:ty) => {{
        let sql: &$crate::sql::Sql = &$sql;
        match $db {
            $crate::Db::Sqlite { read, .. } => {
                let q = sqlx::query_as::<sqlx::Sqlite, $t>(sqlx::AssertSqlSafe(sql.text.clone()));
                $crate::sql::bind_args!(q, sql.args).fetch_all(read).await
            }
            $crate::Db::Postgres(pool) => {
                let q = sqlx::query_as::<sqlx::Postgres, $t>(sqlx::AssertSqlSafe(sql.text.clone()));
                $crate::sql::bind_args!(q, sql.args).fetch_all(pool).await
            }
        }
    }};
}
pub(crate) use fetch_all_sql;

/// Fetches one scalar of a built query, from either backend's read pool.
macro_rules! fetch_scalar_sql {
    ($db:expr, $sql:expr, $t:ty) => {{
        let sql: &$crate::sql::Sql = &$sql;
        match $db {
            $crate::Db::Sqlite { read, .. } => {
                let q =
                    sqlx::query_scalar::<sqlx::Sqlite, $t>(sqlx::AssertSqlSafe(sql.text.clone()));
                $crate::sql::bind_args!(q, sql.args).fetch_one(read).await
            }
            $crate::Db::Postgres(pool) => {
                let q =
                    sqlx::query_scalar::<sqlx::Postgres, $t>(sqlx::AssertSqlSafe(sql.text.clone()));
                $crate::sql::bind_args!(q, sql.args).fetch_one(pool).await
            }
        }
    }};
}
pub(crate) use fetch_scalar_sql;
