//! `sahel-e2e-bench`: the whole pipeline on this machine, measured.
//!
//! Starts a throwaway PostgreSQL and a Tansu broker (the `sahel-e2e` harness), the four
//! service binaries as child processes (release builds, next to this binary), pre-loads the
//! normalizer's dedup tables (exact fingerprints, near-duplicate signatures and their LSH bands)
//! by COPY, then feeds the fetcher from the load generator and measures:
//!
//! - throughput from source to committed rows (`articles`): overall, and sustained (the middle
//!   80 % of the rows by commit time);
//! - latency from fetch (`articles.fetched_at`) to the committed article row
//!   (`articles.written_at`) and to the committed event-mention row
//!   (`event_mentions.written_at`, when the schema has it);
//! - peak resident memory (VmHWM) and CPU time of each service, the broker and the database's
//!   backends, and each service's consumed-message count over time (where the queue builds up).
//!
//! Modes: `feed` (news sites on 127.0.0.1..N publishing at `--rate`, the fetcher polling their
//! RSS feeds every second: the realistic path) and `files` (`--count` files written first, then
//! `sahel-fetcher --once` over the directory: a backlog drained as fast as the stack can).
//!
//! ```sh
//! cargo build --release -p sahel-fetcher -p sahel-normalizer -p sahel-extractor -p sahel-writer -p sahel-loadgen
//! target/release/sahel-e2e-bench --mode feed --rate 50 --count 3000          # latency at 50/s
//! target/release/sahel-e2e-bench --mode feed --rate 300 --count 12000        # sustained rate
//! target/release/sahel-e2e-bench --mode files --count 10000                  # backlog
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use clap::Parser;
use sahel_e2e::{free_port, unique, Broker, Postgres};
use sahel_loadgen::server::{self, FileFormat};
use sahel_loadgen::{sources_toml, GenArgs, Generator};
use sqlx::Connection as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Mode {
    /// News sites with RSS feeds, polled by the fetcher daemon.
    Feed,
    /// Files written first, then one `--once` fetch of the directory.
    Files,
}

#[derive(Debug, Parser)]
#[command(
    name = "sahel-e2e-bench",
    about = "Runs the whole pipeline on this machine and measures throughput, latency and memory"
)]
struct Args {
    #[command(flatten)]
    gen: GenArgs,
    /// feed or files.
    #[arg(long, value_enum, default_value_t = Mode::Feed)]
    mode: Mode,
    /// Articles per second offered (feed mode).
    #[arg(long, default_value_t = 50.0)]
    rate: f64,
    /// Articles in all.
    #[arg(long, default_value_t = 3000)]
    count: u64,
    /// Rows pre-loaded into dedup_fingerprints and near_dup_articles (with their LSH bands)
    /// before the run.
    #[arg(long, default_value_t = 1_000_000)]
    preload: u64,
    /// Items in each site's feed (and the fetcher's max_items per run). The fetcher looks every
    /// listed item up in its crawl state on each poll, so this costs PostgreSQL time.
    #[arg(long, default_value_t = 1000)]
    feed_size: usize,
    /// Fetcher requests in flight.
    #[arg(long, default_value_t = 16)]
    fetch_concurrency: usize,
    /// Partitions of each topic.
    #[arg(long, default_value_t = 3)]
    partitions: u32,
    /// Extra setting for one service, as service=--flag=value (repeatable), e.g.
    /// normalizer=--batch-linger-ms=10.
    #[arg(long = "svc-arg")]
    svc_args: Vec<String>,
    /// Where the service binaries are (default: next to this binary).
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Give up when no row arrives for this long, in seconds.
    #[arg(long, default_value_t = 90)]
    stall_secs: u64,
    /// Write the results as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Do not load pg_stat_statements (the statements that take PostgreSQL's time are
    /// printed at the end otherwise; the throwaway server is restarted once to load it).
    #[arg(long)]
    no_pg_stats: bool,
    /// Keep the service logs in this directory (default: a temporary one, removed).
    #[arg(long)]
    logs: Option<PathBuf>,
}

const SERVICES: [&str; 4] = ["writer", "normalizer", "extractor", "fetcher"];

/// One service child process.
struct Svc {
    name: &'static str,
    child: Child,
    metrics_port: u16,
}

impl Svc {
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// utime + stime of a process, in seconds (clock ticks of 1/100 s).
fn cpu_secs(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = s.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ut: f64 = f.get(11)?.parse().ok()?;
    let st: f64 = f.get(12)?.parse().ok()?;
    Some((ut + st) / 100.0)
}

/// Processes whose command line contains `needle`.
fn pids_matching(needle: &str) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir("/proc") {
        for e in rd.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) {
                let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
                if cmd.contains(needle) {
                    out.push(pid);
                }
            }
        }
    }
    out
}

async fn http_get(addr: &str, path: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let fut = async {
        let mut s = tokio::net::TcpStream::connect(addr).await?;
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
            .await?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        let status = text.get(9..12).unwrap_or("0").parse().unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        anyhow::Ok((status, body))
    };
    tokio::time::timeout(Duration::from_secs(5), fut).await?
}

/// `sahel_messages_consumed_total` from a service's /metrics.
async fn consumed(port: u16) -> Option<u64> {
    let (_, body) = http_get(&format!("127.0.0.1:{port}"), "/metrics").await.ok()?;
    let mut total = 0.0;
    let mut found = false;
    for l in body.lines() {
        if l.starts_with("sahel_messages_consumed_total") {
            if let Some(v) = l.rsplit(' ').next().and_then(|v| v.parse::<f64>().ok()) {
                total += v;
                found = true;
            }
        }
    }
    found.then_some(total as u64)
}

fn spawn(name: &'static str, bin_dir: &Path, args: &[String], extra: &[String], logs: &Path) -> anyhow::Result<Svc> {
    let bin = bin_dir.join(format!("sahel-{name}"));
    if !bin.is_file() {
        bail!(
            "{} is missing: cargo build --release -p sahel-fetcher -p sahel-normalizer -p sahel-extractor -p sahel-writer",
            bin.display()
        );
    }
    let port = free_port()?;
    let log = std::fs::File::create(logs.join(format!("{name}.log")))?;
    let child = Command::new(&bin)
        .args(args)
        .arg("--http-addr")
        .arg(format!("127.0.0.1:{port}"))
        .args(extra)
        .stdout(log.try_clone()?)
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    Ok(Svc {
        name,
        child,
        metrics_port: port,
    })
}

async fn wait_healthy(svc: &mut Svc, timeout: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(st) = svc.child.try_wait()? {
            bail!("{} exited at start ({st}): see its log", svc.name);
        }
        if let Ok((200, _)) = http_get(&format!("127.0.0.1:{}", svc.metrics_port), "/healthz").await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("{} not healthy after {timeout:?}", svc.name)
}

fn stop(svc: &mut Svc) {
    let _ = Command::new("kill").arg("-TERM").arg(svc.pid().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = svc.child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = svc.child.kill();
    let _ = svc.child.wait();
}

/// Pre-loads `n` rows into each dedup table (and 32 LSH bands per signature) by COPY: what
/// the normalizer's state looks like after a million articles.
async fn preload(db_url: &str, n: u64, seed: u64) -> anyhow::Result<()> {
    use rand::{Rng as _, SeedableRng as _};
    let mut c = sqlx::PgConnection::connect(db_url).await?;
    // The bands reference their article: checking 32 million foreign keys one by one would take
    // longer than the run, and the rows are consistent by construction.
    sqlx::query("SET session_replication_role = replica")
        .execute(&mut c)
        .await?;
    sqlx::query("SET maintenance_work_mem = '1GB'").execute(&mut c).await?;
    let scheme: (Option<String>,) = sqlx::query_as("SELECT max(scheme) FROM near_dup_articles")
        .fetch_one(&mut c)
        .await?;
    // The normalizer's own scheme, so its candidate query treats these rows as comparable.
    let scheme = scheme
        .0
        .unwrap_or_else(|| sahel_normalizer::neardup::Params::DEFAULT.scheme());
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x5eed);
    const CHUNK: u64 = 20_000;

    let t = Instant::now();
    let mut copy = c
        .copy_in_raw("COPY dedup_fingerprints (text_sha256, article_id) FROM STDIN")
        .await?;
    let mut buf = String::new();
    for i in 0..n {
        let h: [u64; 4] = rng.random();
        buf.push_str(&format!(
            "{:016x}{:016x}{:016x}{:016x}\tart_preload_{i:08}\n",
            h[0], h[1], h[2], h[3]
        ));
        if (i + 1) % CHUNK == 0 {
            copy.send(buf.as_bytes()).await?;
            buf.clear();
        }
    }
    copy.send(buf.as_bytes()).await?;
    copy.finish().await?;
    eprintln!("preload: {n} dedup_fingerprints in {:.1} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    sqlx::query("ALTER TABLE near_dup_bands DROP CONSTRAINT near_dup_bands_pkey")
        .execute(&mut c)
        .await?;
    let mut copy = c
        .copy_in_raw("COPY near_dup_articles (article_id, scheme, signature) FROM STDIN")
        .await?;
    let mut buf = String::new();
    for i in 0..n {
        buf.push_str(&format!("art_preload_{i:08}\t{scheme}\t\\\\x"));
        for _ in 0..64 {
            let w: u64 = rng.random();
            buf.push_str(&format!("{w:016x}"));
        }
        buf.push('\n');
        if (i + 1) % CHUNK == 0 {
            copy.send(buf.as_bytes()).await?;
            buf.clear();
        }
    }
    copy.send(buf.as_bytes()).await?;
    copy.finish().await?;
    let mut copy = c
        .copy_in_raw("COPY near_dup_bands (band_key, article_id) FROM STDIN")
        .await?;
    let mut buf = String::new();
    for i in 0..n {
        for _ in 0..32 {
            let k: i64 = rng.random();
            buf.push_str(&format!("{k}\tart_preload_{i:08}\n"));
        }
        if (i + 1) % (CHUNK / 4) == 0 {
            copy.send(buf.as_bytes()).await?;
            buf.clear();
        }
    }
    copy.send(buf.as_bytes()).await?;
    copy.finish().await?;
    sqlx::query("ALTER TABLE near_dup_bands ADD CONSTRAINT near_dup_bands_pkey PRIMARY KEY (band_key, article_id)")
        .execute(&mut c)
        .await?;
    sqlx::query("ANALYZE dedup_fingerprints, near_dup_articles, near_dup_bands")
        .execute(&mut c)
        .await?;
    eprintln!(
        "preload: {n} near_dup_articles and {} near_dup_bands in {:.1} s",
        n * 32,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Loads pg_stat_statements into the throwaway server (one restart).
async fn enable_pg_stats(pg: &Postgres) -> anyhow::Result<()> {
    let mut c = sqlx::PgConnection::connect(&pg.admin_url).await?;
    sqlx::query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
        .execute(&mut c)
        .await?;
    c.close().await?;
    pg.restart()?;
    Ok(())
}

async fn scalar_i64(pool: &sqlx::PgPool, sql: &str) -> anyhow::Result<i64> {
    let (v,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await?;
    Ok(v)
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let settings = args.gen.settings()?;
    let bin_dir = match &args.bin_dir {
        Some(d) => d.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no directory for this binary")?
            .to_path_buf(),
    };
    let tmp = tempfile::Builder::new().prefix("sahel-bench-").tempdir()?;
    let logs = args.logs.clone().unwrap_or_else(|| tmp.path().join("logs"));
    std::fs::create_dir_all(&logs)?;
    let mut svc_extra: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for a in &args.svc_args {
        let (svc, flag) = a.split_once('=').context("--svc-arg: expected service=--flag=value")?;
        let name = SERVICES
            .iter()
            .find(|s| **s == svc)
            .with_context(|| format!("--svc-arg: `{svc}` is not one of {SERVICES:?}"))?;
        svc_extra.entry(name).or_default().push(flag.to_owned());
    }
    let extra = |s: &str| svc_extra.get(s).cloned().unwrap_or_default();

    eprintln!("starting PostgreSQL and Tansu");
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db_name = unique("bench_");
    let db_url = pg.fresh_database(&db_name).await?;
    let pg_stats = !args.no_pg_stats
        && enable_pg_stats(&pg)
            .await
            .map_err(|e| eprintln!("pg_stat_statements not loaded: {e:#}"))
            .is_ok();
    let prefix = format!("{}.", unique("b"));
    let common: Vec<String> = vec![
        "--kafka-brokers".into(),
        broker.brokers.clone(),
        "--topic-prefix".into(),
        prefix.clone(),
        "--topic-partitions".into(),
        args.partitions.to_string(),
        "--log-filter".into(),
        "warn".into(),
    ];
    let with_db = |mut v: Vec<String>| {
        v.extend(["--database-url".to_owned(), db_url.clone()]);
        v
    };

    // The writer first: it applies the migrations, then the dedup tables are pre-loaded.
    let mut svcs: Vec<Svc> = Vec::new();
    let mut writer = spawn("writer", &bin_dir, &with_db(common.clone()), &extra("writer"), &logs)?;
    wait_healthy(&mut writer, Duration::from_secs(60)).await?;
    svcs.push(writer);
    if args.preload > 0 {
        preload(&db_url, args.preload, args.gen.seed).await?;
    }
    let mut normalizer = spawn(
        "normalizer",
        &bin_dir,
        &with_db(common.clone()),
        &extra("normalizer"),
        &logs,
    )?;
    wait_healthy(&mut normalizer, Duration::from_secs(60)).await?;
    svcs.push(normalizer);
    let mut extractor = spawn("extractor", &bin_dir, &common, &extra("extractor"), &logs)?;
    wait_healthy(&mut extractor, Duration::from_secs(60)).await?;
    svcs.push(extractor);

    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(&db_url)
        .await?;
    let has_mention_time = scalar_i64(
        &pool,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'event_mentions' AND column_name = 'written_at'",
    )
    .await?
        > 0;
    if pg_stats {
        sqlx::query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            .execute(&pool)
            .await?;
        sqlx::query("SELECT pg_stat_statements_reset()").execute(&pool).await?;
    }
    let tansu_pids = pids_matching(&broker.brokers);
    let pg_pids = || pids_matching(&db_name);

    // The source.
    let mut fetch_args = with_db(common.clone());
    fetch_args.extend([
        "--allow-net".to_owned(),
        "127.0.0.0/8".to_owned(),
        "--host-delay-ms".to_owned(),
        "0".to_owned(),
        "--concurrency".to_owned(),
        args.fetch_concurrency.to_string(),
    ]);
    let started = Instant::now();
    let mut publisher = None;
    let mut sites_handle = None;
    let expected: u64;
    let mut generated: BTreeMap<&str, usize> = BTreeMap::new();
    match args.mode {
        Mode::Feed => {
            let sites = server::start(settings.sites, args.feed_size).await?;
            let sources = tmp.path().join("sources.toml");
            std::fs::write(&sources, sources_toml(&sites.feed_urls(), args.feed_size))?;
            fetch_args.extend(["--sources".to_owned(), sources.display().to_string()]);
            let mut fetcher = spawn("fetcher", &bin_dir, &fetch_args, &extra("fetcher"), &logs)?;
            wait_healthy(&mut fetcher, Duration::from_secs(60)).await?;
            svcs.push(fetcher);
            let s2 = sites.clone();
            let gen = Generator::new(settings.clone());
            let (rate, count) = (args.rate, args.count);
            publisher = Some(tokio::spawn(async move {
                server::publish(&s2, gen, rate, count, std::future::pending()).await
            }));
            sites_handle = Some(sites);
            expected = args.count;
            eprintln!(
                "publishing {} articles at {}/s on {} sites",
                args.count, args.rate, settings.sites
            );
        }
        Mode::Files => {
            let dir = tmp.path().join("articles");
            let t = Instant::now();
            let files = server::write_files(
                &dir,
                Generator::new(settings.clone()),
                0.0,
                args.count,
                FileFormat::Mixed,
            )
            .await?;
            eprintln!("wrote {} files in {:.1} s", files.len(), t.elapsed().as_secs_f64());
            fetch_args.extend([
                "--once".to_owned(),
                "--no-progress".to_owned(),
                "--path".to_owned(),
                dir.display().to_string(),
                "--source-name".to_owned(),
                "loadgen-files".to_owned(),
            ]);
            let fetcher = spawn("fetcher", &bin_dir, &fetch_args, &extra("fetcher"), &logs)?;
            svcs.push(fetcher);
            expected = files.len() as u64;
            for (_, a) in &files {
                *generated.entry(a.kind.as_str()).or_default() += 1;
            }
        }
    }

    // Watch until every article is a row (or a dead letter), then until mentions settle.
    let cpu_start: BTreeMap<&str, f64> = svcs
        .iter()
        .map(|s| (s.name, cpu_secs(s.pid()).unwrap_or(0.0)))
        .collect();
    let tansu_cpu_start: f64 = tansu_pids.iter().filter_map(|p| cpu_secs(*p)).sum();
    let mut peak_rss: BTreeMap<&str, u64> = BTreeMap::new();
    let mut last_progress = Instant::now();
    let mut last_rows = -1i64;
    let mut last_mentions = -1i64;
    let mut still = 0;
    let mut timeline = Vec::new();
    let mut pg_cpu: BTreeMap<u32, f64> = BTreeMap::new();
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let rows = scalar_i64(&pool, "SELECT count(*) FROM articles").await?;
        let dead = scalar_i64(&pool, "SELECT count(*) FROM dead_letters").await?;
        // Counting mentions takes PostgreSQL time the pipeline needs: only every fifth
        // second while articles arrive, every second at the end (to see them settle).
        let publishing = publisher.as_ref().is_some_and(|p| !p.is_finished());
        let ending = !publishing && (rows + dead) as u64 >= expected;
        let mentions = if ending || timeline.len() % 5 == 0 {
            scalar_i64(&pool, "SELECT count(*) FROM event_mentions").await?
        } else {
            last_mentions.max(0)
        };
        let mut line = format!(
            "{:>5.0}s rows {rows:>6} dlq {dead:>4} mentions {mentions:>7}",
            started.elapsed().as_secs_f64()
        );
        if let Some(s) = &sites_handle {
            line.push_str(&format!(" published {:>6}", s.published_count()));
        }
        let mut consumed_now = serde_json::Map::new();
        for s in &mut svcs {
            if let Some(hwm) = proc_status_kb(s.pid(), "VmHWM:") {
                peak_rss.insert(s.name, hwm);
            }
            if s.name != "fetcher" {
                if let Some(c) = consumed(s.metrics_port).await {
                    line.push_str(&format!(" {}:{c}", &s.name[..4]));
                    consumed_now.insert(s.name.to_owned(), c.into());
                }
            }
        }
        for p in pg_pids() {
            if let Some(c) = cpu_secs(p) {
                pg_cpu.insert(p, c);
            }
        }
        eprintln!("{line}");
        timeline.push(serde_json::json!({
            "t": started.elapsed().as_secs_f64(), "rows": rows, "dead_letters": dead,
            "mentions": mentions, "consumed": consumed_now,
        }));
        if rows != last_rows {
            last_rows = rows;
            last_progress = Instant::now();
        }
        if ending {
            if mentions == last_mentions {
                still += 1;
            } else {
                still = 0;
            }
            if still >= 3 {
                break;
            }
        }
        last_mentions = mentions;
        if last_progress.elapsed() > Duration::from_secs(args.stall_secs) && !publishing {
            eprintln!(
                "no new row for {} s: stopping with {rows} of {expected}",
                args.stall_secs
            );
            break;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu: BTreeMap<&str, f64> = svcs
        .iter()
        .map(|s| {
            (
                s.name,
                cpu_secs(s.pid()).unwrap_or(0.0) - cpu_start.get(s.name).copied().unwrap_or(0.0),
            )
        })
        .collect();
    let tansu_cpu: f64 = tansu_pids.iter().filter_map(|p| cpu_secs(*p)).sum::<f64>() - tansu_cpu_start;
    let tansu_hwm: u64 = tansu_pids.iter().filter_map(|p| proc_status_kb(*p, "VmHWM:")).sum();
    for s in &svcs {
        if let Some(hwm) = proc_status_kb(s.pid(), "VmHWM:") {
            peak_rss.insert(s.name, hwm);
        }
    }

    // Figures from the database.
    let (n, first_fetch, t10, t90, last_write): (i64, f64, f64, f64, f64) = sqlx::query_as(
        "SELECT count(*),
                coalesce(extract(epoch FROM min(fetched_at))::float8, 0),
                coalesce(extract(epoch FROM percentile_disc(0.1) WITHIN GROUP (ORDER BY written_at))::float8, 0),
                coalesce(extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY written_at))::float8, 0),
                coalesce(extract(epoch FROM max(written_at))::float8, 0)
         FROM articles",
    )
    .fetch_one(&pool)
    .await?;
    let overall = if last_write > first_fetch {
        n as f64 / (last_write - first_fetch)
    } else {
        0.0
    };
    let sustained = if t90 > t10 { 0.8 * n as f64 / (t90 - t10) } else { 0.0 };
    let lat = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let r: (Option<f64>, Option<f64>, Option<f64>, Option<f64>, i64) =
                sqlx::query_as(sql).fetch_one(&pool).await?;
            anyhow::Ok(r)
        }
    };
    let article_lat = lat(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP (ORDER BY d),
                percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d), count(*)
         FROM (SELECT extract(epoch FROM written_at - fetched_at)::float8 AS d FROM articles) x",
    )
    .await?;
    let mention_lat = if has_mention_time {
        Some(
            lat(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP (ORDER BY d),
                        percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d), count(*)
                 FROM (SELECT extract(epoch FROM m.written_at - a.fetched_at)::float8 AS d
                       FROM event_mentions m JOIN articles a USING (article_id)) x",
            )
            .await?,
        )
    } else {
        None
    };
    let verdicts: Vec<(String, i64)> =
        sqlx::query_as("SELECT coalesce(dedup_verdict, 'none'), count(*) FROM articles GROUP BY 1 ORDER BY 1")
            .fetch_all(&pool)
            .await?;
    let languages: Vec<(String, i64)> =
        sqlx::query_as("SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 1")
            .fetch_all(&pool)
            .await?;
    let events = scalar_i64(&pool, "SELECT count(*) FROM events").await?;
    let mentions = scalar_i64(&pool, "SELECT count(*) FROM event_mentions").await?;
    let dead = scalar_i64(&pool, "SELECT count(*) FROM dead_letters").await?;
    if let Some(s) = &sites_handle {
        for p in s.published() {
            *generated.entry(p.article.kind.as_str()).or_default() += 1;
        }
    }
    let pg_cpu_total: f64 = pg_cpu.values().sum();
    let statements: Vec<(i64, f64, f64, String)> = if pg_stats {
        sqlx::query_as(
            "SELECT calls, total_exec_time, mean_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
             FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY total_exec_time DESC LIMIT 15",
        )
        .fetch_all(&pool)
        .await?
    } else {
        Vec::new()
    };

    for s in &mut svcs {
        stop(s);
    }
    if let Some(s) = &sites_handle {
        s.shutdown();
    }
    drop(pool);

    // Report.
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!("\n## sahel-e2e-bench: {:?} mode", args.mode);
    println!(
        "offered: {} articles{}, languages {}, near-dup share {}, exact-dup share {}, {} sites, seed {}; preloaded dedup rows: {}",
        args.count,
        if args.mode == Mode::Feed { format!(" at {}/s", args.rate) } else { String::new() },
        args.gen.langs,
        args.gen.near_dup_share,
        args.gen.exact_dup_share,
        settings.sites,
        args.gen.seed,
        args.preload
    );
    println!("generated: {generated:?}");
    println!(
        "rows: {n} articles ({} expected), {dead} dead letters, {mentions} mentions, {events} events",
        expected
    );
    println!("verdicts: {verdicts:?}; languages: {languages:?}");
    println!(
        "throughput: overall {overall:.1} articles/s (first fetch to last commit), sustained {sustained:.1} articles/s (middle 80 % of commits)"
    );
    let show = |name: &str, l: &(Option<f64>, Option<f64>, Option<f64>, Option<f64>, i64)| {
        println!(
            "latency {name}: p50 {:.3} s, p90 {:.3} s, p99 {:.3} s, max {:.3} s over {} rows",
            l.0.unwrap_or(f64::NAN),
            l.1.unwrap_or(f64::NAN),
            l.2.unwrap_or(f64::NAN),
            l.3.unwrap_or(f64::NAN),
            l.4
        )
    };
    show("fetch -> article row", &article_lat);
    match &mention_lat {
        Some(l) => show("fetch -> event-mention row", l),
        None => println!("latency fetch -> event-mention row: n/a (event_mentions has no written_at column)"),
    }
    println!("| process | peak RSS (VmHWM) | CPU s | CPU % of wall |");
    println!("| --- | --- | --- | --- |");
    for s in SERVICES {
        let c = cpu.get(s).copied().unwrap_or(0.0);
        println!(
            "| {s} | {:.1} MB | {c:.1} | {:.0} % |",
            mb(peak_rss.get(s).copied().unwrap_or(0)),
            100.0 * c / wall
        );
    }
    println!(
        "| tansu | {:.1} MB | {tansu_cpu:.1} | {:.0} % |",
        mb(tansu_hwm),
        100.0 * tansu_cpu / wall
    );
    println!(
        "| postgres backends of the run | - | {pg_cpu_total:.1} | {:.0} % |",
        100.0 * pg_cpu_total / wall
    );
    if !statements.is_empty() {
        println!("\nPostgreSQL time by statement (pg_stat_statements, top 15):\n");
        println!("| calls | total ms | mean ms | statement |");
        println!("| --- | --- | --- | --- |");
        for (calls, total, mean, q) in &statements {
            println!("| {calls} | {total:.0} | {mean:.2} | `{}` |", q.replace('|', "\\|"));
        }
    }
    println!("wall time {wall:.1} s; logs in {}", logs.display());

    if let Some(p) = &args.json {
        let lat_json = |l: &(Option<f64>, Option<f64>, Option<f64>, Option<f64>, i64)| serde_json::json!({"p50": l.0, "p90": l.1, "p99": l.2, "max": l.3, "rows": l.4});
        let out = serde_json::json!({
            "mode": format!("{:?}", args.mode), "rate": args.rate, "count": args.count,
            "preload": args.preload, "sites": settings.sites, "svc_args": args.svc_args,
            "rows": n, "expected": expected, "dead_letters": dead, "mentions": mentions, "events": events,
            "throughput": {"overall": overall, "sustained": sustained},
            "latency_article": lat_json(&article_lat),
            "latency_mention": mention_lat.as_ref().map(lat_json),
            "peak_rss_mb": peak_rss.iter().map(|(k, v)| (k.to_string(), serde_json::json!(mb(*v)))).collect::<serde_json::Map<_, _>>(),
            "cpu_secs": cpu.iter().map(|(k, v)| (k.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
            "tansu": {"peak_rss_mb": mb(tansu_hwm), "cpu_secs": tansu_cpu},
            "postgres_backends_cpu_secs": pg_cpu_total,
            "pg_statements": statements.iter().map(|(c, t, m, q)| serde_json::json!({"calls": c, "total_ms": t, "mean_ms": m, "query": q})).collect::<Vec<_>>(),
            "wall_secs": wall, "timeline": timeline,
        });
        std::fs::write(p, serde_json::to_string_pretty(&out)?)?;
    }
    drop(tmp);
    drop(broker);
    drop(pg);
    Ok(())
}
