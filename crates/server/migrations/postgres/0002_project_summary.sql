-- Version 2: findings about a project's performance-target table name the project (shown at its table);
-- each version keeps what the dashboard shows of it (JSON, written at upload).
ALTER TABLE findings ADD COLUMN project TEXT;
ALTER TABLE versions ADD COLUMN summary TEXT;
