//! A chapter's tests/exercises.rs, read as text: one top-level `mod <id>`
//! per exercise holds that exercise's tests (docs/authoring.md).

/// `NAME` in a top-level `mod NAME {` line.
fn module_name(line: &str) -> Option<&str> {
    line.strip_prefix("mod ")?.split([' ', '{']).next()
}

/// The top-level `mod NAME` that holds line `line` (1-based) of a file.
pub fn module_at(text: &str, line: usize) -> Option<&str> {
    text.lines().take(line).filter_map(module_name).last()
}

/// Whether `text` has the test `module::name`: a top-level `mod module`
/// with an `fn name(` before the next one.
pub fn has_test(text: &str, test: &str) -> bool {
    let Some((module, name)) = test.split_once("::") else {
        return false;
    };
    let name = name.rsplit("::").next().unwrap_or(name);
    let mut inside = false;
    for line in text.lines() {
        if let Some(found) = module_name(line) {
            inside = found == module;
        } else if inside {
            let line = line.trim_start();
            let line = line.strip_prefix("async ").unwrap_or(line);
            if line
                .strip_prefix("fn ")
                .is_some_and(|f| f.starts_with(&format!("{name}(")))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_belongs_to_the_module_above_it() {
        let tests = "//! doc\n\nmod hello {\n    use x;\n}\n\nmod lazy {\n    fn t() {}\n}\n";
        assert_eq!(module_at(tests, 1), None);
        assert_eq!(module_at(tests, 4), Some("hello"));
        assert_eq!(module_at(tests, 8), Some("lazy"));
    }

    #[test]
    fn a_test_is_found_only_in_its_own_module() {
        let text = "mod hello {\n    #[test]\n    fn five_greetings() {}\n}\n\nmod lazy {\n    fn prediction() {}\n}\n";
        assert!(has_test(text, "hello::five_greetings"));
        assert!(has_test(text, "lazy::prediction"));
        assert!(!has_test(text, "lazy::five_greetings"));
        assert!(!has_test(text, "hello::five"));
        assert!(!has_test(text, "gone::prediction"));
    }
}
