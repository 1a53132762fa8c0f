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

/// The tests (`module::name`) of the top-level `mod module` in `text`:
/// each `fn` right after a `#[test]`.
pub fn tests_in_module(text: &str, module: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut inside = false;
    let mut after_test = false;
    for line in text.lines() {
        if let Some(name) = module_name(line) {
            inside = name == module;
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed == "#[test]" {
            after_test = true;
            continue;
        }
        if inside && after_test {
            let rest = trimmed.strip_prefix("async ").unwrap_or(trimmed);
            if let Some(name) = rest.strip_prefix("fn ").and_then(|r| r.split('(').next()) {
                found.push(format!("{module}::{}", name.trim()));
            }
        }
        after_test = false;
    }
    found
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
        let with_helper = "mod hello {\n    fn helper() {}\n    #[test]\n    fn five() {}\n}\nmod lazy {\n    #[test]\n    fn other() {}\n}\n";
        assert_eq!(tests_in_module(with_helper, "hello"), ["hello::five"]);
        assert_eq!(tests_in_module(with_helper, "gone"), Vec::<String>::new());
    }
}
