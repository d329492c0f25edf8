// Hand-drawn SVG charts: a line chart over time and a horizontal bar chart. Values are numbers
// for drawing only; the labels show the host's exact decimal strings.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceMax(max) {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

// points: [{label, value, text}] in order; `title` names the series for screen readers.
export function lineChart(points, title, unit = '') {
  const w = 560, h = 220, left = 56, right = 12, top = 14, bottom = 34;
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'line-chart', 'aria-label': title });
  root.append(svg('title', {}, title));
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const x = (i) => left + (points.length < 2 ? 0 : (i * (w - left - right)) / (points.length - 1));
  const y = (v) => top + (h - top - bottom) * (1 - v / max);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    root.append(svg('line', { x1: left, x2: w - right, y1: y(v), y2: y(v), class: 'grid-line' }));
    root.append(svg('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, `${Math.round(v)}${unit}`));
  }
  const every = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % every === 0) root.append(svg('text', { x: x(i), y: h - 12, class: 'axis', 'text-anchor': 'middle' }, p.label));
  });
  if (points.length) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    const area = `${d} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
    root.append(svg('path', { d: area, class: 'series-area' }));
    root.append(svg('path', { d, class: 'series-line' }));
    points.forEach((p, i) => {
      const dot = svg('circle', { cx: x(i), cy: y(p.value), r: 3, class: 'series-dot' });
      dot.append(svg('title', {}, `${p.label}: ${p.text ?? p.value}`));
      root.append(dot);
    });
  }
  return root;
}

// items: [{label, value, text}], drawn largest first as they are given.
export function barChart(items, title) {
  const rowH = 26, w = 560, left = 170, right = 90;
  const h = Math.max(1, items.length) * rowH + 10;
  const root = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'bar-chart', 'aria-label': title });
  root.append(svg('title', {}, title));
  const max = Math.max(0, ...items.map((i) => i.value)) || 1;
  items.forEach((item, i) => {
    const yTop = 5 + i * rowH;
    const width = ((w - left - right) * item.value) / max;
    root.append(svg('text', { x: left - 8, y: yTop + 16, class: 'axis', 'text-anchor': 'end' }, item.label.slice(0, 26)));
    const bar = svg('rect', { x: left, y: yTop + 3, width: Math.max(1, width).toFixed(1), height: rowH - 8, class: 'bar', rx: 3 });
    bar.append(svg('title', {}, `${item.label}: ${item.text ?? item.value}`));
    root.append(bar);
    root.append(svg('text', { x: left + width + 6, y: yTop + 16, class: 'value' }, item.text ?? String(item.value)));
  });
  return root;
}
