//! What the application does, shared by the pages and the API: packages and their versions, uploads,
//! the submit → return/approve → publish flow with its audit log, the reviewer's dashboard, diffs and the
//! public portal. Every function takes the acting account and checks access itself.

use crate::auth::{Role, User};
use crate::error::AppError;
use crate::upload::{self, Upload};
use crate::util::{date, datetime, days_left, deadline, now, yuan};
use crate::AppState;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};
use std::collections::BTreeMap;
use yusuan_model::{Cell, Document};

/// Package states.
pub const STATUSES: &[(&str, &str)] = &[
    ("not_started", "未开始"),
    ("draft", "草稿"),
    ("submitted", "已提交"),
    ("returned", "已退回"),
    ("approved", "已批准"),
    ("published", "已公开"),
    ("late", "逾期未公开"),
];

/// The Chinese name of a state.
pub fn status_label(s: &str) -> &'static str {
    STATUSES.iter().find(|(k, _)| *k == s).map_or("未知", |(_, v)| v)
}

/// A department's disclosure of one year, with its state.
#[derive(Clone, Debug, Serialize)]
pub struct Package {
    pub id: i64,
    pub department_id: i64,
    pub department: String,
    pub department_code: String,
    pub region_id: i64,
    pub region: String,
    pub year: i64,
    /// Stored state.
    pub status: String,
    /// Shown state (`late` when approved and past the deadline).
    pub display_status: String,
    pub status_label: &'static str,
    pub approved_version_id: Option<i64>,
    pub approved_at: Option<String>,
    pub published_at: Option<String>,
    /// The end of the 20-day publication clock.
    pub deadline: Option<String>,
    /// Days left on the clock (until published).
    pub days_left: Option<i64>,
    pub latest_version_id: Option<i64>,
    pub version_count: i64,
}

const PACKAGE_SELECT: &str = "SELECT p.id, p.department_id, d.name AS department, d.code AS department_code, d.region_id, r.name AS region, p.year, p.status, p.approved_version_id, p.approved_at, p.published_at, (SELECT MAX(v.id) FROM versions v WHERE v.package_id = p.id) AS latest_version_id, (SELECT COUNT(*) FROM versions v WHERE v.package_id = p.id) AS version_count FROM packages p JOIN departments d ON d.id = p.department_id JOIN regions r ON r.id = d.region_id";

fn package_from_row(r: &AnyRow) -> Result<Package, sqlx::Error> {
    let status: String = r.try_get("status")?;
    let approved_at: Option<i64> = r.try_get("approved_at")?;
    let published_at: Option<i64> = r.try_get("published_at")?;
    let dl = approved_at.map(deadline);
    let left = match (dl, published_at) {
        (Some(d), None) => Some(days_left(d, now())),
        _ => None,
    };
    let display = if status == "approved" && left.is_some_and(|l| l < 0) { "late".to_string() } else { status.clone() };
    Ok(Package {
        id: r.try_get("id")?,
        department_id: r.try_get("department_id")?,
        department: r.try_get("department")?,
        department_code: r.try_get("department_code")?,
        region_id: r.try_get("region_id")?,
        region: r.try_get("region")?,
        year: r.try_get("year")?,
        status_label: status_label(&display),
        display_status: display,
        status,
        approved_version_id: r.try_get("approved_version_id")?,
        approved_at: approved_at.map(date),
        published_at: published_at.map(date),
        deadline: dl.map(date),
        days_left: left,
        latest_version_id: r.try_get("latest_version_id")?,
        version_count: r.try_get("version_count")?,
    })
}

/// Whether `user` may see the package's drafts (not only what is published).
pub fn reads_privately(user: &User, p: &Package) -> bool {
    match user.role {
        Role::Editor => user.department_id == Some(p.department_id),
        Role::Reviewer => user.region_id == Some(p.region_id),
        Role::Admin => true,
    }
}

/// The package `id` if `user` may read its drafts; 404 otherwise (existence is not revealed).
pub async fn package_for(state: &AppState, user: &User, id: i64) -> Result<Package, AppError> {
    let p = package(state, id).await?.ok_or(AppError::NotFound)?;
    if reads_privately(user, &p) {
        Ok(p)
    } else {
        Err(AppError::NotFound)
    }
}

/// A package, without access checks.
async fn package(state: &AppState, id: i64) -> Result<Option<Package>, AppError> {
    let row = sqlx::query(AssertSqlSafe(format!("{PACKAGE_SELECT} WHERE p.id = $1")))
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?;
    Ok(row.as_ref().map(package_from_row).transpose()?)
}

/// A published package (anyone).
pub async fn published_package(state: &AppState, id: i64) -> Result<Package, AppError> {
    match package(state, id).await? {
        Some(p) if p.status == "published" => Ok(p),
        _ => Err(AppError::NotFound),
    }
}

/// The packages `user` may work on, newest year first.
pub async fn packages_for(state: &AppState, user: &User) -> Result<Vec<Package>, AppError> {
    let (clause, arg) = match user.role {
        Role::Editor => ("WHERE d.id = $1", user.department_id.unwrap_or(-1)),
        Role::Reviewer => ("WHERE d.region_id = $1", user.region_id.unwrap_or(-1)),
        Role::Admin => ("WHERE $1 = $1", 0),
    };
    let rows = sqlx::query(AssertSqlSafe(format!("{PACKAGE_SELECT} {clause} ORDER BY p.year DESC, d.code, d.name")))
        .bind(arg)
        .fetch_all(&state.db.pool)
        .await?;
    Ok(rows.iter().map(package_from_row).collect::<Result<_, _>>()?)
}

/// One uploaded version of a package.
#[derive(Clone, Debug, Serialize)]
pub struct Version {
    pub id: i64,
    pub package_id: i64,
    pub number: i64,
    pub filename: String,
    pub kind: String,
    pub size: i64,
    pub sha256: String,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub uploaded_by: String,
    pub created_at: String,
}

const VERSION_SELECT: &str = "SELECT v.id, v.package_id, v.number, v.filename, v.kind, v.size, v.sha256, v.errors, v.warnings, v.infos, u.username AS uploaded_by, v.created_at FROM versions v JOIN users u ON u.id = v.uploaded_by";

fn version_from_row(r: &AnyRow) -> Result<Version, sqlx::Error> {
    Ok(Version {
        id: r.try_get("id")?,
        package_id: r.try_get("package_id")?,
        number: r.try_get("number")?,
        filename: r.try_get("filename")?,
        kind: r.try_get("kind")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        errors: r.try_get("errors")?,
        warnings: r.try_get("warnings")?,
        infos: r.try_get("infos")?,
        uploaded_by: r.try_get("uploaded_by")?,
        created_at: datetime(r.try_get("created_at")?),
    })
}

/// The versions of a package, newest first.
pub async fn versions(state: &AppState, package_id: i64) -> Result<Vec<Version>, AppError> {
    let rows = sqlx::query(AssertSqlSafe(format!("{VERSION_SELECT} WHERE v.package_id = $1 ORDER BY v.number DESC")))
        .bind(package_id)
        .fetch_all(&state.db.pool)
        .await?;
    Ok(rows.iter().map(version_from_row).collect::<Result<_, _>>()?)
}

async fn version_row(state: &AppState, id: i64) -> Result<Version, AppError> {
    let row = sqlx::query(AssertSqlSafe(format!("{VERSION_SELECT} WHERE v.id = $1")))
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(version_from_row(&row)?)
}

/// A version and its package, if `user` (or the public, when `None`) may read it: the public and
/// accounts outside the package's department or region see only the approved version of a published package.
pub async fn version_for(state: &AppState, user: Option<&User>, id: i64) -> Result<(Package, Version), AppError> {
    let v = version_row(state, id).await?;
    let p = package(state, v.package_id).await?.ok_or(AppError::NotFound)?;
    let private = user.is_some_and(|u| reads_privately(u, &p));
    let public = p.status == "published" && p.approved_version_id == Some(v.id);
    if private || public {
        Ok((p, v))
    } else {
        Err(AppError::NotFound)
    }
}

/// The stored document of a version.
pub async fn document(state: &AppState, version_id: i64) -> Result<Document, AppError> {
    let row =
        sqlx::query("SELECT document FROM versions WHERE id = $1").bind(version_id).fetch_one(&state.db.pool).await?;
    serde_json::from_str(&row.try_get::<String, _>(0)?).map_err(|e| AppError::Internal(e.to_string()))
}

/// The uploaded file of a version: (name, bytes).
pub async fn original(state: &AppState, version_id: i64) -> Result<(String, Vec<u8>), AppError> {
    let row = sqlx::query("SELECT filename, content FROM versions WHERE id = $1")
        .bind(version_id)
        .fetch_one(&state.db.pool)
        .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// The stored check report (JSON) of a version.
pub async fn report_json(state: &AppState, version_id: i64) -> Result<String, AppError> {
    let row =
        sqlx::query("SELECT report FROM versions WHERE id = $1").bind(version_id).fetch_one(&state.db.pool).await?;
    Ok(row.try_get(0)?)
}

/// A finding stored with its version.
#[derive(Clone, Debug, Serialize)]
pub struct FindingRow {
    pub id: i64,
    pub rule: String,
    pub severity: String,
    pub severity_label: &'static str,
    pub message: String,
    pub table: Option<String>,
    pub row: Option<i64>,
    pub column: Option<String>,
    pub section: Option<String>,
    pub line: Option<i64>,
    pub page: Option<i64>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Code of the project whose performance-target table it is about.
    pub project: Option<String>,
}

/// The findings of a version, most severe first.
pub async fn findings(state: &AppState, version_id: i64) -> Result<Vec<FindingRow>, AppError> {
    let rows = sqlx::query("SELECT id, rule, severity, message, table_kind, row_pos, column_id, section, line, page, expected, actual, project FROM findings WHERE version_id = $1 ORDER BY id")
        .bind(version_id)
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            let severity: String = r.try_get(2)?;
            Ok(FindingRow {
                id: r.try_get(0)?,
                rule: r.try_get(1)?,
                severity_label: match severity.as_str() {
                    "error" => "错误",
                    "warning" => "警告",
                    _ => "提示",
                },
                severity,
                message: r.try_get(3)?,
                table: r.try_get(4)?,
                row: r.try_get(5)?,
                column: r.try_get(6)?,
                section: r.try_get(7)?,
                line: r.try_get(8)?,
                page: r.try_get(9)?,
                expected: r.try_get(10)?,
                actual: r.try_get(11)?,
                project: r.try_get(12)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// Appends a row to the audit log (inside the caller's transaction).
pub async fn audit(
    conn: &mut sqlx::AnyConnection,
    user: &User,
    action: &str,
    package_id: Option<i64>,
    version_id: Option<i64>,
    detail: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO audit_log (at, user_id, username, action, package_id, version_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(now())
        .bind(user.id)
        .bind(&user.username)
        .bind(action)
        .bind(package_id)
        .bind(version_id)
        .bind(detail)
        .execute(conn)
        .await?;
    Ok(())
}

/// Uploads a disclosure file as a new version of its department's package of `year` (or the year the
/// document states). Reading and checking run off the async threads; the version, its findings and its
/// cells are stored in one transaction, so an interrupted upload leaves nothing behind.
pub async fn upload(
    state: &AppState,
    user: &User,
    department_id: Option<i64>,
    year: Option<i64>,
    filename: &str,
    bytes: Vec<u8>,
) -> Result<Version, AppError> {
    if user.role != Role::Editor {
        return Err(AppError::Forbidden("只有部门填报人可以上传本部门的预算包".into()));
    }
    let own = user.department_id.ok_or_else(|| AppError::Forbidden("账号没有所属部门".into()))?;
    if department_id.is_some_and(|d| d != own) {
        return Err(AppError::Forbidden("只能上传本部门的预算包".into()));
    }
    let filename = sanitize_filename(filename);
    let layout: Option<String> = sqlx::query("SELECT layout FROM departments WHERE id = $1")
        .bind(own)
        .fetch_one(&state.db.pool)
        .await?
        .try_get(0)?;
    let catalog = crate::reference::active_catalog(state).await?;
    let up: Upload = upload::read_and_check(filename.clone(), bytes, layout, catalog).await?;
    let year = match year.or(up.document.meta.year.map(i64::from)) {
        Some(y) if (2000..=2100).contains(&y) => y,
        Some(y) => return Err(AppError::BadRequest(format!("年度 {y} 不合理"))),
        None => return Err(AppError::BadRequest("文件中没有识别出年度，请在上传时填写年度".into())),
    };
    let t = now();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("INSERT INTO packages (department_id, year, status, created_at) VALUES ($1, $2, 'draft', $3) ON CONFLICT (department_id, year) DO NOTHING")
        .bind(own)
        .bind(year)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    let row = sqlx::query("SELECT id, status FROM packages WHERE department_id = $1 AND year = $2")
        .bind(own)
        .bind(year)
        .fetch_one(&mut *tx)
        .await?;
    let package_id: i64 = row.try_get(0)?;
    let status: String = row.try_get(1)?;
    if status != "draft" && status != "returned" {
        return Err(AppError::Conflict(format!("{year} 年的预算包{}，不能再上传新版本", status_label(&status))));
    }
    let number: i64 =
        sqlx::query("SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM versions WHERE package_id = $1")
            .bind(package_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
    let c = &up.report.counts;
    let summary =
        serde_json::to_string(&VersionSummary::of(&up.document)).map_err(|e| AppError::Internal(e.to_string()))?;
    let version_id: i64 = sqlx::query("INSERT INTO versions (package_id, number, filename, kind, size, sha256, content, document, report, errors, warnings, infos, uploaded_by, created_at, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id")
        .bind(package_id)
        .bind(number)
        .bind(&filename)
        .bind(up.kind.as_str())
        .bind(up.bytes.len() as i64)
        .bind(crate::util::sha256_hex(&up.bytes))
        .bind(up.bytes)
        .bind(up.document_json)
        .bind(up.report_json)
        .bind(c.errors as i64)
        .bind(c.warnings as i64)
        .bind(c.infos as i64)
        .bind(user.id)
        .bind(t)
        .bind(summary)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    for f in &up.report.findings {
        let l = &f.location;
        sqlx::query("INSERT INTO findings (version_id, rule, severity, message, table_kind, row_pos, column_id, section, line, page, expected, actual, project) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
            .bind(version_id)
            .bind(f.rule)
            .bind(match f.severity {
                yusuan_check::Severity::Error => "error",
                yusuan_check::Severity::Warning => "warning",
                yusuan_check::Severity::Info => "info",
            })
            .bind(&f.message)
            .bind(l.table.as_deref())
            .bind(l.row.map(|r| r as i64))
            .bind(l.column.as_deref())
            .bind(l.section.as_deref())
            .bind(l.line.map(i64::from))
            .bind(l.page.map(i64::from))
            .bind(f.expected.as_deref())
            .bind(f.actual.as_deref())
            .bind(l.project.as_deref())
            .execute(&mut *tx)
            .await?;
    }
    for item in items(&up.document) {
        sqlx::query("INSERT INTO items (version_id, table_kind, row_pos, roles, code, name, column_id, value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(version_id)
            .bind(item.table)
            .bind(item.row)
            .bind(item.roles)
            .bind(item.code)
            .bind(item.name)
            .bind(item.column)
            .bind(item.value)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE packages SET status = 'draft' WHERE id = $1").bind(package_id).execute(&mut *tx).await?;
    audit(
        &mut tx,
        user,
        "upload",
        Some(package_id),
        Some(version_id),
        &format!("上传第 {number} 版：{filename}（错误 {} 条，警告 {} 条）", c.errors, c.warnings),
    )
    .await?;
    tx.commit().await?;
    version_row(state, version_id).await
}

fn sanitize_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(120).collect();
    if clean.trim().is_empty() {
        "upload".into()
    } else {
        clean
    }
}

/// One amount cell, flattened for search and totals.
struct Item {
    table: String,
    row: i64,
    roles: String,
    code: Option<String>,
    name: String,
    column: String,
    value: i64,
}

fn items(doc: &Document) -> Vec<Item> {
    let mut out = Vec::new();
    for t in &doc.tables {
        for row in &t.rows {
            for (i, cell) in row.cells.iter().enumerate() {
                let (Cell::Amount(a), Some(col)) = (cell, t.columns.get(i)) else { continue };
                out.push(Item {
                    table: t.kind.clone(),
                    row: row.position as i64,
                    roles: row.roles.join(","),
                    code: row.code.as_deref().map(String::from),
                    name: t.row_name(row, col.name_column.as_deref()).trim().to_string(),
                    column: col.id.clone(),
                    value: a.value.0,
                });
            }
        }
    }
    out
}

/// A step of the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Editor: draft → submitted.
    Submit,
    /// Reviewer: submitted → returned.
    Return,
    /// Reviewer: submitted → approved (starts the 20-day clock).
    Approve,
    /// Editor or reviewer: approved → published.
    Publish,
}

impl Action {
    /// Parses a route segment.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "submit" => Some(Action::Submit),
            "return" => Some(Action::Return),
            "approve" => Some(Action::Approve),
            "publish" => Some(Action::Publish),
            _ => None,
        }
    }
    /// The route segment and audit action.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Return => "return",
            Action::Approve => "approve",
            Action::Publish => "publish",
        }
    }
    fn transition(self) -> (&'static [&'static str], &'static str) {
        match self {
            Action::Submit => (&["draft"], "submitted"),
            Action::Return => (&["submitted"], "returned"),
            Action::Approve => (&["submitted"], "approved"),
            Action::Publish => (&["approved"], "published"),
        }
    }
    /// Whether `user` may take this step on `p` (ignoring its state).
    pub fn allowed(self, user: &User, p: &Package) -> bool {
        let editor = user.role == Role::Editor && user.department_id == Some(p.department_id);
        let reviewer = user.role == Role::Reviewer && user.region_id == Some(p.region_id);
        match self {
            Action::Submit => editor,
            Action::Return | Action::Approve => reviewer,
            Action::Publish => editor || reviewer,
        }
    }
}

/// Takes a step of the flow on package `id`, with an optional comment, and records it in the audit log.
pub async fn act(state: &AppState, user: &User, id: i64, action: Action, comment: &str) -> Result<Package, AppError> {
    let p = package_for(state, user, id).await?;
    if !action.allowed(user, &p) {
        return Err(AppError::Forbidden(format!("{}不能对该预算包执行此操作", user.role.label())));
    }
    let (from, to) = action.transition();
    if !from.contains(&p.status.as_str()) {
        return Err(AppError::Conflict(format!("预算包当前状态为“{}”，不能执行此操作", status_label(&p.status))));
    }
    let latest = p.latest_version_id.ok_or_else(|| AppError::Conflict("预算包还没有任何版本".into()))?;
    let t = now();
    let mut tx = state.db.pool.begin().await?;
    let done = match action {
        Action::Approve => sqlx::query(
            "UPDATE packages SET status = $1, approved_version_id = $2, approved_at = $3 WHERE id = $4 AND status = $5",
        )
        .bind(to)
        .bind(latest)
        .bind(t),
        Action::Publish => {
            sqlx::query("UPDATE packages SET status = $1, published_at = $2 WHERE id = $3 AND status = $4")
                .bind(to)
                .bind(t)
        }
        _ => sqlx::query("UPDATE packages SET status = $1 WHERE id = $2 AND status = $3").bind(to),
    }
    .bind(id)
    .bind(p.status.as_str())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict("预算包状态已被他人改变，请刷新后重试".into()));
    }
    let comment = comment.trim();
    if !comment.is_empty() {
        insert_comment(&mut tx, user, id, comment, t).await?;
    }
    let detail = match action {
        Action::Approve => {
            format!("批准第 {} 版；公开期限 {}", version_row(state, latest).await?.number, date(deadline(t)))
        }
        _ => format!("{} → {}", status_label(&p.status), status_label(to)),
    };
    audit(&mut tx, user, action.as_str(), Some(id), Some(latest), &detail).await?;
    tx.commit().await?;
    if action == Action::Publish {
        state.cache.clear();
    }
    package_for(state, user, id).await
}

async fn insert_comment(
    conn: &mut sqlx::AnyConnection,
    user: &User,
    package_id: i64,
    body: &str,
    t: i64,
) -> Result<(), AppError> {
    if body.chars().count() > 5000 {
        return Err(AppError::BadRequest("意见不能超过 5000 字".into()));
    }
    sqlx::query("INSERT INTO comments (package_id, user_id, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(package_id)
        .bind(user.id)
        .bind(body)
        .bind(t)
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds a comment (editors of the department, reviewers of the region).
pub async fn comment(state: &AppState, user: &User, id: i64, body: &str) -> Result<(), AppError> {
    let p = package_for(state, user, id).await?;
    if user.role == Role::Admin {
        return Err(AppError::Forbidden("管理员不参与审核".into()));
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::BadRequest("意见不能为空".into()));
    }
    let mut tx = state.db.pool.begin().await?;
    insert_comment(&mut tx, user, p.id, body, now()).await?;
    audit(&mut tx, user, "comment", Some(p.id), None, body).await?;
    tx.commit().await?;
    Ok(())
}

/// A comment on a package.
#[derive(Clone, Debug, Serialize)]
pub struct Comment {
    pub username: String,
    pub body: String,
    pub created_at: String,
}

/// The comments on a package, oldest first.
pub async fn comments(state: &AppState, package_id: i64) -> Result<Vec<Comment>, AppError> {
    let rows = sqlx::query("SELECT u.username, c.body, c.created_at FROM comments c JOIN users u ON u.id = c.user_id WHERE c.package_id = $1 ORDER BY c.id")
        .bind(package_id)
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok(Comment { username: r.try_get(0)?, body: r.try_get(1)?, created_at: datetime(r.try_get(2)?) }))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// A row of the audit log.
#[derive(Clone, Debug, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub package_id: Option<i64>,
    pub version_id: Option<i64>,
    pub department: Option<String>,
    pub detail: String,
}

/// The audit log as `user` may see it: reviewers their region, admins everything, editors their
/// department; restricted to one package when `package_id` is given. Newest first.
pub async fn audit_log(state: &AppState, user: &User, package_id: Option<i64>) -> Result<Vec<AuditRow>, AppError> {
    let (clause, arg) = match user.role {
        Role::Editor => ("d.id = $1", user.department_id.unwrap_or(-1)),
        Role::Reviewer => ("d.region_id = $1", user.region_id.unwrap_or(-1)),
        Role::Admin => ("$1 = $1", 0),
    };
    let admin_rows = if user.role == Role::Admin { " OR a.package_id IS NULL" } else { "" };
    let sql = format!(
        "SELECT a.id, a.at, a.username, a.action, a.package_id, a.version_id, d.name AS department, a.detail FROM audit_log a LEFT JOIN packages p ON p.id = a.package_id LEFT JOIN departments d ON d.id = p.department_id WHERE ({clause}{admin_rows}) AND ($2 = 0 OR a.package_id = $2) ORDER BY a.id DESC LIMIT 500"
    );
    let rows =
        sqlx::query(AssertSqlSafe(sql)).bind(arg).bind(package_id.unwrap_or(0)).fetch_all(&state.db.pool).await?;
    rows.iter()
        .map(|r| {
            Ok(AuditRow {
                id: r.try_get(0)?,
                at: datetime(r.try_get(1)?),
                username: r.try_get(2)?,
                action: r.try_get(3)?,
                package_id: r.try_get(4)?,
                version_id: r.try_get(5)?,
                department: r.try_get(6)?,
                detail: r.try_get(7)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// One changed cell between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct DiffCell {
    pub row: String,
    pub column: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The changes of one table between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct DiffTable {
    pub kind: String,
    pub title: String,
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
    /// True for an explanation section: `cells` are its paragraphs removed (before) and added (after).
    pub text: bool,
    pub cells: Vec<DiffCell>,
}

/// Compares two documents table by table (cells keyed by row code or name and column), then the
/// explanation section by section (paragraphs removed and added).
pub fn diff(a: &Document, b: &Document) -> Vec<DiffTable> {
    fn cells(t: &yusuan_model::Table) -> BTreeMap<(String, String), (String, String)> {
        let mut m = BTreeMap::new();
        for row in &t.rows {
            for (i, cell) in row.cells.iter().enumerate() {
                let Some(col) = t.columns.get(i) else { continue };
                if col.role != yusuan_model::ColumnRole::Amount {
                    continue;
                }
                let name = t.row_name(row, col.name_column.as_deref()).trim().to_string();
                let key = match &row.code {
                    Some(c) => format!("{c} {name}"),
                    None if name.is_empty() => format!("第{}行", row.position),
                    None => name,
                };
                let text = cell.amount().map(|a| a.text.to_string()).unwrap_or_default();
                m.insert((key, col.id.clone()), (col.label.clone(), text));
            }
        }
        m
    }
    let mut out = Vec::new();
    for tb in &b.tables {
        let Some(ta) = a.tables.iter().find(|t| t.kind == tb.kind) else {
            out.push(DiffTable {
                kind: tb.kind.clone(),
                title: tb.title.clone(),
                change: "added",
                text: false,
                cells: vec![],
            });
            continue;
        };
        let (ca, cb) = (cells(ta), cells(tb));
        let mut changed = Vec::new();
        for (k, (label, after)) in &cb {
            let before = ca.get(k).map(|(_, v)| v.clone());
            if before.as_deref() != Some(after.as_str()) {
                changed.push(DiffCell { row: k.0.clone(), column: label.clone(), before, after: Some(after.clone()) });
            }
        }
        for (k, (label, before)) in &ca {
            if !cb.contains_key(k) {
                changed.push(DiffCell {
                    row: k.0.clone(),
                    column: label.clone(),
                    before: Some(before.clone()),
                    after: None,
                });
            }
        }
        if !changed.is_empty() {
            out.push(DiffTable {
                kind: tb.kind.clone(),
                title: tb.title.clone(),
                change: "changed",
                text: false,
                cells: changed,
            });
        }
    }
    for ta in &a.tables {
        if !b.tables.iter().any(|t| t.kind == ta.kind) {
            out.push(DiffTable {
                kind: ta.kind.clone(),
                title: ta.title.clone(),
                change: "removed",
                text: false,
                cells: vec![],
            });
        }
    }
    let paragraphs = |d: &Document, heading: &str| -> Vec<String> {
        d.sections
            .iter()
            .filter(|s| s.heading == heading)
            .flat_map(|s| s.paragraphs.iter().map(|p| p.text.clone()))
            .collect()
    };
    let mut headings: Vec<&str> = b.sections.iter().map(|s| s.heading.as_str()).collect();
    headings
        .extend(a.sections.iter().map(|s| s.heading.as_str()).filter(|h| !b.sections.iter().any(|s| s.heading == *h)));
    for heading in headings {
        let (before, after) = (paragraphs(a, heading), paragraphs(b, heading));
        let para = |p: &String, was: bool| DiffCell {
            row: "段落".into(),
            column: "说明".into(),
            before: was.then(|| p.clone()),
            after: (!was).then(|| p.clone()),
        };
        let mut cells: Vec<DiffCell> = before.iter().filter(|p| !after.contains(p)).map(|p| para(p, true)).collect();
        cells.extend(after.iter().filter(|p| !before.contains(p)).map(|p| para(p, false)));
        if !cells.is_empty() {
            let change = match (before.is_empty(), after.is_empty()) {
                (true, _) => "added",
                (_, true) => "removed",
                _ => "changed",
            };
            out.push(DiffTable { kind: "section".into(), title: heading.to_string(), change, text: true, cells });
        }
    }
    out
}

/// A department as listed.
#[derive(Clone, Debug, Serialize)]
pub struct Department {
    pub id: i64,
    pub region_id: i64,
    pub region: String,
    pub code: String,
    pub name: String,
    /// The layout its uploads are read with (none: detected from each file).
    pub layout: Option<String>,
}

/// Departments, of one region or all.
pub async fn departments(state: &AppState, region_id: Option<i64>) -> Result<Vec<Department>, AppError> {
    let rows = sqlx::query("SELECT d.id, d.region_id, r.name, d.code, d.name, d.layout FROM departments d JOIN regions r ON r.id = d.region_id WHERE ($1 = 0 OR d.region_id = $1) ORDER BY r.name, d.code, d.name")
        .bind(region_id.unwrap_or(0))
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Department {
                id: r.try_get(0)?,
                region_id: r.try_get(1)?,
                region: r.try_get(2)?,
                code: r.try_get(3)?,
                name: r.try_get(4)?,
                layout: r.try_get(5)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// One department's line on the reviewer's dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct DashRow {
    pub department_id: i64,
    pub department: String,
    pub code: String,
    pub package_id: Option<i64>,
    pub status: String,
    pub status_label: &'static str,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
    /// Total expenditure this year, in 分 (expenditure table's total row).
    pub total: Option<i64>,
    pub total_yuan: Option<String>,
    /// Last year's, in 分.
    pub last_total: Option<i64>,
    pub last_total_yuan: Option<String>,
    /// Change in per mille, e.g. 125 = +12.5%.
    pub change_permille: Option<i64>,
    pub change: Option<String>,
}

/// A total by category across departments.
#[derive(Clone, Debug, Serialize)]
pub struct Total {
    pub key: String,
    pub label: String,
    pub value: i64,
    pub yuan: String,
}

/// The reviewer's dashboard of one year.
#[derive(Clone, Debug, Serialize)]
pub struct Dashboard {
    pub year: i64,
    pub rows: Vec<DashRow>,
    pub status_counts: Vec<(String, &'static str, usize)>,
    pub by_function: Vec<Total>,
    pub by_source: Vec<Total>,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
}

/// The version a package's numbers are taken from: the approved one, else the latest.
fn current_version(p: &Package) -> Option<i64> {
    p.approved_version_id.or(p.latest_version_id)
}

/// What the dashboard takes from one version, computed from its document when it is uploaded and stored
/// with it (`versions.summary`), so the dashboard reads one small row per department instead of the
/// version's cells and document.
#[derive(Debug, Default, Serialize, serde::Deserialize)]
pub struct VersionSummary {
    /// Findings by severity (from the version's row, not stored in the summary).
    #[serde(skip)]
    errors: i64,
    #[serde(skip)]
    warnings: i64,
    #[serde(skip)]
    infos: i64,
    /// The expenditure table's total row and column.
    total: Option<i64>,
    /// 功能分类「类」 totals: (code, name, value).
    by_function: Vec<(String, String, i64)>,
    /// The income table's total row by fund source: (column id, printed label, value).
    by_source: Vec<(String, String, i64)>,
}

impl VersionSummary {
    /// The summary of `doc`.
    pub fn of(doc: &Document) -> VersionSummary {
        let mut s = VersionSummary::default();
        let total_row = |r: &yusuan_model::Row| r.roles.iter().any(|x| x == "total");
        if let Some(t) = doc.table("expenditure") {
            s.total = t.rows.iter().filter(|r| total_row(r)).find_map(|r| t.amount(r, "total")).map(|a| a.value.0);
        }
        s.by_function = class_totals(doc);
        if let Some(t) = doc.table("income") {
            for r in t.rows.iter().filter(|r| total_row(r)) {
                for (col, cell) in t.columns.iter().zip(&r.cells) {
                    if let (Some(a), false) = (cell.amount(), col.id == "total" || col.id == "year_subtotal") {
                        s.by_source.push((col.id.clone(), col.label.clone(), a.value.0));
                    }
                }
            }
        }
        s
    }
}

/// The expenditure table's 功能分类「类」 lines (three-digit codes, total column): (code, name, value), as
/// printed. Shown as the package's chart and added up across departments on the dashboard.
pub fn class_totals(doc: &Document) -> Vec<(String, String, i64)> {
    let Some(t) = doc.table("expenditure") else { return Vec::new() };
    let Some(c) = t.col("total") else { return Vec::new() };
    t.rows
        .iter()
        .filter(|r| !r.roles.iter().any(|x| x.contains("total")))
        .filter_map(|r| {
            let code = r.code.as_ref().filter(|code| code.len() == 3)?;
            let a = r.cells.get(c).and_then(Cell::amount)?;
            Some((code.to_string(), t.row_name(r, t.columns[c].name_column.as_deref()).trim().to_string(), a.value.0))
        })
        .collect()
}

/// The summary of version `version_id`: stored with it, or (for a version uploaded before summaries were
/// stored) made from its document once per process.
async fn version_summary(state: &AppState, version_id: i64) -> Result<std::sync::Arc<VersionSummary>, AppError> {
    if let Some(s) = state.summaries.get(version_id) {
        return Ok(s);
    }
    let row = sqlx::query("SELECT summary, errors, warnings, infos FROM versions WHERE id = $1")
        .bind(version_id)
        .fetch_one(&state.db.pool)
        .await?;
    let stored: Option<String> = row.try_get(0)?;
    let mut s = match stored.and_then(|j| serde_json::from_str(&j).ok()) {
        Some(s) => s,
        None => VersionSummary::of(&document(state, version_id).await?),
    };
    (s.errors, s.warnings, s.infos) = (row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
    let s = std::sync::Arc::new(s);
    state.summaries.put(version_id, s.clone());
    Ok(s)
}

/// Builds the dashboard for a reviewer (their region) or an administrator (every region).
pub async fn dashboard(state: &AppState, user: &User, year: i64) -> Result<Dashboard, AppError> {
    let region = match user.role {
        Role::Reviewer => Some(user.region_id.unwrap_or(-1)),
        Role::Admin => None,
        Role::Editor => return Err(AppError::Forbidden("仪表盘只对财政局审核人开放".into())),
    };
    let depts = departments(state, region).await?;
    let all = packages_for(state, user).await?;
    let mut rows = Vec::new();
    let mut by_function: BTreeMap<String, (String, i64)> = BTreeMap::new();
    let mut by_source: BTreeMap<String, (String, i64)> = BTreeMap::new();
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for d in &depts {
        let this = all.iter().find(|p| p.department_id == d.id && p.year == year);
        let last = all.iter().find(|p| p.department_id == d.id && p.year == year - 1);
        let mut row = DashRow {
            department_id: d.id,
            department: d.name.clone(),
            code: d.code.clone(),
            package_id: this.map(|p| p.id),
            status: this.map_or("not_started".into(), |p| p.display_status.clone()),
            status_label: this.map_or(status_label("not_started"), |p| p.status_label),
            errors: 0,
            warnings: 0,
            infos: 0,
            deadline: this.and_then(|p| p.deadline.clone()),
            days_left: this.and_then(|p| p.days_left),
            total: None,
            total_yuan: None,
            last_total: None,
            last_total_yuan: None,
            change_permille: None,
            change: None,
        };
        if let Some(v) = this.and_then(current_version) {
            let s = version_summary(state, v).await?;
            (row.errors, row.warnings, row.infos) = (s.errors, s.warnings, s.infos);
            errors += s.errors;
            warnings += s.warnings;
            infos += s.infos;
            row.total = s.total;
            for (code, name, value) in &s.by_function {
                by_function.entry(code.clone()).or_insert((name.clone(), 0)).1 += value;
            }
            for (col, label, value) in &s.by_source {
                by_source.entry(col.clone()).or_insert((label.clone(), 0)).1 += value;
            }
        }
        if let Some(v) = last.and_then(current_version) {
            row.last_total = version_summary(state, v).await?.total;
        }
        row.total_yuan = row.total.map(yuan);
        row.last_total_yuan = row.last_total.map(yuan);
        if let (Some(t), Some(l)) = (row.total, row.last_total) {
            if l != 0 {
                let pm = ((t - l) as i128 * 1000 / l as i128) as i64;
                row.change_permille = Some(pm);
                row.change = Some(format!("{}{}.{}%", if pm < 0 { "-" } else { "+" }, pm.abs() / 10, pm.abs() % 10));
            }
        }
        rows.push(row);
    }
    let status_counts =
        STATUSES.iter().map(|(k, v)| (k.to_string(), *v, rows.iter().filter(|r| r.status == *k).count())).collect();
    let totals = |m: BTreeMap<String, (String, i64)>| {
        m.into_iter().map(|(key, (label, value))| Total { key, label, value, yuan: yuan(value) }).collect()
    };
    Ok(Dashboard {
        year,
        rows,
        status_counts,
        by_function: totals(by_function),
        by_source: totals(by_source),
        errors,
        warnings,
        infos,
    })
}

/// The dashboard as an XLSX workbook (money as 元 numbers with two decimals).
pub fn dashboard_xlsx(d: &Dashboard) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    // XLSX stores numbers as doubles; 分 / 100 is exact to the cent for any budget amount.
    let yuan_num = |fen: i64| fen as f64 / 100.0;
    let ws = wb.add_worksheet().set_name(format!("{}年部门状态", d.year)).map_err(err)?;
    let head = [
        "部门编码",
        "部门",
        "状态",
        "错误",
        "警告",
        "提示",
        "公开期限",
        "剩余天数",
        "本年支出合计（元）",
        "上年支出合计（元）",
        "增减",
    ];
    for (i, h) in head.iter().enumerate() {
        ws.write_with_format(0, i as u16, *h, &bold).map_err(err)?;
    }
    for (r, row) in d.rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write(r, 0, &row.code).map_err(err)?;
        ws.write(r, 1, &row.department).map_err(err)?;
        ws.write(r, 2, row.status_label).map_err(err)?;
        ws.write(r, 3, row.errors as f64).map_err(err)?;
        ws.write(r, 4, row.warnings as f64).map_err(err)?;
        ws.write(r, 5, row.infos as f64).map_err(err)?;
        if let Some(dl) = &row.deadline {
            ws.write(r, 6, dl).map_err(err)?;
        }
        if let Some(l) = row.days_left {
            ws.write(r, 7, l as f64).map_err(err)?;
        }
        if let Some(t) = row.total {
            ws.write_with_format(r, 8, yuan_num(t), &money).map_err(err)?;
        }
        if let Some(t) = row.last_total {
            ws.write_with_format(r, 9, yuan_num(t), &money).map_err(err)?;
        }
        if let Some(c) = &row.change {
            ws.write(r, 10, c).map_err(err)?;
        }
    }
    ws.set_column_width(1, 30).map_err(err)?;
    for (name, totals) in [("按功能分类汇总", &d.by_function), ("按资金来源汇总", &d.by_source)] {
        let ws = wb.add_worksheet().set_name(name).map_err(err)?;
        ws.write_with_format(0, 0, "编码", &bold).map_err(err)?;
        ws.write_with_format(0, 1, "名称", &bold).map_err(err)?;
        ws.write_with_format(0, 2, "合计（元）", &bold).map_err(err)?;
        for (r, t) in totals.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write(r, 0, &t.key).map_err(err)?;
            ws.write(r, 1, &t.label).map_err(err)?;
            ws.write_with_format(r, 2, yuan_num(t.value), &money).map_err(err)?;
        }
        ws.set_column_width(1, 30).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// Years with published packages, newest first.
pub async fn public_years(state: &AppState) -> Result<Vec<i64>, AppError> {
    let rows = sqlx::query("SELECT DISTINCT year FROM packages WHERE status = 'published' ORDER BY year DESC")
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter().map(|r| r.try_get(0)).collect::<Result<_, sqlx::Error>>().map_err(AppError::from)
}

/// Published packages of a year.
pub async fn public_packages(state: &AppState, year: i64) -> Result<Vec<Package>, AppError> {
    let rows = sqlx::query(AssertSqlSafe(format!(
        "{PACKAGE_SELECT} WHERE p.status = 'published' AND p.year = $1 ORDER BY r.name, d.code, d.name"
    )))
    .bind(year)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows.iter().map(package_from_row).collect::<Result<_, _>>()?)
}

/// A search hit on the public portal.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub package_id: i64,
    pub department: String,
    pub year: i64,
    /// The matching item (empty for a department-name match).
    pub item: String,
    pub code: Option<String>,
    pub table: String,
    pub value: Option<String>,
}

/// Searches published packages by department name and item name.
pub async fn search(state: &AppState, q: &str) -> Result<Vec<Hit>, AppError> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(vec![]);
    }
    let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut hits = Vec::new();
    let rows = sqlx::query("SELECT p.id, d.name, p.year FROM packages p JOIN departments d ON d.id = p.department_id WHERE p.status = 'published' AND d.name LIKE $1 ESCAPE '\\' ORDER BY p.year DESC, d.name LIMIT 50")
        .bind(&pattern)
        .fetch_all(&state.db.pool)
        .await?;
    for r in &rows {
        hits.push(Hit {
            package_id: r.try_get(0)?,
            department: r.try_get(1)?,
            year: r.try_get(2)?,
            item: String::new(),
            code: None,
            table: String::new(),
            value: None,
        });
    }
    let rows = sqlx::query("SELECT p.id, d.name, p.year, i.name, i.code, i.table_kind, i.value FROM items i JOIN packages p ON p.approved_version_id = i.version_id JOIN departments d ON d.id = p.department_id WHERE p.status = 'published' AND i.name LIKE $1 ESCAPE '\\' AND (i.column_id = 'total' OR i.column_id LIKE '%amount%') ORDER BY p.year DESC, d.name, i.id LIMIT 100")
        .bind(&pattern)
        .fetch_all(&state.db.pool)
        .await?;
    for r in &rows {
        hits.push(Hit {
            package_id: r.try_get(0)?,
            department: r.try_get(1)?,
            year: r.try_get(2)?,
            item: r.try_get(3)?,
            code: r.try_get(4)?,
            table: r.try_get(5)?,
            value: Some(yuan(r.try_get(6)?)),
        });
    }
    Ok(hits)
}

/// One line per amount cell: `table,title,unit,row,code,name,column,label,value` (value in 元).
pub fn cells_csv(doc: &Document) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record(yusuan_model::AmountCell::HEADER).map_err(err)?;
    for c in doc.amount_cells() {
        w.write_record(c.record()).map_err(err)?;
    }
    w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
}

/// Admin: creates a region.
pub async fn create_region(state: &AppState, user: &User, name: &str) -> Result<i64, AppError> {
    require_admin(user)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::BadRequest("地区名称不能为空".into()));
    }
    let mut tx = state.db.pool.begin().await?;
    let id: i64 = sqlx::query("INSERT INTO regions (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    audit(&mut tx, user, "create_region", None, None, name).await?;
    tx.commit().await?;
    Ok(id)
}

/// Admin: creates a department in a region.
pub async fn create_department(
    state: &AppState,
    user: &User,
    region_id: i64,
    code: &str,
    name: &str,
    layout: &str,
) -> Result<i64, AppError> {
    require_admin(user)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::BadRequest("部门名称不能为空".into()));
    }
    let layout = crate::reference::layout_id(layout)?;
    let mut tx = state.db.pool.begin().await?;
    let id: i64 =
        sqlx::query("INSERT INTO departments (region_id, code, name, layout) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(region_id)
            .bind(code.trim())
            .bind(name)
            .bind(layout)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
    audit(&mut tx, user, "create_department", None, None, &format!("{} {name}", code.trim())).await?;
    tx.commit().await?;
    Ok(id)
}

/// Admin: creates an account.
pub async fn create_account(
    state: &AppState,
    user: &User,
    username: &str,
    password: &str,
    role: Role,
    department_id: Option<i64>,
    region_id: Option<i64>,
) -> Result<i64, AppError> {
    require_admin(user)?;
    let id = crate::auth::create_user(state, username, password, role, department_id, region_id).await?;
    let mut conn = state.db.pool.acquire().await?;
    audit(&mut conn, user, "create_user", None, None, &format!("{username}（{}）", role.label())).await?;
    Ok(id)
}

/// A region.
#[derive(Clone, Debug, Serialize)]
pub struct Region {
    pub id: i64,
    pub name: String,
}

/// All regions.
pub async fn regions(state: &AppState) -> Result<Vec<Region>, AppError> {
    let rows = sqlx::query("SELECT id, name FROM regions ORDER BY name").fetch_all(&state.db.pool).await?;
    rows.iter()
        .map(|r| Ok(Region { id: r.try_get(0)?, name: r.try_get(1)? }))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// Accounts (admin).
pub async fn accounts(state: &AppState, user: &User) -> Result<Vec<serde_json::Value>, AppError> {
    require_admin(user)?;
    let rows = sqlx::query("SELECT u.id, u.username, u.role, d.name, r.name FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN regions r ON r.id = u.region_id ORDER BY u.id")
        .fetch_all(&state.db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get(2)?;
            Ok(serde_json::json!({
                "id": r.try_get::<i64, _>(0)?,
                "username": r.try_get::<String, _>(1)?,
                "role": role,
                "role_label": Role::parse(&role).map_or("", Role::label),
                "department": r.try_get::<Option<String>, _>(3)?,
                "region": r.try_get::<Option<String>, _>(4)?,
            }))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// Refuses anyone but an administrator.
pub fn require_admin(user: &User) -> Result<(), AppError> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden("只有管理员可以管理账号、地区、部门和科目表".into()))
    }
}

/// The Fiscal Data Package descriptor (`datapackage.json`) of a published package: one CSV resource (the
/// amount cells, `cells.csv` beside it, values in 元) with its schema and the fiscal model (amount measure;
/// table, classification and column dimensions).
pub fn fiscal_data_package(p: &Package) -> serde_json::Value {
    let field = |name: &str, title: &str, ty: &str| serde_json::json!({"name": name, "title": title, "type": ty});
    serde_json::json!({
        "profile": "fiscal-data-package",
        "name": format!("yusuan-{}-{}-{}", p.region_id, p.department_id, p.year),
        "title": format!("{} {} 年部门预决算公开", p.department, p.year),
        "publisher": p.region,
        "fiscalPeriod": {"start": format!("{}-01-01", p.year), "end": format!("{}-12-31", p.year)},
        "resources": [{
            "name": "cells",
            "path": "cells.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [
                field("table", "表（语义编号）", "string"),
                field("title", "表名", "string"),
                field("unit", "原表单位", "string"),
                field("row", "行号", "integer"),
                field("code", "科目编码", "string"),
                field("name", "科目或项目名称", "string"),
                field("column", "列（语义编号）", "string"),
                field("label", "列名", "string"),
                {"name": "value", "title": "金额（元）", "type": "number", "decimalChar": "."},
            ]}
        }],
        "model": {
            "measures": {"amount": {"source": "value", "currency": "CNY", "title": "金额（元）"}},
            "dimensions": {
                "table": {"dimensionType": "other", "primaryKey": ["table"], "attributes": {
                    "table": {"source": "table"}, "title": {"source": "title", "labelfor": "table"}}},
                "classification": {"dimensionType": "classification", "classificationType": "functional",
                    "primaryKey": ["code"], "attributes": {
                        "code": {"source": "code"}, "name": {"source": "name", "labelfor": "code"}}},
                "column": {"dimensionType": "other", "primaryKey": ["column"], "attributes": {
                    "column": {"source": "column"}, "label": {"source": "label", "labelfor": "column"}}},
            }
        }
    })
}
