//! Fetching a source by URL for `factlint source URL` and `factlint add URL`: HTTP(S) only (also
//! through redirects, which are followed by hand and bounded), with a timeout, a size cap and a
//! content-type check. Errors say what failed.

use std::time::Duration;

/// Limits of one fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// What a fetch returned.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Content types factlint can read (the part before `;`, lower-case).
fn readable_type(ct: &str) -> bool {
    matches!(
        ct,
        "text/html"
            | "application/xhtml+xml"
            | "text/xml"
            | "application/xml"
            | "application/rss+xml"
            | "application/atom+xml"
            | "application/rdf+xml"
            | "application/feed+json"
            | "application/json"
            | "application/ld+json"
            | "application/nitf+xml"
            | "application/vnd.iptc.g2.newsmessage+xml"
            | "application/pdf"
            | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            | "text/plain"
            | "text/markdown"
            | "application/octet-stream"
            | ""
    ) || ct.ends_with("+xml")
        || ct.ends_with("+json")
}

/// Whether `url` is an http or https URL.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > 8
}

/// Resolves a redirect's `Location` against the URL it came from.
fn resolve(base: &str, location: &str) -> Result<String, String> {
    let loc = location.trim();
    if let Some(colon) = loc.find(':') {
        let scheme = &loc[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !loc[..colon].contains('/')
        {
            return if is_http_url(loc) {
                Ok(loc.to_string())
            } else {
                Err(format!(
                    "redirected to {loc:?}: only http and https URLs are fetched"
                ))
            };
        }
    }
    let scheme_end = base.find("://").ok_or("bad base URL")? + 3;
    let origin_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = loc.strip_prefix("//") {
        return Ok(format!("{}{rest}", &base[..scheme_end]));
    }
    if loc.starts_with('/') {
        return Ok(format!("{}{loc}", &base[..origin_end]));
    }
    let path = &base[origin_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    Ok(format!("{}{dir}{loc}", &base[..origin_end]))
}

/// Fetches `url` (http or https only) within `opts`' limits.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, String> {
    if !is_http_url(url) {
        return Err(format!(
            "{url:?}: only http and https URLs are fetched (give a file path for local files)"
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("factlint/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut current = url.to_string();
    for _ in 0..=opts.max_redirects {
        let mut resp = agent
            .get(&current)
            .call()
            .map_err(|e| describe(&current, &e, opts))?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let loc = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("{current}: redirect ({status}) without a location"))?;
            current = resolve(&current, loc)?;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(format!("{current}: the server answered HTTP {status}"));
        }
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let ct = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !readable_type(&ct) {
            return Err(format!(
                "{current}: content type {ct} is not a source factlint reads (web page, feed, wire XML/JSON, PDF, DOCX, text)"
            ));
        }
        if let Some(len) = resp
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if len > opts.max_bytes {
                return Err(format!(
                    "{current}: too large ({len} bytes; the limit is {})",
                    opts.max_bytes
                ));
            }
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(opts.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => format!(
                    "{current}: too large (over the limit of {} bytes)",
                    opts.max_bytes
                ),
                e => describe(&current, &e, opts),
            })?;
        return Ok(Fetched {
            url: current,
            content_type,
            bytes,
        });
    }
    Err(format!("{url}: more than {} redirects", opts.max_redirects))
}

fn describe(url: &str, e: &ureq::Error, opts: &FetchOptions) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "{url}: no complete answer within {} s",
            opts.timeout.as_secs_f32()
        ),
        ureq::Error::HostNotFound => format!("{url}: host not found"),
        ureq::Error::ConnectionFailed => format!("{url}: connection failed"),
        e => format!("{url}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_are_resolved_and_checked() {
        let b = "http://example.org/a/b.html?x=1";
        assert_eq!(resolve(b, "/c").as_deref(), Ok("http://example.org/c"));
        assert_eq!(
            resolve(b, "c.html").as_deref(),
            Ok("http://example.org/a/c.html")
        );
        assert_eq!(
            resolve(b, "//other.org/x").as_deref(),
            Ok("http://other.org/x")
        );
        assert_eq!(
            resolve(b, "https://x.org/").as_deref(),
            Ok("https://x.org/")
        );
        assert!(resolve(b, "file:///etc/passwd").is_err());
        assert!(resolve(b, "ftp://x.org/").is_err());
        assert!(!is_http_url("file:///etc/passwd"));
        assert!(fetch("file:///etc/passwd", &FetchOptions::default()).is_err());
    }
}
