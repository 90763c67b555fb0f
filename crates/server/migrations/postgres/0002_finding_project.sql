-- Version 2: findings about a project's performance-target table name the project (shown at its table).
ALTER TABLE findings ADD COLUMN project TEXT;
