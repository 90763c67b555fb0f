//! Load generator for `yusuan serve` (used by `bench/serve_load.sh`): prepares a published package through
//! the API, then runs N concurrent keep-alive clients against the public package page, the portal pages
//! and the reviewer's dashboard (logged in through the form, so with a session cookie) for a bounded time,
//! and prints latency percentiles per path and overall. Only talks to the address it is given (meant for
//! 127.0.0.1).
//!
//! cargo run -p yusuan-server --example load -- ADDR ADMIN_PASSWORD [CLIENTS] [SECONDS] [THINK_MS] [DEPARTMENTS]

use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/hanshan-kegongxin-2025-budget.corrected.txt");

struct Conn {
    r: BufReader<TcpStream>,
}

impl Conn {
    async fn open(addr: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Conn { r: BufReader::new(s) })
    }

    /// One keep-alive request; returns (status, body).
    async fn request(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &[u8],
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
        self.send(method, path, &format!("Content-Type: application/json\r\n{auth}"), body)
            .await
            .map(|(s, _, b)| (s, b))
    }

    /// One keep-alive request with the given extra header lines; returns (status, Set-Cookie, body).
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &str,
        body: &[u8],
    ) -> std::io::Result<(u16, String, Vec<u8>)> {
        let head =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Content-Length: {}\r\n\r\n", body.len());
        let s = self.r.get_mut();
        s.write_all(head.as_bytes()).await?;
        s.write_all(body).await?;
        let mut line = String::new();
        self.r.read_line(&mut line).await?;
        let status = line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let mut len = 0usize;
        let mut cookie = String::new();
        loop {
            line.clear();
            self.r.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                } else if k.eq_ignore_ascii_case("set-cookie") {
                    cookie = v.trim().split(';').next().unwrap_or("").to_string();
                }
            }
        }
        let mut buf = vec![0; len];
        self.r.read_exact(&mut buf).await?;
        Ok((status, cookie, buf))
    }
}

async fn api(
    c: &mut Conn,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: serde_json::Value,
) -> serde_json::Value {
    let (s, b) = c.request(method, path, token, body.to_string().as_bytes()).await.expect("request");
    assert!(s == 200 || s == 201, "{method} {path}: {s} {}", String::from_utf8_lossy(&b));
    serde_json::from_slice(&b).unwrap_or(serde_json::Value::Null)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let addr = args.get(1).cloned().unwrap_or_else(|| "127.0.0.1:8080".into());
    let admin_password = args.get(2).cloned().unwrap_or_else(|| "admin-password".into());
    let clients: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200);
    let seconds: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(20).min(300);
    let think: u64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(100);
    let departments: usize = args.get(6).and_then(|s| s.parse().ok()).unwrap_or(30).max(1);
    let seed = std::fs::read(SEED).unwrap();
    assert!(addr.starts_with("127.") || addr.starts_with("localhost") || addr.starts_with("[::1]"), "loopback only");

    // Prepare: a region, a department, an editor and a reviewer; upload, submit, approve, publish.
    let mut c = Conn::open(&addr).await.expect("connect");
    let admin =
        api(&mut c, "POST", "/api/login", None, serde_json::json!({"username": "admin", "password": admin_password}))
            .await;
    let admin = admin["token"].as_str().unwrap().to_string();
    let region = api(
        &mut c,
        "POST",
        "/api/admin/regions",
        Some(&admin),
        serde_json::json!({"name": format!("压测区{}", std::process::id())}),
    )
    .await["id"]
        .clone();
    let dept = api(
        &mut c,
        "POST",
        "/api/admin/departments",
        Some(&admin),
        serde_json::json!({"region_id": region, "code": "101", "name": "邯山区科技和工业信息化局"}),
    )
    .await["id"]
        .clone();
    let (ed, rv) = (format!("ed{}", std::process::id()), format!("rv{}", std::process::id()));
    api(
        &mut c,
        "POST",
        "/api/admin/users",
        Some(&admin),
        serde_json::json!({"username": ed, "password": "password-123", "role": "editor", "department_id": dept}),
    )
    .await;
    api(
        &mut c,
        "POST",
        "/api/admin/users",
        Some(&admin),
        serde_json::json!({"username": rv, "password": "password-123", "role": "reviewer", "region_id": region}),
    )
    .await;
    let et = api(&mut c, "POST", "/api/login", None, serde_json::json!({"username": ed, "password": "password-123"}))
        .await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let rt = api(&mut c, "POST", "/api/login", None, serde_json::json!({"username": rv, "password": "password-123"}))
        .await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, b) = c.request("POST", "/api/uploads?filename=seed.txt", Some(&et), &seed).await.unwrap();
    assert_eq!(s, 201, "{}", String::from_utf8_lossy(&b));
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    let pid = v["package_id"].as_i64().unwrap();
    api(&mut c, "POST", &format!("/api/packages/{pid}/submit"), Some(&et), serde_json::json!({})).await;
    api(&mut c, "POST", &format!("/api/packages/{pid}/approve"), Some(&rt), serde_json::json!({})).await;
    api(&mut c, "POST", &format!("/api/packages/{pid}/publish"), Some(&et), serde_json::json!({})).await;

    // The rest of the region: more departments, each with an uploaded (draft) package, so the dashboard
    // aggregates a district's worth of packages.
    for i in 2..=departments {
        let d = api(
            &mut c,
            "POST",
            "/api/admin/departments",
            Some(&admin),
            serde_json::json!({"region_id": region, "code": format!("{}", 100 + i), "name": format!("压测部门{i}")}),
        )
        .await["id"]
            .clone();
        let user = format!("ed{}-{i}", std::process::id());
        api(
            &mut c,
            "POST",
            "/api/admin/users",
            Some(&admin),
            serde_json::json!({"username": user, "password": "password-123", "role": "editor", "department_id": d}),
        )
        .await;
        let t =
            api(&mut c, "POST", "/api/login", None, serde_json::json!({"username": user, "password": "password-123"}))
                .await["token"]
                .as_str()
                .unwrap()
                .to_string();
        let (s, b) = c.request("POST", "/api/uploads?filename=seed.txt", Some(&t), &seed).await.unwrap();
        assert_eq!(s, 201, "{}", String::from_utf8_lossy(&b));
    }

    // The reviewer logs in through the form, as a browser does: the dashboard is read with the session cookie.
    let form = format!("username={rv}&password=password-123");
    let (s, cookie, _) = c
        .send("POST", "/login", "Content-Type: application/x-www-form-urlencoded\r\n", form.as_bytes())
        .await
        .expect("login");
    assert!(s == 303 && !cookie.is_empty(), "form login: {s}");
    let session = format!("Cookie: {cookie}\r\n");

    // Half the requests go to the public package page, half to the dashboard, every 5th to the other
    // public pages.
    let year = 2025;
    let paths: Vec<(String, bool)> = vec![
        (format!("/public/packages/{pid}"), false),
        (format!("/app/dashboard?year={year}"), true),
        (format!("/public/packages/{pid}"), false),
        (format!("/app/dashboard?year={year}"), true),
        ("/".into(), false),
        (format!("/public/packages/{pid}"), false),
        (format!("/app/dashboard?year={year}"), true),
        (format!("/public/packages/{pid}"), false),
        (format!("/app/dashboard?year={year}"), true),
        (format!("/api/public/packages/{pid}"), false),
    ];
    println!(
        "{clients} clients, {seconds} s, think time {think} ms, {departments} departments on the dashboard, paths: {:?}",
        paths.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for i in 0..clients {
        let addr = addr.clone();
        let paths = paths.clone();
        let session = session.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat: Vec<(usize, Duration)> = Vec::new();
            let mut errors = 0usize;
            let Ok(mut c) = Conn::open(&addr).await else { return (lat, 1) };
            let mut n = i;
            // Spread the clients' first requests over one think time.
            tokio::time::sleep(Duration::from_millis(think * i as u64 / clients.max(1) as u64)).await;
            while Instant::now() < deadline {
                let k = n % paths.len();
                let (path, authed) = &paths[k];
                n += 1;
                let t = Instant::now();
                match c.send("GET", path, if *authed { &session } else { "" }, b"").await {
                    Ok((200, _, _)) => lat.push((k, t.elapsed())),
                    _ => {
                        errors += 1;
                        match Conn::open(&addr).await {
                            Ok(nc) => c = nc,
                            Err(_) => break,
                        }
                    }
                }
                tokio::time::sleep(Duration::from_millis(think)).await;
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pct = |v: &[Duration], p: f64| {
        v.get(((v.len() as f64 * p) as usize).min(v.len().saturating_sub(1))).copied().unwrap_or_default()
    };
    let line = |name: &str, v: &mut Vec<Duration>| {
        v.sort();
        println!(
            "{name:<34} requests {:>7}  p50 {:6.2}  p90 {:6.2}  p99 {:6.2}  max {:7.2} ms",
            v.len(),
            ms(pct(v, 0.50)),
            ms(pct(v, 0.90)),
            ms(pct(v, 0.99)),
            ms(v.last().copied().unwrap_or_default())
        );
    };
    let mut seen: Vec<&str> = Vec::new();
    for (path, _) in &paths {
        if !seen.contains(&path.as_str()) {
            seen.push(path);
            let mut v: Vec<Duration> = all.iter().filter(|(k, _)| paths[*k].0 == *path).map(|(_, d)| *d).collect();
            line(path, &mut v);
        }
    }
    let mut all: Vec<Duration> = all.into_iter().map(|(_, d)| d).collect();
    println!("all: {:.0} requests/s, errors {errors}", all.len() as f64 / seconds as f64);
    line("all", &mut all);
    let p99 = ms(pct(&all, 0.99));
    println!("{} p99 {:.2} ms against the 20 ms target", if p99 < 20.0 { "PASS" } else { "FAIL" }, p99);
}
