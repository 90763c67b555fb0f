-- Yusuan schema, version 1 (PostgreSQL). Kept in step with ../sqlite/0001_init.sql.
CREATE TABLE regions (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE departments (
    id BIGSERIAL PRIMARY KEY,
    region_id BIGINT NOT NULL REFERENCES regions(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (region_id, name)
);
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
    department_id BIGINT REFERENCES departments(id),
    region_id BIGINT REFERENCES regions(id),
    created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE TABLE packages (
    id BIGSERIAL PRIMARY KEY,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    year BIGINT NOT NULL,
    status TEXT NOT NULL,
    approved_version_id BIGINT,
    approved_at BIGINT,
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (department_id, year)
);
CREATE TABLE versions (
    id BIGSERIAL PRIMARY KEY,
    package_id BIGINT NOT NULL REFERENCES packages(id),
    number BIGINT NOT NULL,
    filename TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    document TEXT NOT NULL,
    report TEXT NOT NULL,
    errors BIGINT NOT NULL,
    warnings BIGINT NOT NULL,
    infos BIGINT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (package_id, number)
);
CREATE TABLE findings (
    id BIGSERIAL PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions(id),
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    table_kind TEXT,
    row_pos BIGINT,
    column_id TEXT,
    section TEXT,
    line BIGINT,
    page BIGINT,
    expected TEXT,
    actual TEXT
);
CREATE INDEX findings_version ON findings(version_id);
CREATE TABLE items (
    id BIGSERIAL PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES versions(id),
    table_kind TEXT NOT NULL,
    row_pos BIGINT NOT NULL,
    roles TEXT NOT NULL,
    code TEXT,
    name TEXT NOT NULL,
    column_id TEXT NOT NULL,
    value BIGINT NOT NULL
);
CREATE INDEX items_version ON items(version_id);
CREATE TABLE comments (
    id BIGSERIAL PRIMARY KEY,
    package_id BIGINT NOT NULL REFERENCES packages(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    package_id BIGINT,
    version_id BIGINT,
    detail TEXT NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
