// What a narrow (or wide) window does wrong to the text of the finished page.
//
// Returns a list of {kind, where, text}, one per offender:
// - "word": a word of a heading, card, table, link, definition list, the header or
//   the footer broken across lines at a place that is not a break point: a break at
//   a soft hyphen (U+00AD), after a hyphen or dash, after "/" and, in an email
//   address or web address, after "@" or "." is allowed; anywhere else it is not.
//   Two neighbouring letters on different lines (Range.getClientRects) with no break
//   point between them are a mid-word break.
// - "email": an email address anywhere broken elsewhere than after "@" or a dot.
// - "phone": a phone number anywhere (a "+" or "0" and at least seven digits in
//   groups) on more than one line.
// - "page-overflow": the document is wider than the window (sideways scrolling).
// - "clipped": an element that clips its overflow (overflow hidden/clip, or
//   text-overflow: ellipsis) while its content is wider than it: something is cut.
// Text that is not shown (display: none, visibility: hidden, opacity 0, a closed
// menu, a visually hidden label, a 1-pixel box) is not looked at.
(() => {
  const problems = [];
  const WORD_SCOPE = "h1, h2, h3, h4, h5, h6, .kirkas-card, table, a, dl, header, footer, .md-tabs, .md-path";
  const SKIPPED = "script, style, template, noscript, svg, code, pre, kbd, samp, textarea, select";
  const BREAK_AFTER = /[\-\u2010\u2013\u2014/]/;
  const ADDRESS_BREAK_AFTER = /[\-\u2010\u2013\u2014/@.]/;
  const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>().,;:]+/g;
  const PHONE = /(?<![\w+])(?:\+|0)[\d\u00a0\u202f ]{6,}\d/g;
  const describe = (element) => {
    const className = element.className && element.className.baseVal !== undefined
      ? element.className.baseVal : String(element.className || "");
    const classes = className.trim().split(/\s+/).filter(Boolean).slice(0, 2).join(".");
    return element.nodeName.toLowerCase() + (element.id ? `#${element.id}` : "") + (classes ? `.${classes}` : "");
  };
  const where = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body; node = node.parentElement) parts.unshift(describe(node));
    return parts.slice(-3).join(" > ");
  };
  const shownCache = new Map();
  // Shown to a sighted visitor: rendered, visible, not see-through, not a 1-pixel clip.
  const shown = (element) => {
    if (shownCache.has(element)) return shownCache.get(element);
    let result = element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (result) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (style.display !== "inline" && (box.width <= 1 || box.height <= 1)) result = false;
      else if (style.clipPath !== "none" || style.clip !== "auto") result = false;
      else if (element.parentElement) result = shown(element.parentElement);
    }
    shownCache.set(element, result);
    return result;
  };
  // The lines a piece of a text node is laid out on (tops more than 2 px apart).
  const lineCount = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const tops = [];
    for (const box of range.getClientRects()) {
      if (box.width === 0 && box.height === 0) continue;
      if (!tops.some((top) => Math.abs(top - box.top) <= 2)) tops.push(box.top);
    }
    return tops.length;
  };
  // The line a character is on: the top of its last box (a soft hyphen's drawn "-" at
  // the end of the line before may come first in the boxes of the character after it).
  const lineOf = (node, offset) => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const boxes = Array.from(range.getClientRects()).filter((box) => box.width > 0 || box.height > 0);
    return boxes.length ? boxes[boxes.length - 1].top : null;
  };
  // True when a piece of text breaks onto a new line anywhere but right after a break point.
  const brokenInside = (node, start, end, breakAfter) => {
    if (lineCount(node, start, end) <= 1) return false;
    let previous = null;
    let breakable = false;
    for (let offset = start; offset < end; offset++) {
      const character = node.data[offset];
      if (character === "\u00ad") { breakable = true; continue; }
      const top = lineOf(node, offset);
      if (top === null) continue;
      if (previous !== null && Math.abs(top - previous) > 2 && !breakable) return true;
      previous = top;
      breakable = breakAfter.test(character);
    }
    return false;
  };
  const isAddress = (word) => word.includes("@") || /^(https?:|www\.)/.test(word) || /\w\.\w+\//.test(word);
  const seen = new Set();
  const report = (kind, element, text) => {
    const key = `${kind}|${where(element)}|${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ kind, where: where(element), text });
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.data.trim() || element.closest(SKIPPED) || !shown(element)) continue;
    if (lineCount(node, 0, node.data.length) <= 1) continue;  // on one line: nothing broken
    const data = node.data;
    for (const match of data.matchAll(PHONE)) {
      if ((match[0].match(/\d/g) || []).length < 7) continue;
      if (lineCount(node, match.index, match.index + match[0].length) > 1) report("phone", element, match[0]);
    }
    for (const match of data.matchAll(EMAIL)) {
      if (brokenInside(node, match.index, match.index + match[0].length, ADDRESS_BREAK_AFTER)) {
        report("email", element, match[0]);
      }
    }
    if (!element.closest(WORD_SCOPE)) continue;
    for (const match of data.matchAll(/[^\s\u00a0\u202f]+/g)) {
      const word = match[0];
      if (word.length < 2 || word.includes("@")) continue;  // an email address: checked above
      const breakAfter = isAddress(word) ? ADDRESS_BREAK_AFTER : BREAK_AFTER;
      if (brokenInside(node, match.index, match.index + word.length, breakAfter)) {
        report("word", element, word.replace(/\u00ad/g, ""));
      }
    }
  }

  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) {
    // Name the elements that reach past the window's right edge (outermost only).
    const wide = Array.from(document.body.querySelectorAll("*")).filter((element) => {
      if (!shown(element)) return false;
      const box = element.getBoundingClientRect();
      return box.right > width + 1 && !(element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1);
    });
    report("page-overflow", document.documentElement,
      `${document.documentElement.scrollWidth} px wide in ${width} px: ${wide.slice(0, 4).map(where).join("; ")}`);
  }
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(SKIPPED) || !shown(element)) continue;
    const style = getComputedStyle(element);
    const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (clips && element.scrollWidth > element.clientWidth + 1) {
      report("clipped", element, `${(element.textContent || "").replace(/\u00ad/g, "").trim().replace(/\s+/g, " ").slice(0, 60)} `
        + `(${element.scrollWidth} px in ${element.clientWidth} px)`);
    }
  }
  return problems;
})()
