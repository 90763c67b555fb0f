//! `yusuan admin create` and `yusuan serve` as a process: the server is killed (SIGKILL) in the middle of
//! an upload and restarted; the interrupted upload left no version behind; a 200 MB upload is refused.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/hanshan-kegongxin-2025-budget.txt");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["serve", "--data", dir.to_str().unwrap(), "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start yusuan serve");
    let server = Server(child);
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(60) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() && http(port, "GET", "/healthz", None, b"").0 == 200 {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("yusuan serve did not start");
}

/// One HTTP/1.1 request with `Connection: close`; (status, body).
fn http(port: u16, method: &str, path: &str, token: Option<&str>, body: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return (0, String::new()) };
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n",
        body.len()
    );
    if s.write_all(head.as_bytes()).and_then(|_| s.write_all(body)).is_err() {
        return (0, String::new());
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn json(port: u16, method: &str, path: &str, token: Option<&str>, body: serde_json::Value) -> serde_json::Value {
    let (status, text) = http(port, method, path, token, body.to_string().as_bytes());
    assert!(status == 200 || status == 201, "{method} {path}: {status} {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn killing_the_server_mid_upload_leaves_no_half_version() {
    let dir = std::env::temp_dir().join(format!("yusuan_serve_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    let mut admin = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["admin", "create", "--user", "admin", "--password-stdin", "--data", dir.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    admin.stdin.take().unwrap().write_all(b"admin-password\n").unwrap();
    let out = admin.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("已创建管理员 admin"));

    let port = free_port();
    let server = start(&dir, port);
    let admin =
        json(port, "POST", "/api/login", None, serde_json::json!({"username": "admin", "password": "admin-password"}));
    let admin = admin["token"].as_str().unwrap().to_string();
    let region =
        json(port, "POST", "/api/admin/regions", Some(&admin), serde_json::json!({"name": "邯山区"}))["id"].clone();
    let dept = json(
        port,
        "POST",
        "/api/admin/departments",
        Some(&admin),
        serde_json::json!({"region_id": region, "code": "101", "name": "科工信局"}),
    )["id"]
        .clone();
    json(
        port,
        "POST",
        "/api/admin/users",
        Some(&admin),
        serde_json::json!({"username": "ea", "password": "password-123", "role": "editor", "department_id": dept}),
    );
    let ea = json(port, "POST", "/api/login", None, serde_json::json!({"username": "ea", "password": "password-123"}));
    let ea = ea["token"].as_str().unwrap().to_string();

    // One complete upload.
    let seed = std::fs::read(SEED).unwrap();
    let (status, text) = http(port, "POST", "/api/uploads?filename=seed.txt", Some(&ea), &seed);
    assert_eq!(status, 201, "{text}");

    // A second one, cut off: the body is announced at 3 MB, a third is sent, then the server is killed.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let total = 3 * 1024 * 1024;
    write!(s, "POST /api/uploads?filename=cut.txt HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {ea}\r\nContent-Length: {total}\r\n\r\n").unwrap();
    let chunk: Vec<u8> = seed.iter().copied().cycle().take(total / 3).collect();
    s.write_all(&chunk).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    drop(server); // SIGKILL
    drop(s);

    let server = start(&dir, port);

    // 200 MB, streamed without a length (chunked), as a browser or script might: refused once 50 MB have
    // arrived, with a message; the server keeps serving.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "POST /api/uploads?filename=huge.txt HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {ea}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").unwrap();
    let mb: Vec<u8> = seed.iter().copied().cycle().take(1024 * 1024).collect();
    let mut sent = 0;
    for _ in 0..200 {
        if write!(s, "{:x}\r\n", mb.len()).and_then(|_| s.write_all(&mb)).and_then(|_| s.write_all(b"\r\n")).is_err() {
            break; // the server stopped reading: it has answered
        }
        sent += 1;
    }
    let _ = s.write_all(b"0\r\n\r\n");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let answer = String::from_utf8_lossy(&out);
    assert!(answer.starts_with("HTTP/1.1 413"), "after {sent} MB: {answer}");
    assert!(answer.contains("文件过大"), "{answer}");
    assert!(sent < 200, "refused before the whole 200 MB was read");

    let (status, text) = http(port, "GET", "/api/packages", Some(&ea), b"");
    assert_eq!(status, 200, "{text}");
    let packages: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(packages.as_array().unwrap().len(), 1);
    assert_eq!(packages[0]["version_count"], 1, "only the complete upload is stored: {packages}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
