//! Reference data the administrator manages: the official classification catalog every upload is checked
//! against (uploaded as CSV/XLSX, laid over the bundled one exactly like `yusuan check --catalog`), and the
//! layout each department's uploads are read with (automatic detection unless one is set).

use crate::auth::User;
use crate::core::{audit, require_admin};
use crate::error::AppError;
use crate::util::{datetime, now};
use crate::AppState;
use serde::Serialize;
use sqlx::Row;
use std::sync::{Arc, Mutex};
use yusuan_model::{Catalog, Classification, Layout};

/// The catalog in use, by the id of its row (0 = the bundled one), loaded once per change.
#[derive(Default)]
pub struct ActiveCatalog(Mutex<Option<(i64, Arc<Catalog>)>>);

/// An uploaded catalog as listed.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogInfo {
    pub id: i64,
    pub filename: String,
    pub function_rows: i64,
    pub economic_rows: i64,
    pub active: bool,
    pub uploaded_by: String,
    pub created_at: String,
}

/// A layout as listed.
#[derive(Clone, Debug, Serialize)]
pub struct LayoutInfo {
    pub id: String,
    pub name: String,
}

/// The layouts uploads can be read with.
pub fn layouts() -> Vec<LayoutInfo> {
    Layout::bundled().iter().map(|l| LayoutInfo { id: l.id.clone(), name: l.name.clone() }).collect()
}

/// Checks a layout id chosen for a department (empty = automatic detection).
pub fn layout_id(id: &str) -> Result<Option<String>, AppError> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    Layout::by_id(id).map(|l| Some(l.id.clone())).map_err(|e| AppError::BadRequest(e.to_string()))
}

/// The catalog uploads are checked against now. Asks the database which one is active on every call (one
/// indexed row), so a catalog activated by another server process is used here too.
pub async fn active_catalog(state: &AppState) -> Result<Arc<Catalog>, AppError> {
    let row = sqlx::query("SELECT id FROM catalogs WHERE active = 1 ORDER BY id DESC LIMIT 1")
        .fetch_optional(&state.db.pool)
        .await?;
    let id: i64 = match row {
        Some(r) => r.try_get(0)?,
        None => 0,
    };
    if let Some((cached, c)) = state.catalog.0.lock().ok().and_then(|g| g.clone()) {
        if cached == id {
            return Ok(c);
        }
    }
    let catalog = if id == 0 {
        Arc::new(Catalog::bundled().clone())
    } else {
        let r = sqlx::query("SELECT filename, content FROM catalogs WHERE id = $1")
            .bind(id)
            .fetch_one(&state.db.pool)
            .await?;
        let (name, bytes): (String, Vec<u8>) = (r.try_get(0)?, r.try_get(1)?);
        Arc::new(parse(name, bytes).await?)
    };
    if let Ok(mut g) = state.catalog.0.lock() {
        *g = Some((id, catalog.clone()));
    }
    Ok(catalog)
}

async fn parse(name: String, bytes: Vec<u8>) -> Result<Catalog, AppError> {
    tokio::task::spawn_blocking(move || Catalog::with_official_bytes(&name, &bytes))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Unprocessable(format!("科目表无法读取：{e}")))
}

/// Admin: stores an official catalog (refused, with the file's row named, when it does not parse) and
/// makes it the one uploads are checked against.
pub async fn upload_catalog(state: &AppState, user: &User, filename: &str, bytes: Vec<u8>) -> Result<i64, AppError> {
    require_admin(user)?;
    if bytes.len() > 20 * 1024 * 1024 {
        return Err(AppError::TooLarge(20));
    }
    let filename = filename.rsplit(['/', '\\']).next().unwrap_or("catalog").to_string();
    let catalog = parse(filename.clone(), bytes.clone()).await?;
    let (f, e) = (catalog.len(Classification::Function) as i64, catalog.len(Classification::Economic) as i64);
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE catalogs SET active = 0 WHERE active = 1").execute(&mut *tx).await?;
    let id: i64 = sqlx::query("INSERT INTO catalogs (filename, content, function_rows, economic_rows, active, uploaded_by, created_at) VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING id")
        .bind(&filename)
        .bind(bytes)
        .bind(f)
        .bind(e)
        .bind(user.id)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    audit(&mut tx, user, "catalog", None, None, &format!("启用科目表 {filename}（功能分类 {f} 行，经济分类 {e} 行）"))
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Admin: goes back to the bundled catalog.
pub async fn use_bundled_catalog(state: &AppState, user: &User) -> Result<(), AppError> {
    require_admin(user)?;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("UPDATE catalogs SET active = 0 WHERE active = 1").execute(&mut *tx).await?;
    audit(&mut tx, user, "catalog", None, None, "改用内置参考科目表").await?;
    tx.commit().await?;
    Ok(())
}

/// Every uploaded catalog, newest first.
pub async fn catalogs(state: &AppState) -> Result<Vec<CatalogInfo>, AppError> {
    let rows = sqlx::query("SELECT c.id, c.filename, c.function_rows, c.economic_rows, c.active, u.username, c.created_at FROM catalogs c JOIN users u ON u.id = c.uploaded_by ORDER BY c.id DESC")
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CatalogInfo {
                id: r.try_get(0)?,
                filename: r.try_get(1)?,
                function_rows: r.try_get(2)?,
                economic_rows: r.try_get(3)?,
                active: r.try_get::<i64, _>(4)? == 1,
                uploaded_by: r.try_get(5)?,
                created_at: datetime(r.try_get(6)?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}
