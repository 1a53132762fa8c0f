//! Headless Chromium, driven with the DevTools protocol over
//! `--remote-debugging-pipe`: JSON messages, each ended by a NUL byte, that
//! Chromium reads on its file descriptor 3 and writes on its descriptor 4.
//! No websocket needed; `sh` moves our pipes onto 3 and 4.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The flags the check runs Chromium with: headless, no sandbox (CI
/// containers run as root), and nothing that talks to the network on its own.
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
];

/// How long one protocol command may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// An event Chromium sent: its method and its params.
#[derive(Debug, Clone)]
pub struct Event {
    pub method: String,
    pub params: Value,
}

pub struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: Receiver<Value>,
    next_id: u64,
    /// Events received while waiting for answers, oldest first.
    pub events: VecDeque<Event>,
    log: std::path::PathBuf,
}

impl Browser {
    /// Starts `exe` headless, with a fresh profile in `profile_dir` (which
    /// the caller deletes afterwards).
    pub fn launch(exe: &Path, profile_dir: &Path) -> Result<Browser, String> {
        let log = profile_dir.join("chromium-stderr.log");
        let stderr =
            File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let mut child = Command::new("sh")
            // Our stdin pipe becomes its fd 3 (commands in), our stdout pipe
            // its fd 4 (answers out); its own stdin and stdout go nowhere.
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(exe)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile_dir.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr))
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
        let to_browser = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if message.last() == Some(&0) {
                            message.pop();
                        }
                        if let Ok(value) = serde_json::from_slice::<Value>(&message)
                            && tx.send(value).is_err()
                        {
                            break;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser: rx,
            next_id: 0,
            events: VecDeque::new(),
            log,
        };
        browser
            .call(None, "Browser.getVersion", json!({}))
            .map_err(|e| format!("{} did not answer on the DevTools pipe: {e}", exe.display()))?;
        Ok(browser)
    }

    /// Sends a command (to a tab's `session`, or to the browser) and waits
    /// for its answer. Events that come meanwhile are kept in `events`.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        self.call_within(session, method, params, CALL_TIMEOUT)
    }

    pub fn call_within(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON");
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
            .map_err(|e| {
                format!(
                    "{method}: cannot write to chromium: {e}{}",
                    self.last_words()
                )
            })?;
        let deadline = Instant::now() + timeout;
        loop {
            let message = self
                .receive(deadline)
                .map_err(|e| format!("{method}: {e}"))?;
            if message.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = message.get("error") {
                    return Err(format!(
                        "{method}: {}",
                        error["message"].as_str().unwrap_or("error")
                    ));
                }
                return Ok(message.get("result").cloned().unwrap_or(Value::Null));
            }
            self.keep_event(message);
        }
    }

    /// Waits for an event named `method` (already received, or to come) and
    /// takes it out of `events`; other events stay there.
    pub fn wait_for_event(&mut self, method: &str, timeout: Duration) -> Result<Event, String> {
        if let Some(at) = self.events.iter().position(|e| e.method == method) {
            return Ok(self.events.remove(at).expect("found"));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let message = self
                .receive(deadline)
                .map_err(|e| format!("waiting for {method}: {e}"))?;
            if message.get("method").and_then(Value::as_str) == Some(method) {
                return Ok(Event {
                    method: method.to_string(),
                    params: message.get("params").cloned().unwrap_or(Value::Null),
                });
            }
            self.keep_event(message);
        }
    }

    /// Takes in every event that has arrived, without waiting.
    pub fn pump(&mut self) {
        while let Ok(message) = self.from_browser.try_recv() {
            self.keep_event(message);
        }
    }

    fn keep_event(&mut self, message: Value) {
        if let Some(method) = message.get("method").and_then(Value::as_str) {
            self.events.push_back(Event {
                method: method.to_string(),
                params: message.get("params").cloned().unwrap_or(Value::Null),
            });
        }
    }

    fn receive(&mut self, deadline: Instant) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.from_browser.recv_timeout(left) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => Err("chromium did not answer in time".into()),
            Err(RecvTimeoutError::Disconnected) => {
                Err(format!("chromium has exited{}", self.last_words()))
            }
        }
    }

    /// The end of Chromium's stderr, to say why it stopped.
    fn last_words(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(8)..].join("\n");
        if tail.trim().is_empty() {
            String::new()
        } else {
            format!("; its last words:\n{tail}")
        }
    }

    /// Asks Chromium to quit, and kills it if it does not.
    pub fn close(mut self) {
        let _ = self.call_within(None, "Browser.close", json!({}), Duration::from_secs(5));
        self.reap();
    }

    fn reap(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Decodes standard base64 (the screenshots Chromium sends).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len().saturating_sub(1);
        out.extend_from_slice(&n.to_be_bytes()[1..1 + produced]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(super::base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(super::base64_decode("aGVsbG8h").unwrap(), b"hello!");
        assert_eq!(super::base64_decode("aGk=").unwrap(), b"hi");
        assert!(super::base64_decode("a*b=").is_none());
    }
}
