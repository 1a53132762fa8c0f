//! What `verify` checks in the book's Markdown: code is included from
//! compiled, tested files, never pasted, and every include finds its file.

/// An `{{#include PATH[:anchor or lines]}}` (or `{{#rustdoc_include …}}`).
#[derive(Debug, PartialEq, Eq)]
pub struct Include {
    /// 1-based line of the page.
    pub line: usize,
    /// Relative to the page's folder, as written.
    pub path: String,
    /// `hello` in `file.rs:hello`; `None` for a whole file or a line range.
    pub anchor: Option<String>,
}

const INCLUDES: [&str; 2] = ["{{#include ", "{{#rustdoc_include "];

/// The first pasted line (1-based) of each ```rust… or ```python… block
/// that holds anything but include lines.
pub fn pasted_code(page: &str) -> Vec<usize> {
    struct Fence {
        mark: char,
        len: usize,
        code: bool,
        reported: bool,
    }
    let mut fence: Option<Fence> = None;
    let mut pasted = Vec::new();
    for (i, raw) in page.lines().enumerate() {
        let line = unquote(raw);
        match &mut fence {
            None => {
                if let Some((mark, len, info)) = opening_fence(line) {
                    let code = info.starts_with("rust") || info.starts_with("python");
                    fence = Some(Fence {
                        mark,
                        len,
                        code,
                        reported: false,
                    });
                }
            }
            Some(f) => {
                let rest = line.trim_end();
                if rest.len() >= f.len && rest.chars().all(|c| c == f.mark) {
                    fence = None;
                } else if f.code && !f.reported && !rest.is_empty() && !is_include(rest) {
                    pasted.push(i + 1);
                    f.reported = true;
                }
            }
        }
    }
    pasted
}

/// Every include on the page, in or out of code blocks (mdBook expands
/// them everywhere), except escaped ones (`\{{#include …}}`).
pub fn includes(page: &str) -> Vec<Include> {
    let mut found = Vec::new();
    for (i, line) in page.lines().enumerate() {
        for start in INCLUDES {
            let mut from = 0;
            while let Some(at) = line[from..].find(start).map(|p| p + from) {
                from = at + start.len();
                if line[..at].ends_with('\\') {
                    continue;
                }
                let Some(end) = line[from..].find("}}") else {
                    break;
                };
                let arg = line[from..from + end].trim();
                let (path, rest) = arg.split_once(':').unwrap_or((arg, ""));
                // `:5:`, `:2:10`, `::10` are line ranges; anything else names an anchor.
                let anchor = (!rest.chars().all(|c| c.is_ascii_digit() || c == ':'))
                    .then(|| rest.to_string());
                found.push(Include {
                    line: i + 1,
                    path: path.to_string(),
                    anchor,
                });
            }
        }
    }
    found
}

/// Whether `text` marks the anchor `name` (`// ANCHOR: name`, `# ANCHOR: name`).
pub fn has_anchor(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        line.split_once("ANCHOR:").is_some_and(|(_, rest)| {
            let rest = rest.trim_start();
            rest.starts_with(name)
                && !rest[name.len()..]
                    .starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
        })
    })
}

fn is_include(line: &str) -> bool {
    let line = line.trim();
    INCLUDES.iter().any(|s| line.starts_with(s)) && line.ends_with("}}")
}

/// A line without its indentation and blockquote marks (`> ```rust` opens
/// a block inside an admonition).
fn unquote(line: &str) -> &str {
    let mut line = line.trim_start();
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    line
}

/// ```` ```rust,noplayground ```` → ('`', 3, "rust,noplayground").
fn opening_fence(line: &str) -> Option<(char, usize, &str)> {
    let mark = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.chars().take_while(|c| *c == mark).count();
    let info = line[len..].trim();
    (len >= 3 && !(mark == '`' && info.contains('`'))).then_some((mark, len, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
# A page

```rust,noplayground
{{#include ../../../crates/ch01-yield/src/demos/hello.rs:hello}}
```

```text
{{#include ../../../crates/ch01-yield/snapshots/hello.snap:5:}}
anything goes in text
```

> [!TIP]
> ```python
> {{#include ../../../crates/ch01-yield/python/hello.py}}
> print(\"pasted\")
> ```

````markdown
```rust
fn shown_as_markdown_source() {}
```
````

```rust
fn pasted() {}
fn more() {}
```

Escaped: \\{{#include not/a/file.rs}}
";

    #[test]
    fn finds_pasted_code_in_rust_and_python_blocks_only() {
        // line 15: the print in the blockquote; 25: the bare rust block.
        // The rust block inside the ````markdown block is content, not code.
        assert_eq!(pasted_code(PAGE), [15, 25]);
    }

    #[test]
    fn finds_includes_with_anchors_and_ranges() {
        let found = includes(PAGE);
        assert_eq!(
            found,
            [
                Include {
                    line: 4,
                    path: "../../../crates/ch01-yield/src/demos/hello.rs".into(),
                    anchor: Some("hello".into())
                },
                Include {
                    line: 8,
                    path: "../../../crates/ch01-yield/snapshots/hello.snap".into(),
                    anchor: None
                },
                Include {
                    line: 14,
                    path: "../../../crates/ch01-yield/python/hello.py".into(),
                    anchor: None
                },
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_and_a_rustdoc_include() {
        assert_eq!(
            pasted_code("```rust\n{{#rustdoc_include a.rs:2:10}}\n\nlet x = 1;\n"),
            [4]
        );
        assert_eq!(includes("{{#rustdoc_include a.rs::10}}")[0].anchor, None);
    }

    #[test]
    fn anchors_are_whole_words() {
        let text = "// ANCHOR: hello_world\nfn x() {}\n// ANCHOR_END: hello_world\n# ANCHOR: py\n";
        assert!(has_anchor(text, "hello_world"));
        assert!(has_anchor(text, "py"));
        assert!(!has_anchor(text, "hello"));
    }
}
