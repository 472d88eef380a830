//! The four services as child processes over one broker and one PostgreSQL, for
//! fault-injection tests (`tests/tests/faults.rs`): each instance can be SIGKILLed, stopped
//! with SIGTERM and started again with the same settings, and more instances of a consumer
//! can join its group.
//!
//! A [`Stack`] is one pipeline: its own topic prefix, database, input directory (watched by
//! the fetcher, which runs as a daemon scanning it every second with its crawl state in the
//! database), log directory and consumer groups. Several stacks can share a broker and a
//! server. Every process is killed when the stack is dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};

use crate::{caught_up, service_binaries};

/// The consumers' session timeout here (the services' default is 10 s). Tansu 0.6 forgets a
/// member that died without leaving only when a later group request finds its last heartbeat
/// older than the session timeout; until then a restarted instance in the same group waits
/// for a leader that is gone. With 10 s that wait was seen to last 13 s in one run and over a
/// minute in another; with 3 s, restarts in the same group resumed within about 5 s.
pub const SESSION_TIMEOUT: &str = "session.timeout.ms=3000";

/// The services, in pipeline order.
pub const SERVICES: [&str; 4] = ["fetcher", "normalizer", "extractor", "writer"];

/// The consumer services and the topics (without prefix) each one's group reads.
pub const CONSUMERS: [(&str, &[&str]); 3] = [
    ("normalizer", &["articles.raw"]),
    ("extractor", &["articles.clean"]),
    (
        "writer",
        &[
            "articles.clean",
            "events.extracted",
            "articles.raw.dlq",
            "articles.clean.dlq",
            "events.extracted.dlq",
        ],
    ),
];

/// One service process (an instance), which can be killed and started again.
#[derive(Debug)]
pub struct Instance {
    /// `writer`, `writer#2`, ...
    pub label: String,
    /// The service it runs.
    pub service: &'static str,
    bin: PathBuf,
    args: Vec<String>,
    log: PathBuf,
    child: Option<Child>,
    /// How many times it was started.
    pub starts: u32,
}

impl Instance {
    fn start(&mut self) -> anyhow::Result<()> {
        if self.child.is_some() {
            bail!("{} is already running", self.label);
        }
        self.starts += 1;
        let mut log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log)?;
        std::io::Write::write_all(
            &mut log,
            format!("===== start {} of {}: {:?}\n", self.starts, self.label, self.args).as_bytes(),
        )?;
        let child = Command::new(&self.bin)
            .args(&self.args)
            // Nothing from the caller's environment (KAFKA_GROUP_ID, DATABASE_URL, ...) leaks in.
            .env_clear()
            .envs(std::env::var_os("PATH").map(|p| ("PATH", p)))
            .env("RUST_LOG", "info")
            .env("LOG_FORMAT", "text")
            .stdin(Stdio::null())
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .spawn()
            .with_context(|| format!("starting {}", self.bin.display()))?;
        self.child = Some(child);
        Ok(())
    }

    /// SIGKILL: no shutdown, no final commit. Fails if the process had already exited.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        let mut child = self
            .child
            .take()
            .with_context(|| format!("{} is not running", self.label))?;
        if let Some(status) = child.try_wait()? {
            bail!("{} had already exited ({status}):\n{}", self.label, self.log_tail(3000));
        }
        child.kill()?;
        child.wait()?;
        Ok(())
    }

    /// SIGTERM, then waits up to `timeout` for the orderly shutdown (drain, final commit);
    /// SIGKILL and an error if it does not exit in time.
    pub fn terminate(&mut self, timeout: Duration) -> anyhow::Result<ExitStatus> {
        let mut child = self
            .child
            .take()
            .with_context(|| format!("{} is not running", self.label))?;
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status()
            .context("running kill -TERM")?;
        if !sent.success() {
            bail!("kill -TERM {} failed", child.id());
        }
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "{} did not stop within {timeout:?} of SIGTERM:\n{}",
                    self.label,
                    self.log_tail(3000)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the process runs; an error (with the log) if it exited by itself.
    pub fn check_running(&mut self) -> anyhow::Result<bool> {
        let Some(child) = self.child.as_mut() else {
            return Ok(false);
        };
        match child.try_wait()? {
            None => Ok(true),
            Some(status) => bail!("{} exited by itself ({status}):\n{}", self.label, self.log_tail(4000)),
        }
    }

    /// The last `max` characters of the instance's log (every start appends to it).
    pub fn log_tail(&self, max: usize) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let start = log.char_indices().rev().nth(max).map(|(i, _)| i).unwrap_or(0);
        log[start..].to_owned()
    }

    /// The whole log.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sets `--group-id` for the next start (the default group is `<prefix><service>`).
    pub fn set_group(&mut self, group: &str) {
        if let Some(i) = self.args.iter().position(|a| a == "--group-id") {
            self.args.truncate(i);
        }
        self.args.extend(["--group-id".to_owned(), group.to_owned()]);
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One pipeline of child processes; see the module documentation.
#[derive(Debug)]
pub struct Stack {
    /// Bootstrap address of the broker.
    pub brokers: String,
    /// Topic prefix (ends with a dot).
    pub prefix: String,
    /// The pipeline's database.
    pub db_url: String,
    /// The directory the fetcher scans; [`Stack::put`] writes into it.
    pub input: PathBuf,
    /// Logs: `<label>.log` per instance.
    pub logs: PathBuf,
    bins: BTreeMap<&'static str, PathBuf>,
    instances: Vec<Instance>,
    /// The consumer group of each consumer service (changed by [`Stack::move_group`]).
    groups: BTreeMap<&'static str, String>,
    /// Extra librdkafka settings (`key=value`) every service gets; see [`Stack::new`].
    pub kafka_options: Vec<String>,
    /// Extra arguments per service (`--flag=value`), appended to its others.
    pub service_args: BTreeMap<&'static str, Vec<String>>,
    /// Removed on drop, unless `SAHEL_KEEP_STACK_LOGS` is set (then its path is printed).
    _dir: Option<tempfile::TempDir>,
}

impl Stack {
    /// A pipeline over `brokers` and `db_url` with topics under `prefix`; nothing runs yet.
    /// Builds the service binaries if they are stale. Every service gets [`SESSION_TIMEOUT`];
    /// `SAHEL_STACK_KAFKA_OPTIONS` (comma-separated `key=value`, applied after it) adds
    /// librdkafka settings, for diagnosis (`debug=cgrp`) or experiments
    /// (`session.timeout.ms=10000`).
    pub fn new(brokers: &str, db_url: &str, prefix: &str) -> anyhow::Result<Self> {
        // Built (or found fresh) once per test process: a test that starts several stacks
        // waits for cargo once.
        static BINS: std::sync::OnceLock<Result<Vec<PathBuf>, String>> = std::sync::OnceLock::new();
        let bins = BINS
            .get_or_init(|| service_binaries(&SERVICES).map_err(|e| format!("{e:#}")))
            .clone()
            .map_err(anyhow::Error::msg)?;
        let dir = tempfile::Builder::new().prefix("sahel-stack-").tempdir()?;
        let input = dir.path().join("input");
        let logs = dir.path().join("logs");
        std::fs::create_dir_all(&input)?;
        std::fs::create_dir_all(&logs)?;
        Ok(Self {
            brokers: brokers.to_owned(),
            prefix: prefix.to_owned(),
            db_url: db_url.to_owned(),
            // The fetcher records canonical paths: give it one (no symlinked /tmp surprises).
            input: input.canonicalize()?,
            logs,
            bins: SERVICES.iter().copied().zip(bins).collect(),
            instances: Vec::new(),
            kafka_options: std::iter::once(SESSION_TIMEOUT.to_owned())
                .chain(
                    std::env::var("SAHEL_STACK_KAFKA_OPTIONS")
                        .unwrap_or_default()
                        .split(',')
                        .filter(|o| !o.is_empty())
                        .map(str::to_owned),
                )
                .collect(),
            groups: CONSUMERS.iter().map(|(s, _)| (*s, format!("{prefix}{s}"))).collect(),
            service_args: BTreeMap::new(),
            _dir: if std::env::var_os("SAHEL_KEEP_STACK_LOGS").is_some() {
                eprintln!("stack {prefix}: logs kept in {}", dir.keep().display());
                None
            } else {
                Some(dir)
            },
        })
    }

    /// A topic's full name.
    pub fn topic(&self, base: &str) -> String {
        format!("{}{base}", self.prefix)
    }

    fn args(&self, service: &str) -> Vec<String> {
        let mut a: Vec<String> = vec![
            "--kafka-brokers".into(),
            self.brokers.clone(),
            "--topic-prefix".into(),
            self.prefix.clone(),
            "--http-addr".into(),
            "127.0.0.1:0".into(),
        ];
        if service != "extractor" {
            a.extend(["--database-url".into(), self.db_url.clone()]);
        }
        for o in &self.kafka_options {
            a.extend(["--kafka-option".into(), o.clone()]);
        }
        if service == "fetcher" {
            a.extend(
                [
                    "--path",
                    &self.input.display().to_string(),
                    "--source-name",
                    "corpus",
                    "--interval-secs",
                    "1",
                    "--no-progress",
                ]
                .map(str::to_owned),
            );
        } else {
            // Small batches so that a kill lands between batches, and short retry pauses so
            // that an outage ends in seconds rather than the production default's 30 s.
            a.extend(
                [
                    "--batch-size",
                    "16",
                    "--batch-linger-ms",
                    "20",
                    "--retry-base-ms",
                    "100",
                    "--retry-max-ms",
                    "1000",
                    "--shutdown-deadline-ms",
                    "5000",
                ]
                .map(str::to_owned),
            );
        }
        if let Some(extra) = self.service_args.get(service) {
            a.extend(extra.iter().cloned());
        }
        a
    }

    /// Starts a new instance of `service` (labelled `service`, then `service#2`, ...) in the
    /// service's current group; returns its label.
    pub fn spawn(&mut self, service: &'static str) -> anyhow::Result<String> {
        let n = self.instances.iter().filter(|i| i.service == service).count();
        let label = if n == 0 {
            service.to_owned()
        } else {
            format!("{service}#{}", n + 1)
        };
        let bin = self
            .bins
            .get(service)
            .with_context(|| format!("no such service: {service}"))?
            .clone();
        let mut inst = Instance {
            label: label.clone(),
            service,
            bin,
            args: self.args(service),
            log: self.logs.join(format!("{}.log", label.replace('#', "-"))),
            child: None,
            starts: 0,
        };
        if let Some(g) = self.groups.get(service) {
            inst.set_group(g);
        }
        inst.start()?;
        self.instances.push(inst);
        Ok(label)
    }

    /// Starts one instance of each service, consumers first.
    pub fn spawn_all(&mut self) -> anyhow::Result<()> {
        for s in ["writer", "extractor", "normalizer", "fetcher"] {
            self.spawn(s)?;
        }
        Ok(())
    }

    /// The instance labelled `label`.
    pub fn instance(&mut self, label: &str) -> anyhow::Result<&mut Instance> {
        self.instances
            .iter_mut()
            .find(|i| i.label == label)
            .with_context(|| format!("no instance {label}"))
    }

    /// Every instance.
    pub fn instances(&self) -> &[Instance] {
        &self.instances
    }

    /// SIGKILLs `label`.
    pub fn kill(&mut self, label: &str) -> anyhow::Result<()> {
        self.instance(label)?.kill()
    }

    /// Starts `label` again, with the same settings (and its service's current group).
    pub fn restart(&mut self, label: &str) -> anyhow::Result<()> {
        let service = self.instance(label)?.service;
        let group = self.groups.get(service).cloned();
        let inst = self.instance(label)?;
        if let Some(g) = group {
            inst.set_group(&g);
        }
        inst.start()
    }

    /// Makes `service`'s group rebalance by stopping (SIGTERM) and starting again its
    /// last running instance, when it has more than one: the remedy for a Tansu 0.6 group
    /// that left a partition without an owner (see [`SESSION_TIMEOUT`]), as an orchestrator
    /// restarting a lagging replica would apply it. Returns the label restarted, if any.
    pub fn nudge(&mut self, service: &str) -> anyhow::Result<Option<String>> {
        let mut running = Vec::new();
        for i in &mut self.instances {
            if i.service == service && i.check_running()? {
                running.push(i.label.clone());
            }
        }
        let Some(label) = running.last().filter(|_| running.len() > 1).cloned() else {
            return Ok(None);
        };
        self.terminate(&label)?;
        self.restart(&label)?;
        Ok(Some(label))
    }

    /// Stops `label` with SIGTERM (see [`Instance::terminate`]); an error unless it exits 0.
    pub fn terminate(&mut self, label: &str) -> anyhow::Result<()> {
        let inst = self.instance(label)?;
        let status = inst.terminate(Duration::from_secs(30))?;
        if !status.success() {
            bail!("{label} exited with {status} after SIGTERM:\n{}", inst.log_tail(3000));
        }
        Ok(())
    }

    /// Stops every running instance with SIGTERM, fetcher first; an error names the first
    /// one that did not exit cleanly (the others are stopped anyway).
    pub fn terminate_all(&mut self) -> anyhow::Result<()> {
        let mut first_err = None;
        for s in SERVICES {
            let labels: Vec<String> = self
                .instances
                .iter()
                .filter(|i| i.service == s && i.child.is_some())
                .map(|i| i.label.clone())
                .collect();
            for l in labels {
                if let Err(e) = self.terminate(&l) {
                    first_err.get_or_insert(e);
                }
            }
        }
        first_err.map_or(Ok(()), Err)
    }

    /// An error (with the log) if an instance that should run has exited by itself.
    pub fn check_running(&mut self) -> anyhow::Result<()> {
        for i in &mut self.instances {
            i.check_running()?;
        }
        Ok(())
    }

    /// Moves `service` to a new consumer group holding the offsets its current group
    /// committed (for the Tansu workaround; see [`crate::copy_group_offsets`]); instances
    /// started afterwards join the new group. Returns the new group.
    pub fn move_group(&mut self, service: &'static str) -> anyhow::Result<String> {
        let (_, topics) = CONSUMERS
            .iter()
            .find(|(s, _)| *s == service)
            .with_context(|| format!("{service} is not a consumer"))?;
        let topics: Vec<String> = topics.iter().map(|t| self.topic(t)).collect();
        let old = self.groups.get(service).cloned().context("no group")?;
        let new = crate::unique(&format!("{old}.moved."));
        crate::copy_group_offsets(&self.brokers, &old, &new, &topics)?;
        self.groups.insert(service, new.clone());
        Ok(new)
    }

    /// The consumer group of `service` now.
    pub fn group(&self, service: &str) -> Option<&str> {
        self.groups.get(service).map(String::as_str)
    }

    /// Whether every consumer group has committed the end of every partition it reads.
    pub fn all_caught_up(&self) -> anyhow::Result<bool> {
        Ok(self.lagging()?.is_empty())
    }

    /// The consumer services whose group has not committed the end of every partition it
    /// reads, in pipeline order.
    pub fn lagging(&self) -> anyhow::Result<Vec<&'static str>> {
        let mut out = Vec::new();
        for (service, topics) in CONSUMERS {
            let topics: Vec<String> = topics.iter().map(|t| self.topic(t)).collect();
            let group = self.groups.get(service).context("no group")?;
            if !caught_up(&self.brokers, group, &topics)? {
                out.push(service);
            }
        }
        Ok(out)
    }

    /// Writes a file into the input directory atomically (a hidden temporary file renamed
    /// into place, so the fetcher never reads half a file); returns its canonical path.
    pub fn put(&self, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
        let tmp = self.input.join(format!(".{name}.part"));
        std::fs::write(&tmp, bytes)?;
        let path = self.input.join(name);
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// Every instance's log tail, for failure messages.
    pub fn logs_tail(&self, max_each: usize) -> String {
        self.instances
            .iter()
            .map(|i| format!("----- {} (started {}x)\n{}", i.label, i.starts, i.log_tail(max_each)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The input directory's path for a file name.
    pub fn input_path(&self, name: &str) -> PathBuf {
        self.input.join(name)
    }

    /// Where the logs are (kept only while the stack lives).
    pub fn logs_dir(&self) -> &Path {
        &self.logs
    }
}
