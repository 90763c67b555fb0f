//! Accounts, passwords (argon2), sessions in HttpOnly cookies with a per-session CSRF token, and API tokens.

use crate::error::AppError;
use crate::util::{now, random_hex, sha256_hex};
use crate::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The session cookie's name.
pub const COOKIE: &str = "yusuan_session";
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 12 * 3600;

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 部门填报人：only their own department's drafts.
    Editor,
    /// 财政局审核人：every department of their region.
    Reviewer,
    /// 管理员：accounts, departments, regions.
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Editor => "部门填报人",
            Role::Reviewer => "财政局审核人",
            Role::Admin => "管理员",
        }
    }
    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "editor" => Some(Role::Editor),
            "reviewer" => Some(Role::Reviewer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// A logged-in account.
#[derive(Clone, Debug, Serialize)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// The editor's department.
    pub department_id: Option<i64>,
    /// The reviewer's region.
    pub region_id: Option<i64>,
    /// Role in Chinese.
    pub role_label: &'static str,
}

impl User {
    fn from_row(r: &AnyRow) -> Result<User, sqlx::Error> {
        let role = Role::parse(&r.try_get::<String, _>("role")?).unwrap_or(Role::Editor);
        Ok(User {
            id: r.try_get("id")?,
            username: r.try_get("username")?,
            role,
            department_id: r.try_get("department_id")?,
            region_id: r.try_get("region_id")?,
            role_label: role.label(),
        })
    }
}

const USER_COLUMNS: &str = "u.id, u.username, u.role, u.department_id, u.region_id";

/// A browser session: the account and the CSRF token its forms must carry.
#[derive(Clone, Debug)]
pub struct Session {
    /// The account.
    pub user: User,
    /// The CSRF token.
    pub csrf: String,
}

impl Session {
    /// Refuses a form whose `csrf` field is not this session's token.
    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        if constant_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password with argon2id.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::encode_b64(random_hex(16).as_bytes()).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Checks a login name and password.
pub async fn authenticate(state: &AppState, username: &str, password: &str) -> Result<Option<User>, AppError> {
    let row = sqlx::query("SELECT u.id, u.username, u.role, u.department_id, u.region_id, u.password_hash FROM users u WHERE u.username = $1")
        .bind(username)
        .fetch_optional(&state.db.pool)
        .await?;
    let Some(row) = row else {
        // Spend the same time as a wrong password, so that names cannot be probed.
        let _ = verify_password(
            password,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4",
        );
        return Ok(None);
    };
    let hash: String = row.try_get("password_hash")?;
    let ok = tokio::task::spawn_blocking({
        let password = password.to_string();
        move || verify_password(&password, &hash)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(if ok { Some(User::from_row(&row)?) } else { None })
}

/// Starts a session for `user`; returns the cookie value.
pub async fn start_session(state: &AppState, user: &User) -> Result<String, AppError> {
    let token = random_hex(32);
    let t = now();
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(t).execute(&state.db.pool).await?;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(sha256_hex(token.as_bytes()))
        .bind(user.id)
        .bind(random_hex(24))
        .bind(t)
        .bind(t + SESSION_SECONDS)
        .execute(&state.db.pool)
        .await?;
    Ok(token)
}

/// Ends the session with cookie value `token`.
pub async fn end_session(state: &AppState, token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(sha256_hex(token.as_bytes()))
        .execute(&state.db.pool)
        .await?;
    Ok(())
}

/// Issues an API token for `user`; only its hash is stored.
pub async fn issue_token(state: &AppState, user: &User) -> Result<String, AppError> {
    let token = format!("ys_{}", random_hex(32));
    sqlx::query("INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(sha256_hex(token.as_bytes()))
        .bind(user.id)
        .bind(now())
        .execute(&state.db.pool)
        .await?;
    Ok(token)
}

/// The `Set-Cookie` value for a session token (Secure when the request came over https).
pub fn session_cookie(token: &str, headers: &HeaderMap) -> String {
    let secure = headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes() == b"https");
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The session cookie's value in a request.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers.get_all(axum::http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').find_map(|kv| {
            let (k, val) = kv.trim().split_once('=')?;
            (k == COOKIE && !val.is_empty()).then(|| val.to_string())
        })
    })
}

/// The browser session of a request, if any (pages).
pub struct MaybeSession(pub Option<Session>);

impl FromRequestParts<AppState> for MaybeSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie_token(&parts.headers) else { return Ok(MaybeSession(None)) };
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(sha256_hex(token.as_bytes()))
            .bind(now())
            .fetch_optional(&state.db.pool)
            .await?;
        match row {
            Some(r) => Ok(MaybeSession(Some(Session { user: User::from_row(&r)?, csrf: r.try_get("csrf")? }))),
            None => Ok(MaybeSession(None)),
        }
    }
}

/// A browser session that must exist (pages that need a login redirect to it).
pub struct Authed(pub Session);

impl FromRequestParts<AppState> for Authed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match MaybeSession::from_request_parts(parts, state).await?.0 {
            Some(s) => Ok(Authed(s)),
            None => Err(AppError::Unauthorized),
        }
    }
}

/// The account behind an `Authorization: Bearer` API token, if any. The API takes no cookies, so a
/// page on another site cannot make a browser call it (no CSRF on the API).
pub struct ApiUser(pub Option<User>);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(auth) = parts.headers.get(axum::http::header::AUTHORIZATION) else { return Ok(ApiUser(None)) };
        let token = auth.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).ok_or(AppError::Unauthorized)?;
        let sql =
            format!("SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(sha256_hex(token.trim().as_bytes()))
            .fetch_optional(&state.db.pool)
            .await?;
        match row {
            Some(r) => Ok(ApiUser(Some(User::from_row(&r)?))),
            // A wrong token is an error, not anonymous access.
            None => Err(AppError::Unauthorized.into()),
        }
    }
}

impl ApiUser {
    /// The account, or 401.
    pub fn required(self) -> Result<User, AppError> {
        self.0.ok_or(AppError::Unauthorized)
    }
}

/// Creates an account (the CLI's `yusuan admin create` and the admin pages).
pub async fn create_user(
    state: &AppState,
    username: &str,
    password: &str,
    role: Role,
    department_id: Option<i64>,
    region_id: Option<i64>,
) -> Result<i64, AppError> {
    let username = username.trim();
    if username.is_empty() || username.len() > 64 {
        return Err(AppError::BadRequest("用户名不能为空，且不超过 64 个字符".into()));
    }
    if password.chars().count() < 8 {
        return Err(AppError::BadRequest("密码至少 8 个字符".into()));
    }
    match role {
        Role::Editor if department_id.is_none() => {
            return Err(AppError::BadRequest("部门填报人必须属于一个部门".into()))
        }
        Role::Reviewer if region_id.is_none() => return Err(AppError::BadRequest("审核人必须属于一个地区".into())),
        _ => {}
    }
    let exists =
        sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(&state.db.pool).await?;
    if exists.is_some() {
        return Err(AppError::Conflict(format!("用户名 {username} 已存在")));
    }
    let hash = tokio::task::spawn_blocking({
        let p = password.to_string();
        move || hash_password(&p)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let row = sqlx::query("INSERT INTO users (username, password_hash, role, department_id, region_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(username)
        .bind(hash)
        .bind(role.as_str())
        .bind(department_id)
        .bind(region_id)
        .bind(now())
        .fetch_one(&state.db.pool)
        .await?;
    Ok(row.try_get::<i64, _>(0)?)
}
