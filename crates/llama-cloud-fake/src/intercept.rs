//! What happens to every request before a route sees it: it is recorded, then the
//! first matching injected fault (if any) is applied.
//!
//! Faults come before auth and routing because they stand for what lies in front of
//! the real service (proxies, load balancers, rate limiters, the network).

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::conn::ConnectionHandle;
use crate::fastapi;
use crate::faults::Fault;
use crate::record::RecordedRequest;
use crate::state::Shared;

/// The largest request body the fake reads (and records); more is answered with 413.
pub(crate) const MAX_BODY: usize = 64 * 1024 * 1024;

/// What a misconfigured proxy in front of an API typically sends.
const HTML_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

pub(crate) async fn intercept(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            shared.log().push(RecordedRequest::new(&parts, &[]));
            return fastapi::detail(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The request body could not be read in full (over 64 MiB, or cut short)",
            );
        }
    };
    shared.log().push(RecordedRequest::new(&parts, &body));
    let fault = shared.faults().take(&parts.method, parts.uri.path());
    let connection = parts
        .extensions
        .get::<ConnectInfo<ConnectionHandle>>()
        .map(|ConnectInfo(handle)| handle.clone());
    let request = Request::from_parts(parts, Body::from(body));

    match fault {
        None => next.run(request).await,
        Some(Fault::Status(status)) => status.response(),
        Some(Fault::Delay(duration)) => {
            tokio::time::sleep(duration).await;
            next.run(request).await
        }
        Some(Fault::EmptyBody) => labelled(Body::empty(), "application/json"),
        Some(Fault::Html) => labelled(Body::from(HTML_PAGE), "text/html; charset=utf-8"),
        Some(Fault::HtmlLabelledJson) => labelled(Body::from(HTML_PAGE), "application/json"),
        Some(Fault::TruncatedJson) => truncate(next.run(request).await).await,
        Some(Fault::DropConnection) => match connection {
            Some(handle) => {
                handle.drop_connection();
                // Never written: the connection refuses it (see `conn`).
                Response::new(Body::empty())
            }
            None => fastapi::detail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "llama-cloud-fake: this connection cannot be dropped",
            ),
        },
    }
}

/// A `200 OK` with this body and content type.
fn labelled(body: Body, content_type: &'static str) -> Response {
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The response with only the first half of its body (so a JSON body no longer parses).
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
    let prefix = bytes.slice(..bytes.len() / 2);
    // The length must describe what is sent, or the client would wait for the rest.
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(prefix))
}
