//! A run drawn as a timeline: one lane per task, a bar for what it does
//! while it does not run, a mark for every line it says.
//!
//! The loops report [`Event`]s (when a task runs, and why it stops) beside
//! the lines, once [`crate::Trace::record_timeline`] is on; [`render_svg`]
//! draws both. Lines alone (a snapshot's text, read back with
//! [`crate::parse_rendered`]) give the lanes and the marks.
//!
//! The picture is meant to be inlined in the book's pages: its text and
//! axis are `currentColor`, so they follow the page's theme, light or dark;
//! the bars are mid-tone colours that read on both, and differ in shape too
//! (solid, outlined, dashed, hatched, dotted), not only in colour. It is as
//! wide as its container and no wider than it was drawn (`width="100%"`
//! and a `viewBox`), so a phone scales it down. A tick is between 24 and
//! 40 units wide: a long run is squeezed to fit, a short one is drawn
//! short, so that pictures shown side by side (3 ticks against 12) compare
//! by length. The same run always gives the same bytes: committed pictures
//! are compared with fresh ones.
//!
//! ```
//! use std::sync::{Arc, Mutex};
//! use trace::{Event, Stamp, Trace, What};
//! let t = Trace::new();
//! t.record_timeline();
//! let now = Arc::new(Mutex::new(0));
//! let clock = now.clone();
//! t.set_stamper(move || Stamp { time: *clock.lock().unwrap(), task: "main".into() });
//! let at = |time, what| move || Event { time, task: "main".into(), what };
//! t.event(at(0, What::Runs));
//! t.say("sleeps");
//! t.event(at(0, What::Sleeps { until: 3 }));
//! *now.lock().unwrap() = 3;
//! t.event(at(3, What::Runs));
//! t.say("wakes");
//! t.event(at(3, What::Done));
//! let svg = t.timeline_svg("nap");
//! assert!(svg.contains("<desc id=\"timeline-nap-desc\">main: says 1 line at 0, sleeps from 0 to 3, says 1 line at 3, is done at 3.</desc>"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::{Line, Stamp};

/// The environment variable that asks the test harness to draw every run
/// it checks: `<its value>/<chapter crate>/<snapshot name>.svg`.
pub const DIR_VARIABLE: &str = "WB_TIMELINE_DIR";

/// Something a loop did with a task, at a virtual time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub time: u64,
    /// The task's name, as its lines are stamped.
    pub task: String,
    pub what: What,
}

/// What happened to the task. Each event but the last ones ([`What::Done`],
/// [`What::Failed`], [`What::Cancelled`]) starts a state that lasts until
/// the task's next event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// The loop resumes (polls) it.
    Runs,
    /// It gave way and is ready again at once (`sleep(0)`).
    GivesWay,
    /// It sleeps until this time.
    Sleeps { until: u64 },
    /// It waits for something else: a task (`"B"`), several (`"A and B"`,
    /// `"A or B"`), a thread, a socket.
    Waits { on: String },
    /// It made a blocking call that holds up the whole loop until this
    /// time: nothing else runs meanwhile.
    Blocks { until: u64 },
    /// A worker of a multi-threaded runtime (its lane) runs a task until
    /// this time, while the other workers run theirs.
    Busy { until: u64 },
    /// It returned.
    Done,
    /// It panicked (Python: raised).
    Failed,
    /// It was cancelled (or dropped unfinished when the run ended).
    Cancelled,
}

/// An [`Event`], and where it happened among the lines: after the first
/// `lines_before` of them. (What [`crate::Trace`] keeps.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub lines_before: usize,
    pub event: Event,
}

/// What a bar in a lane means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Bar {
    /// First, so that the legend of a picture of workers leads with it.
    Busy,
    Sleeping,
    Waiting,
    Blocked,
    /// Ready, but the loop has not come to it yet (it gave way, or its
    /// timer fired while the loop was held up).
    Ready,
}

impl Bar {
    fn class(self) -> &'static str {
        match self {
            Bar::Busy => "busy",
            Bar::Sleeping => "sleep",
            Bar::Waiting => "wait",
            Bar::Blocked => "block",
            Bar::Ready => "ready",
        }
    }

    fn legend(self) -> &'static str {
        match self {
            Bar::Busy => "busy with a task",
            Bar::Sleeping => "sleeping",
            Bar::Waiting => "waiting (for a task, a thread…)",
            Bar::Blocked => "blocked: nothing else runs",
            Bar::Ready => "ready, waiting its turn",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    Done,
    Failed,
    Cancelled,
}

/// A stretch in which one task ran: the lines it said then.
struct Run {
    lane: usize,
    time: u64,
    marks: Vec<String>,
    /// Where it is drawn, once laid out.
    x: f64,
}

impl Run {
    fn width(&self) -> f64 {
        (self.marks.len() as f64 * MARK_GAP).max(MIN_RUN_WIDTH)
    }
}

/// Between two runs of one instant: a little, or, when no time passes in
/// the whole trace, enough to spread the turns over the plot.
fn run_gap(runs: &[Run], end: u64) -> f64 {
    if end > 0 || runs.is_empty() {
        return MIN_RUN_GAP;
    }
    let widths: f64 = runs.iter().map(Run::width).sum();
    ((PLOT_WIDTH / 2.0 - widths) / runs.len() as f64).clamp(MIN_RUN_GAP, 24.0)
}

/// One thing in a lane, in the order it happened.
#[derive(Clone, Debug)]
enum Item {
    /// Run number `run` of [`Layout::runs`].
    Run(usize),
    Bar {
        bar: Bar,
        from: u64,
        to: u64,
        x1: f64,
        x2: f64,
        /// For a wait: whom.
        on: String,
    },
    End {
        at: u64,
        end: End,
        x: f64,
    },
}

struct Lane {
    name: String,
    items: Vec<Item>,
}

/// Where everything goes. Running takes no virtual time, so the axis is
/// the trace's time with every instant at which tasks ran widened to hold
/// their runs side by side, in the order they ran: so that a picture of
/// tasks taking turns at time 0 still shows the turns.
struct Layout {
    lanes: Vec<Lane>,
    runs: Vec<Run>,
    /// Each instant at which something ran: where it starts, how wide.
    instants: BTreeMap<u64, (f64, f64)>,
    scale: f64,
    /// Between two runs of one instant.
    gap: f64,
    end: u64,
    /// For each event, the run it starts, if it is a `Runs`; for each
    /// line, the run it is drawn in. The stepper (`crate::steps`) marks
    /// that run, `data-run="k"`, as it steps.
    event_runs: Vec<Option<usize>>,
    line_runs: Vec<Option<usize>>,
}

impl Layout {
    /// Where time `t` is: the start of its instant, or between instants
    /// at the scale.
    fn x(&self, t: u64) -> f64 {
        if let Some(&(start, _)) = self.instants.get(&t) {
            return start;
        }
        match self.instants.range(..t).next_back() {
            Some((&before, &(start, width))) => start + width + (t - before) as f64 * self.scale,
            None => t as f64 * self.scale,
        }
    }
}

// Geometry, in the picture's units (CSS pixels at full size).
const PLOT_WIDTH: f64 = 480.0;
/// The fewest units a tick of time gets, however crowded its instants.
const MIN_TICK_WIDTH: f64 = 24.0;
/// The most: a short run is drawn short, not stretched to fill the plot,
/// so that two pictures set side by side (3 ticks against 12) compare.
const MAX_TICK_WIDTH: f64 = 40.0;
const LANE_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 12.0;
const RUN_HEIGHT: f64 = 18.0;
/// How far apart the marks of lines said in one run are.
const MARK_GAP: f64 = 7.0;
const MIN_RUN_WIDTH: f64 = 5.0;
/// Between two runs of one instant, at least.
const MIN_RUN_GAP: f64 = 2.0;
/// The narrowest plot, so that the legend fits beside it.
const MIN_PLOT_WIDTH: f64 = 320.0;
const CHAR_WIDTH: f64 = 7.0;
const TOP: f64 = 8.0;
const PAD: f64 = 10.0;

/// For each of `events`, the run of the picture it starts (the `k` of
/// `data-run="k"`), if it is a [`What::Runs`]; and for each of `lines`,
/// the run it is drawn in.
pub(crate) fn runs_of(
    lines: &[Line],
    events: &[Logged],
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let layout = layout(lines, events);
    (layout.event_runs, layout.line_runs)
}

/// Draw `lines` and `events` as an SVG timeline named `name` (its title is
/// "Timeline of `name`"; its element ids start with `timeline-<name>`, so
/// that several can share a page).
pub fn render_svg(name: &str, lines: &[Line], events: &[Logged]) -> String {
    let layout = layout(lines, events);
    let lanes = &layout.lanes;
    let id = format!("timeline-{}", slug(name));
    let label_width = lanes
        .iter()
        .map(|lane| lane.name.chars().count())
        .chain([4]) // "time"
        .max()
        .unwrap_or(4) as f64
        * CHAR_WIDTH
        + 2.0 * PAD;
    let plot_width = (layout.x(layout.end)
        + layout
            .instants
            .get(&layout.end)
            .map_or(0.0, |&(_, width)| width))
    .max(MIN_PLOT_WIDTH);
    let x = |t: u64| label_width + layout.x(t);
    let width = (label_width + plot_width + 3.0 * PAD).ceil();
    let axis_y = TOP + lanes.len() as f64 * LANE_HEIGHT + 6.0;
    let legend = legend_items(&layout);
    let legend_rows = legend_layout(&legend, width);
    let legend_y = axis_y + 36.0;
    let height = legend_y + legend_rows.len() as f64 * 20.0 + 4.0;

    let mut svg = String::new();
    let w = &mut svg;
    let _ = writeln!(
        w,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wb-timeline\" viewBox=\"0 0 {} {}\" \
         width=\"100%\" style=\"max-width: {}px; height: auto\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"sans-serif\" font-size=\"12\">",
        num(width),
        num(height),
        num(width)
    );
    let _ = writeln!(
        w,
        "<title id=\"{id}-title\">Timeline of {}</title>",
        escape(name)
    );
    let _ = writeln!(
        w,
        "<desc id=\"{id}-desc\">{}</desc>",
        escape(&describe(&layout))
    );
    let _ = writeln!(w, "<style>{}</style>", STYLE.trim());
    let _ = writeln!(
        w,
        "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"block-bg\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"block-line\"/></pattern></defs>"
    );

    // Grid lines first, so that everything else is drawn over them.
    let step = tick_step(layout.end);
    let ticks: Vec<u64> = (0..=layout.end / step).map(|i| i * step).collect();
    let _ = writeln!(w, "<g class=\"grid\">");
    for &t in &ticks {
        let _ = writeln!(
            w,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>",
            num(x(t)),
            num(TOP),
            num(axis_y)
        );
    }
    let _ = writeln!(w, "</g>");

    for (i, lane) in lanes.iter().enumerate() {
        let mid = TOP + i as f64 * LANE_HEIGHT + LANE_HEIGHT / 2.0;
        let _ = writeln!(w, "<g class=\"lane\">");
        let _ = writeln!(
            w,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            num(label_width - PAD),
            num(mid),
            escape(&lane.name)
        );
        let _ = writeln!(
            w,
            "<line class=\"lane-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>",
            num(label_width),
            num(mid),
            num(label_width + plot_width)
        );
        // Bars under the runs and ends.
        for item in &lane.items {
            let Item::Bar {
                bar,
                from,
                to,
                x1,
                x2,
                on,
            } = item
            else {
                continue;
            };
            let (x1, x2) = (label_width + x1, label_width + x2);
            let tip = match bar {
                Bar::Waiting => format!("{}: waits for {on} from {from} to {to}", lane.name),
                _ => format!("{}: {} from {from} to {to}", lane.name, bar.legend()),
            };
            if *bar == Bar::Ready {
                let _ = writeln!(
                    w,
                    "<line class=\"ready\" x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\"><title>{3}</title></line>",
                    num(x1),
                    num(x2),
                    num(mid),
                    escape(&tip)
                );
                continue;
            }
            let fill = if *bar == Bar::Blocked {
                format!(" fill=\"url(#{id}-hatch)\"")
            } else {
                String::new()
            };
            let _ = writeln!(
                w,
                "<rect class=\"{}\"{fill} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                bar.class(),
                num(x1),
                num(mid - BAR_HEIGHT / 2.0),
                num(x2 - x1),
                num(BAR_HEIGHT),
                escape(&tip)
            );
        }
        for item in &lane.items {
            match item {
                Item::Run(r) => {
                    let run = &layout.runs[*r];
                    let x0 = label_width + run.x;
                    let _ = writeln!(
                        w,
                        "<rect class=\"run\" data-run=\"{r}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"><title>{}: runs at {}</title></rect>",
                        num(x0),
                        num(mid - RUN_HEIGHT / 2.0),
                        num(run.width()),
                        num(RUN_HEIGHT),
                        escape(&lane.name),
                        run.time
                    );
                    for (j, text) in run.marks.iter().enumerate() {
                        let _ = writeln!(
                            w,
                            "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"2.5\"><title>{} [{}] {}</title></circle>",
                            num(x0 + MARK_GAP / 2.0 + j as f64 * MARK_GAP),
                            num(mid),
                            run.time,
                            escape(&lane.name),
                            escape(text)
                        );
                    }
                }
                Item::End { at, end, x } => {
                    let cx = label_width + x + 3.0;
                    let (class, tip) = match end {
                        End::Done => ("done", "is done"),
                        End::Failed => ("failed", "fails"),
                        End::Cancelled => ("cancelled", "is cancelled"),
                    };
                    let _ = writeln!(
                        w,
                        "<path class=\"{class}\" d=\"{}\"><title>{} {tip} at {at}</title></path>",
                        end_shape(*end, cx, mid),
                        escape(&lane.name)
                    );
                }
                Item::Bar { .. } => {}
            }
        }
        let _ = writeln!(w, "</g>");
    }

    let _ = writeln!(w, "<g class=\"axis\">");
    let _ = writeln!(
        w,
        "<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\"/>",
        num(label_width),
        num(label_width + plot_width),
        num(axis_y)
    );
    // An instant widened to hold several runs: a thick stretch of axis.
    for (&t, &(_, width)) in &layout.instants {
        if layout.runs.iter().filter(|run| run.time == t).count() > 1 {
            let _ = writeln!(
                w,
                "<rect class=\"instant\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"4\"><title>everything that ran at {t}, in order</title></rect>",
                num(x(t)),
                num(axis_y - 2.0),
                num(width - layout.gap)
            );
        }
    }
    for &t in &ticks {
        let _ = writeln!(
            w,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{t}</text>",
            num(x(t)),
            num(axis_y),
            num(axis_y + 4.0),
            num(axis_y + 17.0)
        );
    }
    let _ = writeln!(
        w,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">time</text>",
        num(label_width - PAD),
        num(axis_y + 17.0)
    );
    let _ = writeln!(w, "</g>");

    let _ = writeln!(w, "<g class=\"legend\">");
    for (row, items) in legend_rows.iter().enumerate() {
        let y = legend_y + row as f64 * 20.0;
        for (left, item) in items {
            let x0 = left + PAD;
            let swatch = match item {
                Legend::Run => format!(
                    "<rect class=\"run\" x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" rx=\"2\"/>",
                    num(x0),
                    num(y - 6.0)
                ),
                Legend::Mark => format!(
                    "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"2.5\"/>",
                    num(x0 + 7.0),
                    num(y)
                ),
                Legend::Instant => format!(
                    "<rect class=\"instant\" x=\"{}\" y=\"{}\" width=\"14\" height=\"4\"/>",
                    num(x0),
                    num(y - 2.0)
                ),
                Legend::Bar(Bar::Ready) => format!(
                    "<line class=\"ready\" x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\"/>",
                    num(x0),
                    num(x0 + 14.0),
                    num(y)
                ),
                Legend::Bar(bar) => {
                    let fill = if *bar == Bar::Blocked {
                        format!(" fill=\"url(#{id}-hatch)\"")
                    } else {
                        String::new()
                    };
                    format!(
                        "<rect class=\"{}\"{fill} x=\"{}\" y=\"{}\" width=\"14\" height=\"10\"/>",
                        bar.class(),
                        num(x0),
                        num(y - 5.0)
                    )
                }
                Legend::End(end) => format!(
                    "<path class=\"{}\" d=\"{}\"/>",
                    match end {
                        End::Done => "done",
                        End::Failed => "failed",
                        End::Cancelled => "cancelled",
                    },
                    end_shape(*end, x0 + 5.0, y)
                ),
            };
            let _ = writeln!(
                w,
                "{swatch}<text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text>",
                num(x0 + 19.0),
                num(y),
                escape(item.text())
            );
        }
    }
    let _ = writeln!(w, "</g>");
    svg.push_str("</svg>\n");
    svg
}

/// A task's end, just after `x`: a bar when done, a cross otherwise.
fn end_shape(end: End, x: f64, mid: f64) -> String {
    if end == End::Done {
        let half = RUN_HEIGHT / 2.0;
        format!("M{0} {1}V{2}", num(x), num(mid - half), num(mid + half))
    } else {
        let r = 4.5;
        format!(
            "M{0} {2}L{1} {3}M{0} {3}L{1} {2}",
            num(x),
            num(x + 2.0 * r),
            num(mid - r),
            num(mid + r)
        )
    }
}

/// The lines and events, in the order they happened.
enum Said<'a> {
    Line(&'a Line),
    Event(&'a Event),
}

fn in_order<'a>(lines: &'a [Line], events: &'a [Logged]) -> Vec<Said<'a>> {
    let mut said = Vec::with_capacity(lines.len() + events.len());
    let mut events = events.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while let Some(logged) = events.next_if(|logged| logged.lines_before <= i) {
            said.push(Said::Event(&logged.event));
        }
        said.push(Said::Line(line));
    }
    said.extend(events.map(|logged| Said::Event(&logged.event)));
    said
}

/// The lanes, in the order their tasks first appear; the runs; and where
/// everything goes.
fn layout(lines: &[Line], events: &[Logged]) -> Layout {
    let said = in_order(lines, events);
    let mut lanes: Vec<Lane> = Vec::new();
    let mut lane_of = |name: &str| -> usize {
        if let Some(i) = lanes.iter().position(|lane| lane.name == name) {
            return i;
        }
        lanes.push(Lane {
            name: name.to_string(),
            items: Vec::new(),
        });
        lanes.len() - 1
    };

    // First the runs: a `Runs` event starts one; so does a line from a
    // task that was not running (a trace without events: every change of
    // speaker is a new run). One task runs at a time.
    let mut runs: Vec<Run> = Vec::new();
    // For each of `said`: its lane, and for a line or a `Runs`, its run.
    let mut placed: Vec<Option<(usize, Option<usize>)>> = Vec::with_capacity(said.len());
    let mut current: Option<usize> = None;
    let (mut event_runs, mut line_runs) = (Vec::new(), Vec::new());
    for item in &said {
        match item {
            Said::Event(event) => {
                let lane = lane_of(&event.task);
                if event.what == What::Runs {
                    runs.push(Run {
                        lane,
                        time: event.time,
                        marks: Vec::new(),
                        x: 0.0,
                    });
                    current = Some(runs.len() - 1);
                    event_runs.push(current);
                    placed.push(Some((lane, current)));
                } else {
                    event_runs.push(None);
                    if current.is_some_and(|r| runs[r].lane == lane) {
                        current = None;
                    }
                    placed.push(Some((lane, None)));
                }
            }
            Said::Line(Line {
                stamp: Some(Stamp { time, task }),
                text,
            }) => {
                let lane = lane_of(task);
                match current {
                    Some(r) if runs[r].lane == lane && runs[r].time == *time => {
                        runs[r].marks.push(text.clone());
                    }
                    _ => {
                        runs.push(Run {
                            lane,
                            time: *time,
                            marks: vec![text.clone()],
                            x: 0.0,
                        });
                        current = Some(runs.len() - 1);
                    }
                }
                placed.push(Some((lane, current)));
                line_runs.push(current);
            }
            Said::Line(_) => {
                placed.push(None); // no time, nowhere to draw it
                line_runs.push(None);
            }
        }
    }

    // Then the axis: each instant as wide as its runs, the time between
    // instants at a scale that fills the plot, up to MAX_TICK_WIDTH.
    let end = said
        .iter()
        .filter_map(|item| match item {
            Said::Event(event) => Some(match event.what {
                What::Blocks { until } | What::Busy { until } => until.max(event.time),
                _ => event.time,
            }),
            Said::Line(line) => line.stamp.as_ref().map(|stamp| stamp.time),
        })
        .max()
        .unwrap_or(0);
    let gap = run_gap(&runs, end);
    let mut widths: BTreeMap<u64, f64> = BTreeMap::new();
    for run in &runs {
        *widths.entry(run.time).or_default() += run.width() + gap;
    }
    let crowded: f64 = widths.values().sum();
    let scale = if end == 0 {
        0.0
    } else {
        ((PLOT_WIDTH - crowded) / end as f64).clamp(MIN_TICK_WIDTH, MAX_TICK_WIDTH)
    };
    let mut layout = Layout {
        lanes: Vec::new(),
        runs,
        instants: BTreeMap::new(),
        scale,
        gap,
        end,
        event_runs,
        line_runs,
    };
    let mut at = 0.0;
    let mut last = 0;
    for (&t, &width) in &widths {
        at += (t - last) as f64 * scale;
        layout.instants.insert(t, (at, width));
        at += width;
        last = t;
    }

    // Last, the lanes' items, walking through what happened: each run
    // takes the next place in its instant; a bar goes from the event that
    // began it to the task's next event.
    let mut filled: BTreeMap<u64, f64> = BTreeMap::new();
    // Where the walk is: the time, and the end of the last run drawn.
    let mut cursor: Option<(u64, f64)> = None;
    // What each lane is doing, since when, from where.
    let mut states: Vec<Option<(What, u64, f64)>> = Vec::new();
    states.resize_with(lanes.len(), || None);
    let mut drawn = vec![false; layout.runs.len()];
    let mut last_run: Vec<Option<usize>> = vec![None; lanes.len()];
    for (item, place) in said.iter().zip(&placed) {
        let Some((lane, run)) = *place else { continue };
        if let Some(r) = run
            && !drawn[r]
        {
            drawn[r] = true;
            let time = layout.runs[r].time;
            let offset = filled.entry(time).or_default();
            let x = layout.instants[&time].0 + *offset;
            *offset += layout.runs[r].width() + layout.gap;
            layout.runs[r].x = x;
            cursor = Some((time, x + layout.runs[r].width()));
            // Whatever the task was doing has ended. A task the loop
            // resumes again without having heard why it stopped was
            // ready all along (aio's `yield_now` says nothing).
            let state = states[lane].take().or_else(|| {
                let resumed = matches!(item, Said::Event(_));
                let last = last_run[lane].filter(|_| resumed)?;
                Some((
                    What::GivesWay,
                    layout.runs[last].time,
                    layout.runs[last].x + layout.runs[last].width(),
                ))
            });
            if let Some((what, since, from)) = state {
                close(&mut lanes[lane], &layout, &what, since, from, time, x);
            }
            last_run[lane] = Some(r);
            lanes[lane].items.push(Item::Run(r));
        }
        let Said::Event(event) = item else { continue };
        if event.what == What::Runs {
            continue;
        }
        let x = match cursor {
            Some((time, x)) if time == event.time => x,
            _ => layout.x(event.time),
        };
        last_run[lane] = None; // it said why it stopped
        if let Some((what, since, from)) = states[lane].take() {
            close(&mut lanes[lane], &layout, &what, since, from, event.time, x);
        }
        let end = match event.what {
            What::Done => Some(End::Done),
            What::Failed => Some(End::Failed),
            What::Cancelled => Some(End::Cancelled),
            _ => None,
        };
        match end {
            Some(end) => lanes[lane].items.push(Item::End {
                at: event.time,
                end,
                x,
            }),
            None => states[lane] = Some((event.what.clone(), event.time, x)),
        }
    }
    // Still waiting when the run ended (genloop stops when main returns
    // and leaves the others as they were).
    let end_x = layout.x(end) + layout.instants.get(&end).map_or(0.0, |&(_, width)| width);
    for (lane, state) in states.into_iter().enumerate() {
        if let Some((what, since, from)) = state {
            close(&mut lanes[lane], &layout, &what, since, from, end, end_x);
        }
    }
    layout.lanes = lanes;
    layout
}

/// The state `what`, begun at time `since` at `x1`, ends at time `now` at
/// `x2`: the bar it leaves.
fn close(lane: &mut Lane, layout: &Layout, what: &What, since: u64, x1: f64, now: u64, x2: f64) {
    let mut bar = |bar, from: u64, to: u64, x1: f64, x2: f64, on: &str| {
        if x2 > x1 {
            lane.items.push(Item::Bar {
                bar,
                from,
                to,
                x1,
                x2,
                on: on.to_string(),
            });
        }
    };
    match what {
        What::Sleeps { until } if *until < now => {
            // Woken late: its timer was due, but the loop was held up.
            let due = layout.x(*until).max(x1);
            bar(Bar::Sleeping, since, *until, x1, due, "");
            bar(Bar::Ready, *until, now, due, x2, "");
        }
        What::Sleeps { .. } => bar(Bar::Sleeping, since, now, x1, x2, ""),
        What::Blocks { .. } => bar(Bar::Blocked, since, now, x1, x2, ""),
        What::Busy { .. } => bar(Bar::Busy, since, now, x1, x2, ""),
        What::Waits { on } => bar(Bar::Waiting, since, now, x1, x2, on),
        What::GivesWay => bar(Bar::Ready, since, now, x1, x2, ""),
        What::Runs | What::Done | What::Failed | What::Cancelled => {}
    }
}

/// The picture in words, lane by lane, for a screen reader.
fn describe(layout: &Layout) -> String {
    let mut sentences = Vec::new();
    for lane in &layout.lanes {
        let mut parts = Vec::new();
        for item in &lane.items {
            parts.push(match item {
                Item::Run(r) => {
                    let run = &layout.runs[*r];
                    match run.marks.len() {
                        0 => format!("runs at {}", run.time),
                        1 => format!("says 1 line at {}", run.time),
                        n => format!("says {n} lines at {}", run.time),
                    }
                }
                Item::Bar {
                    bar, from, to, on, ..
                } => match bar {
                    Bar::Ready if from == to => "gives way".to_string(),
                    Bar::Waiting if from == to => format!("waits for {on}"),
                    Bar::Sleeping => format!("sleeps from {from} to {to}"),
                    Bar::Waiting => format!("waits for {on} from {from} to {to}"),
                    Bar::Blocked => format!("blocks everything from {from} to {to}"),
                    Bar::Busy => format!("runs a task from {from} to {to}"),
                    Bar::Ready => format!("is ready but waits its turn from {from} to {to}"),
                },
                Item::End { at, end, .. } => match end {
                    End::Done => format!("is done at {at}"),
                    End::Failed => format!("fails at {at}"),
                    End::Cancelled => format!("is cancelled at {at}"),
                },
            });
        }
        sentences.push(format!("{}: {}.", lane.name, parts.join(", ")));
    }
    sentences.join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Legend {
    Run,
    Mark,
    Bar(Bar),
    End(End),
    Instant,
}

impl Legend {
    fn text(self) -> &'static str {
        match self {
            Legend::Run => "running",
            Legend::Mark => "says a line (hover for it)",
            Legend::Bar(bar) => bar.legend(),
            Legend::End(End::Done) => "done",
            Legend::End(End::Failed) => "failed",
            Legend::End(End::Cancelled) => "cancelled",
            Legend::Instant => "one instant: running takes no time",
        }
    }
}

/// What the legend explains: only what the picture shows.
fn legend_items(layout: &Layout) -> Vec<Legend> {
    let mut items: Vec<Legend> = layout
        .lanes
        .iter()
        .flat_map(|lane| &lane.items)
        .map(|item| match item {
            Item::Run(_) => Legend::Run,
            Item::Bar { bar, .. } => Legend::Bar(*bar),
            Item::End { end, .. } => Legend::End(*end),
        })
        .collect();
    if layout.runs.iter().any(|run| !run.marks.is_empty()) {
        items.push(Legend::Mark);
    }
    let mut times: Vec<u64> = layout.runs.iter().map(|run| run.time).collect();
    let all = times.len();
    times.dedup();
    if times.len() < all {
        items.push(Legend::Instant);
    }
    items.sort();
    items.dedup();
    items
}

/// The legend's items in columns, in rows no wider than the picture.
fn legend_layout(items: &[Legend], width: f64) -> Vec<Vec<(f64, Legend)>> {
    let column = items
        .iter()
        .map(|item| 19.0 + item.text().chars().count() as f64 * 6.2 + 14.0)
        .fold(0.0, f64::max);
    let per_row = (((width - PAD) / column).floor() as usize).max(1);
    items
        .chunks(per_row)
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, item)| (i as f64 * column, *item))
                .collect()
        })
        .collect()
}

/// Classes, scoped to the picture: inlined in a page, this style block
/// applies to the whole page.
const STYLE: &str = "
.wb-timeline text { fill: currentColor; }
.wb-timeline .grid line { stroke: currentColor; stroke-opacity: 0.12; }
.wb-timeline .lane-line { stroke: currentColor; stroke-opacity: 0.3; }
.wb-timeline .axis line { stroke: currentColor; }
.wb-timeline .run { fill: #3b82d6; }
.wb-timeline .mark { fill: currentColor; stroke: #3b82d6; stroke-width: 1; }
.wb-timeline .sleep { fill: #3b82d6; fill-opacity: 0.25; stroke: #3b82d6; }
.wb-timeline .wait { fill: none; stroke: currentColor; stroke-opacity: 0.75; stroke-dasharray: 4 3; }
.wb-timeline .block { stroke: #dd6b20; }
.wb-timeline .block-bg { fill: #dd6b20; fill-opacity: 0.25; }
.wb-timeline .block-line { stroke: #dd6b20; stroke-width: 2.5; }
.wb-timeline .instant { fill: currentColor; fill-opacity: 0.5; }
.wb-timeline .ready { stroke: currentColor; stroke-width: 2; stroke-dasharray: 1 3; }
.wb-timeline .done { stroke: currentColor; stroke-width: 2; fill: none; }
.wb-timeline .cancelled { stroke: currentColor; stroke-width: 2; fill: none; }
.wb-timeline .failed { stroke: #d93b3b; stroke-width: 2.5; fill: none; }
.wb-timeline .busy { fill: #2f9e5a; fill-opacity: 0.6; stroke: #2f9e5a; }
";

/// A round step for the axis's ticks: 1, 2 or 5 times a power of ten,
/// about ten ticks in all.
fn tick_step(end: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for step in [power, 2 * power, 5 * power] {
            if end / step <= 10 {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// A coordinate, to one decimal, without a trailing `.0`.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A name made safe for an element id.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Trace;
    use std::sync::{Arc, Mutex};

    /// A trace that records its timeline, and a way to set the time and
    /// task its lines are stamped with.
    struct Run {
        trace: Trace,
        now: Arc<Mutex<Stamp>>,
    }

    impl Run {
        fn new() -> Run {
            let trace = Trace::new();
            trace.record_timeline();
            let now = Arc::new(Mutex::new(Stamp {
                time: 0,
                task: "main".into(),
            }));
            let stamp = now.clone();
            trace.set_stamper(move || stamp.lock().unwrap().clone());
            Run { trace, now }
        }

        fn at(&self, time: u64, task: &str) -> &Self {
            *self.now.lock().unwrap() = Stamp {
                time,
                task: task.into(),
            };
            self
        }

        fn does(&self, what: What) -> &Self {
            let Stamp { time, task } = self.now.lock().unwrap().clone();
            self.trace.event(|| Event { time, task, what });
            self
        }

        fn says(&self, text: &str) -> &Self {
            self.trace.say(text);
            self
        }

        fn layout(&self) -> Layout {
            let inner = self.trace.lock();
            layout(&inner.lines, &inner.events)
        }

        fn svg(&self, name: &str) -> String {
            self.trace.timeline_svg(name)
        }
    }

    /// main starts B, waits for it; B sleeps 2 and is done.
    fn a_run() -> Run {
        let run = Run::new();
        run.at(0, "main").does(What::Runs).says("starts B");
        run.does(What::Waits { on: "B".into() });
        run.at(0, "B").does(What::Runs).says("sleeps");
        run.does(What::Sleeps { until: 2 });
        run.at(2, "B")
            .does(What::Runs)
            .says("wakes <&>")
            .does(What::Done);
        run.at(2, "main")
            .does(What::Runs)
            .says("done")
            .does(What::Done);
        run
    }

    #[test]
    fn the_description_tells_each_lane_in_words() {
        assert_eq!(
            describe(&a_run().layout()),
            "main: says 1 line at 0, waits for B from 0 to 2, says 1 line at 2, is done at 2. \
             B: says 1 line at 0, sleeps from 0 to 2, says 1 line at 2, is done at 2."
        );
    }

    #[test]
    fn the_picture_has_a_title_a_description_and_scales_to_its_container() {
        let svg = a_run().svg("wait for B");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains(" width=\"100%\""), "{svg}");
        assert!(svg.contains(" viewBox=\"0 0 "), "{svg}");
        assert!(
            svg.contains("<title id=\"timeline-wait-for-B-title\">Timeline of wait for B</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("aria-labelledby=\"timeline-wait-for-B-title timeline-wait-for-B-desc\""),
            "{svg}"
        );
        assert!(
            svg.contains("<desc id=\"timeline-wait-for-B-desc\">main: "),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"));
        // Pasted into a markdown page it must stay one HTML block.
        assert!(!svg.contains("\n\n"), "no blank line: {svg}");
    }

    #[test]
    fn every_line_said_is_a_mark_with_its_text_escaped() {
        let svg = a_run().svg("x");
        assert_eq!(
            svg.matches("<circle class=\"mark\"").count(),
            4 + 1,
            "four lines, and the legend's"
        );
        assert!(
            svg.contains("<title>2 [B] wakes &lt;&amp;&gt;</title>"),
            "{svg}"
        );
    }

    #[test]
    fn each_kind_of_bar_has_its_own_style_and_the_legend_explains_it() {
        let run = Run::new();
        run.at(0, "main").does(What::Runs);
        run.does(What::Sleeps { until: 2 });
        run.at(0, "beat")
            .does(What::Runs)
            .does(What::Sleeps { until: 1 });
        run.at(2, "main")
            .does(What::Runs)
            .does(What::Blocks { until: 5 });
        run.at(5, "main")
            .does(What::Runs)
            .does(What::Waits { on: "beat".into() });
        run.at(5, "beat").does(What::Runs).does(What::GivesWay);
        run.at(5, "beat").does(What::Runs).does(What::Cancelled);
        run.at(6, "main").does(What::Runs).does(What::Failed);
        let svg = run.svg("x");
        for class in [
            "run",
            "sleep",
            "wait",
            "block",
            "ready",
            "cancelled",
            "failed",
            "instant",
        ] {
            assert!(
                svg.contains(&format!("class=\"{class}\"")),
                "{class}: {svg}"
            );
        }
        assert!(svg.contains("fill=\"url(#timeline-x-hatch)\""), "{svg}");
        for words in [
            ">sleeping<",
            ">waiting (for a task, a thread…)<",
            ">blocked: nothing else runs<",
            ">ready, waiting its turn<",
            ">cancelled<",
            ">failed<",
            ">one instant: running takes no time<",
        ] {
            assert!(svg.contains(words), "legend {words}: {svg}");
        }
        assert!(!svg.contains(">done<"), "only what is shown is explained");
        assert_eq!(
            describe(&run.layout()),
            "main: runs at 0, sleeps from 0 to 2, runs at 2, blocks everything from 2 to 5, runs at 5, \
             waits for beat from 5 to 6, runs at 6, fails at 6. \
             beat: runs at 0, sleeps from 0 to 1, is ready but waits its turn from 1 to 5, runs at 5, \
             gives way, runs at 5, is cancelled at 5."
        );
    }

    #[test]
    fn two_workers_are_busy_at_once() {
        let run = Run::new();
        run.at(0, "worker 1")
            .does(What::Runs)
            .says("runs A")
            .does(What::Busy { until: 2 });
        run.at(0, "worker 2")
            .does(What::Runs)
            .says("runs B")
            .does(What::Busy { until: 1 });
        run.at(1, "worker 2")
            .does(What::Runs)
            .does(What::Waits { on: "work".into() });
        run.at(2, "worker 1").does(What::Done);
        let svg = run.svg("x");
        assert!(svg.contains("<rect class=\"busy\""), "{svg}");
        assert!(svg.contains(">busy with a task<"), "{svg}");
        assert_eq!(
            describe(&run.layout()),
            "worker 1: says 1 line at 0, runs a task from 0 to 2, is done at 2. \
             worker 2: says 1 line at 0, runs a task from 0 to 1, runs at 1, waits for work from 1 to 2."
        );
    }

    #[test]
    fn runs_at_one_instant_are_drawn_side_by_side_in_the_order_they_ran() {
        let run = Run::new();
        for _ in 0..2 {
            run.at(0, "A")
                .does(What::Runs)
                .says("ping")
                .does(What::GivesWay);
            run.at(0, "B")
                .does(What::Runs)
                .says("pong")
                .does(What::GivesWay);
        }
        let layout = run.layout();
        let xs: Vec<(usize, f64)> = layout.runs.iter().map(|r| (r.lane, r.x)).collect();
        assert_eq!(xs.len(), 4);
        assert!(
            xs.windows(2).all(|w| w[0].1 < w[1].1),
            "left to right: {xs:?}"
        );
        assert_eq!(
            xs.iter().map(|(lane, _)| *lane).collect::<Vec<_>>(),
            [0, 1, 0, 1],
            "A, B, A, B"
        );
        // A waits its turn while B runs: a dotted line from its first run
        // to its second.
        let ready: Vec<&Item> = layout.lanes[0]
            .items
            .iter()
            .filter(|item| {
                matches!(
                    item,
                    Item::Bar {
                        bar: Bar::Ready,
                        ..
                    }
                )
            })
            .collect();
        assert_eq!(ready.len(), 2, "{:?}", layout.lanes[0].items);
    }

    #[test]
    fn lanes_come_in_order_of_first_appearance() {
        let run = Run::new();
        run.at(0, "B").does(What::Runs);
        run.at(0, "A").does(What::Runs);
        run.at(0, "late").says("x");
        run.at(0, "B").says("y");
        let names: Vec<String> = run.layout().lanes.into_iter().map(|l| l.name).collect();
        assert_eq!(names, ["B", "A", "late"]);
    }

    #[test]
    fn lines_alone_give_lanes_and_marks() {
        let lines = crate::parse_rendered("  0 [main] hi\n  3 [A] there\n  3 [A] again\n");
        let svg = render_svg("from text", &lines, &[]);
        assert!(
            svg.contains("main: says 1 line at 0. A: says 2 lines at 3.</desc>"),
            "{svg}"
        );
        assert!(!svg.contains("class=\"sleep\""));
    }

    #[test]
    fn the_same_run_gives_the_same_bytes() {
        assert_eq!(a_run().svg("x"), a_run().svg("x"));
        // And the time axis is in the trace's units, with round ticks.
        let svg = a_run().svg("x");
        assert!(
            svg.contains(">0</text>") && svg.contains(">2</text>"),
            "{svg}"
        );
    }

    #[test]
    fn ticks_are_round_and_about_ten() {
        assert_eq!(tick_step(1), 1);
        assert_eq!(tick_step(10), 1);
        assert_eq!(tick_step(11), 2);
        assert_eq!(tick_step(35), 5);
        assert_eq!(tick_step(1000), 100);
        assert_eq!(tick_step(1500), 200);
    }

    #[test]
    fn coordinates_are_written_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.2");
        assert_eq!(num(0.04), "0");
    }
}
