-- Version 2: findings about a project's performance-target table name the project (shown at its table);
-- each version keeps what the dashboard shows of it (JSON, written at upload); the administrator's official
-- catalogs (the active one checks every upload); a department may be read with a chosen layout.
ALTER TABLE findings ADD COLUMN project TEXT;
ALTER TABLE versions ADD COLUMN summary TEXT;
ALTER TABLE departments ADD COLUMN layout TEXT;
CREATE TABLE catalogs (
    id BIGSERIAL PRIMARY KEY,
    filename TEXT NOT NULL,
    content BYTEA NOT NULL,
    function_rows BIGINT NOT NULL,
    economic_rows BIGINT NOT NULL,
    active BIGINT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
