//! The application through HTTP, on SQLite and (when `YUSUAN_TEST_POSTGRES` is set) PostgreSQL:
//! the department → reviewer → public flow, fill-in workbooks built into packages, the typeset PDF and
//! XLSX downloads, access control tried route by route, bad uploads, CSRF, the append-only audit log and
//! the OpenAPI document.

mod common;

use axum::http::{Method, StatusCode};
use common::{Client, Env, PDF, SEED, SEED_FIXED, WORKBOOK};

fn read(p: &str) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[tokio::test]
async fn the_whole_flow_from_upload_to_publication() {
    for db in common::backends() {
        let env = Env::new(db).await;
        flow(&env).await;
        env.cleanup().await;
    }
}

async fn flow(env: &Env) {
    let name = env.name();
    env.seed().await;
    let ea = Client::login(&env.app, "ea", "password-123").await;
    let csrf = ea.csrf.clone().unwrap();

    // Upload the seed: a version with its findings, shown at their cells.
    let r = ea.upload_form(&csrf, "", "hanshan-2025.txt", &read(SEED)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: {}", r.text());
    let v1 = r.location();
    let page = ea.get(&v1).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("mark-error"), "{name}: a cell is marked");
    assert!(html.contains("技术与研究开发"), "{name}: tables are shown");
    assert!(html.contains("C007"), "{name}: findings are listed");

    // Fix and re-upload: version 2, and the diff shows what changed table by table.
    let r = ea.upload_form(&csrf, "2025", "hanshan-2025-fixed.txt", &read(SEED_FIXED)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: {}", r.text());
    let v2 = r.location();
    let id1: i64 = v1.rsplit('/').next().unwrap().parse().unwrap();
    let id2: i64 = v2.rsplit('/').next().unwrap().parse().unwrap();
    let home = ea.get("/app").await.text();
    let at = home.find("/app/packages/").unwrap() + 14;
    let pid: i64 = home[at..].split('"').next().unwrap().parse().unwrap();
    let diff = ea.get(&format!("/app/packages/{pid}/diff?a={id1}&b={id2}")).await;
    assert_eq!(diff.status, StatusCode::OK, "{name}: {}", diff.text());
    assert!(diff.text().contains("第 1 版 → 第 2 版"));

    // Submit; a second upload is now refused and leaves nothing.
    let r = ea.post_csrf(&format!("/app/packages/{pid}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: {}", r.text());
    let before = env.count("versions").await;
    let r = ea.upload_form(&csrf, "2025", "late.txt", &read(SEED_FIXED)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{name}");
    assert_eq!(env.count("versions").await, before);

    // The reviewer sees it on the dashboard, returns it, the editor resubmits, the reviewer approves.
    let r1 = Client::login(&env.app, "r1", "password-123").await;
    let dash = r1.get("/app/dashboard?year=2025").await.text();
    assert!(dash.contains("邯山区科技和工业信息化局") && dash.contains("已提交"), "{name}");
    assert!(dash.contains("未开始"), "{name}: department B has not started");
    let r = r1.post_csrf(&format!("/app/packages/{pid}/return"), &[("comment", "请核对三公经费说明")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = ea.get(&format!("/app/packages/{pid}")).await.text();
    assert!(page.contains("已退回") && page.contains("请核对三公经费说明"), "{name}");
    // Editors cannot approve.
    let r = ea.post_csrf(&format!("/app/packages/{pid}/approve"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = ea.upload_form(&csrf, "2025", "v3.txt", &read(SEED_FIXED)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: re-upload after return");
    assert_eq!(ea.post_csrf(&format!("/app/packages/{pid}/submit"), &[]).await.status, StatusCode::SEE_OTHER);
    let r = r1.post_csrf(&format!("/app/packages/{pid}/approve"), &[("comment", "同意公开")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = ea.get(&format!("/app/packages/{pid}")).await.text();
    assert!(page.contains("已批准") && page.contains("剩余 20 天"), "{name}: the 20-day clock starts");

    // Not public before publication.
    let anon = env.client();
    assert_eq!(anon.get(&format!("/public/packages/{pid}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ea.post_csrf(&format!("/app/packages/{pid}/publish"), &[]).await.status, StatusCode::SEE_OTHER);

    // The public portal: years → departments → package, downloads, search.
    assert!(anon.get("/").await.text().contains("/public/2025"));
    assert!(anon.get("/public/2025").await.text().contains("邯山区科技和工业信息化局"));
    let pub_page = anon.get(&format!("/public/packages/{pid}")).await;
    assert_eq!(pub_page.status, StatusCode::OK);
    assert!(pub_page.text().contains("<svg"), "{name}: chart");
    let csv = anon.get(&format!("/public/packages/{pid}/cells.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text().starts_with("table,title,unit,row,code,name,column,label,value"));
    let fdp = anon.get(&format!("/public/packages/{pid}/datapackage.json")).await;
    let fdp: serde_json::Value = serde_json::from_slice(&fdp.body).unwrap();
    assert_eq!(fdp["profile"], "fiscal-data-package");
    assert_eq!(fdp["resources"][0]["path"], "cells.csv");
    let orig = anon.get(&format!("/public/packages/{pid}/original")).await;
    assert_eq!(orig.body, read(SEED_FIXED));
    // The package typeset as PDF and laid out as XLSX: both read back to the published amounts.
    let published = yusuan_read::read_bytes("v3.txt", &read(SEED_FIXED), None).unwrap();
    let cells = |d: &yusuan_model::Document| {
        d.amount_cells()
            .map(|c| (c.table.kind.clone(), c.row.position, c.column.id.clone(), c.amount.value))
            .collect::<Vec<_>>()
    };
    let xlsx = anon.get(&format!("/public/packages/{pid}/disclosure.xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK, "{name}");
    let back = yusuan_read::read_bytes("disclosure.xlsx", &xlsx.body, None).expect("the XLSX reads back");
    assert_eq!(cells(&back), cells(&published), "{name}: XLSX amounts");
    let pdf = anon.get(&format!("/public/packages/{pid}/disclosure.pdf")).await;
    if env.state.files.can_typeset() {
        assert_eq!(pdf.status, StatusCode::OK, "{name}");
        let back = yusuan_read::read_bytes("disclosure.pdf", &pdf.body, None).expect("the PDF reads back");
        assert_eq!(cells(&back), cells(&published), "{name}: PDF amounts");
        assert!(pub_page.text().contains("disclosure.pdf"), "{name}: PDF link");
    } else {
        assert!(std::env::var_os("YUSUAN_REQUIRE_FONT").is_none(), "no CJK font found to typeset the PDF");
        assert_eq!(pdf.status, StatusCode::SERVICE_UNAVAILABLE, "{name}: no font, no PDF");
    }
    let hits = anon.get("/search?q=%E7%A7%91%E6%8A%80").await.text(); // 科技
    assert!(hits.contains(&format!("/public/packages/{pid}")), "{name}: search by department");
    let (s, v) = anon.api_get("/api/public/search?q=%E6%8A%80%E6%9C%AF").await; // 技术: an item name
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_array().unwrap().iter().any(|h| h["item"].as_str().is_some_and(|i| !i.is_empty())), "{name}: {v}");

    // The audit log: every step, shown to reviewers.
    let audit = r1.get("/app/audit").await.text();
    for what in ["upload", "submit", "return", "approve", "publish"] {
        assert!(audit.contains(&format!("<td>{what}</td>")), "{name}: audit has {what}");
    }
    assert_eq!(ea.get("/app/audit").await.status, StatusCode::FORBIDDEN);
    let tampered = sqlx::query("UPDATE audit_log SET detail = 'x'").execute(&env.state.db.pool).await;
    assert!(tampered.is_err(), "{name}: the audit log is append-only");
    let deleted = sqlx::query("DELETE FROM audit_log").execute(&env.state.db.pool).await;
    assert!(deleted.is_err(), "{name}: the audit log is append-only");

    // Dashboard export.
    let x = r1.get("/app/dashboard.xlsx?year=2025").await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.body.starts_with(b"PK"));
    let (s, d) = r1.clone_with_token("r1").await.api_get("/api/dashboard?year=2025").await;
    assert_eq!(s, StatusCode::OK);
    assert!(d["by_function"].as_array().unwrap().iter().any(|t| t["key"] == "206"), "{name}: totals by 类: {d}");
    assert!(!d["by_source"].as_array().unwrap().is_empty(), "{name}: totals by fund source");
    let exp = published.table("expenditure").unwrap();
    let total = exp.rows.iter().find(|r| r.roles.iter().any(|x| x == "total")).and_then(|r| exp.amount(r, "total"));
    let row = d["rows"].as_array().unwrap().iter().find(|r| r["package_id"] == pid).unwrap();
    assert_eq!(row["total"].as_i64(), total.map(|a| a.value.0), "{name}: the department's total on the dashboard");
    let fund: i64 = d["by_function"].as_array().unwrap().iter().map(|t| t["value"].as_i64().unwrap()).sum();
    assert_eq!(Some(fund), total.map(|a| a.value.0), "{name}: the 类 totals add up to it");

    // Logout ends the session.
    assert_eq!(ea.post_csrf("/logout", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(ea.get("/app").await.status, StatusCode::SEE_OTHER);
}

trait Token {
    async fn clone_with_token(&self, user: &str) -> Client;
}

impl Token for Client {
    async fn clone_with_token(&self, user: &str) -> Client {
        Client { app: self.app.clone(), cookie: None, csrf: None, token: None }.api_login(user, "password-123").await
    }
}

#[tokio::test]
async fn editors_reach_only_their_own_department_and_anonymous_only_what_is_published() {
    for db in common::backends() {
        let env = Env::new(db).await;
        access(&env).await;
        env.cleanup().await;
    }
}

async fn access(env: &Env) {
    let name = env.name();
    let (_, dept_b) = env.seed().await;
    let ea = Client::login(&env.app, "ea", "password-123").await;
    let r = ea.upload_form(ea.csrf.as_deref().unwrap(), "", "a.txt", &read(SEED)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let v: i64 = r.location().rsplit('/').next().unwrap().parse().unwrap();
    let (_, pk) = ea.clone_with_token("ea").await.api_get("/api/packages").await;
    let p = pk[0]["id"].as_i64().unwrap();

    // Editor B, through every page route.
    let eb = Client::login(&env.app, "eb", "password-123").await;
    for path in [
        format!("/app/packages/{p}"),
        format!("/app/packages/{p}/diff?a={v}&b={v}"),
        format!("/app/versions/{v}"),
        format!("/app/versions/{v}/original"),
        format!("/app/versions/{v}/cells.csv"),
        format!("/app/versions/{v}/disclosure.pdf"),
        format!("/app/versions/{v}/disclosure.xlsx"),
        format!("/public/packages/{p}"),
        format!("/public/packages/{p}/disclosure.pdf"),
        format!("/public/packages/{p}/disclosure.xlsx"),
        format!("/public/packages/{p}/original"),
        format!("/public/packages/{p}/cells.csv"),
        format!("/public/packages/{p}/document.json"),
        format!("/public/packages/{p}/datapackage.json"),
    ] {
        let r = eb.get(&path).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.status == StatusCode::FORBIDDEN,
            "{name}: eb GET {path} → {}",
            r.status
        );
    }
    for action in ["submit", "return", "approve", "publish", "comment"] {
        let r = eb.post_csrf(&format!("/app/packages/{p}/{action}"), &[("body", "x"), ("comment", "x")]).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.status == StatusCode::FORBIDDEN,
            "{name}: eb POST {action} → {}",
            r.status
        );
    }
    assert!(!eb.get("/app").await.text().contains(&format!("/app/packages/{p}\"")), "{name}: not listed for B");

    // …and through every API endpoint.
    let ebt = eb.clone_with_token("eb").await;
    for path in [
        format!("/api/packages/{p}"),
        format!("/api/packages/{p}/diff?a={v}&b={v}"),
        format!("/api/packages/{p}/audit"),
        format!("/api/versions/{v}"),
        format!("/api/versions/{v}/document"),
        format!("/api/versions/{v}/original"),
        format!("/api/versions/{v}/disclosure.pdf"),
        format!("/api/versions/{v}/disclosure.xlsx"),
        format!("/api/versions/{v}/annotated.pdf"),
        format!("/api/public/packages/{p}"),
        format!("/api/public/packages/{p}/disclosure.pdf"),
        format!("/api/public/packages/{p}/document"),
        format!("/api/public/packages/{p}/cells.csv"),
        format!("/api/public/packages/{p}/datapackage.json"),
    ] {
        let (s, _) = ebt.api_get(&path).await;
        assert!(s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN, "{name}: eb API GET {path} → {s}");
    }
    for action in ["submit", "return", "approve", "publish", "comment"] {
        let (s, _) =
            ebt.api_json(Method::POST, &format!("/api/packages/{p}/{action}"), serde_json::json!({"body": "x"})).await;
        assert!(s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN, "{name}: eb API POST {action} → {s}");
    }
    let (_, list) = ebt.api_get("/api/packages").await;
    assert_eq!(list.as_array().unwrap().len(), 0, "{name}: B lists nothing of A");
    // Uploading into another department is refused, and leaves nothing.
    let a_dept = ea.clone_with_token("ea").await.api_get("/api/me").await.1["department_id"].as_i64().unwrap();
    let (s, _) = ebt.api_upload(&format!("filename=x.txt&department_id={a_dept}"), read(SEED)).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{name}");
    assert_eq!(env.count("versions").await, 1);
    let _ = dept_b;
    // Editors can't use the admin API or the dashboard.
    assert_eq!(
        ebt.api_json(Method::POST, "/api/admin/regions", serde_json::json!({"name": "x"})).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(ebt.api_get("/api/dashboard").await.0, StatusCode::FORBIDDEN);
    assert_eq!(ebt.api_get("/api/audit").await.0, StatusCode::FORBIDDEN);

    // A reviewer of another region sees nothing of it.
    let r2 = env.client().api_login("r2", "password-123").await;
    assert_eq!(r2.api_get(&format!("/api/packages/{p}")).await.0, StatusCode::NOT_FOUND, "{name}");
    assert_eq!(
        r2.api_json(Method::POST, &format!("/api/packages/{p}/approve"), serde_json::json!({})).await.0,
        StatusCode::NOT_FOUND
    );

    // Anonymous: pages redirect to the login, the API answers 401, public routes 404 for a draft.
    let anon = env.client();
    for path in [
        format!("/app/packages/{p}"),
        format!("/app/versions/{v}"),
        format!("/app/versions/{v}/original"),
        format!("/app/versions/{v}/disclosure.pdf"),
        "/app/dashboard".into(),
    ] {
        let r = anon.get(&path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{name}: anon GET {path}");
        assert_eq!(r.location(), "/login");
    }
    for path in
        [format!("/api/packages/{p}"), format!("/api/versions/{v}"), "/api/packages".into(), "/api/dashboard".into()]
    {
        assert_eq!(anon.api_get(&path).await.0, StatusCode::UNAUTHORIZED, "{name}: anon API {path}");
    }
    assert_eq!(anon.api_get(&format!("/api/public/packages/{p}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(anon.get(&format!("/public/packages/{p}")).await.status, StatusCode::NOT_FOUND);
    let (s, _) = Client { token: Some("ys_wrong".into()), ..env.client() }.api_get("/api/packages").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{name}: a wrong token is refused");

    // A login posted from another site is refused.
    let forged = anon
        .send(
            axum::http::Request::post("/login")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", "https://evil.example")
                .header("host", "localhost")
                .body(axum::body::Body::from("username=ea&password=password-123"))
                .unwrap(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{name}: login CSRF");

    // Posts without (or with a wrong) CSRF token fail and change nothing.
    let r = ea.post_form(&format!("/app/packages/{p}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: no CSRF");
    let r = ea.post_form(&format!("/app/packages/{p}/submit"), &[("csrf", "0000")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: wrong CSRF");
    let r = ea.upload_form("bad", "", "a.txt", &read(SEED)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: upload without CSRF");
    assert_eq!(ea.post_form("/logout", &[]).await.status, StatusCode::FORBIDDEN);
    // Another session's token is not this session's token.
    let r = ea.post_form(&format!("/app/packages/{p}/submit"), &[("csrf", eb.csrf.as_deref().unwrap())]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: B's CSRF token in A's session");
    assert_eq!(env.count("versions").await, 1);
    let (_, me) = ea.clone_with_token("ea").await.api_get(&format!("/api/packages/{p}")).await;
    assert_eq!(me["package"]["status"], "draft", "{name}");
}

#[tokio::test]
async fn a_fill_in_workbook_is_built_into_the_package() {
    for db in common::backends() {
        let env = Env::new(db).await;
        fill_in(&env).await;
        env.cleanup().await;
    }
}

async fn fill_in(env: &Env) {
    let name = env.name();
    env.seed().await;
    let ea = env.client().api_login("ea", "password-123").await;

    // A workbook with one line whose function code is not a code: refused, naming the sheet row; nothing kept.
    let (mut input, _) = yusuan_build::tabular::read_workbook("input.xlsx", &read(WORKBOOK)).unwrap();
    input.lines[2].function = "20601x".into();
    let bad = yusuan_build::tabular::write_filled(&input, yusuan_model::Catalog::bundled()).unwrap();
    let (s, v) = ea.api_upload("filename=bad.xlsx", bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {v}");
    let msg = v["error"].as_str().unwrap_or("");
    assert!(msg.contains("填报工作簿") && msg.contains("工作表“预算明细”第 4 行"), "{name}: {msg}");
    for table in ["packages", "versions", "findings", "items"] {
        assert_eq!(env.count(table).await, 0, "{name}: {table} is empty after a refused workbook");
    }

    // The example workbook: the builder makes the package, which checks clean and is stored like any upload.
    let (s, v) = ea.api_upload("filename=input.xlsx", read(WORKBOOK)).await;
    assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    assert_eq!(v["kind"], "fill_in", "{name}");
    assert_eq!((v["errors"].as_i64(), v["warnings"].as_i64()), (Some(0), Some(0)), "{name}: {v}");
    let id = v["id"].as_i64().unwrap();
    let (s, doc) = ea.api_get(&format!("/api/versions/{id}/document")).await;
    assert_eq!(s, StatusCode::OK);
    let doc: yusuan_model::Document = serde_json::from_value(doc).unwrap();
    let (built_input, origins) = yusuan_build::tabular::read_workbook("input.xlsx", &read(WORKBOOK)).unwrap();
    let built = yusuan_build::build(&built_input, &origins, yusuan_model::Catalog::bundled()).unwrap().document;
    assert_eq!(doc.tables.len(), built.tables.len(), "{name}");
    assert_eq!(doc.projects.len(), 7, "{name}: the seven projects");
    let amounts = |d: &yusuan_model::Document| d.amount_cells().map(|c| c.amount.value).collect::<Vec<_>>();
    assert_eq!(amounts(&doc), amounts(&built), "{name}: the stored package is the built one");
    assert!(env.count("items").await > 200, "{name}: its cells are searchable");
    assert_eq!(
        ea.api_get(&format!("/api/versions/{id}/annotated.pdf")).await.0,
        StatusCode::NOT_FOUND,
        "{name}: not a PDF"
    );
    // The version page shows the project tables.
    let web = Client::login(&env.app, "ea", "password-123").await;
    // The blank template is offered on the home page and is a fill-in workbook.
    assert!(web.get("/app").await.text().contains("/app/template.xlsx?year="), "{name}");
    let t = web.get("/app/template.xlsx?year=2026").await;
    assert_eq!(t.status, StatusCode::OK, "{name}");
    assert!(yusuan_build::tabular::is_fill_in(&t.body), "{name}: the template is a fill-in workbook");
    assert_eq!(env.client().get("/app/template.xlsx").await.status, StatusCode::SEE_OTHER, "{name}: not anonymous");
    let t = ea
        .send(
            axum::http::Request::get("/api/template.xlsx?year=2026")
                .header("authorization", format!("Bearer {}", ea.token.as_deref().unwrap()))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        t.status == StatusCode::OK && yusuan_build::tabular::is_fill_in(&t.body),
        "{name}: the template through the API"
    );
    assert_eq!(env.client().api_get("/api/template.xlsx").await.0, StatusCode::UNAUTHORIZED, "{name}");
    let page = web.get(&format!("/app/versions/{id}")).await.text();
    assert!(page.contains("项目绩效目标表") && page.contains("一级指标"), "{name}: project tables shown");
}

#[tokio::test]
async fn the_administrator_sets_the_catalog_and_a_departments_layout() {
    for db in common::backends() {
        let env = Env::new(db).await;
        reference(&env).await;
        env.cleanup().await;
    }
}

async fn reference(env: &Env) {
    let name = env.name();
    env.seed().await;
    let admin = env.client().api_login("admin", "admin-password").await;
    let ea = env.client().api_login("ea", "password-123").await;
    let errors = |v: &serde_json::Value| v["errors"].as_i64().unwrap_or(-1);

    // Against the bundled catalog the mended seed has no error.
    let (s, v) = ea.api_upload("filename=v1.txt", read(SEED_FIXED)).await;
    assert_eq!((s, errors(&v)), (StatusCode::CREATED, 0), "{name}: {v}");

    // Only administrators manage catalogs; a file without rows is refused and nothing is kept.
    let csv = "code,name\n206,科学技术支出\n20601,科学技术管理事务\n2060101,行政运行\n".as_bytes().to_vec();
    assert_eq!(ea.api_post_bytes("/api/admin/catalogs?filename=x.csv", csv.clone()).await.0, StatusCode::FORBIDDEN);
    let (s, v) = admin.api_post_bytes("/api/admin/catalogs?filename=empty.csv", b"code,name\n".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {v}");
    assert_eq!(env.count("catalogs").await, 0, "{name}");

    // An official function catalog with three rows: every other function code of the seed is now an error.
    let (s, v) = admin.api_post_bytes("/api/admin/catalogs?filename=official.csv", csv).await;
    assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    let (_, list) = admin.api_get("/api/admin/catalogs").await;
    assert_eq!(list[0]["active"], true, "{name}: {list}");
    assert_eq!(list[0]["function_rows"], 3, "{name}: {list}");
    let (s, v) = ea.api_upload("filename=v2.txt&year=2025", read(SEED_FIXED)).await;
    assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    assert!(errors(&v) > 0, "{name}: codes missing from the official catalog are errors: {v}");
    let (_, report) = ea.api_get(&format!("/api/versions/{}", v["id"])).await;
    assert!(report.to_string().contains("2080501"), "{name}: the missing code is named");

    // Back to the bundled catalog: clean again; the audit log has both changes.
    assert_eq!(
        admin.api_json(Method::POST, "/api/admin/catalogs/bundled", serde_json::json!({})).await.0,
        StatusCode::OK
    );
    let (_, v) = ea.api_upload("filename=v3.txt&year=2025", read(SEED_FIXED)).await;
    assert_eq!(errors(&v), 0, "{name}: {v}");
    let (_, audit) = admin.api_get("/api/audit").await;
    assert_eq!(audit.as_array().unwrap().iter().filter(|a| a["action"] == "catalog").count(), 2, "{name}");

    // A department's layout: listed, checked, used for its uploads.
    let (_, layouts) = admin.api_get("/api/admin/layouts").await;
    assert!(layouts.as_array().unwrap().iter().any(|l| l["id"] == "hebei-dept-budget"), "{name}: {layouts}");
    let (_, regions) = admin.api_get("/api/admin/regions").await;
    let region = regions[0]["id"].clone();
    let new =
        |layout: &str| serde_json::json!({"region_id": region, "name": format!("版式{layout}"), "layout": layout});
    let (s, _) = admin.api_json(Method::POST, "/api/admin/departments", new("no-such-layout")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{name}: an unknown layout is refused");
    let (s, v) = admin.api_json(Method::POST, "/api/admin/departments", new("shanghai-dept-budget")).await;
    assert_eq!(s, StatusCode::OK, "{name}: {v}");
    let d = v["id"].as_i64().unwrap();
    let (_, depts) = admin.api_get("/api/admin/departments").await;
    let dept = depts.as_array().unwrap().iter().find(|x| x["id"] == d).unwrap().clone();
    assert_eq!(dept["layout"], "shanghai-dept-budget", "{name}");
    admin
        .api_json(
            Method::POST,
            "/api/admin/users",
            serde_json::json!({"username": "es", "password": "password-123", "role": "editor", "department_id": d}),
        )
        .await;
    let es = env.client().api_login("es", "password-123").await;
    // The Hebei seed read with the Shanghai layout: whatever it makes of it, it is that layout's reading.
    let (s, v) = es.api_upload("filename=seed.txt&year=2025", read(SEED_FIXED)).await;
    if s == StatusCode::CREATED {
        let (_, doc) = es.api_get(&format!("/api/versions/{}/document", v["id"])).await;
        assert_eq!(doc["meta"]["layout"], "shanghai-dept-budget", "{name}");
    } else {
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {v}");
    }
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_message_and_leave_no_trace() {
    for db in common::backends() {
        let env = Env::new(db).await;
        bad_uploads(&env).await;
        env.cleanup().await;
    }
}

/// A zip whose one member (`xl/workbook.xml`) claims 1 GB from 1 KB: refused before decompression.
fn zip_bomb() -> Vec<u8> {
    let name = b"xl/workbook.xml";
    let data = vec![0u8; 1024];
    let mut z = Vec::new();
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    z.extend_from_slice(b"PK\x03\x04");
    z.extend_from_slice(&le16(20));
    z.extend_from_slice(&le16(0));
    z.extend_from_slice(&le16(8));
    z.extend_from_slice(&[0; 8]);
    z.extend_from_slice(&le32(1024));
    z.extend_from_slice(&le32(1_000_000_000));
    z.extend_from_slice(&le16(name.len() as u16));
    z.extend_from_slice(&le16(0));
    z.extend_from_slice(name);
    z.extend_from_slice(&data);
    let cd = z.len() as u32;
    z.extend_from_slice(b"PK\x01\x02");
    z.extend_from_slice(&le16(20));
    z.extend_from_slice(&le16(20));
    z.extend_from_slice(&le16(0));
    z.extend_from_slice(&le16(8));
    z.extend_from_slice(&[0; 8]);
    z.extend_from_slice(&le32(1024));
    z.extend_from_slice(&le32(1_000_000_000));
    z.extend_from_slice(&le16(name.len() as u16));
    z.extend_from_slice(&[0; 12]);
    z.extend_from_slice(&le32(0));
    z.extend_from_slice(name);
    let cd_len = z.len() as u32 - cd;
    z.extend_from_slice(b"PK\x05\x06");
    z.extend_from_slice(&[0; 4]);
    z.extend_from_slice(&le16(1));
    z.extend_from_slice(&le16(1));
    z.extend_from_slice(&le32(cd_len));
    z.extend_from_slice(&le32(cd));
    z.extend_from_slice(&le16(0));
    z
}

async fn bad_uploads(env: &Env) {
    let name = env.name();
    env.seed().await;
    let ea = env.client().api_login("ea", "password-123").await;
    let mut broken_pdf = read(PDF);
    broken_pdf.truncate(broken_pdf.len() / 3);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "picture.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "不支持的文件类型",
        ),
        ("huge.pdf", vec![b'%'; 51 * 1024 * 1024], StatusCode::PAYLOAD_TOO_LARGE, "文件过大"),
        ("bomb.xlsx", zip_bomb(), StatusCode::UNPROCESSABLE_ENTITY, "zip 炸弹"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "PDF"),
        ("cut.pdf", broken_pdf, StatusCode::UNPROCESSABLE_ENTITY, "PDF"),
        ("empty.txt", vec![], StatusCode::UNPROCESSABLE_ENTITY, "文件为空"),
        (
            "notes.txt",
            "会议纪要\n没有表格".as_bytes().to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "没有识别出任何预决算表格",
        ),
    ];
    for (file, bytes, status, message) in cases {
        let (s, v) = ea.api_upload(&format!("filename={file}&year=2025"), bytes).await;
        assert_eq!(s, status, "{name}: {file}: {v}");
        assert!(v["error"].as_str().unwrap_or("").contains(message), "{name}: {file}: {v}");
    }
    // The page form refuses the same way.
    let web = Client::login(&env.app, "ea", "password-123").await;
    let r = web.upload_form(web.csrf.as_deref().unwrap(), "2025", "x.png", b"\x89PNG\r\n\x1a\n\0").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("不支持的文件类型"));
    for table in ["packages", "versions", "findings", "items"] {
        assert_eq!(env.count(table).await, 0, "{name}: {table} is empty after refused uploads");
    }
    // A good PDF goes through the API.
    let (s, v) = ea.api_upload("filename=putuo.pdf&year=2025", read(PDF)).await;
    assert_eq!(s, StatusCode::CREATED, "{name}: {v}");
    assert_eq!(v["kind"], "pdf");
    // Its findings boxed in the original: the original bytes, then an update with the annotations.
    let r = ea
        .send(
            axum::http::Request::get(format!("/api/versions/{}/annotated.pdf", v["id"]))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{name}");
    let original = read(PDF);
    assert!(r.body.starts_with(&original) && r.body.len() > original.len(), "{name}: incremental update");
    let update = String::from_utf8_lossy(&r.body[original.len()..]);
    assert!(update.contains("/Annot"), "{name}: annotations written");
    let page = Client::login(&env.app, "ea", "password-123").await.get(&format!("/app/versions/{}", v["id"])).await;
    assert!(page.text().contains("annotated.pdf"), "{name}: linked from the version page");
    // Published, the package offers the original PDF as its PDF; the findings stay private (no annotated
    // PDF for the public, by page or API).
    let pid = v["package_id"].as_i64().unwrap();
    let r1 = env.client().api_login("r1", "password-123").await;
    for (who, action) in [(&ea, "submit"), (&r1, "approve"), (&ea, "publish")] {
        let (s, v) = who.api_json(Method::POST, &format!("/api/packages/{pid}/{action}"), serde_json::json!({})).await;
        assert_eq!(s, StatusCode::OK, "{name}: {action}: {v}");
    }
    let anon = env.client();
    let public = anon.get(&format!("/public/packages/{pid}")).await.text();
    assert!(public.contains(&format!("/public/packages/{pid}/original\">PDF（原件）")), "{name}");
    assert_eq!(anon.get(&format!("/public/packages/{pid}/original")).await.body, original, "{name}");
    assert_eq!(anon.get(&format!("/public/packages/{pid}/annotated.pdf")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(anon.api_get(&format!("/api/public/packages/{pid}/annotated.pdf")).await.0, StatusCode::NOT_FOUND);
}

#[test]
fn every_api_route_is_in_the_openapi_document() {
    let src = include_str!("../src/api.rs");
    let documented = yusuan_server::api::documented_paths();
    let mut routes = 0;
    for line in src.lines() {
        if let Some(rest) = line.trim().strip_prefix(".route(\"") {
            let path = rest.split('"').next().unwrap();
            assert!(documented.iter().any(|d| d == path), "{path} is not in openapi.json");
            routes += 1;
        }
    }
    assert_eq!(routes, documented.len(), "openapi.json lists a path that is not routed");
}

#[tokio::test]
async fn the_openapi_document_is_served() {
    let env = Env::new(None).await;
    let (s, v) = env.client().api_get("/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    env.cleanup().await;
}

#[tokio::test]
async fn migrations_run_twice_without_harm() {
    let env = Env::new(None).await;
    let dir = env.dir.clone().unwrap();
    env.state.db.pool.close().await;
    let again = yusuan_server::AppState::open(Some(&dir), None).await.expect("reopen");
    again.db.pool.close().await;
    let _ = std::fs::remove_dir_all(dir);
}
