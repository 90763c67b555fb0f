//! The REST/JSON API: everything the pages do, for scripts. Authentication is a Bearer token from
//! `POST /api/login`; cookies are not accepted here, so browsers on other sites cannot act through it.
//! Every route is listed in the OpenAPI document served at `/api/openapi.json` (a test keeps them in step).

use crate::auth::{self, ApiUser, Role};
use crate::core::{self, Action};
use crate::error::{ApiError, AppError};
use crate::files::Made;
use crate::upload::{Kind, MAX_UPLOAD};
use crate::util::this_year;
use crate::web::{self, check_length, file};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

type ApiResult = Result<Response, ApiError>;

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

/// The API routes (under `/api`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/login", post(login))
        .route("/api/me", get(me))
        .route("/api/packages", get(packages))
        .route("/api/packages/{id}", get(package))
        .route("/api/packages/{id}/diff", get(diff))
        .route("/api/packages/{id}/audit", get(package_audit))
        .route("/api/packages/{id}/{action}", post(act))
        .route("/api/uploads", post(upload))
        .route("/api/template.xlsx", get(template))
        .route("/api/versions/{id}", get(version))
        .route("/api/versions/{id}/document", get(version_document))
        .route("/api/versions/{id}/original", get(version_original))
        .route("/api/versions/{id}/{file}", get(version_file))
        .route("/api/dashboard", get(dashboard))
        .route("/api/dashboard.xlsx", get(dashboard_xlsx))
        .route("/api/audit", get(audit))
        .route("/api/admin/regions", get(regions).post(create_region))
        .route("/api/admin/departments", get(departments).post(create_department))
        .route("/api/admin/users", get(users).post(create_user))
        .route("/api/admin/catalogs", get(catalogs).post(upload_catalog))
        .route("/api/admin/catalogs/bundled", post(use_bundled_catalog))
        .route("/api/admin/layouts", get(layouts))
        .route("/api/public/years", get(public_years))
        .route("/api/public/years/{year}", get(public_year))
        .route("/api/public/packages/{id}", get(public_package))
        .route("/api/public/packages/{id}/document", get(public_document))
        .route("/api/public/packages/{id}/cells.csv", get(public_csv))
        .route("/api/public/packages/{id}/datapackage.json", get(public_fdp))
        .route("/api/public/packages/{id}/{file}", get(public_file))
        .route("/api/public/search", get(public_search))
}

/// `GET /api/openapi.json`
pub async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// The OpenAPI document.
pub const OPENAPI: &str = include_str!("openapi.json");

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

async fn login(State(state): State<AppState>, Json(l): Json<Login>) -> ApiResult {
    match auth::authenticate(&state, l.username.trim(), &l.password).await? {
        Some(user) => {
            let token = auth::issue_token(&state, &user).await?;
            ok(json!({"token": token, "user": user}))
        }
        None => Err(AppError::Forbidden("用户名或密码错误".into()).into()),
    }
}

async fn me(u: ApiUser) -> ApiResult {
    ok(u.required()?)
}

async fn packages(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    ok(core::packages_for(&state, &u.required()?).await?)
}

async fn package(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let user = u.required()?;
    let p = core::package_for(&state, &user, id).await?;
    ok(json!({
        "package": p,
        "versions": core::versions(&state, id).await?,
        "comments": core::comments(&state, id).await?,
    }))
}

#[derive(Deserialize)]
struct DiffQuery {
    a: i64,
    b: i64,
}

async fn diff(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>, Query(q): Query<DiffQuery>) -> ApiResult {
    let (_, a, b, tables) = web::diff_of(&state, &u.required()?, id, q.a, q.b).await?;
    ok(json!({"from": a, "to": b, "tables": tables}))
}

async fn package_audit(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let user = u.required()?;
    core::package_for(&state, &user, id).await?;
    ok(core::audit_log(&state, &user, Some(id)).await?)
}

#[derive(Deserialize, Default)]
struct ActBody {
    #[serde(default)]
    comment: String,
    #[serde(default)]
    body: String,
}

async fn act(
    State(state): State<AppState>,
    u: ApiUser,
    Path((id, action)): Path<(i64, String)>,
    body: Option<Json<ActBody>>,
) -> ApiResult {
    let user = u.required()?;
    let b = body.map(|Json(b)| b).unwrap_or_default();
    if action == "comment" {
        core::comment(&state, &user, id, &b.body).await?;
        return ok(core::comments(&state, id).await?);
    }
    let a = Action::parse(&action).ok_or(AppError::NotFound)?;
    ok(core::act(&state, &user, id, a, &b.comment).await?)
}

#[derive(Deserialize)]
struct UploadQuery {
    filename: Option<String>,
    year: Option<i64>,
    department_id: Option<i64>,
}

/// `POST /api/uploads?filename=&year=` with the file as the raw body.
async fn upload(
    State(state): State<AppState>,
    u: ApiUser,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult {
    let user = u.required()?;
    if user.role != Role::Editor {
        return Err(AppError::Forbidden("只有部门填报人可以上传".into()).into());
    }
    check_length(&headers)?;
    let bytes = read_body(body).await?;
    let v =
        core::upload(&state, &user, q.department_id, q.year, q.filename.as_deref().unwrap_or("upload"), bytes).await?;
    Ok((axum::http::StatusCode::CREATED, Json(v)).into_response())
}

async fn template(State(state): State<AppState>, u: ApiUser, Query(q): Query<YearQuery>) -> ApiResult {
    u.required()?;
    Ok(web::template_for(&state, q.year).await?)
}

#[derive(Deserialize)]
struct CatalogQuery {
    filename: Option<String>,
}

async fn catalogs(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    core::require_admin(&u.required()?)?;
    ok(crate::reference::catalogs(&state).await?)
}

async fn upload_catalog(
    State(state): State<AppState>,
    u: ApiUser,
    Query(q): Query<CatalogQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult {
    let user = u.required()?;
    check_length(&headers)?;
    let bytes = read_body(body).await?;
    let id =
        crate::reference::upload_catalog(&state, &user, q.filename.as_deref().unwrap_or("catalog.csv"), bytes).await?;
    Ok((axum::http::StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

async fn use_bundled_catalog(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    crate::reference::use_bundled_catalog(&state, &u.required()?).await?;
    ok(json!({ "catalog": "bundled" }))
}

async fn layouts(u: ApiUser) -> ApiResult {
    u.required()?;
    ok(crate::reference::layouts())
}

/// Reads a body, refusing it as soon as it passes the upload limit.
async fn read_body(body: Body) -> Result<Vec<u8>, AppError> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| AppError::BadRequest(format!("上传中断：{e}")))?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > MAX_UPLOAD {
                return Err(AppError::TooLarge((MAX_UPLOAD / 1024 / 1024) as u64));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(buf)
}

async fn version(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let user = u.required()?;
    let (p, v) = core::version_for(&state, Some(&user), id).await?;
    ok(json!({"package": p, "version": v, "findings": core::findings(&state, id).await?}))
}

async fn version_document(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let user = u.required()?;
    core::version_for(&state, Some(&user), id).await?;
    ok(core::document(&state, id).await?)
}

async fn version_original(State(state): State<AppState>, u: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let user = u.required()?;
    let (_, v) = core::version_for(&state, Some(&user), id).await?;
    let (name, bytes) = core::original(&state, id).await?;
    Ok(file(&name, Kind::mime(&v.kind), bytes))
}

async fn version_file(State(state): State<AppState>, u: ApiUser, Path((id, name)): Path<(i64, String)>) -> ApiResult {
    let user = u.required()?;
    let what = Made::from_name(&name).ok_or(AppError::NotFound)?;
    let (p, v) = core::version_for(&state, Some(&user), id).await?;
    Ok(web::made(&state, &p, &v, what).await?)
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i64>,
}

async fn dashboard(State(state): State<AppState>, u: ApiUser, Query(q): Query<YearQuery>) -> ApiResult {
    ok(core::dashboard(&state, &u.required()?, q.year.unwrap_or_else(this_year)).await?)
}

async fn dashboard_xlsx(State(state): State<AppState>, u: ApiUser, Query(q): Query<YearQuery>) -> ApiResult {
    let d = core::dashboard(&state, &u.required()?, q.year.unwrap_or_else(this_year)).await?;
    Ok(file(&format!("dashboard-{}.xlsx", d.year), Kind::mime("xlsx"), core::dashboard_xlsx(&d)?))
}

async fn audit(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    let user = u.required()?;
    if user.role == Role::Editor {
        return Err(AppError::Forbidden("操作日志只对审核人和管理员开放".into()).into());
    }
    ok(core::audit_log(&state, &user, None).await?)
}

async fn regions(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    u.required()?;
    ok(core::regions(&state).await?)
}

async fn departments(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    u.required()?;
    ok(core::departments(&state, None).await?)
}

async fn users(State(state): State<AppState>, u: ApiUser) -> ApiResult {
    ok(core::accounts(&state, &u.required()?).await?)
}

#[derive(Deserialize)]
struct NewRegion {
    name: String,
}

async fn create_region(State(state): State<AppState>, u: ApiUser, Json(b): Json<NewRegion>) -> ApiResult {
    let id = core::create_region(&state, &u.required()?, &b.name).await?;
    ok(json!({"id": id}))
}

#[derive(Deserialize)]
struct NewDepartment {
    region_id: i64,
    #[serde(default)]
    code: String,
    name: String,
    /// Layout id its uploads are read with; empty or absent: detected from each file.
    #[serde(default)]
    layout: String,
}

async fn create_department(State(state): State<AppState>, u: ApiUser, Json(b): Json<NewDepartment>) -> ApiResult {
    let id = core::create_department(&state, &u.required()?, b.region_id, &b.code, &b.name, &b.layout).await?;
    ok(json!({"id": id}))
}

#[derive(Deserialize)]
struct NewUser {
    username: String,
    password: String,
    role: String,
    department_id: Option<i64>,
    region_id: Option<i64>,
}

async fn create_user(State(state): State<AppState>, u: ApiUser, Json(b): Json<NewUser>) -> ApiResult {
    let role = Role::parse(&b.role).ok_or_else(|| AppError::BadRequest("角色无效".into()))?;
    let id = core::create_account(&state, &u.required()?, &b.username, &b.password, role, b.department_id, b.region_id)
        .await?;
    ok(json!({"id": id}))
}

/// A public API answer from the cache (errors stay JSON).
async fn public_cached<F>(state: &AppState, key: &str, make: F) -> ApiResult
where
    F: std::future::Future<Output = ApiResult>,
{
    let make = async { make.await.or_else(|e| Ok(e.into_response())) };
    Ok(web::cached(state, None, key, make).await.unwrap_or_else(|e| ApiError(e).into_response()))
}

async fn public_years(State(state): State<AppState>) -> ApiResult {
    public_cached(&state, "/api/public/years", async { ok(core::public_years(&state).await?) }).await
}

async fn public_year(State(state): State<AppState>, Path(year): Path<i64>) -> ApiResult {
    public_cached(&state, &format!("/api/public/years/{year}"), async {
        ok(core::public_packages(&state, year).await?)
    })
    .await
}

async fn public_package(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult {
    public_cached(&state, &format!("/api/public/packages/{id}"), async {
        let (p, v) = web::published(&state, id).await?;
        let c = core::findings(&state, v.id).await?.len();
        ok(json!({"package": p, "version": v, "findings": c}))
    })
    .await
}

async fn public_document(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult {
    let (_, v) = web::published(&state, id).await?;
    ok(core::document(&state, v.id).await?)
}

async fn public_csv(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult {
    let (p, v) = web::published(&state, id).await?;
    let csv = core::cells_csv(&core::document(&state, v.id).await?)?;
    Ok(file(&format!("{}-{}.csv", p.department, p.year), "text/csv; charset=utf-8", csv))
}

async fn public_file(State(state): State<AppState>, Path((id, name)): Path<(i64, String)>) -> ApiResult {
    let what = Made::from_name(&name).filter(|m| m.public()).ok_or(AppError::NotFound)?;
    let (p, v) = web::published(&state, id).await?;
    Ok(web::made(&state, &p, &v, what).await?)
}

async fn public_fdp(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult {
    let (p, _) = web::published(&state, id).await?;
    ok(core::fiscal_data_package(&p))
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

async fn public_search(State(state): State<AppState>, Query(q): Query<SearchQuery>) -> ApiResult {
    let hits: Vec<core::Hit> = core::search(&state, &q.q).await?;
    ok(hits)
}

/// The paths of the OpenAPI document (for the test that every route is listed).
pub fn documented_paths() -> Vec<String> {
    let v: Value = serde_json::from_str(OPENAPI).unwrap_or(Value::Null);
    v["paths"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}
