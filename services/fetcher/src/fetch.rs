//! Fetching one URL over HTTP, politely and safely.
//!
//! [`Fetcher::fetch`] follows redirects by hand (so every hop is checked by
//! [`crate::safety`] and counted against the redirect cap), asks robots.txt before each hop
//! (cached per origin; 5xx or unreachable means disallow, 4xx means allow; size-capped), makes
//! at most one request at a time per host with a delay between them (the configured delay or
//! the robots `Crawl-delay`, capped), bounds the requests in flight across hosts, retries
//! 429, 5xx, timeouts and connection failures with exponential backoff and jitter (a
//! `Retry-After` is honoured, up to `retry_max`), filters content types before the body is
//! read, and caps the body after decompression: reqwest inflates gzip, brotli and deflate as
//! the chunks arrive and the chunks are counted, so a compression bomb stops at the cap.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION};
use tokio::sync::Semaphore;
use tokio::time::Instant;
use url::Url;

use crate::content::{self, Purpose};
use crate::safety::{self, AddressPolicy, Refusal, SafeResolver};

/// Settings of the HTTP side (from the command line; tests build them directly).
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// The full `User-Agent` header, with a contact URL.
    pub user_agent: String,
    /// The product token robots.txt groups are matched against (`SahelMonitor`).
    pub robots_token: String,
    /// Which addresses may be connected to.
    pub policy: AddressPolicy,
    /// Requests in flight across all hosts.
    pub concurrency: usize,
    /// Least time between two requests to one host.
    pub host_delay: Duration,
    /// Largest robots.txt `Crawl-delay` honoured (a larger one is capped to this).
    pub max_crawl_delay: Duration,
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Time for a whole response, headers and body.
    pub request_timeout: Duration,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// Largest page body, counted after decompression.
    pub max_body_bytes: u64,
    /// Largest feed or sitemap body, counted after decompression.
    pub max_sitemap_bytes: u64,
    /// Largest robots.txt read (the rest is ignored, as search engines do).
    pub robots_max_bytes: u64,
    /// How long a robots.txt is cached.
    pub robots_ttl: Duration,
    /// Attempts after the first for retriable failures, within one run.
    pub max_retries: u32,
    /// First retry delay (doubling, with jitter).
    pub retry_base: Duration,
    /// Longest wait before a retry within a run, `Retry-After` included; a longer
    /// `Retry-After` ends the attempt and is recorded for the next run.
    pub retry_max: Duration,
}

impl Default for FetchSettings {
    fn default() -> Self {
        Self {
            user_agent: format!(
                "SahelMonitor/{} (+https://example.invalid/sahel-monitor/crawler)",
                crate::VERSION
            ),
            robots_token: "SahelMonitor".into(),
            policy: AddressPolicy::default(),
            concurrency: 8,
            host_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_body_bytes: 10 * 1024 * 1024,
            max_sitemap_bytes: 50 * 1024 * 1024,
            robots_max_bytes: 512 * 1024,
            robots_ttl: Duration::from_secs(24 * 3600),
            max_retries: 3,
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(60),
        }
    }
}

/// Why a fetch failed: a fixed set (metric label values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailClass {
    /// The address (literal or resolved) is in a refused range.
    ForbiddenAddress,
    /// Not http or https.
    ForbiddenScheme,
    /// The URL (or a redirect's Location) cannot be parsed.
    InvalidUrl,
    /// The name does not resolve.
    Dns,
    /// The connection failed.
    Connect,
    /// Connect or whole-response timeout.
    Timeout,
    /// 429 Too Many Requests.
    RateLimited,
    /// Another 4xx.
    Http4xx,
    /// A 5xx.
    Http5xx,
    /// Another status that is not a page (1xx, a 3xx without Location).
    HttpOther,
    /// More redirects than allowed.
    TooManyRedirects,
    /// A redirect back to a URL already visited.
    RedirectLoop,
    /// The body could not be read (connection reset, corrupt compression).
    Body,
    /// A feed or sitemap that cannot be parsed.
    Parse,
    /// A local file that cannot be read.
    Io,
}

impl FailClass {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            FailClass::ForbiddenAddress => "forbidden_address",
            FailClass::ForbiddenScheme => "forbidden_scheme",
            FailClass::InvalidUrl => "invalid_url",
            FailClass::Dns => "dns",
            FailClass::Connect => "connect",
            FailClass::Timeout => "timeout",
            FailClass::RateLimited => "http_429",
            FailClass::Http4xx => "http_4xx",
            FailClass::Http5xx => "http_5xx",
            FailClass::HttpOther => "http_other",
            FailClass::TooManyRedirects => "too_many_redirects",
            FailClass::RedirectLoop => "redirect_loop",
            FailClass::Body => "body",
            FailClass::Parse => "parse",
            FailClass::Io => "io",
        }
    }

    /// Whether trying again later may help.
    pub fn retriable(self) -> bool {
        matches!(
            self,
            FailClass::Connect | FailClass::Timeout | FailClass::RateLimited | FailClass::Http5xx | FailClass::Body
        )
    }
}

/// Why something was not emitted although nothing failed: a fixed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// robots.txt disallows it (or robots.txt is unavailable, which disallows everything).
    Robots,
    /// A content type the pipeline does not read (PDF, images...).
    ContentType,
    /// Over the body cap (after decompression).
    TooLarge,
    /// A feed entry without a link.
    NoLink,
}

impl SkipReason {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Robots => "robots",
            SkipReason::ContentType => "content_type",
            SkipReason::TooLarge => "too_large",
            SkipReason::NoLink => "no_link",
        }
    }
}

/// Validators from the previous fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag` sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A body that was fetched.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: Url,
    /// Status (2xx).
    pub status: u16,
    /// Validators for the next conditional GET.
    pub validators: Validators,
    /// The `Content-Type` header as sent.
    pub content_type_header: Option<String>,
    /// Its media type, lower case (`text/html`), empty when none was sent.
    pub essence: String,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// What fetching a URL came to.
#[derive(Debug, Clone)]
pub enum FetchOutcome {
    /// A body.
    Fetched(Box<Fetched>),
    /// 304: nothing changed since the validators were recorded.
    NotModified {
        /// The URL after redirects.
        final_url: Url,
        /// Validators (refreshed when the 304 carried new ones).
        validators: Validators,
    },
    /// Not fetched, for a reason that is no failure.
    Skipped {
        /// Why.
        reason: SkipReason,
        /// Details for logs and the report.
        detail: String,
    },
    /// Failed.
    Failed {
        /// Class.
        class: FailClass,
        /// Details for logs and the report.
        detail: String,
        /// When the server asked us to come back (Retry-After).
        retry_after: Option<Duration>,
    },
}

impl FetchOutcome {
    fn failed(class: FailClass, detail: impl Into<String>) -> Self {
        FetchOutcome::Failed {
            class,
            detail: detail.into(),
            retry_after: None,
        }
    }
}

enum Rules {
    AllowAll,
    DisallowAll(String),
    /// robots.txt lives at a refused address: so does the page.
    Refused(String),
    Parsed(Box<texting_robots::Robot>),
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rules::AllowAll => f.write_str("AllowAll"),
            Rules::DisallowAll(why) => write!(f, "DisallowAll({why})"),
            Rules::Refused(why) => write!(f, "Refused({why})"),
            Rules::Parsed(r) => write!(f, "Parsed(delay {:?})", r.delay),
        }
    }
}

#[derive(Debug)]
struct RobotsEntry {
    rules: Arc<Rules>,
    expires: Instant,
}

#[derive(Debug, Default)]
struct HostSlot {
    /// No request to this host before this instant.
    next_at: Option<Instant>,
    /// The robots.txt crawl-delay, already capped.
    crawl_delay: Option<Duration>,
}

/// One hop's result.
enum Hop {
    Done(FetchOutcome),
    Redirect(String),
}

/// The HTTP fetcher: one per process, shared by every source.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: Arc<FetchSettings>,
    hosts: Mutex<HashMap<String, Arc<tokio::sync::Mutex<HostSlot>>>>,
    robots: Mutex<HashMap<String, RobotsEntry>>,
    global: Semaphore,
}

impl Fetcher {
    /// Builds the client: no automatic redirects, no proxies from the environment, the safe
    /// resolver, timeouts, and decompression of gzip, brotli and deflate.
    pub fn new(settings: FetchSettings) -> anyhow::Result<Self> {
        let policy = Arc::new(settings.policy.clone());
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(SafeResolver::new(policy)))
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| anyhow::anyhow!("building the HTTP client: {e}"))?;
        let permits = settings.concurrency.max(1);
        Ok(Self {
            client,
            settings: Arc::new(settings),
            hosts: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
            global: Semaphore::new(permits),
        })
    }

    /// The settings.
    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// Fetches `url` for `purpose`, conditionally when `validators` are given.
    pub async fn fetch(&self, url: &Url, purpose: Purpose, validators: &Validators) -> FetchOutcome {
        let mut current = url.clone();
        let mut visited: HashSet<Url> = HashSet::from([current.clone()]);
        let mut hops = 0usize;
        loop {
            if let Err(r) = safety::check_url(&current, &self.settings.policy) {
                return refusal_outcome(&r, &current, hops);
            }
            match self.hop_with_retries(&current, purpose, validators).await {
                Hop::Done(outcome) => return outcome,
                Hop::Redirect(location) => {
                    let next = match current.join(&location) {
                        Ok(u) => u,
                        Err(e) => {
                            return FetchOutcome::failed(
                                FailClass::InvalidUrl,
                                format!("redirect from {current} to `{location}`: {e}"),
                            )
                        }
                    };
                    if visited.contains(&next) {
                        return FetchOutcome::failed(
                            FailClass::RedirectLoop,
                            format!("redirect loop: {current} → {next}, visited before"),
                        );
                    }
                    hops += 1;
                    if hops > self.settings.max_redirects {
                        return FetchOutcome::failed(
                            FailClass::TooManyRedirects,
                            format!(
                                "more than {} redirects (last {current} → {next})",
                                self.settings.max_redirects
                            ),
                        );
                    }
                    visited.insert(next.clone());
                    current = next;
                }
            }
        }
    }

    fn slot(&self, host: &str) -> Arc<tokio::sync::Mutex<HostSlot>> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.entry(host.to_owned()).or_default().clone()
    }

    fn delay(&self, slot: &HostSlot) -> Duration {
        slot.crawl_delay.unwrap_or_default().max(self.settings.host_delay)
    }

    /// One hop, retried for retriable failures; one request at a time per host.
    async fn hop_with_retries(&self, url: &Url, purpose: Purpose, validators: &Validators) -> Hop {
        let host = url.host_str().unwrap_or_default().to_owned();
        let slot = self.slot(&host);
        let mut attempt = 0u32;
        loop {
            let mut g = slot.lock().await;
            if purpose != Purpose::Robots {
                let rules = self.robots_for(url, &mut g).await;
                if let Rules::Parsed(r) = rules.as_ref() {
                    g.crawl_delay = r
                        .delay
                        .filter(|d| d.is_finite() && *d > 0.0)
                        .map(|d| Duration::from_secs_f32(d).min(self.settings.max_crawl_delay));
                }
                if let Rules::Refused(why) = rules.as_ref() {
                    return Hop::Done(FetchOutcome::failed(FailClass::ForbiddenAddress, why.clone()));
                }
                if let Some(why) = disallowed(&rules, url) {
                    return Hop::Done(FetchOutcome::Skipped {
                        reason: SkipReason::Robots,
                        detail: why,
                    });
                }
            }
            wait_turn(&g).await;
            let result = {
                let _permit = self.global.acquire().await;
                self.request(url, purpose, validators).await
            };
            let delay = self.delay(&g);
            g.next_at = Some(Instant::now() + delay);
            match result {
                Hop::Done(FetchOutcome::Failed {
                    class,
                    detail,
                    retry_after,
                }) if class.retriable() => {
                    attempt += 1;
                    let wait = retry_after.unwrap_or_else(|| {
                        sahel_runtime::backoff(attempt, self.settings.retry_base, self.settings.retry_max)
                    });
                    if attempt > self.settings.max_retries || wait > self.settings.retry_max {
                        let detail = if attempt > 1 {
                            format!("{detail} (after {attempt} attempts)")
                        } else {
                            detail
                        };
                        return Hop::Done(FetchOutcome::Failed {
                            class,
                            detail,
                            retry_after,
                        });
                    }
                    tracing::debug!(%url, class = class.as_str(), attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    // The whole host waits, not only this URL: that is what Retry-After asks.
                    g.next_at = Some(Instant::now() + wait.max(delay));
                }
                other => return other,
            }
        }
    }

    /// The robots rules for `url`'s origin, fetched (under the host's slot, as any request)
    /// when not cached.
    async fn robots_for(&self, url: &Url, g: &mut tokio::sync::MutexGuard<'_, HostSlot>) -> Arc<Rules> {
        let origin = url.origin().ascii_serialization();
        {
            let cache = self.robots.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(e) = cache.get(&origin) {
                if e.expires > Instant::now() {
                    return e.rules.clone();
                }
            }
        }
        wait_turn(g).await;
        let rules = {
            let _permit = self.global.acquire().await;
            Arc::new(self.fetch_robots(url).await)
        };
        g.next_at = Some(Instant::now() + self.settings.host_delay);
        // An unavailable robots.txt is asked again sooner than a good one.
        let ttl = match rules.as_ref() {
            Rules::DisallowAll(_) | Rules::Refused(_) => self.settings.robots_ttl.min(Duration::from_secs(600)),
            _ => self.settings.robots_ttl,
        };
        tracing::debug!(%origin, rules = ?rules, "robots.txt");
        let mut cache = self.robots.lock().unwrap_or_else(|p| p.into_inner());
        cache.insert(
            origin,
            RobotsEntry {
                rules: rules.clone(),
                expires: Instant::now() + ttl,
            },
        );
        rules
    }

    async fn fetch_robots(&self, url: &Url) -> Rules {
        let Ok(mut current) = url.join("/robots.txt") else {
            return Rules::AllowAll;
        };
        for _ in 0..=5 {
            if let Err(r) = safety::check_url(&current, &self.settings.policy) {
                return Rules::DisallowAll(format!("robots.txt at {current} refused: {r}"));
            }
            let resp = match self.client.get(current.clone()).send().await {
                Ok(r) => r,
                Err(e) => {
                    let (class, detail) = classify(&e);
                    if matches!(class, FailClass::ForbiddenAddress | FailClass::ForbiddenScheme) {
                        return Rules::Refused(format!("refused {url}: {detail}"));
                    }
                    return Rules::DisallowAll(format!(
                        "robots.txt unreachable ({}: {detail}); disallowing until it answers",
                        class.as_str()
                    ));
                }
            };
            let status = resp.status().as_u16();
            match status {
                200..=299 => {
                    let body = match read_capped(resp, self.settings.robots_max_bytes, true).await {
                        Ok(b) => b,
                        Err(ReadError::Skip(_, detail) | ReadError::Fail(_, detail)) => {
                            return Rules::DisallowAll(format!("robots.txt body failed: {detail}"));
                        }
                    };
                    return match texting_robots::Robot::new(&self.settings.robots_token, &body) {
                        Ok(r) => Rules::Parsed(Box::new(r)),
                        Err(e) => {
                            tracing::warn!(url = %current, error = %e, "robots.txt cannot be parsed; allowing");
                            Rules::AllowAll
                        }
                    };
                }
                300..=399 => {
                    let Some(next) = location(resp.headers()).and_then(|l| current.join(&l).ok()) else {
                        return Rules::AllowAll;
                    };
                    current = next;
                }
                429 | 500..=599 => {
                    return Rules::DisallowAll(format!("robots.txt answered {status}; disallowing until it answers"))
                }
                _ => return Rules::AllowAll,
            }
        }
        Rules::AllowAll
    }

    /// One request and its body.
    async fn request(&self, url: &Url, purpose: Purpose, validators: &Validators) -> Hop {
        let mut headers = HeaderMap::new();
        if let Some(v) = validators.etag.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(IF_NONE_MATCH, v);
        }
        if let Some(v) = validators
            .last_modified
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(IF_MODIFIED_SINCE, v);
        }
        let cap = match purpose {
            Purpose::Page => self.settings.max_body_bytes,
            Purpose::Feed | Purpose::Sitemap => self.settings.max_sitemap_bytes,
            Purpose::Robots => self.settings.robots_max_bytes,
        };
        // reqwest's timeout covers the whole response; this guard is belt and braces.
        let deadline = self.settings.request_timeout + Duration::from_secs(1);
        let fut = async {
            let resp = match self.client.get(url.clone()).headers(headers).send().await {
                Ok(r) => r,
                Err(e) => {
                    let (class, detail) = classify(&e);
                    return Hop::Done(FetchOutcome::failed(class, detail));
                }
            };
            let status = resp.status().as_u16();
            let validators = Validators {
                etag: header_str(resp.headers(), ETAG),
                last_modified: header_str(resp.headers(), LAST_MODIFIED),
            };
            match status {
                304 => Hop::Done(FetchOutcome::NotModified {
                    final_url: url.clone(),
                    validators,
                }),
                301 | 302 | 303 | 307 | 308 => match location(resp.headers()) {
                    Some(l) => Hop::Redirect(l),
                    None => Hop::Done(FetchOutcome::failed(
                        FailClass::HttpOther,
                        format!("{status} without a Location header"),
                    )),
                },
                200..=299 => {
                    let ct = header_str(resp.headers(), reqwest::header::CONTENT_TYPE);
                    let essence = ct.as_deref().map(content::essence).unwrap_or_default();
                    if !content::accepted(purpose, &essence) {
                        return Hop::Done(FetchOutcome::Skipped {
                            reason: SkipReason::ContentType,
                            detail: format!("content type `{essence}` is not read"),
                        });
                    }
                    match read_capped(resp, cap, false).await {
                        Ok(body) => Hop::Done(FetchOutcome::Fetched(Box::new(Fetched {
                            final_url: url.clone(),
                            status,
                            validators,
                            content_type_header: ct,
                            essence,
                            body,
                        }))),
                        Err(ReadError::Skip(reason, detail)) => Hop::Done(FetchOutcome::Skipped { reason, detail }),
                        Err(ReadError::Fail(class, detail)) => Hop::Done(FetchOutcome::failed(class, detail)),
                    }
                }
                429 | 500..=599 => {
                    let retry_after = retry_after(resp.headers());
                    let class = if status == 429 {
                        FailClass::RateLimited
                    } else {
                        FailClass::Http5xx
                    };
                    Hop::Done(FetchOutcome::Failed {
                        class,
                        detail: format!("HTTP {status}"),
                        retry_after,
                    })
                }
                400..=499 => Hop::Done(FetchOutcome::failed(FailClass::Http4xx, format!("HTTP {status}"))),
                _ => Hop::Done(FetchOutcome::failed(FailClass::HttpOther, format!("HTTP {status}"))),
            }
        };
        match tokio::time::timeout(deadline, fut).await {
            Ok(hop) => hop,
            Err(_) => Hop::Done(FetchOutcome::failed(
                FailClass::Timeout,
                format!("no complete response within {:?}", self.settings.request_timeout),
            )),
        }
    }
}

async fn wait_turn(g: &HostSlot) {
    // Only a future instant is slept on: a timer for "now" still costs a tick of the timer
    // wheel (about a millisecond), which would cap one host at ~1000 requests/s for nothing.
    if let Some(t) = g.next_at.filter(|t| *t > Instant::now()) {
        tokio::time::sleep_until(t).await;
    }
}

fn disallowed(rules: &Rules, url: &Url) -> Option<String> {
    match rules {
        Rules::AllowAll => None,
        Rules::DisallowAll(why) | Rules::Refused(why) => Some(why.clone()),
        Rules::Parsed(r) => (!r.allowed(url.as_str())).then(|| "robots.txt disallows this path".to_owned()),
    }
}

fn refusal_outcome(r: &Refusal, url: &Url, hops: usize) -> FetchOutcome {
    let class = match r {
        Refusal::Scheme(_) => FailClass::ForbiddenScheme,
        _ => FailClass::ForbiddenAddress,
    };
    let via = if hops > 0 {
        format!(" (after {hops} redirects)")
    } else {
        String::new()
    };
    FetchOutcome::failed(class, format!("refused {url}{via}: {r}"))
}

fn header_str(h: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn location(h: &HeaderMap) -> Option<String> {
    header_str(h, LOCATION).filter(|l| !l.trim().is_empty())
}

/// `Retry-After` as seconds or an HTTP date.
pub fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = header_str(h, reqwest::header::RETRY_AFTER)?;
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (when.with_timezone(&chrono::Utc) - chrono::Utc::now())
        .num_seconds()
        .max(0);
    Some(Duration::from_secs(secs.unsigned_abs()))
}

enum ReadError {
    Skip(SkipReason, String),
    Fail(FailClass, String),
}

/// Reads the (decompressed) body up to `cap` bytes. Over the cap: an error with
/// [`SkipReason::TooLarge`], or, with `truncate`, the first `cap` bytes.
async fn read_capped(mut resp: reqwest::Response, cap: u64, truncate: bool) -> Result<Vec<u8>, ReadError> {
    if let Some(len) = resp.content_length() {
        if len > cap && !truncate {
            return Err(ReadError::Skip(
                SkipReason::TooLarge,
                format!("Content-Length {len} is over the {cap}-byte cap"),
            ));
        }
    }
    let mut body: Vec<u8> = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                let room = usize::try_from(cap).unwrap_or(usize::MAX).saturating_sub(body.len());
                if chunk.len() > room {
                    if truncate {
                        body.extend_from_slice(&chunk[..room]);
                        return Ok(body);
                    }
                    return Err(ReadError::Skip(
                        SkipReason::TooLarge,
                        format!("body is over the {cap}-byte cap after decompression"),
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                let (class, detail) = classify(&e);
                let class = if class == FailClass::Timeout {
                    class
                } else {
                    FailClass::Body
                };
                return Err(ReadError::Fail(class, format!("reading the body: {detail}")));
            }
        }
    }
}

/// Classifies a reqwest error; the detail is the whole error chain.
fn classify(e: &reqwest::Error) -> (FailClass, String) {
    let mut chain = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        src = s.source();
    }
    if let Some(r) = safety::find_refusal(e) {
        let class = match r {
            Refusal::Scheme(_) => FailClass::ForbiddenScheme,
            _ => FailClass::ForbiddenAddress,
        };
        return (class, r.to_string());
    }
    let timed_out = e.is_timeout() || {
        // A timeout while the body streams through the decompressor arrives wrapped.
        let mut src = std::error::Error::source(e);
        let mut found = false;
        while let Some(s) = src {
            if s.downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout)
                || s.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            {
                found = true;
            }
            src = s.source();
        }
        found || chain.contains("timed out")
    };
    let class = if timed_out {
        FailClass::Timeout
    } else if e.is_connect() {
        if chain.contains("dns error") || chain.contains("failed to lookup") {
            FailClass::Dns
        } else {
            FailClass::Connect
        }
    } else if e.is_body() || e.is_decode() {
        FailClass::Body
    } else if e.is_builder() {
        FailClass::InvalidUrl
    } else {
        FailClass::Connect
    };
    (class, chain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(reqwest::header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(120)).to_rfc2822();
        h.insert(
            reqwest::header::RETRY_AFTER,
            HeaderValue::from_str(&later).expect("header"),
        );
        let d = retry_after(&h).expect("date");
        assert!(d >= Duration::from_secs(110) && d <= Duration::from_secs(121), "{d:?}");
        h.insert(reqwest::header::RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn classes_are_a_fixed_set_and_know_what_is_retriable() {
        assert!(FailClass::Http5xx.retriable() && FailClass::RateLimited.retriable());
        assert!(!FailClass::ForbiddenAddress.retriable() && !FailClass::Http4xx.retriable());
        assert_eq!(FailClass::RateLimited.as_str(), "http_429");
        assert_eq!(SkipReason::TooLarge.as_str(), "too_large");
    }
}
