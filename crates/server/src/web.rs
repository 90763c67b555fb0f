//! The HTML pages. Every POST form carries the session's CSRF token (the upload form in its query string,
//! so a forged upload is refused before its body is read).

use crate::auth::{self, Authed, MaybeSession, Role, Session};
use crate::core::{self, Action};
use crate::error::AppError;
use crate::files::{Made, Source};
use crate::upload::{Kind, MAX_UPLOAD};
use crate::util::this_year;
use crate::views::{doc_view, STYLE};
use crate::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::{context, Value};
use serde::Deserialize;

type Page = Result<Response, AppError>;

/// Renders a template with the user and CSRF token every page needs.
fn render(state: &AppState, session: Option<&Session>, name: &str, ctx: Value) -> Page {
    let tmpl = state.env.get_template(name).map_err(|e| AppError::Internal(e.to_string()))?;
    let ctx = context! {
        user => session.map(|s| &s.user),
        csrf => session.map(|s| s.csrf.as_str()),
        ..ctx
    };
    let html = tmpl.render(ctx).map_err(|e| AppError::Internal(format!("{e:#}")))?;
    Ok(Html(html).into_response())
}

/// A download.
pub fn file(name: &str, mime: &str, bytes: impl Into<axum::body::Body>) -> Response {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b == b'.' { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes.into(),
    )
        .into_response()
}

/// A download made from version `v` of package `p` (the typeset PDF or the workbook).
pub async fn made(state: &AppState, p: &core::Package, v: &core::Version, what: Made) -> Page {
    let name = format!("{}-{}-v{}.{}", p.department, p.year, v.number, what.ext());
    // Made once per version: a repeated download reads neither the document nor the original again.
    if let Some(bytes) = state.files.made(v.id, what) {
        return Ok(file(&name, what.mime(), bytes));
    }
    let source = match what {
        Made::Annotated if v.kind == "pdf" => {
            let (name, bytes) = core::original(state, v.id).await?;
            Source::Pdf(name, bytes, core::report_json(state, v.id).await?)
        }
        Made::Annotated => return Err(AppError::NotFound),
        _ => Source::Document(core::document(state, v.id).await?),
    };
    let bytes = state.files.make(v.id, what, source).await?;
    Ok(file(&name, what.mime(), bytes))
}

/// `GET /static/style.css`
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE)
        .into_response()
}

/// `GET /login`
pub async fn login_form(State(state): State<AppState>, MaybeSession(s): MaybeSession) -> Page {
    if s.is_some() {
        return Ok(Redirect::to("/app").into_response());
    }
    render(&state, None, "login.html", context! {})
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`
pub async fn login(State(state): State<AppState>, headers: HeaderMap, Form(f): Form<LoginForm>) -> Page {
    // There is no session yet to hold a CSRF token: a login posted from another site is refused by its Origin.
    if !same_origin(&headers) {
        return Err(AppError::Csrf);
    }
    match auth::authenticate(&state, f.username.trim(), &f.password).await? {
        Some(user) => {
            let token = auth::start_session(&state, &user).await?;
            Ok(([(header::SET_COOKIE, auth::session_cookie(&token, &headers))], Redirect::to("/app")).into_response())
        }
        None => {
            let mut r = render(&state, None, "login.html", context! { error => "用户名或密码错误" })?;
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            Ok(r)
        }
    }
}

/// Whether the request's `Origin` (when the browser sent one) names this host.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    origin.split_once("://").is_some_and(|(_, h)| h == host)
}

/// A form that carries only the CSRF token (and maybe a comment).
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    body: String,
}

/// `POST /logout`
pub async fn logout(
    State(state): State<AppState>,
    Authed(s): Authed,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Page {
    s.check_csrf(&f.csrf)?;
    if let Some(token) = auth::cookie_token(&headers) {
        auth::end_session(&state, &token).await?;
    }
    Ok(([(header::SET_COOKIE, auth::clear_cookie())], Redirect::to("/")).into_response())
}

/// `GET /app`
pub async fn home(State(state): State<AppState>, Authed(s): Authed) -> Page {
    let packages = core::packages_for(&state, &s.user).await?;
    let department = match s.user.department_id {
        Some(d) => core::departments(&state, None).await?.into_iter().find(|x| x.id == d).map(|x| x.name),
        None => None,
    };
    let next_year = this_year() + 1;
    render(&state, Some(&s), "home.html", context! { packages, department, next_year })
}

/// `GET /app/template.xlsx?year=`: the blank fill-in workbook (drop-down lists from the catalog in use),
/// for the budget year asked (default: next year).
pub async fn template(State(state): State<AppState>, Authed(_s): Authed, Query(q): Query<YearQuery>) -> Page {
    template_for(&state, q.year).await
}

/// The blank fill-in workbook for budget year `year` (default: next year).
pub async fn template_for(state: &AppState, year: Option<i64>) -> Page {
    let year = year.unwrap_or_else(|| this_year() + 1);
    let year = u16::try_from(year)
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| AppError::BadRequest(format!("年度 {year} 不合理")))?;
    let catalog = crate::reference::active_catalog(state).await?;
    let bytes =
        tokio::task::spawn_blocking(move || yusuan_build::tabular::write_template(year, "hebei-dept-budget", &catalog))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| AppError::Internal(format!("填报模板无法生成：{e}")))?;
    Ok(file(&format!("填报模板-{year}.xlsx"), Kind::mime("xlsx"), bytes))
}

/// The CSRF token of the upload form.
#[derive(Deserialize)]
pub struct CsrfQuery {
    #[serde(default)]
    csrf: String,
}

/// Reads a multipart upload (fields `year`, `file`), refusing it as soon as it passes the limit.
pub async fn read_multipart(mut mp: Multipart) -> Result<(Option<i64>, String, Vec<u8>), AppError> {
    let (mut year, mut name, mut data) = (None, String::new(), None);
    while let Some(mut field) = mp.next_field().await.map_err(|e| multipart_error(&e.to_string()))? {
        match field.name() {
            Some("year") => {
                let t = field.text().await.map_err(|e| multipart_error(&e.to_string()))?;
                let t = t.trim();
                if !t.is_empty() {
                    year = Some(t.parse().map_err(|_| AppError::BadRequest(format!("年度“{t}”不是数字")))?);
                }
            }
            Some("file") => {
                name = field.file_name().unwrap_or("upload").to_string();
                let mut buf = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e.to_string()))? {
                    if buf.len() + chunk.len() > MAX_UPLOAD {
                        return Err(AppError::TooLarge((MAX_UPLOAD / 1024 / 1024) as u64));
                    }
                    buf.extend_from_slice(&chunk);
                }
                data = Some(buf);
            }
            _ => {}
        }
    }
    let data = data.ok_or_else(|| AppError::BadRequest("没有选择文件".into()))?;
    Ok((year, name, data))
}

fn multipart_error(e: &str) -> AppError {
    if e.contains("limit") || e.contains("large") {
        AppError::TooLarge((MAX_UPLOAD / 1024 / 1024) as u64)
    } else {
        AppError::BadRequest(format!("上传中断或格式错误：{e}"))
    }
}

/// Refuses a body whose declared length is over the limit before reading it.
pub fn check_length(headers: &HeaderMap) -> Result<(), AppError> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > (MAX_UPLOAD + 64 * 1024) as u64) {
        return Err(AppError::TooLarge((MAX_UPLOAD / 1024 / 1024) as u64));
    }
    Ok(())
}

/// `POST /app/upload?csrf=…` (multipart)
pub async fn upload(
    State(state): State<AppState>,
    Authed(s): Authed,
    Query(q): Query<CsrfQuery>,
    headers: HeaderMap,
    mp: Multipart,
) -> Page {
    s.check_csrf(&q.csrf)?;
    if s.user.role != Role::Editor {
        return Err(AppError::Forbidden("只有部门填报人可以上传".into()));
    }
    check_length(&headers)?;
    let (year, name, data) = read_multipart(mp).await?;
    let v = core::upload(&state, &s.user, None, year, &name, data).await?;
    Ok(Redirect::to(&format!("/app/versions/{}", v.id)).into_response())
}

/// `GET /app/packages/{id}`
pub async fn package(State(state): State<AppState>, Authed(s): Authed, Path(id): Path<i64>) -> Page {
    let p = core::package_for(&state, &s.user, id).await?;
    let versions = core::versions(&state, id).await?;
    let comments = core::comments(&state, id).await?;
    let audit = core::audit_log(&state, &s.user, Some(id)).await?;
    let actions: Vec<(&str, &str)> = [
        (Action::Submit, "submitted", "提交审核"),
        (Action::Return, "returned", "退回修改"),
        (Action::Approve, "approved", "批准"),
        (Action::Publish, "published", "公开"),
    ]
    .into_iter()
    .filter(|(a, _, _)| {
        a.allowed(&s.user, &p)
            && match a {
                Action::Submit => p.status == "draft" && p.latest_version_id.is_some(),
                Action::Return | Action::Approve => p.status == "submitted",
                Action::Publish => p.status == "approved",
            }
    })
    .map(|(a, _, label)| (a.as_str(), label))
    .collect();
    let can_upload = s.user.role == Role::Editor && (p.status == "draft" || p.status == "returned");
    let can_comment = s.user.role != Role::Admin;
    render(
        &state,
        Some(&s),
        "package.html",
        context! { p, versions, comments, audit, actions, can_upload, can_comment },
    )
}

/// `POST /app/packages/{id}/{action}` (submit, return, approve, publish, comment)
pub async fn act(
    State(state): State<AppState>,
    Authed(s): Authed,
    Path((id, action)): Path<(i64, String)>,
    Form(f): Form<CsrfForm>,
) -> Page {
    s.check_csrf(&f.csrf)?;
    if action == "comment" {
        core::comment(&state, &s.user, id, &f.body).await?;
    } else {
        let a = Action::parse(&action).ok_or(AppError::NotFound)?;
        core::act(&state, &s.user, id, a, &f.comment).await?;
    }
    Ok(Redirect::to(&format!("/app/packages/{id}")).into_response())
}

/// Two versions to compare.
#[derive(Deserialize)]
pub struct DiffQuery {
    a: i64,
    b: i64,
}

/// `GET /app/packages/{id}/diff?a=&b=`
pub async fn diff(
    State(state): State<AppState>,
    Authed(s): Authed,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> Page {
    let (p, a, b, tables) = diff_of(&state, &s.user, id, q.a, q.b).await?;
    render(&state, Some(&s), "diff.html", context! { p, a, b, tables })
}

/// The diff of two versions of package `id` (both must belong to it).
pub async fn diff_of(
    state: &AppState,
    user: &auth::User,
    id: i64,
    a: i64,
    b: i64,
) -> Result<(core::Package, core::Version, core::Version, Vec<core::DiffTable>), AppError> {
    let p = core::package_for(state, user, id).await?;
    let (pa, va) = core::version_for(state, Some(user), a).await?;
    let (pb, vb) = core::version_for(state, Some(user), b).await?;
    if pa.id != p.id || pb.id != p.id {
        return Err(AppError::NotFound);
    }
    let (va, vb) = if va.number <= vb.number { (va, vb) } else { (vb, va) };
    let tables = core::diff(&core::document(state, va.id).await?, &core::document(state, vb.id).await?);
    Ok((p, va, vb, tables))
}

/// `GET /app/versions/{id}`
pub async fn version(State(state): State<AppState>, Authed(s): Authed, Path(id): Path<i64>) -> Page {
    let (p, v) = core::version_for(&state, Some(&s.user), id).await?;
    let doc = core::document(&state, id).await?;
    let view = doc_view(&doc, core::findings(&state, id).await?);
    render(&state, Some(&s), "version.html", context! { p, v, view, pdf => state.files.can_typeset() })
}

/// `GET /app/versions/{id}/original`
pub async fn version_original(State(state): State<AppState>, Authed(s): Authed, Path(id): Path<i64>) -> Page {
    let (_, v) = core::version_for(&state, Some(&s.user), id).await?;
    let (name, bytes) = core::original(&state, id).await?;
    Ok(file(&name, Kind::mime(&v.kind), bytes))
}

/// `GET /app/versions/{id}/disclosure.pdf` and `…/disclosure.xlsx`
pub async fn version_file(
    State(state): State<AppState>,
    Authed(s): Authed,
    Path((id, name)): Path<(i64, String)>,
) -> Page {
    let what = Made::from_name(&name).ok_or(AppError::NotFound)?;
    let (p, v) = core::version_for(&state, Some(&s.user), id).await?;
    made(&state, &p, &v, what).await
}

/// `GET /app/versions/{id}/cells.csv`
pub async fn version_csv(State(state): State<AppState>, Authed(s): Authed, Path(id): Path<i64>) -> Page {
    let (p, v) = core::version_for(&state, Some(&s.user), id).await?;
    let csv = core::cells_csv(&core::document(&state, id).await?)?;
    Ok(file(&format!("{}-{}-v{}.csv", p.department, p.year, v.number), "text/csv; charset=utf-8", csv))
}

/// A year.
#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<i64>,
}

/// `GET /app/dashboard?year=`
pub async fn dashboard(State(state): State<AppState>, Authed(s): Authed, Query(q): Query<YearQuery>) -> Page {
    let d = core::dashboard(&state, &s.user, q.year.unwrap_or_else(this_year)).await?;
    render(&state, Some(&s), "dashboard.html", context! { d })
}

/// `GET /app/dashboard.xlsx?year=`
pub async fn dashboard_xlsx(State(state): State<AppState>, Authed(s): Authed, Query(q): Query<YearQuery>) -> Page {
    let d = core::dashboard(&state, &s.user, q.year.unwrap_or_else(this_year)).await?;
    let bytes = core::dashboard_xlsx(&d)?;
    Ok(file(&format!("dashboard-{}.xlsx", d.year), Kind::mime("xlsx"), bytes))
}

/// `GET /app/audit`
pub async fn audit(State(state): State<AppState>, Authed(s): Authed) -> Page {
    if s.user.role == Role::Editor {
        return Err(AppError::Forbidden("操作日志只对审核人和管理员开放".into()));
    }
    let rows = core::audit_log(&state, &s.user, None).await?;
    render(&state, Some(&s), "audit.html", context! { rows })
}

/// `GET /app/admin`
pub async fn admin(State(state): State<AppState>, Authed(s): Authed) -> Page {
    let accounts = core::accounts(&state, &s.user).await?;
    let regions = core::regions(&state).await?;
    let departments = core::departments(&state, None).await?;
    let catalogs = crate::reference::catalogs(&state).await?;
    let layouts = crate::reference::layouts();
    render(&state, Some(&s), "admin.html", context! { accounts, regions, departments, catalogs, layouts })
}

/// `POST /app/admin/catalogs?csrf=` (multipart `file`): stores and activates an official catalog.
pub async fn admin_catalog(
    State(state): State<AppState>,
    Authed(s): Authed,
    Query(q): Query<CsrfQuery>,
    headers: HeaderMap,
    mp: Multipart,
) -> Page {
    s.check_csrf(&q.csrf)?;
    check_length(&headers)?;
    let (_, name, data) = read_multipart(mp).await?;
    crate::reference::upload_catalog(&state, &s.user, &name, data).await?;
    Ok(Redirect::to("/app/admin").into_response())
}

/// `POST /app/admin/catalogs/bundled`: back to the bundled catalog.
pub async fn admin_bundled_catalog(State(state): State<AppState>, Authed(s): Authed, Form(f): Form<CsrfForm>) -> Page {
    s.check_csrf(&f.csrf)?;
    crate::reference::use_bundled_catalog(&state, &s.user).await?;
    Ok(Redirect::to("/app/admin").into_response())
}

/// The admin forms.
#[derive(Deserialize)]
pub struct AdminForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    layout: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    region_id: String,
    #[serde(default)]
    department_id: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
}

fn opt_id(s: &str) -> Result<Option<i64>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(Some).map_err(|_| AppError::BadRequest(format!("编号“{s}”不是数字")))
    }
}

/// `POST /app/admin/{what}` (regions, departments, users)
pub async fn admin_create(
    State(state): State<AppState>,
    Authed(s): Authed,
    Path(what): Path<String>,
    Form(f): Form<AdminForm>,
) -> Page {
    s.check_csrf(&f.csrf)?;
    match what.as_str() {
        "regions" => core::create_region(&state, &s.user, &f.name).await.map(drop)?,
        "departments" => {
            let region = opt_id(&f.region_id)?.ok_or_else(|| AppError::BadRequest("请选择地区".into()))?;
            core::create_department(&state, &s.user, region, &f.code, &f.name, &f.layout).await.map(drop)?
        }
        "users" => {
            let role = Role::parse(&f.role).ok_or_else(|| AppError::BadRequest("角色无效".into()))?;
            let (dept, region) = (opt_id(&f.department_id)?, opt_id(&f.region_id)?);
            let (dept, region) = match role {
                Role::Editor => (dept, None),
                Role::Reviewer => (None, region),
                Role::Admin => (None, None),
            };
            core::create_account(&state, &s.user, &f.username, &f.password, role, dept, region).await.map(drop)?
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(Redirect::to("/app/admin").into_response())
}

/// Serves an anonymous page from the cache, or renders and caches it; signed-in users get it fresh
/// (their pages show their name and CSRF token).
pub(crate) async fn cached<F>(state: &AppState, s: Option<&Session>, key: &str, make: F) -> Page
where
    F: std::future::Future<Output = Page>,
{
    if s.is_some() {
        return make.await;
    }
    if let Some(r) = state.cache.get(key) {
        return Ok(r);
    }
    let r = make.await?;
    if r.status() != StatusCode::OK {
        return Ok(r);
    }
    let (parts, body) = r.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let mime = match parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
        Some(m) if m.starts_with("application/json") => "application/json",
        _ => "text/html; charset=utf-8",
    };
    state.cache.put(key.to_string(), mime, bytes.clone());
    Ok(Response::from_parts(parts, axum::body::Body::from(bytes)))
}

/// `GET /`
pub async fn public_index(State(state): State<AppState>, MaybeSession(s): MaybeSession) -> Page {
    cached(&state, s.as_ref(), "/", async {
        let years = core::public_years(&state).await?;
        render(&state, None, "public_index.html", context! { years })
    })
    .await
}

/// `GET /public/{year}`
pub async fn public_year(State(state): State<AppState>, MaybeSession(s): MaybeSession, Path(year): Path<i64>) -> Page {
    cached(&state, s.as_ref(), &format!("/public/{year}"), async {
        let packages = core::public_packages(&state, year).await?;
        render(&state, s.as_ref(), "public_year.html", context! { year, packages })
    })
    .await
}

/// The approved version of a published package.
pub async fn published(state: &AppState, id: i64) -> Result<(core::Package, core::Version), AppError> {
    let p = core::published_package(state, id).await?;
    let v = p.approved_version_id.ok_or(AppError::NotFound)?;
    core::version_for(state, None, v).await
}

/// `GET /public/packages/{id}`
pub async fn public_package(State(state): State<AppState>, MaybeSession(s): MaybeSession, Path(id): Path<i64>) -> Page {
    cached(&state, s.as_ref(), &format!("/public/packages/{id}"), async {
        let (p, v) = published(&state, id).await?;
        let doc = core::document(&state, v.id).await?;
        let view = doc_view(&doc, vec![]);
        render(&state, s.as_ref(), "public_package.html", context! { p, v, view, pdf => state.files.can_typeset() })
    })
    .await
}

/// `GET /public/packages/{id}/{file}` (disclosure.pdf, disclosure.xlsx, original, cells.csv, datapackage.json,
/// document.json)
pub async fn public_download(State(state): State<AppState>, Path((id, what)): Path<(i64, String)>) -> Page {
    let (p, v) = published(&state, id).await?;
    if let Some(m) = Made::from_name(&what).filter(|m| m.public()) {
        return made(&state, &p, &v, m).await;
    }
    match what.as_str() {
        "original" => {
            let (name, bytes) = core::original(&state, v.id).await?;
            Ok(file(&name, Kind::mime(&v.kind), bytes))
        }
        "cells.csv" => {
            let csv = core::cells_csv(&core::document(&state, v.id).await?)?;
            Ok(file(&format!("{}-{}.csv", p.department, p.year), "text/csv; charset=utf-8", csv))
        }
        "datapackage.json" => {
            let json = serde_json::to_vec_pretty(&core::fiscal_data_package(&p))
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(file("datapackage.json", "application/json", json))
        }
        "document.json" => {
            let doc = core::document(&state, v.id).await?;
            let json = serde_json::to_vec_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(file(&format!("{}-{}.json", p.department, p.year), "application/json", json))
        }
        _ => Err(AppError::NotFound),
    }
}

/// A search.
#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// `GET /search?q=`
pub async fn search(
    State(state): State<AppState>,
    MaybeSession(s): MaybeSession,
    Query(q): Query<SearchQuery>,
) -> Page {
    cached(&state, s.as_ref(), &format!("/search?{}", q.q), async {
        let hits = core::search(&state, &q.q).await?;
        render(&state, s.as_ref(), "search.html", context! { q => q.q, hits })
    })
    .await
}
