//! wasmcloud-host: the thinnest program that runs one component the way wasmCloud's runtime
//! library, crates.io `wash-runtime` 0.1.0, runs it: a host (HostBuilder), a workload
//! (WorkloadStartRequest), and wash-runtime's own HTTP server plugin. Everything the guest sees
//! is wash-runtime's doing; this file only turns a command line into a workload and reports how
//! the workload ended, because wash-runtime has no command-line entry of its own.
//!
//!   wasmcloud-host --version
//!   wasmcloud-host serve --addr 127.0.0.1:PORT [--compile-cache DIR] [--env K=V]... COMPONENT
//!   wasmcloud-host run [--compile-cache DIR] [--env K=V]... [--dir HOST::GUEST]... COMPONENT
//!   wasmcloud-host compile --compile-cache DIR COMPONENT
//!
//! --compile-cache switches on wasmtime's own compiled-code cache (in DIR/code) in the engine
//! handed to wash-runtime (EngineBuilder::with_config), which compiles every workload afresh
//! otherwise. `compile` only fills it, compiling as wash-runtime does (Component::new on that engine).
//!
//! `run` deploys the component as the workload's service (wasi:cli/run, run once, no restarts).
//! There is no way to pass it arguments or stdin: wash-runtime builds a service's WasiCtx from
//! the environment and inherited stdout/stderr only (ResolvedWorkload::new_service_store).

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};
use tokio::sync::oneshot;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use wash_runtime::engine::Engine;
use wash_runtime::host::{HostApi, HostBuilder};
use wash_runtime::plugin::wasi_http::HttpServer;
use wash_runtime::types::{
    Component, HostPathVolume, LocalResources, Service, Volume, VolumeMount, VolumeType, Workload,
    WorkloadStartRequest,
};
use wash_runtime::wit::WitInterface;

/// The smallest valid component (preamble only: magic, version 0x0d, layer 1). It carries the
/// workload's volume mounts: wash-runtime 0.1.0 preopens in a service's store the mounts of the
/// workload's *components*, never the service's own (new_service_store iterates `components`).
const MOUNT_CARRIER: &[u8] = b"\0asm\x0d\x00\x01\x00";

/// The compile cache's size past which its hourly cleanup deletes the least recently used entries.
/// wasmtime's default, 512 MiB, is less than a full run's components compiled: 149 of them, 46 of
/// them language runtimes (compiled and compressed, a 32.6 MB Ruby component is 37 MB, a 15.6 MB
/// JS one 22 MB).
const CACHE_LIMIT: &str = "4Gi";

/// Exit status when the service failed without exiting (a trap, a failed instantiation).
const FAILED: i32 = 70;

enum Mode {
    Serve(SocketAddr),
    Run,
    Compile,
}

struct Args {
    mode: Mode,
    component: String,
    env: HashMap<String, String>,
    dirs: Vec<(String, String)>,
    compile_cache: Option<PathBuf>,
}

fn parse(argv: &[String]) -> anyhow::Result<Args> {
    let (mode, rest) = match argv.first().map(String::as_str) {
        Some("serve") => (Mode::Serve("127.0.0.1:8080".parse()?), &argv[1..]),
        Some("run") => (Mode::Run, &argv[1..]),
        Some("compile") => (Mode::Compile, &argv[1..]),
        _ => bail!("usage: wasmcloud-host (serve --addr ADDR | run | compile) [--compile-cache DIR] [--env K=V]... [--dir HOST::GUEST]... COMPONENT"),
    };
    let mut args = Args { mode, component: String::new(), env: HashMap::new(), dirs: Vec::new(), compile_cache: None };
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--addr" => args.mode = Mode::Serve(value()?.parse().context("--addr")?),
            "--compile-cache" => args.compile_cache = Some(value()?.into()),
            "--env" => {
                let (k, v) = value()?.split_once('=').context("--env wants K=V")?;
                args.env.insert(k.to_string(), v.to_string());
            }
            "--dir" => {
                let (host, guest) = value()?.split_once("::").context("--dir wants HOST::GUEST")?;
                args.dirs.push((host.to_string(), guest.to_string()));
            }
            _ if a.starts_with("--") => bail!("unknown option {a}"),
            _ if args.component.is_empty() => args.component = a.clone(),
            // wash-runtime has nowhere to put guest arguments (see the header).
            _ => bail!("unexpected argument {a}: a wash-runtime service takes no arguments"),
        }
    }
    if args.component.is_empty() {
        bail!("no component given");
    }
    if !matches!(args.mode, Mode::Run) && !args.dirs.is_empty() {
        bail!("--dir is for run");
    }
    if matches!(args.mode, Mode::Compile) && args.compile_cache.is_none() {
        bail!("compile needs --compile-cache");
    }
    Ok(args)
}

/// How the service ended, as wash-runtime logs it: its spawned task's result is not returned to
/// the embedder (the JoinHandle is private), only traced ("service executed successfully" /
/// "service execution failed" with the error). Warnings and errors of wash-runtime are echoed
/// to stderr: they are the runtime's own account of what went wrong.
type Ending = Result<(), String>;

struct Watch {
    ended: Mutex<Option<oneshot::Sender<Ending>>>,
}

#[derive(Default)]
struct Fields {
    message: String,
    rest: Vec<(String, String)>,
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        if field.name() == "message" {
            self.message = text;
        } else {
            self.rest.push((field.name().to_string(), text));
        }
    }
}

impl<S: Subscriber> Layer<S> for Watch {
    fn enabled(&self, meta: &Metadata<'_>, _: Context<'_, S>) -> bool {
        meta.target().starts_with("wash_runtime") && *meta.level() <= Level::INFO
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut f = Fields::default();
        event.record(&mut f);
        let level = *event.metadata().level();
        if level <= Level::WARN {
            let fields: Vec<String> = f.rest.iter().map(|(k, v)| format!("{k}={v}")).collect();
            eprintln!("wash-runtime {level}: {} {}", f.message, fields.join(" "));
        }
        let ending = match f.message.as_str() {
            "service executed successfully" => Some(Ok(())),
            "service execution failed" => {
                Some(Err(f.rest.iter().find(|(k, _)| k == "err").map(|(_, v)| v.clone()).unwrap_or_default()))
            }
            // workload_start swallows a failed pre-instantiation of the service and only warns.
            "service did not properly execute" => Some(Err(f.message.clone())),
            _ => None,
        };
        if let Some(e) = ending
            && let Some(tx) = self.ended.lock().unwrap().take()
        {
            let _ = tx.send(e);
        }
    }
}

fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

#[tokio::main]
async fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("--version") {
        // The version wash-runtime reports of itself (HostHeartbeat::version is its CARGO_PKG_VERSION).
        match version().await {
            Ok(v) => println!("wasmcloud-host {} (wash-runtime {v})", env!("CARGO_PKG_VERSION")),
            Err(e) => {
                eprintln!("wasmcloud-host: {e:#}");
                exit(FAILED)
            }
        }
        return;
    }
    let args = match parse(&argv) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("wasmcloud-host: {e:#}");
            exit(2)
        }
    };
    let (tx, rx) = oneshot::channel();
    let watch = Watch { ended: Mutex::new(Some(tx)) };
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(watch)).expect("one subscriber");
    let code = match go(args, rx).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("wasmcloud-host: {e:#}");
            FAILED
        }
    };
    exit(code)
}

async fn version() -> anyhow::Result<String> {
    let host = HostBuilder::new().with_engine(Engine::builder().build()?).build()?.start().await?;
    Ok(host.heartbeat().await?.version)
}

/// The engine of every mode: `compile` must hash its settings as `run` and `serve` do, or the
/// cache entry it writes is never found.
fn engine(compile_cache: Option<&Path>) -> anyhow::Result<Engine> {
    let mut config = wasmtime::Config::new();
    if let Some(dir) = compile_cache {
        config.cache_config_load(cache_config(dir)?)?;
    }
    // wasmtime's on-demand allocator, which wash-runtime picks itself where the machine cannot
    // reserve 4 TiB. Its default elsewhere, the pooling allocator, maps 1000 async stacks of 2 MiB
    // writable up front (2 GiB): more than any per-process data limit near a guest's cap allows
    // ("failed to create stack pool mapping"), and nothing a single guest needs.
    Engine::builder().with_config(config).with_pooling_allocator(false).build()
}

/// wasmtime 31 reads a cache configuration from a file only: DIR/config.toml, beside (not in)
/// the cache folder, whose cleanup deletes files it does not recognise.
fn cache_config(dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let dir = std::path::absolute(dir)?;
    let code = dir.join("code");
    let code = code.to_str().filter(|c| !c.contains(['\'', '\n'])).context("--compile-cache: a path TOML can quote")?;
    let text = format!("[cache]\nenabled = true\ndirectory = '{code}'\nfiles-total-size-soft-limit = '{CACHE_LIMIT}'\n");
    let file = dir.join("config.toml");
    // Written whole and renamed: cells running at once each write the same text.
    let tmp = dir.join(format!(".config.toml.{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &file)?;
    Ok(file)
}

async fn go(args: Args, ended: oneshot::Receiver<Ending>) -> anyhow::Result<i32> {
    let bytes = std::fs::read(&args.component).with_context(|| format!("reading {}", args.component))?;
    let engine = engine(args.compile_cache.as_deref())?;
    if let Mode::Compile = args.mode {
        // As wash-runtime compiles a workload's service or component (engine/mod.rs, Component::new).
        wash_runtime::wasmtime::component::Component::new(engine.inner(), &bytes)?;
        return Ok(0);
    }
    let cached = args.compile_cache.is_some();
    let resources = LocalResources { environment: args.env, ..Default::default() };
    let mut builder = HostBuilder::new().with_engine(engine.clone());
    let mut workload = Workload {
        namespace: "wasi-matrix".into(),
        name: "guest".into(),
        annotations: HashMap::new(),
        service: None,
        components: vec![],
        host_interfaces: vec![],
        volumes: vec![],
    };
    match args.mode {
        Mode::Serve(addr) => {
            // wash-runtime's HTTP server routes by Host header; a component bound without a
            // `host` config answers every host ("*").
            builder = builder.with_plugin(Arc::new(HttpServer::new(addr)))?;
            workload.host_interfaces.push(WitInterface::from("wasi:http/incoming-handler"));
            workload.components.push(Component { bytes: bytes.into(), local_resources: resources, pool_size: 0, max_invocations: 0 });
        }
        Mode::Run => {
            let mut mounts = Vec::new();
            for (i, (host, guest)) in args.dirs.into_iter().enumerate() {
                let name = format!("dir{i}");
                workload.volumes.push(Volume { name: name.clone(), volume_type: VolumeType::HostPath(HostPathVolume { local_path: host }) });
                mounts.push(VolumeMount { name, mount_path: guest, read_only: false });
            }
            if !mounts.is_empty() {
                let carrier = LocalResources { volume_mounts: mounts, ..Default::default() };
                workload.components.push(Component { bytes: MOUNT_CARRIER.into(), local_resources: carrier, pool_size: 0, max_invocations: 0 });
            }
            workload.service = Some(Service { bytes: bytes.into(), local_resources: resources, max_restarts: 0 });
        }
        Mode::Compile => unreachable!("compiled above"),
    }
    let host = builder.build()?;
    if let Mode::Serve(addr) = args.mode {
        // The workload is bound before the host starts its plugins: HttpServer binds its listener
        // in start(), and a request that arrives before the component is bound gets 404 ("No
        // workload bound to host header or wildcard '*'"). So the port accepts only when it can answer.
        let started = host.workload_start(WorkloadStartRequest { workload }).await?;
        let _host = host.start().await?;
        eprintln!("wasmcloud-host: workload {} serving on http://{addr}", started.workload_status.workload_id);
        // Served until the harness stops the process.
        return std::future::pending().await;
    }
    let host = host.start().await?;
    let service = workload.service.as_ref().map(|s| s.bytes.clone());
    let t0 = std::time::Instant::now();
    host.workload_start(WorkloadStartRequest { workload }).await?;
    let compile = t0.elapsed();
    match ended.await.context("the service ended without wash-runtime saying how")? {
        Ok(()) => Ok(0),
        Err(e) => {
            // wasi:cli/exit reaches wash-runtime as wasmtime-wasi's I32Exit error.
            if let Some(code) = e.strip_prefix("Exited with i32 exit status ").and_then(|c| c.trim().parse().ok()) {
                return Ok(code);
            }
            if e == "service did not properly execute"
                && let Some(bytes) = service
            {
                // Saying why compiles the component a second time: not worth a cell's time limit
                // for a large component (a JS engine's took 15-30 s to deploy on a busy machine)
                // unless the compile cache has it from the first.
                let why = if cached || compile.as_secs() < 10 {
                    why_not_started(&engine, &bytes)
                } else {
                    format!("(why not repeated: deploying took {} s, and saying why compiles it again)", compile.as_secs())
                };
                eprintln!("wasmcloud-host: service failed: {e}: {why}");
                return Ok(FAILED);
            }
            eprintln!("wasmcloud-host: service failed: {e}");
            // wash-runtime logs the error's outermost context only: under "error while executing
            // at wasm backtrace" a wasi:cli/exit (I32Exit, whatever its status) and a trap read alike.
            eprintln!("wasmcloud-host: wash-runtime reported no exit status");
            Ok(FAILED)
        }
    }
}

/// workload_start swallows the error of a service that cannot be pre-instantiated (execute_service
/// matches only `Ok(pre)`) and just warns "service did not properly execute". This repeats the
/// linker wash-runtime builds for a service (Engine::initialize_service: wasmtime-wasi's
/// add_to_linker_async, then wasmtime-wasi-http's add_only_http_to_linker_async, then
/// instantiate_pre and CommandPre::new) on the same engine, only to print the error it dropped.
fn why_not_started(engine: &Engine, bytes: &[u8]) -> String {
    use wash_runtime::engine::ctx::Ctx;
    use wash_runtime::wasmtime::component::{Component, Linker};
    let attempt = || -> anyhow::Result<()> {
        let component = Component::new(engine.inner(), bytes)?;
        let mut linker: Linker<Ctx> = Linker::new(engine.inner());
        wasmtime_wasi::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::add_only_http_to_linker_async(&mut linker)?;
        let pre = linker.instantiate_pre(&component)?;
        wasmtime_wasi::bindings::CommandPre::new(pre)?;
        Ok(())
    };
    match attempt() {
        Ok(()) => "(its linker, rebuilt here, accepts the component)".to_string(),
        Err(e) => format!("{e:#}"),
    }
}
