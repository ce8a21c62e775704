//! Static files (stylesheet, vendored htmx) embedded in the binary, served with long caching
//! under URLs that carry a hash of their content.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

static HASHES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    Static::iter()
        .filter_map(|name| {
            let f = Static::get(&name)?;
            Some((
                name.to_string(),
                hex::encode(&f.metadata.sha256_hash()[..4]),
            ))
        })
        .collect()
});

/// The URL of a static file, with its content hash for cache busting.
pub fn url(name: &str) -> String {
    match HASHES.get(name) {
        Some(h) => format!("/static/{name}?v={h}"),
        None => format!("/static/{name}"),
    }
}

pub async fn serve(Path(path): Path<String>) -> Response {
    match Static::get(&path) {
        Some(f) => {
            let mime = f.metadata.mimetype();
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_str(mime)
                            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
                    ),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=31536000, immutable"),
                    ),
                ],
                f.data.into_owned(),
            )
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
