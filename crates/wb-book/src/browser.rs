//! The browser check: the built book as a reader meets it, in headless
//! Chromium, loaded from a local server on 127.0.0.1. On real rendered pages
//! it checks that
//!
//! - every page of SUMMARY.md loads without a console error, an uncaught
//!   exception or a failed request;
//! - every SVG picture (`<img src="….svg">`, inline `<svg>` in the text)
//!   renders with a non-zero size;
//! - nothing in the text sticks out past the right edge of the window, at
//!   1280px and at a phone's 400px (wide things must scale or scroll);
//! - side-by-side blocks of Python and Rust are one column on a phone, and
//!   on a 1280px laptop, with the sidebar shown and hidden, their code fits
//!   without scrolling: two columns where both fit, stacked where not,
//!   and two columns in most blocks;
//! - searching for "send" finds chapter 2;
//! - the print page holds every chapter;
//! - every link inside the book leads to a page that exists, and to an
//!   element that exists when it names one (`page.html#id`).
//!
//! One browser, one tab, each page loaded once per width.

mod cdp;
mod server;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use self::cdp::Browser;
use self::server::Server;

/// The Chromium to use: `$WB_CHROMIUM` (`none` for no browser), or one
/// on the PATH; found as `cargo wb doctor` finds it (crates/external).
pub use external::chromium::find as find_chromium;

/// What the check needs to know.
pub struct Options {
    /// The built book (the folder with index.html).
    pub build_dir: PathBuf,
    /// The book's SUMMARY.md: the pages to load, and their titles.
    pub summary: PathBuf,
    /// The Chromium to run (see [`find_chromium`]).
    pub chromium: PathBuf,
    /// Where to save the screenshots, if anywhere.
    pub artefacts: Option<PathBuf>,
    /// Load only these pages of SUMMARY.md (paths inside the built book,
    /// like `ch02-send/send.html`); all of them if `None`. Links to other
    /// pages are still followed, to check they exist.
    pub only: Option<Vec<String>>,
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Everything wrong, one problem each.
    pub problems: Vec<String>,
    /// What was checked, in one line.
    pub summary: String,
    /// The screenshots saved.
    pub screenshots: Vec<PathBuf>,
}

/// The two window widths: a laptop and a phone.
const WIDE: u32 = 1280;
const PHONE: u32 = 400;
/// The share of side-by-side blocks (numerator, denominator) that must be
/// two columns at 1280px with the sidebar hidden. The others have a line
/// too long for half the width (Rust's lines go up to 100 characters).
const TWO_COLUMNS_AT_LEAST: (usize, usize) = (1, 3);
/// The page that search for "send" must find.
const SEARCH_TERM: &str = "send";
const SEARCH_MUST_FIND: &str = "ch02-send/";

const MEASURE: &str = include_str!("browser/measure.js");
const SEARCH_RESULTS: &str = include_str!("browser/search.js");
const STEPPERS: &str = include_str!("browser/steppers.js");
const SCROLL_TO_PICTURE: &str = "(async () => { \
    const picture = [...document.querySelectorAll('main svg, main img')] \
        .find((p) => !p.closest('.blockquote-tag-title, button')); \
    const top = picture?.closest('figure, p, div')?.getBoundingClientRect().top; \
    if (top !== undefined) window.scrollBy(0, top - 80); \
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))); })()";

/// The first stepper of the page, halfway through its run, on the screen
/// (for the screenshots).
const STEPPER_HALFWAY: &str = "(async () => { \
    const stepper = document.querySelector('.wb-stepper'); \
    if (!stepper) return; \
    const next = stepper.querySelector('button[aria-label=\"Next step\"]'); \
    for (let i = 0; i < Math.floor(Number(stepper.dataset.steps) / 2); i += 1) next.click(); \
    const figure = stepper.closest('figure'); \
    window.scrollBy(0, figure.getBoundingClientRect().top - 60); \
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))); })()";

/// The pages SUMMARY.md lists, in order: (title, path inside the built book).
pub fn summary_pages(summary: &Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(summary)
        .map_err(|e| format!("cannot read {}: {e}", summary.display()))?;
    let link = regex::Regex::new(r"\[([^\]]+)\]\(([^)\s]+)\.md\)").expect("regex");
    Ok(link
        .captures_iter(&text)
        .map(|c| (c[1].to_string(), format!("{}.html", &c[2])))
        .collect())
}

/// Runs the check. An `Err` means it could not run at all (no server, a
/// browser that does not start); what it finds wrong is in the report.
pub fn check(options: &Options) -> Result<Report, String> {
    if !options.build_dir.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: build the book first",
            options.build_dir.display()
        ));
    }
    let mut chapters = summary_pages(&options.summary)?;
    if chapters.is_empty() {
        return Err(format!("{} lists no pages", options.summary.display()));
    }
    if let Some(only) = &options.only {
        for page in only {
            if !chapters.iter().any(|(_, p)| p == page) {
                return Err(format!(
                    "{page} is not a page of {}",
                    options.summary.display()
                ));
            }
        }
        chapters.retain(|(_, page)| only.contains(page));
    }
    let server = Server::start(&options.build_dir)
        .map_err(|e| format!("cannot start the local server: {e}"))?;
    let profile = Profile::new()?;
    let browser = Browser::launch(&options.chromium, &profile.0)?;
    let mut tab = Tab::open(browser, &server)?;
    let result = run(&mut tab, &server, options, &chapters);
    tab.browser.close();
    result
}

fn run(
    tab: &mut Tab,
    server: &Server,
    options: &Options,
    chapters: &[(String, String)],
) -> Result<Report, String> {
    let mut report = Report::default();
    let mut problems = Problems::default();
    let mut pages: Vec<String> = chapters.iter().map(|(_, p)| p.clone()).collect();
    pages.push("print.html".to_string());

    // The screenshots: the title page, and a chapter page (one with a
    // picture, if any) wide and on a phone.
    let shots_dir = options.artefacts.as_deref();
    if let Some(dir) = shots_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // Only this run's screenshots: an old one would look current.
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.path().extension().is_some_and(|e| e == "png") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    let mut seen: BTreeMap<String, Measured> = BTreeMap::new();
    let mut pictures = 0;
    // Side-by-side blocks on a laptop with the sidebar hidden, and how
    // many were two columns.
    let (mut twin_blocks, mut twin_columns) = (0, 0);
    // The steppers under the timelines, and the steps looked at.
    let (mut steppers, mut steps) = (0, 0);
    let mut stepper_pages = Vec::new();
    for &width in &[WIDE, PHONE] {
        tab.set_width(width)?;
        for page in &pages {
            let measured = tab.visit(page, &mut problems)?;
            let at = format!("{page} at {width}px");
            if !measured.pictures.is_empty() && page != "print.html" {
                let stepped = tab
                    .evaluate(STEPPERS)
                    .map_err(|e| format!("{at}: stepping through the steppers: {e}"))?;
                if stepped["steppers"].as_u64().unwrap_or(0) > 0 && width == WIDE {
                    stepper_pages.push(page.clone());
                }
                steppers += stepped["steppers"].as_u64().unwrap_or(0);
                steps += stepped["steps"].as_u64().unwrap_or(0);
                for problem in stepped["problems"].as_array().into_iter().flatten() {
                    problems.add(format!("{at}: {}", problem.as_str().unwrap_or("?")));
                }
                tab.browser.pump();
                for problem in tab.page_problems() {
                    problems.add(format!("{at}, stepping: {problem}"));
                }
            }
            for picture in &measured.pictures {
                if !(picture.width > 0.0 && picture.height > 0.0) || picture.natural == 0 {
                    problems.add(format!(
                        "{at}: the picture {} renders at {}×{}px{}",
                        picture.what,
                        picture.width,
                        picture.height,
                        if picture.natural == 0 {
                            " (the image did not load)"
                        } else {
                            ""
                        }
                    ));
                }
            }
            for what in &measured.overflow {
                problems.add(format!("{at}: {what} (it must scale or scroll)"));
            }
            for (i, block) in measured.side_by_side.iter().enumerate() {
                if width == PHONE && block.columns {
                    problems.add(format!(
                        "{at}: side-by-side block {} is two columns on a phone",
                        i + 1
                    ));
                }
            }
            if width == WIDE && page != "print.html" {
                let layouts = [
                    ("", &measured.side_by_side),
                    (", the sidebar hidden", &measured.sidebar_hidden),
                ];
                for (sidebar, blocks) in layouts {
                    for (i, block) in blocks.iter().enumerate() {
                        for code in &block.scrolling {
                            problems.add(format!(
                                "{at}{sidebar}: side-by-side block {} has {code}: its code must fit without scrolling on a laptop (shorter lines, or the block stacks)",
                                i + 1
                            ));
                        }
                    }
                }
                twin_blocks += measured.sidebar_hidden.len();
                twin_columns += measured.sidebar_hidden.iter().filter(|b| b.columns).count();
            }
            if width == WIDE {
                if page != "print.html" {
                    pictures += measured.pictures.len();
                }
                seen.insert(page.clone(), measured);
            }
        }
    }

    if let Some(dir) = shots_dir {
        let chapter = chapters
            .iter()
            .map(|(_, p)| p)
            .filter(|p| *p != "index.html")
            .find(|p| seen.get(*p).is_some_and(|m| !m.pictures.is_empty()))
            .or_else(|| {
                chapters
                    .iter()
                    .map(|(_, p)| p)
                    .find(|p| p.contains("ch02-send/send"))
            })
            .unwrap_or(&chapters[0].1)
            .clone();
        for (page, width, name) in [
            ("index.html", WIDE, "title-page-1280.png".to_string()),
            (
                chapter.as_str(),
                WIDE,
                format!(
                    "{}-1280.png",
                    chapter.trim_end_matches(".html").replace('/', "_")
                ),
            ),
            (
                chapter.as_str(),
                PHONE,
                format!(
                    "{}-400.png",
                    chapter.trim_end_matches(".html").replace('/', "_")
                ),
            ),
        ] {
            tab.set_width(width)?;
            tab.visit(page, &mut problems)?;
            if page != "index.html" {
                // Show the picture, if the page has one, not only the top.
                tab.evaluate(SCROLL_TO_PICTURE)?;
            }
            let file = dir.join(name);
            tab.screenshot(&file)?;
            report.screenshots.push(file);
        }
    }

    // Each page's first stepper, halfway through its run, wide and narrow.
    if let Some(dir) = shots_dir {
        for page in &stepper_pages {
            for width in [WIDE, PHONE] {
                tab.set_width(width)?;
                tab.visit(page, &mut problems)?;
                tab.evaluate(STEPPER_HALFWAY)?;
                let name = page.trim_end_matches(".html").replace('/', "_");
                let file = dir.join(format!("{name}-stepper-{width}.png"));
                tab.screenshot(&file)?;
                report.screenshots.push(file);
            }
        }
    }

    // Search, the way a reader does: click the magnifier, type the word.
    tab.set_width(WIDE)?;
    let found = tab.search("index.html", SEARCH_TERM, &mut problems)?;
    if !found.iter().any(|url| url.contains(SEARCH_MUST_FIND)) {
        problems.add(format!(
            "search for \"{SEARCH_TERM}\" does not find chapter 2 ({SEARCH_MUST_FIND}…); it found: {}",
            if found.is_empty() { "nothing".to_string() } else { found.join(", ") }
        ));
    }

    // The print page holds every chapter: each page's title is a heading there.
    let print_headings: BTreeSet<&str> = seen
        .get("print.html")
        .map(|m| m.headings.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for (title, page) in chapters {
        let heading = seen.get(page).map(|m| m.h1.as_str()).unwrap_or("");
        if heading.is_empty() {
            problems.add(format!(
                "{page} (\"{title}\" in SUMMARY.md) has no <h1> title"
            ));
        } else if !print_headings.contains(heading) {
            problems.add(format!(
                "print.html does not contain the chapter \"{title}\" ({page}: no heading \"{heading}\")"
            ));
        }
    }

    // Links: every link into the book leads somewhere that exists.
    let origin = server.url("");
    let mut status: BTreeMap<String, Option<u16>> = BTreeMap::new();
    let mut links = 0;
    let mut broken_paths = BTreeSet::new();
    for (page, measured) in &seen {
        let from = server.url(page);
        for href in &measured.links {
            let Some(rest) = href.strip_prefix(&origin) else {
                continue; // another site: not ours to check
            };
            links += 1;
            let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
            let path = format!("/{}", path.split('?').next().unwrap_or(""));
            let code = *status
                .entry(path.clone())
                .or_insert_with(|| server::status_of(server.addr, &path, &from));
            if code != Some(200) {
                broken_paths.insert(path.clone());
                let code = code.map_or("no answer".to_string(), |c| c.to_string());
                problems.add(format!(
                    "{page} links to {}, which does not exist ({code})",
                    shorten(href, server)
                ));
                continue;
            }
            let target = path.trim_start_matches('/');
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            let fragment = server::percent_decode(fragment).unwrap_or_default();
            if let (false, Some(target_page)) = (fragment.is_empty(), seen.get(&target))
                && !target_page.ids.contains(&fragment)
            {
                problems.add(format!(
                    "{page} links to {}, but {target} has no element with id \"{fragment}\"",
                    shorten(href, server)
                ));
            }
        }
    }
    // 404s the pages' own requests did not already explain.
    for missing in server.not_found() {
        if !broken_paths.contains(&missing.path) && !problems.mentions_request(&missing.path) {
            problems.add(format!(
                "the server had no {} (asked for by {})",
                missing.path,
                missing.referer.as_deref().unwrap_or("an unknown page")
            ));
        }
    }

    // Stacking is for blocks whose two columns would not fit: a style that
    // stacked them all would make every code block fit, and lose the point
    // of putting the two programs side by side.
    if twin_columns * TWO_COLUMNS_AT_LEAST.1 < twin_blocks * TWO_COLUMNS_AT_LEAST.0 {
        problems.add(format!(
            "at {WIDE}px with the sidebar hidden, only {twin_columns} of {twin_blocks} side-by-side blocks are two columns: the style stacks blocks whose columns would fit"
        ));
    }
    report.problems = problems.0;
    report.summary = format!(
        "{} pages and print.html at {WIDE}px and {PHONE}px: no console error, {pictures} SVG pictures render (on print.html too), nothing overflows, \
         Python and Rust fit side by side or stacked ({twin_columns} of {twin_blocks} blocks side by side at {WIDE}px, the sidebar hidden), \
         search finds chapter 2, print.html has every chapter, {links} links resolve, \
         {steppers} steppers (over both widths) show {steps} recorded steps as recorded, keys and buttons work",
        chapters.len()
    );
    Ok(report)
}

/// The problems, each once.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, problem: String) {
        if !self.0.contains(&problem) {
            self.0.push(problem);
        }
    }

    fn mentions_request(&self, path: &str) -> bool {
        self.0
            .iter()
            .any(|p| p.contains(&format!("{path} (")) || p.contains(&format!("{path}: ")))
    }
}

/// A fresh, empty Chromium profile in the temp folder, deleted when dropped.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Result<Profile, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("wb-browser-check-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Profile(dir))
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What [`MEASURE`] reports about a page.
#[derive(Debug, Default)]
struct Measured {
    h1: String,
    headings: Vec<String>,
    ids: BTreeSet<String>,
    links: Vec<String>,
    pictures: Vec<Picture>,
    overflow: Vec<String>,
    /// The side-by-side blocks, with the sidebar as the page opened.
    side_by_side: Vec<TwinBlock>,
    /// The same with the sidebar hidden (none if it was hidden already).
    sidebar_hidden: Vec<TwinBlock>,
}

/// A side-by-side block of Python and Rust, as laid out.
#[derive(Debug, Default)]
struct TwinBlock {
    /// Two columns, or one above the other.
    columns: bool,
    /// Its code blocks that scroll sideways, described.
    scrolling: Vec<String>,
}

impl TwinBlock {
    fn all_from_json(v: &Value) -> Vec<TwinBlock> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|b| TwinBlock {
                        columns: b["columns"].as_bool().unwrap_or(false),
                        scrolling: b["scrolling"]
                            .as_array()
                            .map(|s| {
                                s.iter()
                                    .filter_map(|d| d.as_str().map(String::from))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Debug)]
struct Picture {
    what: String,
    width: f64,
    height: f64,
    /// `naturalWidth` of an `<img>` (0: it did not load); -1 for inline SVG.
    natural: i64,
}

impl Measured {
    fn from_json(v: &Value) -> Measured {
        let strings = |key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        Measured {
            h1: v["h1"].as_str().unwrap_or("").to_string(),
            headings: strings("headings"),
            ids: strings("ids").into_iter().collect(),
            links: strings("links"),
            pictures: v["pictures"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|p| Picture {
                            what: p["what"].as_str().unwrap_or("?").to_string(),
                            width: p["width"].as_f64().unwrap_or(0.0),
                            height: p["height"].as_f64().unwrap_or(0.0),
                            natural: p["natural"].as_i64().unwrap_or(0),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            overflow: strings("overflow"),
            side_by_side: TwinBlock::all_from_json(&v["sideBySide"]),
            sidebar_hidden: TwinBlock::all_from_json(&v["sidebarHidden"]),
        }
    }
}

/// The one tab every page is loaded in.
struct Tab<'a> {
    browser: Browser,
    session: String,
    server: &'a Server,
    width: u32,
}

const LOAD_TIMEOUT: Duration = Duration::from_secs(20);

impl<'a> Tab<'a> {
    fn open(mut browser: Browser, server: &'a Server) -> Result<Tab<'a>, String> {
        let target = browser.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or("no targetId")?
            .to_string();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("no sessionId")?
            .to_string();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            browser.call(Some(&session), &format!("{domain}.enable"), json!({}))?;
        }
        // print.html calls window.print() once loaded; a headless browser has
        // no printer dialog to show, so make it do nothing.
        browser.call(
            Some(&session),
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "window.print = () => {};"}),
        )?;
        Ok(Tab {
            browser,
            session,
            server,
            width: 0,
        })
    }

    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.browser.call(Some(&self.session), method, params)
    }

    fn set_width(&mut self, width: u32) -> Result<(), String> {
        if width != self.width {
            self.call(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
            )?;
            self.width = width;
        }
        Ok(())
    }

    /// Loads `page`, waits until it has loaded, measures it, and adds what
    /// went wrong meanwhile (console errors, failed requests) to `problems`.
    fn visit(&mut self, page: &str, problems: &mut Problems) -> Result<Measured, String> {
        let started = std::time::Instant::now();
        let url = self.server.url(page);
        let at = format!("{page} at {}px", self.width);
        self.browser.pump();
        self.browser.events.clear();
        let navigated = self.call("Page.navigate", json!({"url": url}))?;
        if let Some(error) = navigated["errorText"].as_str() {
            problems.add(format!("{at} does not load: {error}"));
            return Ok(Measured::default());
        }
        self.browser
            .wait_for_event("Page.loadEventFired", LOAD_TIMEOUT)
            .map_err(|e| format!("{at}: {e}"))?;
        let measured = self
            .evaluate(MEASURE)
            .map_err(|e| format!("{at}: measuring the page: {e}"))?;
        self.browser.pump();
        for problem in self.page_problems() {
            problems.add(format!("{at}: {problem}"));
        }
        if std::env::var_os("WB_BROWSER_VERBOSE").is_some() {
            eprintln!("  {at}: {:.2?}", started.elapsed());
        }
        Ok(Measured::from_json(&measured))
    }

    /// Runs a script that returns a promise, and its JSON result.
    fn evaluate(&mut self, script: &str) -> Result<Value, String> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": script, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            return Err(exception_text(details));
        }
        Ok(result["result"]["value"].clone())
    }

    /// Console errors, uncaught exceptions and failed requests among the
    /// events since the last page began loading.
    fn page_problems(&mut self) -> Vec<String> {
        let mut urls: BTreeMap<String, String> = BTreeMap::new();
        let mut found = Vec::new();
        for event in self.browser.events.drain(..) {
            let p = &event.params;
            match event.method.as_str() {
                "Network.requestWillBeSent" => {
                    if let (Some(id), Some(url)) =
                        (p["requestId"].as_str(), p["request"]["url"].as_str())
                    {
                        urls.insert(id.to_string(), url.to_string());
                    }
                }
                "Network.responseReceived" => {
                    let status = p["response"]["status"].as_u64().unwrap_or(0);
                    if status >= 400 {
                        let url = p["response"]["url"].as_str().unwrap_or("?");
                        found.push(format!(
                            "request failed: {} ({status})",
                            shorten(url, self.server)
                        ));
                    }
                }
                "Network.loadingFailed" if !p["canceled"].as_bool().unwrap_or(false) => {
                    let url = p["requestId"]
                        .as_str()
                        .and_then(|id| urls.get(id))
                        .map_or("?", String::as_str);
                    let why = p["errorText"].as_str().unwrap_or("failed");
                    // A 404 is already reported from its response.
                    if why != "net::ERR_HTTP_RESPONSE_CODE_FAILURE" {
                        found.push(format!(
                            "request failed: {} ({why})",
                            shorten(url, self.server)
                        ));
                    }
                }
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    let text: Vec<String> = p["args"]
                        .as_array()
                        .map(|args| {
                            args.iter()
                                .map(|a| match &a["value"] {
                                    Value::String(s) => s.clone(),
                                    Value::Null => {
                                        a["description"].as_str().unwrap_or("?").to_string()
                                    }
                                    v => v.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    found.push(format!("console error: {}", text.join(" ")));
                }
                "Runtime.exceptionThrown" => {
                    let text = exception_text(&p["exceptionDetails"]);
                    let text = text.replace(&self.server.url(""), "/");
                    found.push(format!("uncaught exception: {text}"));
                }
                // Network errors also come here; they are reported above.
                "Log.entryAdded"
                    if p["entry"]["level"] == "error" && p["entry"]["source"] != "network" =>
                {
                    let entry = &p["entry"];
                    found.push(format!(
                        "console error: {} ({})",
                        entry["text"].as_str().unwrap_or("?"),
                        shorten(entry["url"].as_str().unwrap_or("?"), self.server)
                    ));
                }
                _ => {}
            }
        }
        found
    }

    fn screenshot(&mut self, file: &Path) -> Result<(), String> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        let png = shot["data"]
            .as_str()
            .and_then(cdp::base64_decode)
            .ok_or("the screenshot is not base64")?;
        std::fs::write(file, png).map_err(|e| format!("cannot write {}: {e}", file.display()))
    }

    /// Opens `page`, clicks the search button, types `term` key by key, and
    /// returns the links of the results.
    fn search(
        &mut self,
        page: &str,
        term: &str,
        problems: &mut Problems,
    ) -> Result<Vec<String>, String> {
        self.visit(page, problems)?;
        let toggle = self.evaluate(
            "(async () => { const r = document.getElementById('mdbook-search-toggle')?.getBoundingClientRect(); \
             return r ? {x: r.x + r.width / 2, y: r.y + r.height / 2} : null; })()",
        )?;
        let (Some(x), Some(y)) = (toggle["x"].as_f64(), toggle["y"].as_f64()) else {
            problems.add(format!(
                "{page} has no search button (#mdbook-search-toggle)"
            ));
            return Ok(Vec::new());
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            )?;
        }
        for c in term.chars() {
            let key = c.to_string();
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": "keyDown", "key": key, "text": key}),
            )?;
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": "keyUp", "key": key}),
            )?;
        }
        let results = self.evaluate(SEARCH_RESULTS)?;
        self.browser.pump();
        for problem in self.page_problems() {
            problems.add(format!("{page}, searching: {problem}"));
        }
        Ok(results["links"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| l.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// A URL on the local server as a path (`/ch01-yield/x.html`).
fn shorten(url: &str, server: &Server) -> String {
    match url.strip_prefix(&server.url("")) {
        Some(rest) => format!("/{rest}"),
        None => url.to_string(),
    }
}

fn exception_text(details: &Value) -> String {
    let text = details["exception"]["description"]
        .as_str()
        .or(details["text"].as_str())
        .unwrap_or("?");
    let first = text.lines().next().unwrap_or(text);
    match (details["url"].as_str(), details["lineNumber"].as_u64()) {
        (Some(url), Some(line)) if !url.is_empty() => format!("{first} ({url}:{})", line + 1),
        _ => first.to_string(),
    }
}
