// Building the page from data without HTML strings: every value becomes a text node or a property,
// never markup (docs/security.md). el('td', { class: 'state', title: id }, 'text', childNode, [more]).
//   attrs: class → className; dataset: { key: value }; on<event>: a listener; style: an object of
//   CSS properties (set through the CSSOM, so a strict Content-Security-Policy allows it);
//   hidden/disabled/checked/selected/value: properties; null/undefined/false: left out; anything else: an attribute.
//   children: strings and numbers become text nodes; null/undefined/false are skipped; arrays are flattened.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) { if (dv != null) node.dataset[dk] = String(dv); }
    else if (k === 'style') Object.assign(node.style, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k in PROPS) { if (k !== 'value') node[k] = v; }
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  if (attrs?.value != null) node.value = attrs.value; // after the children: a <select>'s options must exist first
  return node;
}

const PROPS = { hidden: 1, disabled: 1, checked: 1, selected: 1, value: 1 };

function append(node, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces a node's children with the given ones (same rules as el's children). */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}
