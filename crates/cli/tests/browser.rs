//! The whole flow in a headless Chromium driven through chromedriver (W3C WebDriver over plain HTTP):
//! an editor uploads through the form and sees the findings, submits; a reviewer approves; the editor
//! publishes; an anonymous visitor finds the package on the portal and through the search box.
//! Skipped (with a notice) when `chromedriver` and `chromium` are not installed; `.ci/run` installs them.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/hanshan-kegongxin-2025-budget.txt");

struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn http(port: u16, method: &str, path: &str, token: Option<&str>, body: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return (0, String::new()) };
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).and_then(|_| s.write_all(body)).is_err() {
        return (0, String::new());
    }
    // Read by Content-Length (chromedriver keeps the connection open despite `Connection: close`).
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        if let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&out[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            match len {
                Some(len) if out.len() >= end + 4 + len => break,
                None if head.contains("transfer-encoding: chunked") && out.ends_with(b"0\r\n\r\n") => break,
                _ => {}
            }
        }
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    if text.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((len, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

fn api(port: u16, method: &str, path: &str, token: Option<&str>, body: Value) -> Value {
    let (status, text) = http(port, method, path, token, body.to_string().as_bytes());
    assert!((200..300).contains(&status), "{method} {path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A WebDriver session.
struct Browser {
    port: u16,
    session: String,
}

impl Browser {
    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let (status, text) =
            http(self.port, method, &format!("/session/{}{path}", self.session), None, body.to_string().as_bytes());
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(status, 200, "webdriver {method} {path}: {text}");
        v["value"].clone()
    }
    fn go(&self, url: &str) {
        self.cmd("POST", "/url", json!({"url": url}));
    }
    fn find(&self, css: &str) -> String {
        let v = self.cmd("POST", "/element", json!({"using": "css selector", "value": css}));
        v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_string()
    }
    fn fill(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/value"), json!({"text": text}));
    }
    fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), json!({}));
    }
    fn source(&self) -> String {
        self.cmd("GET", "/source", json!({})).as_str().unwrap_or("").to_string()
    }
    fn url(&self) -> String {
        self.cmd("GET", "/url", json!({})).as_str().unwrap_or("").to_string()
    }
    /// Waits (up to 20 s) for the current URL to contain `part` (a click on a submit button may return
    /// before the next page has loaded).
    fn wait_url(&self, part: &str) -> String {
        let t = Instant::now();
        loop {
            let u = self.url();
            if u.contains(part) || t.elapsed() > Duration::from_secs(20) {
                return u;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Waits (up to 20 s) for the page to contain `text`; returns the page.
    fn wait_text(&self, text: &str) -> String {
        let t = Instant::now();
        loop {
            let s = self.source();
            if s.contains(text) || t.elapsed() > Duration::from_secs(20) {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn login(&self, base: &str, user: &str) {
        self.cmd("DELETE", "/cookie", json!({}));
        self.go(&format!("{base}/login"));
        self.fill("input[name=username]", user);
        self.fill("input[name=password]", "password-123");
        self.click("form button[type=submit]");
        let u = self.wait_url("/app");
        assert!(u.ends_with("/app"), "{user} logged in: {u}");
    }
}

fn which(name: &str) -> Option<String> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| format!("{d}/{name}"))
        .find(|p| std::path::Path::new(p).is_file())
}

#[test]
fn the_whole_flow_in_a_headless_browser() {
    let (Some(driver), Some(chromium)) =
        (which("chromedriver"), which("chromium").or_else(|| which("chromium-browser")))
    else {
        eprintln!("注意：没有安装 chromium 和 chromedriver，跳过浏览器测试（.ci/run 会安装）");
        return;
    };
    let dir = std::env::temp_dir().join(format!("yusuan_browser_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut admin = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["admin", "create", "--user", "admin", "--password-stdin", "--data", dir.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    admin.stdin.take().unwrap().write_all(b"admin-password\n").unwrap();
    assert!(admin.wait().unwrap().success());

    let port = free_port();
    let _server = Kill(
        Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["serve", "--data", dir.to_str().unwrap(), "--bind", &format!("127.0.0.1:{port}")])
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let dport = free_port();
    let _driver = Kill(
        Command::new(driver)
            .arg(format!("--port={dport}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let t = Instant::now();
    while (http(port, "GET", "/healthz", None, b"").0 != 200 || http(dport, "GET", "/status", None, b"").0 != 200)
        && t.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_millis(200));
    }
    let base = format!("http://127.0.0.1:{port}");

    // Accounts through the API.
    let at = api(port, "POST", "/api/login", None, json!({"username": "admin", "password": "admin-password"}));
    let at = at["token"].as_str().unwrap().to_string();
    let region = api(port, "POST", "/api/admin/regions", Some(&at), json!({"name": "邯郸市邯山区"}))["id"].clone();
    let dept = api(
        port,
        "POST",
        "/api/admin/departments",
        Some(&at),
        json!({"region_id": region, "code": "101", "name": "邯山区科技和工业信息化局"}),
    )["id"]
        .clone();
    api(
        port,
        "POST",
        "/api/admin/users",
        Some(&at),
        json!({"username": "ea", "password": "password-123", "role": "editor", "department_id": dept}),
    );
    api(
        port,
        "POST",
        "/api/admin/users",
        Some(&at),
        json!({"username": "r1", "password": "password-123", "role": "reviewer", "region_id": region}),
    );

    // A phone-sized headless Chromium.
    let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": chromium,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844"]
    }}}});
    let (status, text) = http(dport, "POST", "/session", None, caps.to_string().as_bytes());
    assert_eq!(status, 200, "new session: {text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let b = Browser { port: dport, session: v["value"]["sessionId"].as_str().unwrap().to_string() };

    // Editor: upload through the form, see the findings at their cells, submit.
    b.login(&base, "ea");
    b.fill("input[type=file]", std::fs::canonicalize(SEED).unwrap().to_str().unwrap());
    b.click("form[enctype] button[type=submit]");
    let u = b.wait_url("/app/versions/");
    assert!(u.contains("/app/versions/"), "after upload: {u}");
    let page = b.wait_text("C007");
    assert!(page.contains("mark-error") && page.contains("C007"), "findings shown");
    b.click("main p a"); // back to the package
    let package_url = b.wait_url("/app/packages/");
    assert!(package_url.contains("/app/packages/"));
    b.click("form[action$='/submit'] button");
    assert!(b.wait_text("已提交").contains("已提交"));

    // Reviewer: dashboard, package, approve with a comment.
    b.login(&base, "r1");
    b.go(&format!("{base}/app/dashboard?year=2025"));
    assert!(b.wait_text("已提交").contains("已提交"));
    b.go(&package_url);
    b.fill("form[action$='/approve'] textarea", "同意公开");
    b.click("form[action$='/approve'] button");
    let page = b.wait_text("同意公开");
    assert!(page.contains("已批准") && page.contains("同意公开"), "approved");

    // Editor publishes.
    b.login(&base, "ea");
    b.go(&package_url);
    b.click("form[action$='/publish'] button");
    assert!(b.wait_text("公开日期").contains("已公开"));

    // Anonymous: logout, portal, package page, search.
    b.click("form[action='/logout'] button");
    b.wait_text("登录");
    b.go(&base);
    b.click("ul.years a");
    b.wait_url("/public/2025");
    b.click("main ul a");
    b.wait_url("/public/packages/");
    let page = b.wait_text("<svg");
    assert!(page.contains("邯山区科技和工业信息化局") && page.contains("<svg"), "public page");
    b.go(&base);
    b.fill("input[name=q]", "科技");
    b.click("main form button");
    assert!(b.wait_text("找到").contains("邯山区科技和工业信息化局"), "search");

    b.cmd("DELETE", "", json!({}));
    let _ = std::fs::remove_dir_all(&dir);
}
