//! A tiny HTTP/1.1 server on 127.0.0.1 for tests: each test starts its
//! own, answers from a closure, and the server stops when dropped (and in
//! any case after a minute). Shared with the integration tests through
//! `#[path]`. Every loop in it is bounded.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a client asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send the body a byte at a time, this far apart.
    pub dribble: Option<Duration>,
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            ..Reply::default()
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
    pub requests: Arc<Mutex<Vec<Request>>>,
    /// The most connections that were being answered at once.
    pub max_concurrent: Arc<AtomicUsize>,
    /// Bytes of bodies sent so far, over all connections.
    pub body_bytes_sent: Arc<AtomicUsize>,
}

/// The longest a test server lives, whatever the test does.
const LIFETIME: Duration = Duration::from_secs(60);

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let max_concurrent = Arc::new(AtomicUsize::new(0));
        let body_bytes_sent = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let shared = (
            Arc::clone(&stop),
            Arc::clone(&requests),
            Arc::clone(&max_concurrent),
            Arc::clone(&body_bytes_sent),
        );
        let accept = std::thread::spawn(move || {
            let (stop, requests, max, sent) = shared;
            let open = Arc::new(AtomicUsize::new(0));
            let started = Instant::now();
            while !stop.load(Ordering::Relaxed) && started.elapsed() < LIFETIME {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (h, r, s, o, m, b) = (
                            Arc::clone(&handler),
                            Arc::clone(&requests),
                            Arc::clone(&stop),
                            Arc::clone(&open),
                            Arc::clone(&max),
                            Arc::clone(&sent),
                        );
                        std::thread::spawn(move || {
                            let now = o.fetch_add(1, Ordering::SeqCst) + 1;
                            m.fetch_max(now, Ordering::SeqCst);
                            // Open until the reply starts: once the client
                            // has it whole it may connect again, before this
                            // thread is done, and that is not two at once.
                            let replying = || {
                                o.fetch_sub(1, Ordering::SeqCst);
                            };
                            let _ = serve(stream, &*h, &r, &s, &b, replying);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server {
            addr,
            stop,
            accept: Some(accept),
            requests,
            max_concurrent,
            body_bytes_sent,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn request(&self, n: usize) -> Request {
        self.requests.lock().unwrap()[n].clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
    sent: &AtomicUsize,
    replying: impl FnOnce(),
) -> std::io::Result<()> {
    let mut replying = Some(replying);
    let mut replying = move || {
        if let Some(f) = replying.take() {
            f();
        }
    };
    let result = serve_request(stream, handler, requests, stop, sent, &mut replying);
    // An early error (a client gone) ends the request too.
    replying();
    result
}

fn serve_request(
    stream: TcpStream,
    handler: &Handler,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
    sent: &AtomicUsize,
    replying: &mut dyn FnMut(),
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    for _ in 0..100 {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let request = Request { path, headers };
    requests.lock().unwrap().push(request.clone());
    let reply = handler(&request);
    sleep_unless_stopped(reply.delay, stop);
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    if !reply
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    replying();
    out.write_all(head.as_bytes())?;
    match reply.dribble {
        None => {
            out.write_all(&reply.body)?;
            sent.fetch_add(reply.body.len(), Ordering::SeqCst);
        }
        Some(pause) => {
            for byte in &reply.body {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                out.write_all(std::slice::from_ref(byte))?;
                out.flush()?;
                sent.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(pause);
            }
        }
    }
    out.flush()
}

fn sleep_unless_stopped(total: Duration, stop: &AtomicBool) {
    let end = Instant::now() + total;
    while Instant::now() < end && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(
            Duration::from_millis(5).min(end.saturating_duration_since(Instant::now())),
        );
    }
}
