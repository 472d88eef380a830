//! Where the fetcher may connect (SSRF protection).
//!
//! A crawler that follows URLs from feeds and sitemaps it does not control can be pointed at
//! the network it runs in: the cloud metadata service (169.254.169.254), the database next
//! door, a router's admin page. Every hop is therefore checked twice:
//!
//! - [`check_url`] before a request: only `http`/`https`, and a host written as an IP address
//!   (including the decimal, octal and hex spellings such as `http://2130706433/` or
//!   `http://0177.0.0.1/`, which the WHATWG URL parser turns into `127.0.0.1`) must be a public
//!   address. reqwest does not resolve IP-literal hosts, so this check is the one that counts
//!   for them.
//! - [`SafeResolver`] when connecting to a host name: the resolver returns only public
//!   addresses, so the connection is made to an address that was checked. There is no window
//!   between check and use, and DNS rebinding cannot slip a private address in.
//!
//! An allow-list of networks (`--allow-net`) overrides the refusal; the tests allow
//! `127.0.0.1` to reach their own servers.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use ipnet::IpNet;

/// Which addresses may be connected to.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    /// Networks allowed even though they are not public (from configuration).
    pub allow: Vec<IpNet>,
}

/// Why an address or URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not `http` or `https`.
    #[error("scheme `{0}` is not allowed (only http and https)")]
    Scheme(String),
    /// The URL has no host.
    #[error("the URL has no host")]
    NoHost,
    /// An address in a refused range.
    #[error("address {addr} is refused: {range}")]
    Address {
        /// The address.
        addr: IpAddr,
        /// The range it falls in.
        range: &'static str,
    },
    /// A host name whose every address is refused.
    #[error("host {host} resolves only to refused addresses ({detail})")]
    Resolved {
        /// The host name.
        host: String,
        /// Each address with its range.
        detail: String,
    },
}

impl AddressPolicy {
    /// A policy allowing the given networks (parsed from `a.b.c.d`, `a.b.c.d/n`, IPv6 alike).
    pub fn parse(items: &[String]) -> Result<Self, String> {
        let mut allow = Vec::new();
        for item in items {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let net = match item.parse::<IpNet>() {
                Ok(n) => n,
                Err(_) => match item.parse::<IpAddr>() {
                    Ok(a) => IpNet::from(a),
                    Err(_) => return Err(format!("`{item}` is not an IP address or network (a.b.c.d/n)")),
                },
            };
            allow.push(net);
        }
        Ok(Self { allow })
    }

    /// `Ok` when the address may be connected to.
    pub fn check(&self, addr: IpAddr) -> Result<(), Refusal> {
        if self.allow.iter().any(|n| n.contains(&addr)) {
            return Ok(());
        }
        match refused_range(addr) {
            Some(range) => Err(Refusal::Address { addr, range }),
            None => Ok(()),
        }
    }
}

/// The refused range an address falls in, or `None` for a public address.
pub fn refused_range(addr: IpAddr) -> Option<&'static str> {
    match addr {
        IpAddr::V4(a) => refused_v4(a),
        IpAddr::V6(a) => refused_v6(a),
    }
}

fn in_v4(a: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
    (u32::from(a) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn refused_v4(a: Ipv4Addr) -> Option<&'static str> {
    const RANGES: &[([u8; 4], u32, &str)] = &[
        ([0, 0, 0, 0], 8, "unspecified / this network (0.0.0.0/8)"),
        ([10, 0, 0, 0], 8, "private (10.0.0.0/8)"),
        ([100, 64, 0, 0], 10, "carrier-grade NAT (100.64.0.0/10)"),
        ([127, 0, 0, 0], 8, "loopback (127.0.0.0/8)"),
        ([169, 254, 0, 0], 16, "link-local, cloud metadata (169.254.0.0/16)"),
        ([172, 16, 0, 0], 12, "private (172.16.0.0/12)"),
        ([192, 0, 0, 0], 24, "IETF protocol assignments (192.0.0.0/24)"),
        ([192, 0, 2, 0], 24, "documentation (192.0.2.0/24)"),
        ([192, 88, 99, 0], 24, "6to4 relay anycast (192.88.99.0/24)"),
        ([192, 168, 0, 0], 16, "private (192.168.0.0/16)"),
        ([198, 18, 0, 0], 15, "benchmarking (198.18.0.0/15)"),
        ([198, 51, 100, 0], 24, "documentation (198.51.100.0/24)"),
        ([203, 0, 113, 0], 24, "documentation (203.0.113.0/24)"),
        ([224, 0, 0, 0], 4, "multicast (224.0.0.0/4)"),
        ([255, 255, 255, 255], 32, "broadcast (255.255.255.255)"),
        ([240, 0, 0, 0], 4, "reserved (240.0.0.0/4)"),
    ];
    RANGES
        .iter()
        .find(|(net, prefix, _)| in_v4(a, *net, *prefix))
        .map(|(_, _, name)| *name)
}

fn refused_v6(a: Ipv6Addr) -> Option<&'static str> {
    let s = a.segments();
    if a.is_unspecified() {
        return Some("unspecified (::)");
    }
    if a.is_loopback() {
        return Some("loopback (::1)");
    }
    // ::ffff:0:0/96 and the deprecated ::/96: an IPv4 address in IPv6 clothing. Refused
    // outright: some stacks connect them to the embedded IPv4 address.
    if s[..5] == [0, 0, 0, 0, 0] && s[5] == 0xffff {
        return Some("IPv4-mapped IPv6 (::ffff:0:0/96)");
    }
    if s[..6] == [0, 0, 0, 0, 0, 0] {
        return Some("IPv4-compatible IPv6 (::/96)");
    }
    // NAT64 (64:ff9b::/96): the embedded IPv4 address decides.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return refused_v4(v4).map(|_| "NAT64 of a refused IPv4 address (64:ff9b::/96)");
    }
    if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        return Some("local-use NAT64 (64:ff9b:1::/48)");
    }
    // 6to4 (2002::/16): the embedded IPv4 address decides.
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return refused_v4(v4).map(|_| "6to4 of a refused IPv4 address (2002::/16)");
    }
    const RANGES: &[(u16, u16, &str)] = &[
        // (first segment value, mask on the first segment, name)
        (0xfc00, 0xfe00, "unique local (fc00::/7)"),
        (0xfe80, 0xffc0, "link-local (fe80::/10)"),
        (0xfec0, 0xffc0, "site-local, deprecated (fec0::/10)"),
        (0xff00, 0xff00, "multicast (ff00::/8)"),
        (0x3fff, 0xfff0, "documentation (3fff::/20)"),
    ];
    if let Some((_, _, name)) = RANGES.iter().find(|(v, m, _)| s[0] & m == *v) {
        return Some(name);
    }
    if s[0] == 0x2001 && s[1] == 0x0db8 {
        return Some("documentation (2001:db8::/32)");
    }
    if s[0] == 0x2001 && s[1] < 0x0200 {
        return Some("IETF protocol assignments incl. Teredo (2001::/23)");
    }
    if s[..4] == [0x0100, 0, 0, 0] {
        return Some("discard-only (100::/64)");
    }
    None
}

/// Checks a URL before a request: the scheme, and the host when it is an IP address.
pub fn check_url(url: &url::Url, policy: &AddressPolicy) -> Result<(), Refusal> {
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(Refusal::Scheme(other.to_owned())),
    }
    match url.host() {
        None => Err(Refusal::NoHost),
        Some(url::Host::Ipv4(a)) => policy.check(IpAddr::V4(a)),
        Some(url::Host::Ipv6(a)) => policy.check(IpAddr::V6(a)),
        // Names are checked on their resolved addresses by `SafeResolver`.
        Some(url::Host::Domain(_)) => Ok(()),
    }
}

/// Keeps the addresses the policy allows; the error names every refused one.
pub fn filter_addrs(host: &str, addrs: Vec<SocketAddr>, policy: &AddressPolicy) -> Result<Vec<SocketAddr>, Refusal> {
    let mut refused = Vec::new();
    let mut ok = Vec::new();
    for a in addrs {
        match policy.check(a.ip()) {
            Ok(()) => ok.push(a),
            Err(Refusal::Address { addr, range }) => refused.push(format!("{addr}: {range}")),
            Err(other) => refused.push(other.to_string()),
        }
    }
    if ok.is_empty() {
        let detail = if refused.is_empty() {
            "no addresses".to_owned()
        } else {
            refused.join("; ")
        };
        return Err(Refusal::Resolved {
            host: host.to_owned(),
            detail,
        });
    }
    if !refused.is_empty() {
        tracing::debug!(host, refused = %refused.join("; "), "dropped refused addresses of a host");
    }
    Ok(ok)
}

/// A DNS resolver for reqwest that only ever hands out allowed addresses.
#[derive(Debug, Clone)]
pub struct SafeResolver {
    policy: Arc<AddressPolicy>,
}

impl SafeResolver {
    /// A resolver applying `policy`.
    pub fn new(policy: Arc<AddressPolicy>) -> Self {
        Self { policy }
    }
}

impl reqwest::dns::Resolve for SafeResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let ok = filter_addrs(&host, addrs, &policy)?;
            let it: reqwest::dns::Addrs = Box::new(ok.into_iter());
            Ok(it)
        })
    }
}

/// Finds a [`Refusal`] in an error's source chain (reqwest wraps the resolver's error).
pub fn find_refusal(e: &(dyn std::error::Error + 'static)) -> Option<Refusal> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(r) = err.downcast_ref::<Refusal>() {
            return Some(r.clone());
        }
        cur = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(s: &str) -> bool {
        refused_range(s.parse().expect("address")).is_some()
    }

    #[test]
    fn private_and_special_ranges_are_refused() {
        for a in [
            "0.0.0.0",
            "0.1.2.3",
            "10.1.2.3",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.9.9.9",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.10",
            "192.168.1.1",
            "198.18.0.1",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.251",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:8.8.8.8",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "2002:7f00:0001::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "2001::1",
            "100::1",
        ] {
            assert!(refused(a), "{a} should be refused");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for a in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "193.51.24.1",
            "2606:4700::1111",
            "2a00:1450:4007::200e",
            "64:ff9b::808:808",
            "2002:0808:0808::1",
        ] {
            assert!(!refused(a), "{a} should pass");
        }
    }

    #[test]
    fn odd_ip_spellings_parse_to_the_address_they_mean() {
        let policy = AddressPolicy::default();
        for u in [
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://0x7f.0.0.1/",
            "http://0x7f000001/",
            "http://127.1/",
            "http://017700000001/",
            "http://[::ffff:7f00:1]/",
            "http://[0:0:0:0:0:ffff:169.254.169.254]/",
            "http://0251.0376.0251.0376/",
        ] {
            let url = url::Url::parse(u).expect("url");
            assert!(
                matches!(check_url(&url, &policy), Err(Refusal::Address { .. })),
                "{u} → {:?}",
                url.host()
            );
        }
    }

    #[test]
    fn schemes_other_than_http_are_refused_and_the_allow_list_wins() {
        let policy = AddressPolicy::parse(&["127.0.0.1".into(), "10.0.0.0/8".into()]).expect("policy");
        for u in [
            "file:///etc/passwd",
            "ftp://example.org/",
            "gopher://example.org/",
            "data:text/plain,hi",
        ] {
            let url = url::Url::parse(u).expect("url");
            assert!(matches!(check_url(&url, &policy), Err(Refusal::Scheme(_))), "{u}");
        }
        let ok = |u: &str| check_url(&url::Url::parse(u).expect("url"), &policy).is_ok();
        assert!(ok("http://127.0.0.1:8080/"));
        assert!(ok("http://10.9.8.7/"));
        assert!(!ok("http://127.0.0.2/"));
        assert!(!ok("http://169.254.169.254/latest/meta-data/"));
        assert!(ok("https://example.org/"));
        assert!(AddressPolicy::parse(&["not-an-ip".into()]).is_err());
    }

    #[test]
    fn resolved_addresses_are_filtered() {
        let policy = AddressPolicy::parse(&["127.0.0.1".into()]).expect("policy");
        let addrs = vec![
            SocketAddr::from(([127, 0, 0, 1], 0)),
            SocketAddr::from(([10, 0, 0, 1], 0)),
            SocketAddr::from(([8, 8, 8, 8], 0)),
        ];
        let ok = filter_addrs("h", addrs, &policy).expect("some allowed");
        assert_eq!(ok.len(), 2);
        let err = filter_addrs("h", vec![SocketAddr::from(([169, 254, 169, 254], 0))], &policy).unwrap_err();
        assert!(err.to_string().contains("link-local"), "{err}");
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_that_points_inside() {
        use reqwest::dns::Resolve as _;
        let r = SafeResolver::new(Arc::new(AddressPolicy::default()));
        let name: reqwest::dns::Name = "localhost".parse().expect("name");
        let err = match r.resolve(name).await {
            Ok(addrs) => panic!("localhost resolved to {:?}", addrs.collect::<Vec<_>>()),
            Err(e) => e,
        };
        assert!(find_refusal(err.as_ref()).is_some(), "{err}");
    }
}
