// Every paint the browser could make while it is still reading the page, replayed.
//
// A browser paints whenever its HTML parser pauses (a time budget spent, a script
// waiting for a stylesheet), so a first paint may show any beginning of the page.
// For each element E, in document order, this detaches E's children and everything
// after E (the parser has just opened E), measures every element still there that
// is visible on screen, and puts the page back together. An element that sits
// elsewhere in the finished page would move while the page loads: a layout shift.
// Returns {cuts, moves: [{element, cut, dx, dy}]}, one move per element at most.
(() => {
  const describe = (element) => {
    const className = element.className && element.className.baseVal !== undefined
      ? element.className.baseVal : String(element.className || "");
    const classes = className.trim().split(/\s+/).filter(Boolean).slice(0, 3).join(".");
    return element.nodeName.toLowerCase() + (element.id ? `#${element.id}` : "") + (classes ? `.${classes}` : "");
  };
  const path = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body; node = node.parentElement) parts.unshift(describe(node));
    return parts.slice(-3).join(" > ");
  };
  // Inside an inline SVG and in scripts and styles there is nothing to place.
  const measurable = (element) => !(element.closest("svg") && element.nodeName.toLowerCase() !== "svg")
    && !["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(element.nodeName);
  const elements = Array.from(document.body.querySelectorAll("*")).filter(measurable);
  // An inline element is placed by its first box: when more of its text arrives and it
  // wraps onto the next line (an email address breaking at its <wbr>), what was already
  // painted stays put, although its bounding box now starts at the line's left edge.
  const inline = new Set(elements.filter((element) => getComputedStyle(element).display === "inline"));
  const place = (element) => (inline.has(element) && element.getClientRects()[0]) || element.getBoundingClientRect();
  const finalBox = new Map(elements.map((element) => [element, place(element)]));
  const visible = (element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const rendered = new Set(elements.filter(visible));
  const onScreen = (element, box) => visible(element) && box.width > 0 && box.height > 0
    && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth
    // An empty inline element (its text not read yet) paints nothing.
    && !(element.firstChild === null && getComputedStyle(element).display === "inline");
  const moves = new Map();
  for (const cut of elements) {
    const detached = [];
    const detach = (node) => { detached.push([node, node.parentNode, node.nextSibling]); node.parentNode.removeChild(node); };
    while (cut.lastChild) detach(cut.lastChild);
    for (let node = cut; node && node !== document.body; node = node.parentNode) {
      while (node.nextSibling) detach(node.parentNode.lastChild);
    }
    for (const element of elements) {
      if (!element.isConnected || !rendered.has(element) || moves.has(element)) continue;
      const box = place(element);
      if (!onScreen(element, box)) continue;
      const final = finalBox.get(element);
      const dx = final.left - box.left;
      const dy = final.top - box.top;
      if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) {
        moves.set(element, { element: path(element), cut: path(cut), dx: Math.round(dx), dy: Math.round(dy) });
      }
    }
    for (let index = detached.length - 1; index >= 0; index -= 1) {
      const [node, parent, next] = detached[index];
      parent.insertBefore(node, next);
    }
  }
  return { cuts: elements.length, moves: Array.from(moves.values()) };
})()
