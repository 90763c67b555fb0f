//! The Yusuan web application (`yusuan serve`): departments upload their disclosures and see every finding
//! at its cell, finance-bureau reviewers return or approve them, and the public reads what is published.
//!
//! One code path runs on SQLite (a file under `--data DIR`, the default) and on PostgreSQL
//! (`--database postgres://…`), through sqlx's `Any` driver and two sets of versioned migrations kept in step.
//! An upload is any file `yusuan_read` reads (PDF, XLSX/XLS/ODS, extracted text) or a fill-in workbook of
//! budget lines, which `yusuan_build` turns into the package; either is checked with `yusuan_check`
//! ([`upload::read_and_check`]). Downloads of a version include the package typeset as PDF and XLSX
//! ([`files`]).

pub mod api;
pub mod auth;
pub mod cache;
pub mod core;
pub mod db;
pub mod error;
pub mod files;
pub mod reference;
pub mod upload;
pub mod util;
pub mod views;
pub mod web;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Shared state of the application.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// What the state holds.
pub struct Inner {
    /// The database.
    pub db: db::Db,
    /// The templates.
    pub env: minijinja::Environment<'static>,
    /// What the anonymous public sees.
    pub cache: cache::Cache,
    /// PDF and XLSX downloads made from versions.
    pub files: files::Files,
    /// What the dashboard takes from each version.
    pub summaries: cache::Memo<core::VersionSummary>,
    /// The classification catalog uploads are checked against.
    pub catalog: reference::ActiveCatalog,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Opens the database (migrating it) and loads the templates.
    pub async fn open(data: Option<&Path>, database: Option<&str>) -> Result<AppState, String> {
        let db = db::Db::open(data, database).await?;
        Ok(AppState(Arc::new(Inner {
            db,
            env: views::environment(),
            cache: cache::Cache::default(),
            files: files::Files::default(),
            summaries: cache::Memo::default(),
            catalog: reference::ActiveCatalog::default(),
        })))
    }
}

/// The whole application: pages, API and static files.
pub fn app(state: AppState) -> Router {
    let uploads = DefaultBodyLimit::max(upload::MAX_UPLOAD + 64 * 1024);
    Router::new()
        .route("/", get(web::public_index))
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/style.css", get(web::style))
        .route("/login", get(web::login_form).post(web::login))
        .route("/logout", post(web::logout))
        .route("/search", get(web::search))
        .route("/public/{year}", get(web::public_year))
        .route("/public/packages/{id}", get(web::public_package))
        .route("/public/packages/{id}/{file}", get(web::public_download))
        .route("/app", get(web::home))
        .route("/app/upload", post(web::upload).layer(uploads))
        .route("/app/template.xlsx", get(web::template))
        .route("/app/packages/{id}", get(web::package))
        .route("/app/packages/{id}/diff", get(web::diff))
        .route("/app/packages/{id}/{action}", post(web::act))
        .route("/app/versions/{id}", get(web::version))
        .route("/app/versions/{id}/original", get(web::version_original))
        .route("/app/versions/{id}/cells.csv", get(web::version_csv))
        .route("/app/versions/{id}/{file}", get(web::version_file))
        .route("/app/dashboard", get(web::dashboard))
        .route("/app/dashboard.xlsx", get(web::dashboard_xlsx))
        .route("/app/audit", get(web::audit))
        .route("/app/admin", get(web::admin))
        .route(
            "/app/admin/catalogs",
            post(web::admin_catalog).layer(DefaultBodyLimit::max(20 * 1024 * 1024 + 64 * 1024)),
        )
        .route("/app/admin/catalogs/bundled", post(web::admin_bundled_catalog))
        .route("/app/admin/{what}", post(web::admin_create))
        .merge(api::routes().route_layer(uploads))
        .with_state(state)
}

/// Options of `yusuan serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Directory of the SQLite database (default `yusuan-data`).
    pub data: Option<PathBuf>,
    /// `postgres://…` (or `sqlite:…`) instead of the data directory.
    pub database: Option<String>,
    /// Address to listen on.
    pub bind: String,
}

/// Runs the application until Ctrl-C or SIGTERM.
pub async fn serve(opts: ServeOptions) -> Result<(), String> {
    let state = AppState::open(opts.data.as_deref(), opts.database.as_deref()).await?;
    let listener =
        tokio::net::TcpListener::bind(&opts.bind).await.map_err(|e| format!("无法监听 {}：{e}", opts.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let backend = match state.db.backend {
        db::Backend::Sqlite => "SQLite",
        db::Backend::Postgres => "PostgreSQL",
    };
    eprintln!("预算 Yusuan 已启动：http://{addr}/（数据库：{backend}）");
    // TCP_NODELAY: without it a response written in two parts waits for the client's delayed ACK.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp: &mut tokio::net::TcpStream| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown_signal()).await.map_err(|e| e.to_string())
}

/// Ctrl-C or SIGTERM. An upload cut off by the shutdown (or by a kill) stores nothing: its version is
/// written in one transaction after the whole file has been read and checked.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// `yusuan admin create`: creates an administrator account.
pub async fn create_admin(
    data: Option<&Path>,
    database: Option<&str>,
    username: &str,
    password: &str,
) -> Result<i64, String> {
    let state = AppState::open(data, database).await?;
    let id = auth::create_user(&state, username, password, auth::Role::Admin, None, None)
        .await
        .map_err(|e| e.to_string())?;
    let user = auth::User {
        id,
        username: username.to_string(),
        role: auth::Role::Admin,
        department_id: None,
        region_id: None,
        role_label: auth::Role::Admin.label(),
    };
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    core::audit(&mut conn, &user, "create_user", None, None, &format!("{username}（管理员，命令行创建）"))
        .await
        .map_err(|e| e.to_string())?;
    Ok(id)
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())
}

/// [`serve`] on its own runtime (for the synchronous CLI).
pub fn serve_blocking(opts: ServeOptions) -> Result<(), String> {
    runtime()?.block_on(serve(opts))
}

/// [`create_admin`] on its own runtime (for the synchronous CLI).
pub fn create_admin_blocking(
    data: Option<&Path>,
    database: Option<&str>,
    username: &str,
    password: &str,
) -> Result<i64, String> {
    runtime()?.block_on(create_admin(data, database, username, password))
}
