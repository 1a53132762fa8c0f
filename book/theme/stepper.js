// The stepper: under a timeline picture, the run played back one step at
// a time. Each `figure.timeline` that carries its run's steps (a
// `<script type="application/json" class="wb-steps">`, written by
// `cargo wb figures` from the solution's run) gets one. Without
// JavaScript the page keeps what it had: the picture and the trace.
//
// A step holds what the loop held after doing one thing: the clock, the
// ready queue (front first; the first `round` entries still run in this
// round), the timers in firing order, each task's state, how many lines
// were said, and the rule that decided the step (crates/trace/src/steps.rs
// writes them).
//
// Figures with the same `data-sync` move together (`cargo wb check
// --step` puts a learner's run beside the expected one); `data-start`
// says where to open.
(function () {
  'use strict';

  var PLAY_EVERY_MS = 900;
  var groups = {};

  // A new element: tag, class, text.
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function panel(title, className) {
    var box = el('div', 'wb-panel ' + className);
    box.appendChild(el('div', 'wb-panel-title', title));
    var body = el('div', 'wb-panel-body');
    box.appendChild(body);
    return { box: box, body: body };
  }

  function button(label, symbol, onClick) {
    var b = el('button', 'wb-step-button', symbol);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.title = label;
    b.addEventListener('click', onClick);
    return b;
  }

  // `  3 [B] world`, as the snapshots write a line.
  function lineText(line) {
    if (line[0] === null) return line[2];
    var time = String(line[0]);
    while (time.length < 3) time = ' ' + time;
    return time + ' [' + line[1] + '] ' + line[2];
  }

  function Stepper(figure, data) {
    this.figure = figure;
    this.data = data;
    this.steps = data.steps;
    this.at = 0;
    this.timer = null;
    this.build();
    var start = Number(figure.getAttribute('data-start')) || 0;
    this.show(Math.min(Math.max(start, 0), this.steps.length - 1));
  }

  Stepper.prototype.build = function () {
    var self = this;
    var root = el('div', 'wb-stepper');
    root.tabIndex = 0;
    root.setAttribute('role', 'group');
    root.setAttribute('aria-label', 'Step through the run of ' + this.data.name +
      ' (arrow keys: previous and next step; Home, End: first and last)');
    root.dataset.steps = String(this.steps.length);
    this.root = root;

    var controls = el('div', 'wb-step-controls');
    controls.appendChild(button('First step', '«', function () { self.go(0); }));
    controls.appendChild(button('Previous step', '‹', function () { self.go(self.at - 1); }));
    this.playButton = button('Play', '▶', function () { self.toggle(); });
    controls.appendChild(this.playButton);
    controls.appendChild(button('Next step', '›', function () { self.go(self.at + 1); }));
    controls.appendChild(button('Last step', '»', function () { self.go(self.steps.length - 1); }));
    var slider = el('input', 'wb-step-slider');
    slider.type = 'range';
    slider.min = '0';
    slider.max = String(this.steps.length - 1);
    slider.setAttribute('aria-label', 'Step');
    slider.addEventListener('input', function () { self.go(Number(slider.value)); });
    this.slider = slider;
    controls.appendChild(slider);
    this.counter = el('span', 'wb-step-count');
    controls.appendChild(this.counter);
    root.appendChild(controls);

    // What this step did, read out by a screen reader at each step.
    var head = el('div', 'wb-step-head');
    head.setAttribute('aria-live', 'polite');
    this.clock = el('span', 'wb-step-clock');
    this.says = el('span', 'wb-step-says');
    this.rule = el('div', 'wb-step-rule');
    var line = el('div', 'wb-step-what');
    line.appendChild(this.clock);
    line.appendChild(this.says);
    head.appendChild(line);
    head.appendChild(this.rule);
    root.appendChild(head);

    var grid = el('div', 'wb-step-grid');
    var loopSide = el('div', 'wb-step-side');
    this.ready = panel('Ready queue (front first)', 'wb-step-ready');
    this.timers = panel('Timers (in firing order)', 'wb-step-timers');
    this.tasks = panel('Tasks', 'wb-step-tasks');
    loopSide.appendChild(this.ready.box);
    loopSide.appendChild(this.timers.box);
    loopSide.appendChild(this.tasks.box);
    var traceSide = el('div', 'wb-step-side');
    this.trace = panel('Trace so far', 'wb-step-trace');
    this.lines = this.data.lines.map(function (l) {
      var e = el('div', 'wb-line', lineText(l));
      self.trace.body.appendChild(e);
      return e;
    });
    traceSide.appendChild(this.trace.box);
    // CPython's own queues, where the program's Python twin took the same
    // turns on CPython's loop (`cargo wb figures` records them).
    var twin = this.steps.some(function (step) { return step.cpython; });
    if (twin) {
      this.cpython = panel('CPython, as it began this turn', 'wb-step-cpython');
      traceSide.appendChild(this.cpython.box);
    }
    // A loop the reader wrote records no queues: its steps are its lines.
    if (this.data.loop === null) {
      grid.classList.add('wb-lines-only');
      root.appendChild(el('p', 'wb-step-note',
        'This loop is not one of the workbook\u2019s: its steps are the lines it said, and its queues cannot be seen.'));
    } else {
      grid.appendChild(loopSide);
    }
    grid.appendChild(traceSide);
    root.insertBefore(grid, root.querySelector('.wb-step-note'));

    root.addEventListener('keydown', function (event) { self.key(event); });
    var svg = this.figure.querySelector('svg');
    var caption = this.figure.querySelector('figcaption');
    this.figure.insertBefore(root, caption || (svg ? svg.nextSibling : null));
  };

  // The keys, only while the stepper has the focus. mdBook turns the page
  // on the arrow keys: here they step instead.
  Stepper.prototype.key = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var onButton = event.target.tagName === 'BUTTON';
    var onSlider = event.target === this.slider;
    var moves = { ArrowRight: 1, ArrowLeft: -1 };
    if (event.key in moves && !onSlider) {
      this.go(this.at + moves[event.key]);
    } else if (event.key === 'Home' && !onSlider) {
      this.go(0);
    } else if (event.key === 'End' && !onSlider) {
      this.go(this.steps.length - 1);
    } else if (event.key === ' ' && !onButton) {
      this.toggle();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  // Go to step `i`, and take the others of the group along.
  Stepper.prototype.go = function (i, fromGroup) {
    var from = this.at;
    this.show(Math.min(Math.max(i, 0), this.steps.length - 1));
    if (fromGroup) return;
    var group = groups[this.figure.getAttribute('data-sync')] || [];
    var moved = this.at - from;
    var self = this;
    group.forEach(function (other) {
      if (other !== self) other.go(other.at + moved, true);
    });
  };

  Stepper.prototype.toggle = function () {
    var self = this;
    if (this.timer !== null) {
      this.stop();
      return;
    }
    if (this.at === this.steps.length - 1) this.go(0);
    this.timer = setInterval(function () {
      if (self.at >= self.steps.length - 1) {
        self.stop();
      } else {
        self.go(self.at + 1);
      }
    }, PLAY_EVERY_MS);
    this.playButton.textContent = '❚❚';
    this.playButton.setAttribute('aria-label', 'Pause');
    this.playButton.title = 'Pause';
  };

  Stepper.prototype.stop = function () {
    clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = '▶';
    this.playButton.setAttribute('aria-label', 'Play');
    this.playButton.title = 'Play';
  };

  Stepper.prototype.show = function (i) {
    var step = this.steps[i];
    var before = i > 0 ? this.steps[i - 1].lines : 0;
    this.at = i;
    this.root.dataset.step = String(i);
    this.slider.value = String(i);
    this.counter.textContent = 'step ' + (i + 1) + ' of ' + this.steps.length;
    this.clock.textContent = 'time ' + step.time;
    this.says.textContent = step.says;
    this.rule.textContent = '';
    if (step.rule) {
      this.rule.appendChild(el('span', 'wb-rule-label', 'Rule: '));
      this.rule.appendChild(el('em', null, step.rule));
    }
    this.showReady(step);
    this.showTimers(step);
    this.showTasks(step);
    this.showLines(step.lines, before);
    this.showRun(step.run);
    if (this.cpython) this.showCpython(step);
  };

  // What CPython's loop held when it ran this turn: the handle it ran,
  // the rest of `loop._ready` behind it, and `loop._scheduled`.
  Stepper.prototype.showCpython = function (step) {
    var body = this.cpython.body;
    body.textContent = '';
    var seen = step.cpython;
    if (!seen) {
      body.appendChild(el('span', 'wb-empty', '(a turn shows CPython\u2019s; this step is not a turn)'));
      return;
    }
    var row = function (label, text) {
      var e = el('div', 'wb-cpython-row');
      e.appendChild(el('span', 'wb-rule-label', label));
      e.appendChild(el('code', null, text));
      body.appendChild(e);
    };
    row('ran: ', seen.ran);
    row('_ready: ', seen.ready.length ? seen.ready.join(', ') : '(empty)');
    row('_scheduled: ', seen.timers.length ? seen.timers.map(function (t) {
      return 'at ' + t[0] + ' \u00b7 ' + t[1];
    }).join(', ') : '(none)');
    if (seen.note) body.appendChild(el('div', 'wb-step-note', seen.note));
  };

  Stepper.prototype.showReady = function (step) {
    var body = this.ready.body;
    body.textContent = '';
    if (step.ready.length === 0) body.appendChild(el('span', 'wb-empty', '(empty)'));
    step.ready.forEach(function (entry, k) {
      if (k === step.round && k > 0) body.appendChild(el('span', 'wb-round-divider', 'next round'));
      var chip = el('span', 'wb-chip' + (entry.new ? ' wb-new' : ''), entry.name);
      chip.setAttribute('data-name', entry.name);
      if (entry.why) chip.title = 'new: ' + entry.why;
      body.appendChild(chip);
    });
  };

  Stepper.prototype.showTimers = function (step) {
    var body = this.timers.body;
    body.textContent = '';
    if (step.timers.length === 0) body.appendChild(el('span', 'wb-empty', '(none)'));
    step.timers.forEach(function (timer) {
      var text = 'at ' + timer.at + ' \u00b7 ' + timer.task + ' \u00b7 set #' + timer.set;
      var e = el('div', 'wb-timer' + (timer.new ? ' wb-new' : ''), text);
      e.setAttribute('data-at', String(timer.at));
      e.setAttribute('data-task', timer.task);
      e.setAttribute('data-set', String(timer.set));
      body.appendChild(e);
    });
  };

  Stepper.prototype.showTasks = function (step) {
    var body = this.tasks.body;
    body.textContent = '';
    if (step.tasks.length === 0) body.appendChild(el('span', 'wb-empty', '(not recorded)'));
    step.tasks.forEach(function (task) {
      var e = el('div', 'wb-task' + (task[0] === step.task ? ' wb-running' : ''));
      e.appendChild(el('strong', null, task[0]));
      e.appendChild(document.createTextNode(' ' + task[1]));
      body.appendChild(e);
    });
  };

  // Lines said so far, those of this step marked; the rest dimmed. The
  // panel scrolls to the newest, the page does not move.
  Stepper.prototype.showLines = function (said, before) {
    var last = null;
    this.lines.forEach(function (line, k) {
      line.classList.toggle('wb-said', k < said);
      line.classList.toggle('wb-now', k >= before && k < said);
      if (k < said) last = line;
    });
    var body = this.trace.body;
    if (last) {
      var top = last.offsetTop - body.offsetTop;
      if (top < body.scrollTop || top + last.offsetHeight > body.scrollTop + body.clientHeight) {
        body.scrollTop = Math.max(0, top - body.clientHeight / 2);
      }
    } else {
      body.scrollTop = 0;
    }
  };

  // The cursor in the picture: the bar of the turn that just ran.
  Stepper.prototype.showRun = function (run) {
    var rects = this.figure.querySelectorAll('svg rect.run[data-run]');
    Array.prototype.forEach.call(rects, function (rect) {
      rect.classList.toggle('wb-current', run !== null && rect.getAttribute('data-run') === String(run));
    });
  };

  function start() {
    var figures = document.querySelectorAll('figure.timeline');
    Array.prototype.forEach.call(figures, function (figure) {
      var script = figure.querySelector('script.wb-steps');
      if (!script) return;
      var data;
      try {
        data = JSON.parse(script.textContent);
      } catch (e) {
        console.error('wb stepper: the steps of a timeline are not JSON: ' + e);
        return;
      }
      if (!data.steps || data.steps.length === 0) return;
      var stepper = new Stepper(figure, data);
      var group = figure.getAttribute('data-sync');
      if (group) (groups[group] = groups[group] || []).push(stepper);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
