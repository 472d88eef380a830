//! Test harness: a real PostgreSQL and a real Kafka-protocol broker (Tansu) for end-to-end
//! tests, each test with its own database, topics and consumer groups.
//!
//! - PostgreSQL: `SAHEL_TEST_DATABASE_URL` (an admin URL of a running server) if set, else a
//!   throwaway cluster made with the machine's `initdb`/`pg_ctl` in a temporary directory on a
//!   free port (run as the `postgres` user when the tests run as root, since PostgreSQL
//!   refuses to run as root).
//! - Broker: `SAHEL_TEST_KAFKA_BROKERS` if set, else a `tansu broker` child process with
//!   in-memory storage on a free port (`TANSU_BIN`, `~/.cargo/bin/tansu` or `tansu` on PATH).
//!
//! Both are stopped when dropped. [`stack`] runs the four services as child processes over
//! them (fault-injection tests).

pub mod stack;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{ClientConfig, TopicPartitionList};

/// A free TCP port on 127.0.0.1 (bound, then released).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn wait_for_port(port: u16, timeout: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + timeout;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("nothing listens on 127.0.0.1:{port} after {timeout:?}")
}

/// A short random suffix for names that must not collide between tests.
pub fn unique(prefix: &str) -> String {
    use rand::Rng;
    let n: u64 = rand::rng().random();
    format!("{prefix}{n:016x}")
}

/// Where a program is: an explicit environment variable, a list of candidate paths, or PATH.
fn find_program(env: &str, candidates: &[PathBuf], name: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = candidates.iter().find(|p| p.is_file()) {
        return Some(p.clone());
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn pg_bindir() -> anyhow::Result<PathBuf> {
    if let Some(d) = std::env::var_os("PG_BIN") {
        return Ok(PathBuf::from(d));
    }
    if let Some(initdb) = find_program("PG_INITDB", &[], "initdb") {
        if let Some(dir) = initdb
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        {
            return Ok(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path().join("bin"))
                .filter(|p| p.join("initdb").is_file())
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
        .pop()
        .context("PostgreSQL server binaries (initdb, pg_ctl) not found: run deploy/local/install.sh or set PG_BIN")
}

/// A PostgreSQL server for tests.
#[derive(Debug)]
pub struct Postgres {
    /// Admin connection URL (database `postgres`).
    pub admin_url: String,
    cluster: Option<Cluster>,
}

#[derive(Debug)]
struct Cluster {
    _dir: tempfile::TempDir,
    data: PathBuf,
    bindir: PathBuf,
    run_as: Option<String>,
    port: u16,
}

impl Cluster {
    fn command(&self, program: &str) -> Command {
        let bin = self.bindir.join(program);
        match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.arg("-u").arg(user).arg("--").arg(bin);
                c
            }
            None => Command::new(bin),
        }
    }

    fn pg_ctl(&self, args: &[&str]) -> anyhow::Result<()> {
        let out = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(args)
            .output()
            .context("running pg_ctl")?;
        if !out.status.success() {
            bail!(
                "pg_ctl {args:?} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    fn start(&self) -> anyhow::Result<()> {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            self.port,
            self.data.parent().map(|p| p.display().to_string()).unwrap_or_default()
        );
        let log = self.data.parent().map(|p| p.join("postgres.log")).unwrap_or_default();
        self.pg_ctl(&["-w", "-t", "60", "-o", &opts, "-l", &log.display().to_string(), "start"])
    }
}

impl Postgres {
    /// Starts a throwaway cluster, or uses `SAHEL_TEST_DATABASE_URL`.
    pub fn start() -> anyhow::Result<Self> {
        if let Ok(url) = std::env::var("SAHEL_TEST_DATABASE_URL") {
            return Ok(Self {
                admin_url: url,
                cluster: None,
            });
        }
        let bindir = pg_bindir()?;
        let dir = tempfile::Builder::new().prefix("sahel-pg-").tempdir()?;
        let data = dir.path().join("data");
        // PostgreSQL refuses to run as root: run it as the `postgres` system user then.
        let root = std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
        let run_as = if root { Some("postgres".to_owned()) } else { None };
        if root {
            let ids = |flag: &str| -> anyhow::Result<u32> {
                let out = Command::new("id").arg(flag).arg("postgres").output()?;
                if !out.status.success() {
                    bail!("tests run as root need a `postgres` system user (deploy/local/install.sh creates it)");
                }
                Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
            };
            std::os::unix::fs::chown(dir.path(), Some(ids("-u")?), Some(ids("-g")?))?;
        }
        let port = free_port()?;
        let cluster = Cluster {
            _dir: dir,
            data,
            bindir,
            run_as,
            port,
        };
        let out = cluster
            .command("initdb")
            .arg("-D")
            .arg(&cluster.data)
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .output()
            .context("running initdb")?;
        if !out.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        cluster.start()?;
        Ok(Self {
            admin_url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            cluster: Some(cluster),
        })
    }

    /// Creates a fresh database and returns its URL.
    pub async fn fresh_database(&self, name: &str) -> anyhow::Result<String> {
        self.create_database(name, "").await
    }

    /// [`Postgres::fresh_database`] with ICU's root collation, which sorts text unlike its
    /// bytes (`paper` before `Wire`): for code that must sort as the database does.
    pub async fn fresh_icu_database(&self, name: &str) -> anyhow::Result<String> {
        self.create_database(
            name,
            " LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C' TEMPLATE template0",
        )
        .await
    }

    async fn create_database(&self, name: &str, options: &str) -> anyhow::Result<String> {
        use sqlx::Connection as _;
        let mut c = sqlx::PgConnection::connect(&self.admin_url)
            .await
            .context("connecting as admin")?;
        sqlx::query(&format!("CREATE DATABASE \"{name}\"{options}"))
            .execute(&mut c)
            .await?;
        let base = self
            .admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&self.admin_url);
        Ok(format!("{base}/{name}"))
    }

    /// Stops and starts the server (fault-injection tests).
    pub fn restart(&self) -> anyhow::Result<()> {
        let c = self.cluster.as_ref().context("cannot restart an external server")?;
        c.pg_ctl(&["-w", "-m", "fast", "stop"])?;
        c.start()
    }

    /// Stops the server (fast shutdown: clients are disconnected); [`Postgres::start_again`]
    /// brings it back (fault-injection tests that keep it down for a while).
    pub fn stop(&self) -> anyhow::Result<()> {
        let c = self.cluster.as_ref().context("cannot stop an external server")?;
        c.pg_ctl(&["-w", "-m", "fast", "stop"])
    }

    /// Starts the server stopped by [`Postgres::stop`] again, on the same port.
    pub fn start_again(&self) -> anyhow::Result<()> {
        let c = self.cluster.as_ref().context("cannot start an external server")?;
        c.start()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(c) = &self.cluster {
            let _ = c.pg_ctl(&["-m", "immediate", "stop"]);
        }
    }
}

/// `url` with its user (and password) replaced by `role`, which logs in without a password: the
/// test clusters trust local connections. For the service roles of migration 0007
/// (`sahel_fetcher`, `sahel_normalizer`, `sahel_writer`).
pub fn url_as(url: &str, role: &str) -> anyhow::Result<String> {
    let (scheme, rest) = url.split_once("://").context("a URL with a scheme")?;
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    Ok(format!("{scheme}://{role}@{host}"))
}

/// A Kafka-protocol broker for tests.
#[derive(Debug)]
pub struct Broker {
    /// Bootstrap address.
    pub brokers: String,
    child: Option<Child>,
    _dir: Option<tempfile::TempDir>,
    /// How to start the child again ([`Broker::restart`]); `None` for an external broker.
    launch: Option<Launch>,
}

/// What a Tansu child process is started with.
#[derive(Debug, Clone)]
struct Launch {
    tansu: PathBuf,
    dir: PathBuf,
    port: u16,
    storage: String,
}

impl Launch {
    fn spawn(&self) -> anyhow::Result<Child> {
        let url = format!("tcp://127.0.0.1:{}", self.port);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("tansu.log"))?;
        let child = Command::new(&self.tansu)
            .current_dir(&self.dir)
            .args([
                "broker",
                "--listener-url",
                &url,
                "--advertised-listener-url",
                &url,
                "--storage-engine",
                &self.storage,
            ])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .context("starting tansu")?;
        Ok(child)
    }
}

impl Broker {
    /// Starts Tansu with in-memory storage, or uses `SAHEL_TEST_KAFKA_BROKERS`.
    pub fn start() -> anyhow::Result<Self> {
        Self::start_with("memory://tansu/")
    }

    /// Starts Tansu with durable storage (an SQLite file in its own directory, the libsql
    /// engine), so that topics, records and committed offsets survive [`Broker::restart`].
    /// Ignores `SAHEL_TEST_KAFKA_BROKERS`: a test that restarts the broker needs its own.
    pub fn start_durable() -> anyhow::Result<Self> {
        Self::spawn_tansu("sqlite://tansu.db")
    }

    fn start_with(storage: &str) -> anyhow::Result<Self> {
        if let Ok(b) = std::env::var("SAHEL_TEST_KAFKA_BROKERS") {
            return Ok(Self {
                brokers: b,
                child: None,
                _dir: None,
                launch: None,
            });
        }
        Self::spawn_tansu(storage)
    }

    fn spawn_tansu(storage: &str) -> anyhow::Result<Self> {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        let tansu = find_program("TANSU_BIN", &[home.join(".cargo/bin/tansu")], "tansu")
            .context("the Tansu broker is not installed: run deploy/local/install.sh (or set TANSU_BIN)")?;
        let dir = tempfile::Builder::new().prefix("sahel-tansu-").tempdir()?;
        let launch = Launch {
            tansu,
            dir: dir.path().to_path_buf(),
            port: free_port()?,
            storage: storage.to_owned(),
        };
        let child = launch.spawn()?;
        let b = Self {
            brokers: format!("127.0.0.1:{}", launch.port),
            child: Some(child),
            _dir: Some(dir),
            launch: Some(launch),
        };
        wait_for_port(b.port()?, Duration::from_secs(30))?;
        Ok(b)
    }

    fn port(&self) -> anyhow::Result<u16> {
        self.launch.as_ref().map(|l| l.port).context("an external broker")
    }

    /// Kills the broker (SIGKILL: no orderly shutdown) and starts it again on the same port
    /// with the same storage; returns once it listens. With [`Broker::start_durable`] the
    /// topics, records and committed offsets are still there; with memory storage they are
    /// gone.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill()?;
        self.start_again()
    }

    /// Kills the broker (SIGKILL) and waits for it to exit. [`Broker::start_again`] brings it
    /// back.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        let child = self.child.as_mut().context("cannot kill an external broker")?;
        child.kill()?;
        child.wait()?;
        self.child = None;
        Ok(())
    }

    /// Starts the killed broker again, on the same port and storage; returns once it listens.
    pub fn start_again(&mut self) -> anyhow::Result<()> {
        let launch = self.launch.clone().context("cannot start an external broker")?;
        if self.child.is_some() {
            bail!("the broker is running");
        }
        // The port was just released; binding it again can fail for a moment.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let mut child = launch.spawn()?;
            match wait_for_port(launch.port, Duration::from_secs(10)) {
                Ok(()) => {
                    self.child = Some(child);
                    return Ok(());
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    if Instant::now() > deadline {
                        return Err(e.context("restarting tansu"));
                    }
                }
            }
        }
    }

    /// The broker's log (stderr of every run), for failure messages.
    pub fn log(&self) -> String {
        self.launch
            .as_ref()
            .and_then(|l| std::fs::read_to_string(l.dir.join("tansu.log")).ok())
            .unwrap_or_default()
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Whether `group` has committed offsets at the end of every partition of `topics`.
pub fn caught_up(brokers: &str, group: &str, topics: &[String]) -> anyhow::Result<bool> {
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .create()?;
    let timeout = Duration::from_secs(5);
    let mut tpl = TopicPartitionList::new();
    let mut ends = Vec::new();
    for t in topics {
        let md = c.fetch_metadata(Some(t), timeout)?;
        for mt in md.topics() {
            for p in mt.partitions() {
                let (_, high) = c.fetch_watermarks(t, p.id(), timeout)?;
                tpl.add_partition(t, p.id());
                ends.push((t.clone(), p.id(), high));
            }
        }
    }
    let committed = c.committed_offsets(tpl, timeout)?;
    for (t, p, high) in ends {
        if high == 0 {
            continue;
        }
        let off = committed
            .find_partition(&t, p)
            .and_then(|e| e.offset().to_raw())
            .unwrap_or(-1);
        if off < high {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Polls `check` every 250 ms until it returns true or `timeout` passes.
pub async fn wait_until<F, Fut>(what: &str, timeout: Duration, mut check: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<bool>>,
{
    let deadline = Instant::now() + timeout;
    let mut last_err = None;
    while Instant::now() < deadline {
        match check().await {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(e) => last_err = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    match last_err {
        Some(e) => Err(e.context(format!("timed out after {timeout:?} waiting for {what}"))),
        None => bail!("timed out after {timeout:?} waiting for {what}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the writer's fault tests (tests/tests/writer_faults.rs).

/// Creates `topics` with `partitions` partitions (existing ones are left alone).
pub async fn create_topics(brokers: &str, topics: &[String], partitions: i32) -> anyhow::Result<()> {
    use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
    use rdkafka::client::DefaultClientContext;
    use rdkafka::types::RDKafkaErrorCode;
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new().set("bootstrap.servers", brokers).create()?;
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|t| NewTopic::new(t, partitions, TopicReplication::Fixed(1)))
        .collect();
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)));
    for r in admin.create_topics(&new, &opts).await? {
        match r {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((name, code)) => bail!("creating topic {name}: {code}"),
        }
    }
    Ok(())
}

/// Commits, for `group`, the end offset of every partition of `topics`: as if the group had
/// already processed everything on them (used to stand for a consumer that ran before).
pub fn commit_group_at_end(brokers: &str, group: &str, topics: &[String]) -> anyhow::Result<()> {
    use rdkafka::consumer::CommitMode;
    use rdkafka::Offset;
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .create()?;
    let timeout = Duration::from_secs(5);
    let mut tpl = TopicPartitionList::new();
    for t in topics {
        let md = c.fetch_metadata(Some(t), timeout)?;
        for mt in md.topics() {
            for p in mt.partitions() {
                let (_, high) = c.fetch_watermarks(t, p.id(), timeout)?;
                tpl.add_partition_offset(t, p.id(), Offset::Offset(high))?;
            }
        }
    }
    c.commit(&tpl, CommitMode::Sync)?;
    Ok(())
}

/// The `sahel-writer` binary of this build, built first if needed: the fault tests run the
/// writer as a child process so that they can kill it. See [`service_binaries`].
pub fn writer_binary() -> anyhow::Result<PathBuf> {
    service_binary("writer")
}

/// The binary of one service (`fetcher`, `normalizer`, `extractor` or `writer`, i.e.
/// `sahel-<service>`) of this build. All four are built together (see [`service_binaries`]):
/// one set of packages means one feature resolution, so builds for different tests never
/// undo each other.
pub fn service_binary(service: &str) -> anyhow::Result<PathBuf> {
    let all = ["fetcher", "normalizer", "extractor", "writer"];
    let i = all
        .iter()
        .position(|s| *s == service)
        .with_context(|| format!("no service named {service}"))?;
    service_binaries(&all)?
        .into_iter()
        .nth(i)
        .context("no binary was built")
}

/// The binaries `sahel-<service>` of these services, built first in one `cargo build` so that
/// they are never stale: the fault tests run services as child processes so that they can
/// kill them. They are looked up next to the test executable (`target/<profile>/`), and
/// `cargo build -p sahel-<service> --bin sahel-<service> ...` (`$CARGO`, else `cargo` on PATH)
/// runs first; `deploy/local/test.sh` builds the four before the tests (with the same set of
/// packages), so this is a no-op in CI.
pub fn service_binaries(services: &[&str]) -> anyhow::Result<Vec<PathBuf>> {
    let exe = std::env::current_exe()?;
    // target/<profile>/deps/<test exe>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .context("the test executable is not in target/<profile>/deps")?
        .to_path_buf();
    let target_dir = profile_dir.parent().context("no target directory")?.to_path_buf();
    let profile = profile_dir.file_name().and_then(|n| n.to_str()).unwrap_or("debug");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let names: Vec<String> = services.iter().map(|s| format!("sahel-{s}")).collect();
    let find = || -> anyhow::Result<Vec<PathBuf>> {
        names
            .iter()
            .map(|n| {
                let bin = profile_dir.join(n);
                if bin.is_file() {
                    Ok(bin)
                } else {
                    bail!("{} is missing after the build", bin.display())
                }
            })
            .collect()
    };
    // `SAHEL_E2E_PREBUILT=1`: the binaries were built by hand, use them as they are (a build
    // waits for the target directory's lock while another build holds it).
    if std::env::var_os("SAHEL_E2E_PREBUILT").is_some() {
        return find();
    }
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--quiet"]);
    for n in &names {
        cmd.args(["-p", n, "--bin", n]);
    }
    cmd.arg("--target-dir").arg(&target_dir);
    match profile {
        "debug" => {}
        "release" => {
            cmd.arg("--release");
        }
        other => {
            cmd.args(["--profile", other]);
        }
    }
    let out = cmd
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .with_context(|| format!("running cargo build for {names:?}"))?;
    if !out.status.success() {
        bail!(
            "cargo build of {names:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    find()
}

/// Commits for group `to` the offsets group `from` has committed on `topics` (partitions
/// without a committed offset are left without one): a consumer in `to` then resumes exactly
/// where `from` stopped. Used to restart a killed consumer without rejoining its old group,
/// which Tansu 0.6 cannot always rebalance while the dead member is still registered.
pub fn copy_group_offsets(brokers: &str, from: &str, to: &str, topics: &[String]) -> anyhow::Result<usize> {
    use rdkafka::consumer::CommitMode;
    let client = |group: &str| -> anyhow::Result<BaseConsumer> {
        Ok(ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", group)
            .set("enable.auto.commit", "false")
            .create()?)
    };
    let timeout = Duration::from_secs(5);
    let old = client(from)?;
    let mut tpl = TopicPartitionList::new();
    for t in topics {
        let md = old.fetch_metadata(Some(t), timeout)?;
        for mt in md.topics() {
            for p in mt.partitions() {
                tpl.add_partition(t, p.id());
            }
        }
    }
    let committed = old.committed_offsets(tpl, timeout)?;
    let mut copy = TopicPartitionList::new();
    for e in committed.elements() {
        if let Some(off) = e.offset().to_raw().filter(|o| *o >= 0) {
            copy.add_partition_offset(e.topic(), e.partition(), rdkafka::Offset::Offset(off))?;
        }
    }
    let n = copy.count();
    if n > 0 {
        client(to)?.commit(&copy, CommitMode::Sync)?;
    }
    Ok(n)
}

/// The writer's tables with their keys: what a replay must leave untouched.
pub const WRITER_TABLES: &[(&str, &str)] = &[
    ("sources", "name"),
    ("articles", "article_id"),
    ("events", "event_id"),
    ("event_mentions", "mention_id"),
    ("actors", "actor_id"),
    ("actor_aliases", "actor_id, alias"),
    ("places", "place_id"),
    ("article_extractions", "article_id"),
    ("dead_letters", "dedup_key"),
    ("event_aliases", "event_id"),
];

/// Every row of `tables` (name, key columns) as text with its xmin, in key order: equal
/// snapshots mean no row was written, not even with the same values.
pub async fn snapshot(pool: &sqlx::PgPool, tables: &[(&str, &str)]) -> anyhow::Result<Vec<String>> {
    use sqlx::Row as _;
    let mut out = Vec::new();
    for (table, key) in tables {
        let rows = sqlx::query(&format!(
            "SELECT t::text AS r, xmin::text AS x FROM {table} t ORDER BY {key}"
        ))
        .fetch_all(pool)
        .await?;
        for r in rows {
            out.push(format!(
                "{table}: {} @{}",
                r.get::<String, _>("r"),
                r.get::<String, _>("x")
            ));
        }
    }
    Ok(out)
}
