//! Full articles on demand: many feeds carry only a summary, so the page
//! an item links to is fetched and its text kept in the archive.
//!
//! [`extract_text`] is the seam for the HTML work's extractor (readability
//! over `dom_smoothie`): until it is merged, the page's text is taken with
//! the stopgap [`html_to_text`], boilerplate and all.

use std::net::IpAddr;

use super::{Client, Conditional, FetchError, Got, get};
use crate::feeds::html_text::html_to_text;

/// The HTML of the page at `url` (http or https only), decoded as UTF-8
/// (else Windows-1252), within the client's limits.
pub fn fetch_article(url: &str, client: &Client) -> Result<String, FetchError> {
    let response = get(client, url, &Conditional::default())?;
    match response.got {
        Got::Body { bytes, .. } => crate::clean::decode(&bytes)
            .map(|text| text.into_owned())
            .map_err(|e| FetchError::NotAFeed(e.to_string())),
        // Not asked conditionally, so not expected: an empty page.
        Got::NotModified => Ok(String::new()),
    }
}

/// The article's text from its page. Replace with the HTML work's
/// extractor once merged.
pub fn extract_text(html: &str) -> String {
    html_to_text(html)
}

/// Whether `url` names this machine or a private network by its address
/// (or `localhost`): such links in a remote feed are never fetched on
/// their own, so that a feed cannot make byline probe the local network.
/// Names that only resolve to such addresses are not caught: that would
/// need a lookup per link.
pub fn is_local(url: &str) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) => is_private(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => is_private(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost") || name.ends_with(".local")
        }
        None => false,
    }
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_private(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_private_addresses_are_told_apart_from_public_ones() {
        for local in [
            "http://127.0.0.1:8080/a",
            "http://localhost/x",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://[::1]/",
            "http://[fe80::1]/",
            "http://printer.local/",
            "http://169.254.1.1/",
        ] {
            assert!(is_local(local), "{local}");
        }
        for public in [
            "https://example.com/a",
            "http://93.184.216.34/",
            "http://[2001:db8::1]/",
        ] {
            assert!(!is_local(public), "{public}");
        }
    }
}
