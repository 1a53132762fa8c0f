// The browser check's look at the page's steppers (book/theme/stepper.js),
// as a reader uses them: for each figure with steps, press the keys and
// the buttons, and compare what the panels show with the recorded steps
// the page carries. Returns {steppers, steps, problems}.
(() => {
  const problems = [];
  let steppers = 0;
  let looked = 0;
  const key = (target, name) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
  const names = (list, attribute) => Array.from(list).map((e) => e.getAttribute(attribute));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  document.querySelectorAll('figure.timeline').forEach((figure) => {
    const data = figure.querySelector('script.wb-steps');
    if (!data) return;
    const recorded = JSON.parse(data.textContent);
    const at = `the stepper of ${recorded.name}`;
    const stepper = figure.querySelector('.wb-stepper');
    if (!stepper) {
      problems.push(`${at} is not there (the script did not start)`);
      return;
    }
    steppers += 1;
    const steps = recorded.steps;
    if (Number(stepper.dataset.steps) !== steps.length) {
      problems.push(`${at} says it has ${stepper.dataset.steps} steps; the page carries ${steps.length}`);
    }
    const shown = () => Number(stepper.dataset.step);
    // Compare the panels with recorded step i.
    const check = (i, how) => {
      looked += 1;
      const step = steps[i];
      const here = `${at}, step ${i + 1} of ${steps.length} (${how})`;
      if (shown() !== i) {
        problems.push(`${here}: it shows step ${shown() + 1}`);
        return;
      }
      const clock = stepper.querySelector('.wb-step-clock');
      if (!clock || !new RegExp(`\\b${step.time}\\b`).test(clock.textContent)) {
        problems.push(`${here}: the clock shows "${clock && clock.textContent}", not ${step.time}`);
      }
      const says = stepper.querySelector('.wb-step-says');
      if (!says || !says.textContent.includes(step.says)) {
        problems.push(`${here}: it does not say "${step.says}"`);
      }
      const rule = stepper.querySelector('.wb-step-rule');
      if (step.rule && !(rule && rule.textContent.includes(step.rule))) {
        problems.push(`${here}: the rule "${step.rule}" is not shown`);
      }
      const queue = names(stepper.querySelectorAll('.wb-step-ready .wb-chip'), 'data-name');
      const ready = step.ready.map((entry) => entry.name);
      if (!same(queue, ready)) {
        problems.push(`${here}: the queue shows ${JSON.stringify(queue)}, the run had ${JSON.stringify(ready)}`);
      }
      const timers = Array.from(stepper.querySelectorAll('.wb-step-timers .wb-timer')).map((t) => [
        Number(t.dataset.at), t.dataset.task, Number(t.dataset.set)]);
      const set = step.timers.map((t) => [t.at, t.task, t.set]);
      if (!same(timers, set)) {
        problems.push(`${here}: the timers show ${JSON.stringify(timers)}, the run had ${JSON.stringify(set)}`);
      }
      const said = stepper.querySelectorAll('.wb-step-trace .wb-line.wb-said').length;
      if (said !== step.lines) {
        problems.push(`${here}: ${said} lines are shown as said, the run had said ${step.lines}`);
      }
      const cpython = stepper.querySelector('.wb-step-cpython');
      if (step.cpython && !(cpython && cpython.textContent.includes(step.cpython.ran))) {
        problems.push(`${here}: CPython's panel does not show that it ran ${step.cpython.ran}`);
      }
      const current = Array.from(figure.querySelectorAll('svg .wb-current')).map((r) => r.getAttribute('data-run'));
      const run = step.run === null ? [] : [String(step.run)];
      if (!same(current, run)) {
        problems.push(`${here}: the picture marks run ${JSON.stringify(current)}, not ${JSON.stringify(run)}`);
      }
    };
    const button = (label) => stepper.querySelector(`button[aria-label="${label}"]`);
    const press = (label) => {
      const b = button(label);
      if (!b) {
        problems.push(`${at} has no button "${label}"`);
        return false;
      }
      b.click();
      return true;
    };
    for (const label of ['First step', 'Previous step', 'Next step', 'Last step', 'Play']) {
      if (!button(label)) problems.push(`${at} has no button "${label}"`);
    }
    const slider = stepper.querySelector('input[type="range"]');
    if (!slider) problems.push(`${at} has no slider`);

    const page = location.href;
    stepper.focus();
    key(stepper, 'Home');
    check(0, 'Home');
    key(stepper, 'ArrowRight');
    if (steps.length > 1) check(1, 'the right arrow key');
    key(stepper, 'ArrowLeft');
    check(0, 'the left arrow key');
    key(stepper, 'End');
    check(steps.length - 1, 'End');
    if (location.href !== page) problems.push(`${at}: the arrow keys also turned the page`);
    if (press('First step')) check(0, 'the first-step button');
    // Every step, with the next-step button.
    for (let i = 1; i < steps.length; i += 1) {
      if (!press('Next step')) break;
      check(i, 'the next-step button');
    }
    if (press('Previous step') && steps.length > 1) check(steps.length - 2, 'the previous-step button');
    if (slider) {
      const middle = Math.floor(steps.length / 2);
      slider.value = String(middle);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      check(middle, 'the slider');
    }
    if (press('Last step')) check(steps.length - 1, 'the last-step button');
    if (press('First step')) check(0, 'the first-step button');
  });
  return { steppers, steps: looked, problems };
})()
