// The configuration dialog, rendered from the plugin manifest's config_schema and its x-ui hints
// (groups, widgets): nothing here knows TikTok Shop. Labels are the schema titles, help texts its
// descriptions, defaults its defaults; a secret field is a password input that is never filled.
import { el, clear, flagOf } from './dom.js';

function isSecret(prop) {
  return prop['x-secret'] === true || prop.writeOnly === true || prop.format === 'password';
}

function fieldId(name) {
  return `cfg-${name}`;
}

// The choices of a oneOf of consts; deprecated ones only when they are the current value.
function choices(prop, current) {
  return (prop.oneOf || []).filter((o) => 'const' in o && (!o.deprecated || o.const === current));
}

function selectInput(name, prop, value, widget, isRegion) {
  const select = el('select', { id: fieldId(name), name });
  if (!prop.default && value === undefined) select.append(el('option', { value: '', text: '(choose)' }));
  for (const c of choices(prop, value)) {
    const label = isRegion ? `${flagOf(c.const)} ${c.title || c.const}` : c.title || c.const;
    select.append(el('option', { value: c.const, text: label.trim() }));
  }
  select.value = value ?? prop.default ?? '';
  select.dataset.widget = widget;
  return select;
}

function toggles(name, prop, value) {
  const box = el('div', { class: 'toggles', id: fieldId(name) });
  for (const [id, sub] of Object.entries(prop.properties || {})) {
    const on = value && typeof value[id] === 'boolean' ? value[id] : sub.default === true;
    const input = el('input', { type: 'checkbox', id: `${fieldId(name)}-${id}`, 'data-key': id });
    input.checked = on;
    box.append(
      el('label', { class: 'toggle', for: input.id },
        input,
        el('span', { class: 'toggle-text' },
          el('strong', { text: sub.title || id }),
          el('small', { text: `${sub.description || ''} (default ${sub.default ? 'on' : 'off'})` }))));
  }
  return box;
}

function plainInput(name, prop, value, secretSet) {
  if (isSecret(prop)) {
    // Never filled back: empty keeps the stored value.
    return el('input', {
      id: fieldId(name), name, type: 'password', autocomplete: 'new-password',
      placeholder: secretSet ? 'stored (leave empty to keep it)' : '',
    });
  }
  if (prop.type === 'object') {
    const area = el('textarea', { id: fieldId(name), name, rows: 3, placeholder: '{ }' });
    area.value = value === undefined ? '' : JSON.stringify(value);
    return area;
  }
  const numeric = prop.type === 'integer' || prop.type === 'number';
  const input = el('input', {
    id: fieldId(name), name, type: numeric ? 'number' : prop.format === 'uri' ? 'url' : 'text',
    step: prop.type === 'number' ? 'any' : undefined,
    placeholder: prop.default !== undefined ? String(prop.default) : '',
  });
  input.value = value ?? (prop.default !== undefined ? String(prop.default) : '');
  return input;
}

function fieldNode(name, prop, values, widgets, secretsSet, required) {
  const widget = widgets[name] || '';
  let input;
  if (widget === 'toggles') input = toggles(name, prop, values[name]);
  else if (widget === 'select' || prop.oneOf) input = selectInput(name, prop, values[name], widget, name === 'region');
  else input = plainInput(name, prop, values[name], secretsSet.includes(name));
  input.dataset.field = name;
  return el('div', { class: `field field-${widget || prop.type || 'text'}` },
    widget === 'toggles'
      ? el('span', { class: 'label', text: prop.title || name })
      : el('label', { for: fieldId(name), text: (prop.title || name) + (required ? ' *' : '') }),
    prop.description ? el('p', { class: 'help', text: prop.description }) : null,
    input,
    el('p', { class: 'field-error', id: `${fieldId(name)}-error`, 'data-field': name }));
}

// Groups from x-ui (the rest in "Other"); a collapsed group is a <details>.
function groupsOf(schema) {
  const props = schema.properties || {};
  const groups = ((schema['x-ui'] || {}).groups || []).map((g) => ({ ...g, fields: g.fields.filter((f) => f in props) }));
  const placed = new Set(groups.flatMap((g) => g.fields));
  const rest = Object.keys(props).filter((f) => !placed.has(f));
  if (rest.length) groups.push({ id: 'other', title: 'Other', fields: rest });
  return groups;
}

export function renderConfigForm(container, form) {
  const { schema, values, secrets_set: secretsSet = [] } = form;
  const widgets = (schema['x-ui'] || {}).widgets || {};
  const required = new Set(schema.required || []);
  clear(container);
  for (const g of groupsOf(schema)) {
    const fields = g.fields.map((f) => fieldNode(f, schema.properties[f], values, widgets, secretsSet, required.has(f)));
    const help = g.description ? el('p', { class: 'help', text: g.description }) : null;
    if (g.collapsed) container.append(el('details', { class: 'group', id: `group-${g.id}` }, el('summary', { text: g.title }), help, fields));
    else container.append(el('fieldset', { class: 'group', id: `group-${g.id}` }, el('legend', { text: g.title }), help, fields));
  }
}

function readField(name, prop, node) {
  if (node.classList.contains('toggles')) {
    const out = {};
    for (const box of node.querySelectorAll('input[type=checkbox]')) out[box.dataset.key] = box.checked;
    return out;
  }
  const text = node.value.trim();
  if (text === '') return undefined;
  if (prop.type === 'integer' || prop.type === 'number') return Number(text);
  if (prop.type === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;  // the host names the field in its answer
    }
  }
  return text;
}

// The config object to save: empty inputs are left out (the schema's defaults apply).
export function collectConfig(container, schema) {
  const config = {};
  for (const node of container.querySelectorAll('[data-field]:not(.field-error)')) {
    const name = node.dataset.field;
    const value = readField(name, schema.properties[name] || {}, node);
    if (value !== undefined) config[name] = value;
  }
  return config;
}

export function showErrors(container, general, errors) {
  for (const p of container.querySelectorAll('.field-error')) p.textContent = '';
  general.textContent = '';
  for (const e of errors) {
    const target = e.field ? document.getElementById(`${fieldId(e.field)}-error`) : null;
    const where = target || general;
    where.textContent = where.textContent ? `${where.textContent}; ${e.message}` : e.message;
    if (target) {
      const details = target.closest('details');
      if (details) details.open = true;
    }
  }
}
