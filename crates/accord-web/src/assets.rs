//! The page and its assets, compiled into the binary: nothing is fetched
//! from the network, and only these names are served (no path reaches the
//! file system).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::problem::refusal;

const ASSETS: [(&str, &str, &str); 2] = [
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
];

/// `GET /`: the workbench.
pub(crate) async fn page() -> Html<&'static str> {
    Html(include_str!("../assets/index.html"))
}

/// `GET /assets/NAME`: one of the page's assets.
pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => ([(header::CONTENT_TYPE, *kind)], *body).into_response(),
        None => refusal(
            StatusCode::NOT_FOUND,
            "no such asset",
            "the page's assets are app.js and app.css",
        ),
    }
}
