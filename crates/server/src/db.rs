//! The database: SQLite in a file by default, PostgreSQL for multi-user deployments, one code path
//! through sqlx's `Any` driver. Queries use `$N` placeholders, which both drivers accept; integers are
//! `BIGINT` (`i64`) and timestamps Unix seconds, so no type differs between the two.

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::AnyPool;
use sqlx::SqlSafeStr;
use std::path::Path;

/// Which database the pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite in a file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The connection pool and its backend.
#[derive(Clone, Debug)]
pub struct Db {
    /// The pool.
    pub pool: AnyPool,
    /// Which database it is.
    pub backend: Backend,
}

/// The versioned migrations of `backend`; the two sets are kept in step (same versions, same tables).
pub fn migrator(backend: Backend) -> Migrator {
    let sql: &[(i64, &str, &'static str)] = match backend {
        Backend::Sqlite => &[
            (1, "init", include_str!("../migrations/sqlite/0001_init.sql")),
            (2, "project summary", include_str!("../migrations/sqlite/0002_project_summary.sql")),
        ],
        Backend::Postgres => &[
            (1, "init", include_str!("../migrations/postgres/0001_init.sql")),
            (2, "project summary", include_str!("../migrations/postgres/0002_project_summary.sql")),
        ],
    };
    Migrator::with_migrations(
        sql.iter()
            .map(|(v, d, s)| Migration::new(*v, (*d).into(), MigrationType::Simple, s.into_sql_str(), false))
            .collect(),
    )
}

impl Db {
    /// Opens (creating if needed) `yusuan.db` in `dir`, or the database at `url`, and migrates it.
    pub async fn open(dir: Option<&Path>, url: Option<&str>) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let (url, backend) = match url {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                (u.to_string(), Backend::Postgres)
            }
            Some(u) if u.starts_with("sqlite:") => (u.to_string(), Backend::Sqlite),
            Some(u) => return Err(format!("不支持的数据库地址：{u}（应为 postgres://… 或 sqlite:…）")),
            None => {
                let dir = dir.unwrap_or(Path::new("yusuan-data"));
                std::fs::create_dir_all(dir).map_err(|e| format!("无法创建数据目录 {}：{e}", dir.display()))?;
                (format!("sqlite://{}?mode=rwc", dir.join("yusuan.db").display()), Backend::Sqlite)
            }
        };
        let max = if backend == Backend::Sqlite { 8 } else { 16 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .connect(&url)
            .await
            .map_err(|e| format!("无法连接数据库 {}：{e}", redact(&url)))?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode=WAL").execute(&pool).await.map_err(|e| e.to_string())?;
        }
        migrator(backend).run(&pool).await.map_err(|e| format!("数据库迁移失败：{e}"))?;
        Ok(Db { pool, backend })
    }
}

/// The URL without its password.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
