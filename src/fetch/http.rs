//! One GET, redirects followed by hand: each hop must be http(s), at most
//! `max_redirects` of them, and whether every hop was permanent is kept,
//! because then the subscription moves.

use std::io::Read;

use super::{Client, FetchError};
use crate::clean::single_line;
use crate::feeds::check_url;

/// The validators of what the archive holds, for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What came back.
#[derive(Debug)]
pub enum Got {
    /// 304: what the archive holds is current.
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

#[derive(Debug)]
pub struct Response {
    pub got: Got,
    /// The URL the answer came from, after redirects.
    pub url: String,
    /// Set when every redirect on the way was permanent (301, 308): the
    /// feed has moved there for good.
    pub moved_to: Option<String>,
}

const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

/// GETs `url`, following redirects, asking only for what changed since
/// `conditional`. 4xx and 5xx are errors; 429 and 503 say when to return.
pub fn get(client: &Client, url: &str, conditional: &Conditional) -> Result<Response, FetchError> {
    let mut current = check_url(url).map_err(FetchError::BadUrl)?;
    let mut permanent = true;
    let mut hops = 0;
    loop {
        let mut request = client
            .agent
            .get(current.as_str())
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip, deflate, br");
        if let Some(etag) = &conditional.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &conditional.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let response = request
            .call()
            .map_err(|e| network_error(e, current.host_str().unwrap_or("")))?;
        let status = response.status().as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            let moved_to = (hops > 0 && permanent).then(|| current.to_string());
            let got = answer(client, response, status)?;
            return Ok(Response {
                got,
                url: current.to_string(),
                moved_to,
            });
        }
        hops += 1;
        if hops > client.options.max_redirects {
            return Err(FetchError::TooManyRedirects(client.options.max_redirects));
        }
        permanent &= matches!(status, 301 | 308);
        let location = header(&response, "location").unwrap_or_default();
        let next = current
            .join(&location)
            .map_err(|_| FetchError::BadRedirect(single_line(&location)))?;
        current = check_url(next.as_str())
            .map_err(|_| FetchError::BadRedirect(single_line(&location)))?;
    }
}

/// The body of a final (not redirecting) response, or why there is none.
fn answer(
    client: &Client,
    mut response: ureq::http::Response<ureq::Body>,
    status: u16,
) -> Result<Got, FetchError> {
    match status {
        304 => return Ok(Got::NotModified),
        429 | 503 => {
            let until = header(&response, "retry-after").and_then(|v| retry_after(&v));
            return Err(FetchError::Refused { status, until });
        }
        200..=299 => {}
        _ => return Err(FetchError::Status(status)),
    }
    let etag = header(&response, "etag");
    let last_modified = header(&response, "last-modified");
    let deflate =
        header(&response, "content-encoding").is_some_and(|e| e.eq_ignore_ascii_case("deflate"));
    let limit = client.options.body_limit;
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| network_error(e, ""))?;
    let bytes = if deflate {
        inflate(&bytes, limit)?
    } else {
        bytes
    };
    Ok(Got::Body {
        bytes,
        etag,
        last_modified,
    })
}

/// `deflate` is zlib-wrapped by the spec, raw in some servers' hands.
fn inflate(bytes: &[u8], limit: u64) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        flate2::read::DeflateDecoder::new(bytes)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| FetchError::Network(format!("bad deflate body: {e}")))?;
    }
    if out.len() as u64 > limit {
        return Err(FetchError::TooLarge(limit));
    }
    Ok(out)
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    let value = response.headers().get(name)?.to_str().ok()?;
    Some(value.trim().to_owned())
}

/// Retry-After as Unix seconds: delta seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<i64> {
    let now = chrono::Utc::now().timestamp();
    if let Ok(seconds) = value.parse::<i64>() {
        return Some(now.saturating_add(seconds.clamp(0, 7 * 86_400)));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value)
        .ok()?
        .timestamp();
    Some(date.min(now + 7 * 86_400))
}

/// A ureq error in the words of [`FetchError`].
fn network_error(e: ureq::Error, host: &str) -> FetchError {
    use std::io::ErrorKind;
    match e {
        ureq::Error::HostNotFound => FetchError::Dns(single_line(host)),
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge(limit),
        ureq::Error::Tls(why) => FetchError::Tls(why.to_owned()),
        ureq::Error::Rustls(e) => FetchError::Tls(single_line(&e.to_string())),
        ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => FetchError::Timeout,
        // std's resolver reports a failed lookup as an uncategorized I/O
        // error; its text (from getaddrinfo) is all that tells it apart.
        ureq::Error::Io(e) if e.to_string().contains("lookup address") => {
            FetchError::Dns(single_line(host))
        }
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => {
            FetchError::Connect("connection refused".to_owned())
        }
        ureq::Error::Io(e) => FetchError::Network(single_line(&e.to_string())),
        ureq::Error::ConnectionFailed => FetchError::Connect("connection failed".to_owned()),
        other => FetchError::Network(single_line(&other.to_string())),
    }
}
