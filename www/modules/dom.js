// Building DOM nodes without HTML strings. Text, wherever it comes from, becomes text nodes;
// attributes are set one by one. Nothing in www/ uses innerHTML or its relatives: the page
// shows unpublished copy and files of unknown origin, so no string is ever parsed as markup.

/**
 * h('button', {class: 'x', type: 'button', onclick: fn}, 'Label', child, …)
 * Keys starting with "on" add listeners; `class`, `id`, `role`, `aria-*`, `data-*` and other
 * plain keys become attributes; a value of false/null/undefined leaves the attribute out.
 * Children: strings and numbers become text nodes, arrays are flattened, null is skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on')) {
      // Only functions: an inline handler string would be code (and CSP blocks it anyway).
      if (typeof value !== 'function') throw new TypeError(`h(): ${key} must be a function`);
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      el[key] = value; // properties, so that they track the live state
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Yields to the event loop so that input and painting can happen between slices of work. */
export function yieldToBrowser() {
  // scheduler.yield keeps our place in the queue; setTimeout is the fallback.
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A time budget for one slice of main-thread work (well under the 50 ms long-task mark). */
export function sliceDeadline(ms = 12) {
  const end = performance.now() + ms;
  return () => performance.now() > end;
}

/**
 * Appends draw(item) for every item to `parent` in slices of main-thread time, yielding in
 * between, so that a long list never blocks input. Stops early when isStale() turns true.
 */
export async function appendInSlices(parent, items, draw, isStale = () => false) {
  let expired = sliceDeadline();
  for (let i = 0; i < items.length; i++) {
    parent.append(draw(items[i], i));
    if (expired() && i + 1 < items.length) {
      await yieldToBrowser();
      if (isStale()) return false;
      expired = sliceDeadline();
    }
  }
  return true;
}

/** Resolves after the next frame has been drawn (its style and layout included). */
export function afterNextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Appends draw(item) for every item to `parent`, `per` items a frame, so that the style and
 * layout of a long table are split over frames as well as the script that builds it (a
 * time budget on the script alone, as appendInSlices has, leaves the layout of everything it
 * appended to one task). Stops early when isStale() turns true.
 */
export async function appendPerFrame(parent, items, draw, isStale = () => false, per = 25) {
  for (let i = 0; i < items.length; i += per) {
    if (i > 0) {
      await afterNextFrame();
      if (isStale()) return false;
    }
    parent.append(...items.slice(i, i + per).map(draw));
  }
  return true;
}
