//! Errors of the application, shown as a Chinese page or as JSON.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not logged in (pages redirect to the login form; the API answers 401).
    #[error("请先登录")]
    Unauthorized,
    /// Logged in but not allowed.
    #[error("无权执行此操作：{0}")]
    Forbidden(String),
    /// A form without the right CSRF token.
    #[error("表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试")]
    Csrf,
    /// Nothing there, or nothing the user may see.
    #[error("未找到")]
    NotFound,
    /// The request is wrong.
    #[error("{0}")]
    BadRequest(String),
    /// The action does not fit the package's state.
    #[error("{0}")]
    Conflict(String),
    /// An upload over the limit.
    #[error("文件过大（上限 {0} MB）")]
    TooLarge(u64),
    /// An upload that is not a disclosure file, or could not be read.
    #[error("{0}")]
    Unprocessable(String),
    /// Something this server cannot do as installed (e.g. no CJK font to typeset a PDF).
    #[error("{0}")]
    Unavailable(String),
    /// A bug or a database failure.
    #[error("服务器内部错误：{0}")]
    Internal(String),
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        AppError::Internal(format!("数据库：{e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, AppError::Unauthorized) {
            return axum::response::Redirect::to("/login").into_response();
        }
        let msg = crate::views::escape(&self.to_string());
        let body = format!(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>出错了</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main><h1>出错了</h1><p class=\"error\">{msg}</p><p><a href=\"javascript:history.back()\">返回</a>　<a href=\"/\">首页</a></p></main></body></html>"
        );
        (self.status(), Html(body)).into_response()
    }
}

/// An error answered as JSON (`{"error": "...", "status": 403}`).
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        ApiError(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        (status, Json(serde_json::json!({"error": self.0.to_string(), "status": status.as_u16()}))).into_response()
    }
}
