//! What the numbers were measured on: they mean little without it.

use std::process::Command;

/// The machine and the tools, as far as the bench can tell.
#[derive(Clone, Debug, Default)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub system: String,
    pub rustc: String,
}

impl Machine {
    pub fn describe() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        Machine {
            cpu: field(&cpuinfo, "model name").unwrap_or_else(|| "?".into()),
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory: field(&meminfo, "MemTotal")
                .and_then(|kb| kb.trim_end_matches(" kB").trim().parse::<u64>().ok())
                .map_or("?".into(), |kb| {
                    format!("{:.0} GiB", kb as f64 / (1024.0 * 1024.0))
                }),
            system: said("uname", &["-srm"]),
            rustc: said("rustc", &["--version"]),
        }
    }

    /// One line, for the table's head.
    pub fn line(&self) -> String {
        format!(
            "{}, {} cores, {}; {}; {}",
            self.cpu, self.cores, self.memory, self.system, self.rustc
        )
    }
}

/// `name : value` in a /proc file.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_string())
    })
}

/// The first line a command prints, or `?`.
fn said(command: &str, args: &[&str]) -> String {
    Command::new(command)
        .args(args)
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| {
            let text = String::from_utf8_lossy(&out.stdout);
            text.lines().next().map(|line| line.trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_proc_files() {
        let text = "processor\t: 0\nmodel name\t: Some CPU @ 2.0GHz\n";
        assert_eq!(
            field(text, "model name").as_deref(),
            Some("Some CPU @ 2.0GHz")
        );
        assert_eq!(field(text, "flags"), None);
    }
}
