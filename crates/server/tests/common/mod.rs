//! Test harness: a fresh database (SQLite in a temp dir, or a new PostgreSQL database when
//! `YUSUAN_TEST_POSTGRES` is set), the application as a tower service, and clients that keep a session.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::path::PathBuf;
use tower::ServiceExt;
use yusuan_server::auth::{create_user, Role};
use yusuan_server::AppState;

pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/hanshan-kegongxin-2025-budget.txt");
pub const SEED_FIXED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/hanshan-kegongxin-2025-budget.corrected.txt");
pub const WORKBOOK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hanshan-kegongxin-2025/input.xlsx");
pub const PDF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/corpus/sh-putuo-czj-2025-dept-budget.pdf");

pub struct Env {
    pub state: AppState,
    pub app: Router,
    pub dir: Option<PathBuf>,
    pub pg: Option<(String, String)>,
}

/// Which databases to run on: always SQLite; PostgreSQL when `YUSUAN_TEST_POSTGRES` is set.
pub fn backends() -> Vec<Option<String>> {
    let mut v = vec![None];
    match std::env::var("YUSUAN_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => v.push(Some(url)),
        _ => eprintln!("注意：未设置 YUSUAN_TEST_POSTGRES，本测试只在 SQLite 上运行（PostgreSQL 部分跳过）"),
    }
    v
}

fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}_{}_{}_{}", std::process::id(), t % 1_000_000_000, N.fetch_add(1, Ordering::SeqCst))
}

impl Env {
    pub async fn new(pg: Option<String>) -> Env {
        match pg {
            None => {
                let dir = std::env::temp_dir().join(unique("yusuan_test"));
                let state = AppState::open(Some(&dir), None).await.expect("open sqlite");
                Env { app: yusuan_server::app(state.clone()), state, dir: Some(dir), pg: None }
            }
            Some(admin_url) => {
                sqlx::any::install_default_drivers();
                let name = unique("yusuan_test");
                let mut conn =
                    <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await.expect("connect postgres");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create db");
                let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(b, _)| b);
                let url = format!("{base}/{name}");
                let state = AppState::open(None, Some(&url)).await.expect("open postgres");
                Env { app: yusuan_server::app(state.clone()), state, dir: None, pg: Some((admin_url, name)) }
            }
        }
    }

    pub fn name(&self) -> &'static str {
        if self.pg.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    pub async fn cleanup(self) {
        self.state.db.pool.close().await;
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((admin, name)) = &self.pg {
            if let Ok(mut c) = <sqlx::AnyConnection as sqlx::Connection>::connect(admin).await {
                let _ =
                    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&mut c).await;
            }
        }
    }

    pub async fn count(&self, table: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    }

    pub fn client(&self) -> Client {
        Client { app: self.app.clone(), cookie: None, csrf: None, token: None }
    }

    /// Region 甲区 with departments A and B, region 乙区 with department C; accounts admin, ea, eb, ec
    /// (editors), r1 (reviewer of 甲区), r2 (reviewer of 乙区). Returns (dept A, dept B).
    pub async fn seed(&self) -> (i64, i64) {
        create_user(&self.state, "admin", "admin-password", Role::Admin, None, None).await.unwrap();
        let admin = self.client().api_login("admin", "admin-password").await;
        let r1 = admin.api_json(Method::POST, "/api/admin/regions", serde_json::json!({"name": "甲区"})).await.1["id"]
            .as_i64()
            .unwrap();
        let r2 = admin.api_json(Method::POST, "/api/admin/regions", serde_json::json!({"name": "乙区"})).await.1["id"]
            .as_i64()
            .unwrap();
        let mut depts = vec![];
        for (r, code, name) in
            [(r1, "101", "邯山区科技和工业信息化局"), (r1, "102", "甲区教育局"), (r2, "201", "乙区卫生健康委员会")]
        {
            let (s, v) = admin
                .api_json(
                    Method::POST,
                    "/api/admin/departments",
                    serde_json::json!({"region_id": r, "code": code, "name": name}),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
            depts.push(v["id"].as_i64().unwrap());
        }
        for (u, role, d, r) in [
            ("ea", "editor", Some(depts[0]), None),
            ("eb", "editor", Some(depts[1]), None),
            ("ec", "editor", Some(depts[2]), None),
            ("r1", "reviewer", None, Some(r1)),
            ("r2", "reviewer", None, Some(r2)),
        ] {
            let (s, v) = admin
                .api_json(Method::POST, "/api/admin/users", serde_json::json!({"username": u, "password": "password-123", "role": role, "department_id": d, "region_id": r}))
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
        }
        (depts[0], depts[1])
    }
}

pub struct Client {
    pub app: Router,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    pub token: Option<String>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn location(&self) -> String {
        self.headers.get(header::LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    }
}

impl Client {
    pub async fn send(&self, mut req: Request<Body>) -> Resp {
        if let Some(c) = &self.cookie {
            req.headers_mut().insert(header::COOKIE, format!("yusuan_session={c}").parse().unwrap());
        }
        if let Some(t) = &self.token {
            req.headers_mut().insert(header::AUTHORIZATION, format!("Bearer {t}").parse().unwrap());
        }
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Resp { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect();
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.join("&")))
                .unwrap(),
        )
        .await
    }

    /// Posts a form with this session's CSRF token.
    pub async fn post_csrf(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let csrf = self.csrf.clone().unwrap();
        let mut f = vec![("csrf", csrf.as_str())];
        f.extend_from_slice(fields);
        self.post_form(path, &f).await
    }

    pub async fn login(app: &Router, user: &str, password: &str) -> Client {
        let mut c = Client { app: app.clone(), cookie: None, csrf: None, token: None };
        let r = c.post_form("/login", &[("username", user), ("password", password)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login {user}: {}", r.text());
        let set = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
        c.cookie = Some(set.split(';').next().unwrap().trim_start_matches("yusuan_session=").to_string());
        let page = c.get("/app").await.text();
        let marker = "name=\"csrf-token\" content=\"";
        let at = page.find(marker).expect("csrf meta") + marker.len();
        c.csrf = Some(page[at..].split('"').next().unwrap().to_string());
        c
    }

    /// Multipart upload through the page form.
    pub async fn upload_form(&self, csrf: &str, year: &str, name: &str, bytes: &[u8]) -> Resp {
        let b = "----yusuanboundary7MA4YWxk";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n{year}\r\n").as_bytes(),
        );
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
        self.send(
            Request::post(format!("/app/upload?csrf={csrf}"))
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
                .header(header::CONTENT_LENGTH, body.len())
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    pub async fn api_login(self, user: &str, password: &str) -> Client {
        let (s, v) = self
            .api_json(Method::POST, "/api/login", serde_json::json!({"username": user, "password": password}))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        Client { token: Some(v["token"].as_str().unwrap().to_string()), ..self }
    }

    pub async fn api_json(
        &self,
        method: Method,
        path: &str,
        body: serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let r = self
            .send(
                Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await;
        (r.status, serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null))
    }

    pub async fn api_get(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let r = self.get(path).await;
        (r.status, serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null))
    }

    pub async fn api_upload(&self, query: &str, bytes: Vec<u8>) -> (StatusCode, serde_json::Value) {
        self.api_post_bytes(&format!("/api/uploads?{query}"), bytes).await
    }

    pub async fn api_post_bytes(&self, path: &str, bytes: Vec<u8>) -> (StatusCode, serde_json::Value) {
        let r = self
            .send(Request::post(path).header(header::CONTENT_LENGTH, bytes.len()).body(Body::from(bytes)).unwrap())
            .await;
        (r.status, serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null))
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
