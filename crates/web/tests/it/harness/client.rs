//! A browser-like client for the in-process app: a cookie jar, the CSRF token of the session,
//! and a request builder. Requests go through `tower::ServiceExt::oneshot` — no sockets.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// An answer, with its body read.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The whole `Set-Cookie` line for a cookie, if the answer sets it.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// Is this the redirect an anonymous caller gets to the login page?
    pub fn is_login_redirect(&self) -> bool {
        self.status == StatusCode::SEE_OTHER
            && self.location().is_some_and(|l| l.starts_with("/dang-nhap"))
    }

    /// A short description for assertion messages.
    pub fn describe(&self) -> String {
        let text = self.text();
        let snippet: String = text.chars().take(600).collect();
        format!("{} (location {:?}) {snippet}", self.status, self.location())
    }
}

/// The session cookie's name (spec: set by the app).
pub const SESSION_COOKIE: &str = "tdkt_session";

/// A client with a cookie jar.
#[derive(Clone)]
pub struct Client {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    /// The CSRF token of the current session, once known.
    pub csrf: Option<String>,
    /// The address the requests come from (the socket peer the app sees).
    pub ip: IpAddr,
    /// A personal API token sent as `Authorization: Bearer`.
    pub bearer: Option<String>,
}

impl Client {
    pub fn new(router: Router) -> Client {
        Client {
            router,
            cookies: BTreeMap::new(),
            csrf: None,
            ip: IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)),
            bearer: None,
        }
    }

    /// The same jar against another router (another state on the same database).
    pub fn with_router(&self, router: Router) -> Client {
        Client {
            router,
            ..self.clone()
        }
    }

    pub fn session_cookie(&self) -> Option<&str> {
        self.cookies.get(SESSION_COOKIE).map(String::as_str)
    }

    pub fn get(&mut self, path: &str) -> Req<'_> {
        Req::new(self, Method::GET, path)
    }

    pub fn post(&mut self, path: &str) -> Req<'_> {
        Req::new(self, Method::POST, path)
    }

    pub fn put(&mut self, path: &str) -> Req<'_> {
        Req::new(self, Method::PUT, path)
    }

    pub fn request(&mut self, method: Method, path: &str) -> Req<'_> {
        Req::new(self, method, path)
    }

    /// Sends a request as is (plus the jar's cookies, the peer address and the bearer token).
    pub async fn send(&mut self, mut req: Request<Body>) -> Resp {
        if !self.cookies.is_empty() && !req.headers().contains_key(header::COOKIE) {
            let c = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut()
                .insert(header::COOKIE, HeaderValue::from_str(&c).unwrap());
        }
        if let Some(t) = &self.bearer {
            req.headers_mut().insert(
                header::AUTHORIZATION,
                HeaderValue::from_str(&format!("Bearer {t}")).unwrap(),
            );
        }
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.ip, 40_000)));
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router is infallible");
        let (parts, body) = res.into_parts();
        let body = body.collect().await.expect("read the body").to_bytes();
        let r = Resp {
            status: parts.status,
            headers: parts.headers,
            body,
        };
        self.store_cookies(&r);
        r
    }

    fn store_cookies(&mut self, r: &Resp) {
        for v in r.headers.get_all(header::SET_COOKIE) {
            let Ok(v) = v.to_str() else { continue };
            let first = v.split(';').next().unwrap_or("");
            let Some((name, value)) = first.split_once('=') else {
                continue;
            };
            let removed = v
                .split(';')
                .any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            if removed || value.is_empty() {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    /// Signs in through the login form. On success (303) the CSRF token is read from the
    /// dashboard, as a browser's page would carry it.
    pub async fn login(&mut self, username: &str, password: &str) -> Resp {
        let r = self
            .post("/dang-nhap")
            .form(&[("username", username), ("password", password)])
            .send()
            .await;
        if r.status == StatusCode::SEE_OTHER {
            self.refresh_csrf().await;
        }
        r
    }

    /// Reads the CSRF token from a signed-in page (the hidden `_csrf` input, or `hx-headers`).
    pub async fn refresh_csrf(&mut self) {
        let page = self.get("/tai-khoan").send().await;
        self.csrf = csrf_in(&page.text());
    }
}

/// The CSRF token a page carries: the hidden `_csrf` input, else the `hx-headers` of the body.
pub fn csrf_in(html: &str) -> Option<String> {
    let from_input = html
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next());
    let from_hx = || {
        html.split("X-CSRF-Token&#34;: &#34;")
            .nth(1)
            .or_else(|| html.split("X-CSRF-Token\": \"").nth(1))
            .and_then(|s| s.split(['&', '"']).next())
    };
    from_input
        .or_else(from_hx)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

enum BodyKind {
    Empty,
    Form(Vec<(String, String)>),
    Json(serde_json::Value),
    Multipart(Vec<Part>),
    Raw(String, Vec<u8>),
}

/// A part of a multipart form.
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

impl Part {
    pub fn text(name: &str, value: &str) -> Part {
        Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: value.as_bytes().to_vec(),
        }
    }

    pub fn file(name: &str, filename: &str, data: Vec<u8>) -> Part {
        Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
            ),
            data,
        }
    }
}

/// A request being built. Forms get the session's `_csrf` field and JSON, raw and multipart
/// bodies the `X-CSRF-Token` header, unless [`Req::no_csrf`] is called.
pub struct Req<'a> {
    client: &'a mut Client,
    method: Method,
    path: String,
    headers: Vec<(HeaderName, String)>,
    body: BodyKind,
    csrf: bool,
}

impl<'a> Req<'a> {
    fn new(client: &'a mut Client, method: Method, path: &str) -> Req<'a> {
        Req {
            client,
            method,
            path: path.to_owned(),
            headers: Vec::new(),
            body: BodyKind::Empty,
            csrf: true,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.into(),
        ));
        self
    }

    pub fn form(mut self, fields: &[(&str, &str)]) -> Self {
        self.body = BodyKind::Form(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        );
        self
    }

    pub fn form_owned(mut self, fields: Vec<(String, String)>) -> Self {
        self.body = BodyKind::Form(fields);
        self
    }

    pub fn json(mut self, v: serde_json::Value) -> Self {
        self.body = BodyKind::Json(v);
        self
    }

    pub fn multipart(mut self, parts: Vec<Part>) -> Self {
        self.body = BodyKind::Multipart(parts);
        self
    }

    pub fn raw(mut self, content_type: &str, data: Vec<u8>) -> Self {
        self.body = BodyKind::Raw(content_type.into(), data);
        self
    }

    /// Sends no CSRF token (neither field nor header).
    pub fn no_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }

    pub fn build(self) -> (&'a mut Client, Request<Body>) {
        let csrf = self.csrf.then(|| self.client.csrf.clone()).flatten();
        let mut b = Request::builder()
            .method(self.method.clone())
            .uri(&self.path);
        for (k, v) in &self.headers {
            b = b.header(k, v);
        }
        let (ct, body): (Option<String>, Vec<u8>) = match self.body {
            BodyKind::Empty => (None, Vec::new()),
            BodyKind::Form(mut fields) => {
                if let Some(t) = &csrf {
                    fields.push(("_csrf".into(), t.clone()));
                }
                let s = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(fields.iter())
                    .finish();
                (
                    Some("application/x-www-form-urlencoded".into()),
                    s.into_bytes(),
                )
            }
            BodyKind::Json(v) => {
                if let Some(t) = &csrf {
                    b = b.header("x-csrf-token", t);
                }
                (Some("application/json".into()), v.to_string().into_bytes())
            }
            BodyKind::Raw(ct, data) => {
                if let Some(t) = &csrf {
                    b = b.header("x-csrf-token", t);
                }
                (Some(ct), data)
            }
            BodyKind::Multipart(mut parts) => {
                if let Some(t) = &csrf {
                    parts.insert(0, Part::text("_csrf", t));
                }
                let boundary = "----tdkt-test-boundary-7MA4YWxkTrZu0gW";
                let mut out = Vec::new();
                for p in parts {
                    out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                    match &p.filename {
                        Some(f) => out.extend_from_slice(
                            format!(
                                "Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\n",
                                p.name
                            )
                            .as_bytes(),
                        ),
                        None => out.extend_from_slice(
                            format!("Content-Disposition: form-data; name=\"{}\"\r\n", p.name)
                                .as_bytes(),
                        ),
                    }
                    if let Some(ct) = &p.content_type {
                        out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
                    }
                    out.extend_from_slice(b"\r\n");
                    out.extend_from_slice(&p.data);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
                (
                    Some(format!("multipart/form-data; boundary={boundary}")),
                    out,
                )
            }
        };
        if let Some(ct) = ct {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        (
            self.client,
            b.body(Body::from(body)).expect("a valid request"),
        )
    }

    pub async fn send(self) -> Resp {
        let (client, req) = self.build();
        client.send(req).await
    }
}
