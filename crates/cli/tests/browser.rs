//! The whole flow in a headless Chromium driven through chromedriver (W3C WebDriver over plain HTTP):
//! an editor uploads the example fill-in workbook with the duties text left out and sees the finding at its
//! paragraph, uploads the complete workbook (a second version, clean), compares the two, submits; a
//! reviewer approves; the editor publishes; an anonymous visitor finds the package on the portal and
//! through the search box and downloads the typeset PDF, which reads back to the same tables.
//! Screenshots of the main pages go to `target/browser-screenshots/` (with `YUSUAN_UPDATE_SCREENSHOTS=1`
//! also to the reviewed copies in `docs/snapshots/web/`).
//! Skipped (with a notice) when `chromedriver` and `chromium` are not installed; `.ci/run` installs them.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hanshan-kegongxin-2025");

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
    let (status, body) = http_bytes(port, method, path, token, body);
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn http_bytes(port: u16, method: &str, path: &str, token: Option<&str>, body: &[u8]) -> (u16, Vec<u8>) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return (0, Vec::new()) };
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).and_then(|_| s.write_all(body)).is_err() {
        return (0, Vec::new());
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
    let Some(end) = out.windows(4).position(|w| w == b"\r\n\r\n") else { return (0, Vec::new()) };
    let head = String::from_utf8_lossy(&out[..end]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut body = out[end + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&rest[..i]).trim(), 16).unwrap_or(0);
        let tail = &rest[i + 2..];
        if n == 0 || tail.len() < n {
            break;
        }
        out.extend_from_slice(&tail[..n]);
        rest = tail[n..].strip_prefix(b"\r\n").unwrap_or(&tail[n..]);
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
            if s.contains(text) {
                return s;
            }
            if t.elapsed() > Duration::from_secs(20) {
                // Kept for the person reading the failure.
                let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots");
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join("timeout.html"), &s);
                eprintln!(
                    "waited 20 s for {text:?} at {}; page in target/browser-screenshots/timeout.html",
                    self.url()
                );
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Saves a screenshot of the page as `NAME.png` under `target/browser-screenshots/` (and, with
    /// `YUSUAN_UPDATE_SCREENSHOTS=1`, as the reviewed copy under `docs/snapshots/web/`).
    fn screenshot(&self, name: &str) {
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(self.cmd("GET", "/screenshot", json!({})).as_str().unwrap_or(""))
            .expect("screenshot is base64");
        assert!(png.starts_with(b"\x89PNG"), "{name}: a PNG");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut dirs = vec![root.join("target/browser-screenshots")];
        if std::env::var_os("YUSUAN_UPDATE_SCREENSHOTS").is_some() {
            dirs.push(root.join("docs/snapshots/web"));
        }
        for d in dirs {
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(format!("{name}.png")), &png).unwrap();
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

    // The example fill-in workbook, and a copy with the department's duties left out (the drafted
    // explanation then keeps a 【请填写：…】 slot, which rule N028 reports at its paragraph).
    let complete = std::path::Path::new(EXAMPLE).join("input.xlsx");
    let (mut input, _) = yusuan_build::read::read_input(&complete).unwrap();
    assert!(input.texts.remove("duties").is_some(), "the example states the duties");
    let incomplete = dir.join("填报-缺职责.xlsx");
    std::fs::write(&incomplete, yusuan_build::tabular::write_filled(&input, yusuan_model::Catalog::bundled()).unwrap())
        .unwrap();

    // Editor: upload the incomplete workbook through the form, see the finding at its paragraph.
    b.login(&base, "ea");
    b.screenshot("home-editor");
    b.fill("input[type=file]", incomplete.to_str().unwrap());
    b.click("form[enctype] button[type=submit]");
    let u = b.wait_url("/app/versions/");
    assert!(u.contains("/app/versions/"), "after upload: {u}");
    let page = b.wait_text("N028");
    assert!(page.contains("N028") && page.contains("【请填写"), "the unfilled duties are reported");
    assert!(page.contains("<p class=\"mark-error\">"), "and marked at their paragraph");
    assert!(page.contains("项目绩效目标表"), "project tables shown");
    b.screenshot("version-with-finding");

    // Fix: upload the complete workbook as the second version; it is clean.
    b.click("main p a"); // back to the package
    let package_url = b.wait_url("/app/packages/");
    assert!(package_url.contains("/app/packages/"));
    b.fill("input[type=file]", std::fs::canonicalize(&complete).unwrap().to_str().unwrap());
    b.click("form[enctype] button[type=submit]");
    let page = b.wait_text("第 2 版");
    assert!(page.contains("错误 0 条，警告 0 条"), "the complete workbook is clean");
    assert!(!page.contains("N028"));
    b.go(&package_url);
    b.click("form[action$='/diff'] button");
    b.wait_url("/diff?");
    let page = b.wait_text("第 1 版 → 第 2 版");
    assert!(page.contains("第 1 版 → 第 2 版"), "two versions compared");
    assert!(
        page.contains("【请填写：部门职责】") && page.contains("新增的段落"),
        "the filled-in duties are the difference"
    );
    b.screenshot("diff");
    b.go(&package_url);
    b.wait_text("提交审核");
    b.click("form[action$='/submit'] button");
    assert!(b.wait_text("已提交").contains("已提交"));
    b.screenshot("package-submitted");

    // Reviewer: dashboard, package, approve with a comment.
    b.login(&base, "r1");
    b.go(&format!("{base}/app/dashboard?year=2025"));
    assert!(b.wait_text("已提交").contains("已提交"));
    b.screenshot("dashboard");
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
    b.screenshot("public-package");
    // The typeset PDF, downloaded as a visitor would (the link's address, fetched without a session),
    // reads back to the same amounts as the package page shows.
    let pdf_link = b.find("p.downloads a[href$='disclosure.pdf']");
    let href = b.cmd("GET", &format!("/element/{pdf_link}/attribute/href"), json!({})).as_str().unwrap().to_string();
    let path = href.strip_prefix(&base).unwrap_or(&href).to_string();
    let (status, pdf) = http_bytes(port, "GET", &path, None, b"");
    assert_eq!(status, 200, "PDF download");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let doc = yusuan_read::read_bytes("disclosure.pdf", &pdf, None).expect("the PDF reads back");
    let built = yusuan_build::build(
        &yusuan_build::read::read_input(&complete).unwrap().0,
        &Default::default(),
        yusuan_model::Catalog::bundled(),
    )
    .unwrap()
    .document;
    let cells = |d: &yusuan_model::Document| {
        d.amount_cells()
            .map(|c| (c.table.kind.clone(), c.row.position, c.column.id.clone(), c.amount.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(doc.tables.len(), built.tables.len(), "every table in the PDF");
    assert_eq!(cells(&doc), cells(&built), "the PDF's amounts are the package's");
    let (status, xlsx) = http_bytes(port, "GET", &path.replace(".pdf", ".xlsx"), None, b"");
    assert_eq!(status, 200, "XLSX download");
    assert!(xlsx.starts_with(b"PK"), "a workbook");
    b.go(&base);
    b.fill("input[name=q]", "科技");
    b.click("main form button");
    assert!(b.wait_text("找到").contains("邯山区科技和工业信息化局"), "search");
    b.screenshot("search");

    b.cmd("DELETE", "", json!({}));
    let _ = std::fs::remove_dir_all(&dir);
}
