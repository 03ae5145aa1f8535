// chiptrail browsing UI. Everything from the API is rendered with textContent / text nodes; the one
// exception, highlighted snippets, is parsed by splitting on <mark>…</mark> (see snippetNodes), so
// no document text ever reaches innerHTML.
import { STRINGS, format } from './i18n.js';

const DIMS = ['kind', 'provider', 'chip', 'model', 'entity_type', 'entity', 'intermediary', 'status', 'list', 'language', 'outlet'];
const PAGE_SIZE = 20;
const FACET_VISIBLE = 6;
const LANG_KEY = 'chiptrail.lang';
const YEARS_ABOVE_MONTHS = 36;

const $ = id => document.getElementById(id);
let lang = initialLang();
let state = readUrl();
let lastSearch = null;         // {key, data} of the last search shown
let searchSeq = 0;             // drops responses of superseded requests
const facetUi = {};            // per dimension: {filter: text, expanded: bool}, kept across renders

function t(key) { return STRINGS[lang][key] ?? STRINGS.en[key] ?? key; }

function initialLang() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch (e) { /* storage disabled: fall back to the browser's language */ }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/* ---------- state <-> URL (the API's own parameter names) ---------- */

function readUrl() {
  const p = new URLSearchParams(location.search);
  const s = { q: p.get('q') || '', filters: {}, from: p.get('from') || '', to: p.get('to') || '',
    sort: p.get('sort') || 'relevance', page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    doc: p.get('doc') || '', ent: p.get('ent') || '' };
  for (const dim of DIMS) {
    const vs = p.getAll(dim).filter(v => v !== '');
    if (vs.length) s.filters[dim] = [...new Set(vs)];
  }
  return s;
}

function searchParams(s, { paging = true } = {}) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const dim of DIMS) for (const v of s.filters[dim] || []) p.append(dim, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
  if (paging && s.page > 1) p.set('page', String(s.page));
  return p;
}

function urlOf(s) {
  const p = searchParams(s);
  if (s.doc) p.set('doc', s.doc);
  if (s.ent) p.set('ent', s.ent);
  const qs = p.toString();
  return qs ? `/?${qs}` : '/';
}

function navigate(changes, { replace = false, resetPage = true } = {}) {
  const next = { ...state, doc: '', ent: '', ...changes };
  if (resetPage && !('page' in changes)) next.page = 1;
  state = next;
  const url = urlOf(state);
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render();
}

function cloneFilters() {
  const f = {};
  for (const [k, v] of Object.entries(state.filters)) f[k] = [...v];
  return f;
}

/* ---------- DOM helpers: text only ---------- */

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function unescapeHtml(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos|#39);/g, (m, code) => {
    switch (code) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': case '#39': return "'";
      default: {
        const n = code[1] === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        try { return String.fromCodePoint(n); } catch (e) { return m; }
      }
    }
  });
}

/** A snippet from the API (HTML-escaped text with <mark> tags) as text nodes and <mark> elements. */
function snippetNodes(snippet) {
  const out = [];
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(unescapeHtml(part));
    if (marked) { const m = document.createElement('mark'); m.append(text); out.push(m); } else out.push(text);
  }
  return out;
}

/** A facet value, an id or {value,label,label_zh}, in the interface language. */
function labelOf(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  return (lang === 'zh' && v.label_zh) ? v.label_zh : (v.label || v.value || v.id || '');
}

function valueOf(v) { return v && typeof v === 'object' ? (v.value ?? v.id) : v; }

function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
  } catch (e) { return null; }
}

function docHref(id) { return urlOf({ ...state, doc: id, ent: '' }); }
function entHref(id) { return urlOf({ ...state, doc: '', ent: id }); }

/** Links inside the app navigate without reloading; modified clicks keep the browser's behaviour. */
function appLink(href, text, changes, attrs = {}) {
  return el('a', { href, ...attrs, onclick: e => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(changes, { resetPage: false });
  } }, text);
}

/* ---------- API ---------- */

class ApiError extends Error {}

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(`${t('error')}: ${e.message}`);
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const err = body && (body.error || body);
    const msg = (err && (err.message || (typeof err === 'string' ? err : null))) || `HTTP ${res.status}`;
    const e = new ApiError(msg);
    e.status = res.status;
    throw e;
  }
  return body;
}

/* ---------- rendering ---------- */

function applyI18n() {
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of document.querySelectorAll('[data-i18n-aria-label]')) e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel));
  $('lang').textContent = t('langSwitch');
  $('lang').setAttribute('lang', lang === 'zh' ? 'en' : 'zh-Hans');
}

function setStatus(kind, ...children) {
  const s = $('status');
  s.replaceChildren(...children);
  s.className = `status ${kind || ''}`;
}

let renderSeq = 0;

let shownDoc = ''; // the document the detail view showed last, to return the focus to its hit

async function render() {
  const mine = ++renderSeq;
  const closedDoc = !state.doc && !state.ent ? shownDoc : '';
  shownDoc = state.doc;
  delete document.body.dataset.ready;
  applyI18n();
  $('q').value = state.q;
  $('from').value = state.from;
  $('to').value = state.to;
  $('sort').value = state.sort;
  closeSuggestions();
  const showingDoc = !!(state.doc || state.ent);
  $('detail').hidden = !showingDoc;
  for (const id of ['results', 'pager', 'toolbar']) $(id).hidden = showingDoc;
  document.body.classList.toggle('detail-open', showingDoc);
  updateExportLinks();
  await renderSearch();
  if (closedDoc && mine === renderSeq) {
    const link = document.querySelector(`#results .hit[data-id="${CSS.escape(closedDoc)}"] .hit-title a`);
    if (link) link.focus();
  }
  if (state.doc) await renderDoc(state.doc);
  else if (state.ent) await renderEntity(state.ent);
  // Tells tests (and nothing else) that the view matches the address.
  if (mine === renderSeq) document.body.dataset.ready = location.pathname + location.search;
}

function updateExportLinks() {
  const p = searchParams(state, { paging: false });
  for (const fmt of ['csv', 'jsonl']) {
    const q = new URLSearchParams(p);
    q.set('format', fmt);
    $(`export-${fmt}`).href = `/api/export?${q}`;
  }
}

async function renderSearch() {
  const params = searchParams(state);
  params.set('size', String(PAGE_SIZE));
  const key = params.toString();
  let data;
  if (lastSearch && lastSearch.key === key) {
    data = lastSearch.data;
  } else {
    const seq = ++searchSeq;
    document.body.classList.add('loading');
    try {
      data = await api('/api/search', params);
    } catch (e) {
      if (seq !== searchSeq) return;
      document.body.classList.remove('loading');
      renderError(e);
      return;
    }
    if (seq !== searchSeq) return;
    document.body.classList.remove('loading');
    lastSearch = { key, data };
  }
  setStatus('');
  withFocusKept(() => {
    renderActiveFilters();
    renderFacets(data.facets || {});
    renderHistogram((data.facets || {}).date || {});
    renderResults(data);
    renderPager(data);
  });
}

function renderError(e) {
  // A bad parameter (4xx) is fixed by removing it, so the active filters stay removable; retrying
  // only makes sense when the server or the network failed.
  const retry = !e.status || e.status >= 500;
  setStatus('error',
    el('strong', { text: `${t('error')}: ` }), el('span', { text: e.message }), ' ',
    retry ? el('button', { type: 'button', onclick: () => { lastSearch = null; render(); } }, t('retry')) : null);
  renderActiveFilters();
  $('results').replaceChildren();
  $('pager').replaceChildren();
  $('summary').textContent = '';
  delete $('summary').dataset.total;
}

/** Re-rendering replaces controls; keep the keyboard focus on the same logical control. */
function withFocusKept(fn) {
  const a = document.activeElement;
  const key = a && a.dataset ? a.dataset.focusKey : null;
  fn();
  if (key) {
    const again = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}

function filterLabel(dim, value) {
  const data = lastSearch && lastSearch.data;
  const fv = data && data.facets && Array.isArray(data.facets[dim]) ? data.facets[dim].find(v => v.value === value) : null;
  return fv ? labelOf(fv) : value;
}

function renderActiveFilters() {
  const box = $('active-filters');
  const n = Object.values(state.filters).reduce((a, v) => a + v.length, 0) + (state.from || state.to ? 1 : 0);
  $('filters-toggle').textContent = n ? `${t('filtersLabel')} (${n})` : t('filtersLabel');
  const chips = [];
  const chip = (text, title, changes, key) => el('li', {},
    el('button', { type: 'button', class: 'chip', 'aria-label': format(t('remove'), { label: title }), 'data-focus-key': key,
      onclick: () => navigate(changes) }, el('span', { text }), el('span', { class: 'x', 'aria-hidden': 'true', text: '×' })));
  if (state.q) chips.push(chip(`${t('query')}: ${state.q}`, state.q, { q: '' }, 'chip:q'));
  for (const dim of DIMS) {
    for (const v of state.filters[dim] || []) {
      const label = filterLabel(dim, v);
      const f = cloneFilters();
      f[dim] = f[dim].filter(x => x !== v);
      if (!f[dim].length) delete f[dim];
      chips.push(chip(`${t('dims')[dim]}: ${label}`, label, { filters: f }, `chip:${dim}:${v}`));
    }
  }
  if (state.from || state.to) {
    const text = `${t('dateRange')}: ${state.from || '…'} – ${state.to || '…'}`;
    chips.push(chip(text, text, { from: '', to: '' }, 'chip:date'));
  }
  if (!chips.length) { box.replaceChildren(); return; }
  box.replaceChildren(
    el('h2', { class: 'visually-hidden', text: t('activeFilters') }),
    el('ul', { class: 'chips' }, chips),
    el('button', { type: 'button', class: 'link clear-all', 'data-focus-key': 'clear-all',
      onclick: () => navigate({ q: '', filters: {}, from: '', to: '' }) }, t('clearAll')));
}

function renderFacets(facets) {
  const container = $('facets');
  const panels = [];
  for (const dim of DIMS) {
    const values = Array.isArray(facets[dim]) ? facets[dim] : [];
    const selected = new Set(state.filters[dim] || []);
    if (!values.length && !selected.size) continue;
    const ui = facetUi[dim] || (facetUi[dim] = { filter: '', expanded: false });
    const legendId = `facet-${dim}-legend`;
    const items = values.map((v, i) => {
      const label = labelOf(v);
      const isSel = selected.has(v.value);
      const id = `f-${dim}-${i}`;
      const box = el('input', { type: 'checkbox', id, checked: isSel, 'data-dim': dim, 'data-value': v.value,
        'data-focus-key': `facet:${dim}:${v.value}`, onchange: e => toggleFacet(dim, v.value, e.target.checked) });
      const li = el('li', { class: isSel ? 'selected' : '' }, box,
        el('label', { for: id }, el('span', { class: 'facet-label', text: label }),
          el('span', { class: 'count', text: (v.count ?? 0).toLocaleString(lang) })));
      return { li, isSel, hay: `${label} ${v.label || ''} ${v.label_zh || ''} ${v.value}`.toLowerCase() };
    });
    const list = el('ul', { class: 'facet-values' }, items.map(x => x.li));
    const panel = el('fieldset', { class: 'facet', 'data-dim': dim, 'aria-labelledby': legendId },
      el('legend', { id: legendId, text: t('dims')[dim] }));
    const long = values.length > FACET_VISIBLE;
    let more = null;
    // Filtering and expanding only hide or show items: the input keeps its focus and caret.
    const applyVisibility = () => {
      const f = ui.filter.trim().toLowerCase();
      let shown = 0;
      for (const x of items) {
        const matches = !f || x.hay.includes(f);
        const visible = matches && (f || ui.expanded || x.isSel || shown < FACET_VISIBLE);
        x.li.hidden = !visible;
        if (visible && !x.isSel) shown++;
      }
      if (more) {
        more.hidden = !!f;
        more.textContent = ui.expanded ? t('showFewer') : format(t('showAll'), { n: values.length });
        more.setAttribute('aria-expanded', String(ui.expanded));
      }
    };
    if (long) {
      panel.append(el('input', { type: 'search', class: 'facet-filter', value: ui.filter,
        'aria-label': format(t('filterValues'), { dim: t('dims')[dim] }), placeholder: '…',
        'data-focus-key': `facet-filter:${dim}`,
        oninput: e => { ui.filter = e.target.value; applyVisibility(); } }));
    }
    panel.append(list);
    if (long) {
      more = el('button', { type: 'button', class: 'link more-values', 'data-focus-key': `facet-more:${dim}`,
        onclick: () => { ui.expanded = !ui.expanded; applyVisibility(); } });
      panel.append(more);
    }
    applyVisibility();
    panels.push(panel);
  }
  container.replaceChildren(...panels);
}

function toggleFacet(dim, value, on) {
  const f = cloneFilters();
  const vs = new Set(f[dim] || []);
  if (on) vs.add(value); else vs.delete(value);
  if (vs.size) f[dim] = [...vs]; else delete f[dim];
  navigate({ filters: f });
}

/* ---------- date histogram ---------- */

function monthIndex(ym) { const [y, m] = ym.split('-').map(Number); return y * 12 + (m - 1); }
function monthOf(i) { return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`; }

function buckets(date) {
  const months = (date.months || []).filter(v => /^\d{4}-\d{2}$/.test(v.value));
  const years = (date.years || []).filter(v => /^\d{4}$/.test(v.value));
  if (months.length) {
    const idx = months.map(v => monthIndex(v.value));
    const lo = Math.min(...idx);
    const hi = Math.max(...idx);
    if (hi - lo + 1 <= YEARS_ABOVE_MONTHS) {
      const counts = new Map(months.map(v => [v.value, v.count]));
      const out = [];
      for (let i = lo; i <= hi; i++) { const k = monthOf(i); out.push({ key: k, count: counts.get(k) || 0 }); }
      return { unit: 'month', list: out };
    }
  }
  if (!years.length) return { unit: 'year', list: [] };
  const ys = years.map(v => Number(v.value));
  const counts = new Map(years.map(v => [v.value, v.count]));
  const out = [];
  for (let y = Math.min(...ys); y <= Math.max(...ys); y++) out.push({ key: String(y), count: counts.get(String(y)) || 0 });
  return { unit: 'year', list: out };
}

let drag = null; // {start, unit, list} while a pointer is down on a bar

function renderHistogram(date) {
  const box = $('histogram');
  const { unit, list } = buckets(date);
  $('histogram-panel').classList.toggle('empty', !list.length);
  if (!list.length) { box.replaceChildren(); return; }
  const max = Math.max(1, ...list.map(b => b.count));
  const inRange = k => (!state.from || k >= state.from.slice(0, k.length)) && (!state.to || k <= state.to.slice(0, k.length));
  const bars = list.map((b, i) => {
    const fill = el('span', { class: 'fill' });
    fill.style.height = `${Math.max(b.count ? 4 : 0, Math.round((b.count / max) * 100))}%`;
    const selected = (state.from || state.to) && inRange(b.key);
    const bar = el('button', { type: 'button', class: `bar${selected ? ' selected' : ''}`, 'data-index': i,
      'data-key': b.key, 'data-focus-key': `bar:${b.key}`, 'aria-pressed': selected ? 'true' : 'false',
      'aria-label': `${b.key}: ${b.count}`, title: `${b.key}: ${b.count}` }, fill);
    return bar;
  });
  const axis = el('div', { class: 'axis' }, el('span', { text: list[0].key }), el('span', { text: list[list.length - 1].key }));
  const barsBox = el('div', { class: 'bars' }, bars);
  barsBox.addEventListener('pointerdown', e => {
    const bar = e.target.closest('.bar');
    if (!bar || e.button !== 0) return;
    drag = { start: Number(bar.dataset.index), list, unit };
    e.preventDefault(); // no text selection while dragging
    bar.focus();
  });
  barsBox.addEventListener('pointerover', e => {
    const bar = e.target.closest('.bar');
    if (!drag || !bar) return;
    previewRange(barsBox, drag.start, Number(bar.dataset.index));
  });
  barsBox.addEventListener('click', e => {
    const bar = e.target.closest('.bar');
    if (!bar) return;
    const i = Number(bar.dataset.index);
    // Shift extends the current range to this bar (keyboard users' way of dragging).
    if (e.shiftKey && (state.from || state.to)) {
      const k = list[i].key;
      const from = state.from && state.from.slice(0, k.length) < k ? state.from.slice(0, k.length) : k;
      const to = state.to && state.to.slice(0, k.length) > k ? state.to.slice(0, k.length) : k;
      navigate({ from, to });
    } else {
      navigate({ from: list[i].key, to: list[i].key });
    }
  });
  box.replaceChildren(barsBox, axis);
}

function previewRange(barsBox, a, b) {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  for (const bar of barsBox.querySelectorAll('.bar')) {
    const i = Number(bar.dataset.index);
    bar.classList.toggle('preview', i >= lo && i <= hi);
  }
}

// A drag ends wherever the pointer is released; over another bar it selects the range.
document.addEventListener('pointerup', e => {
  if (!drag) return;
  const d = drag;
  drag = null;
  const bar = e.target instanceof Element ? e.target.closest('#histogram .bar') : null;
  if (!bar) { for (const b of document.querySelectorAll('#histogram .bar.preview')) b.classList.remove('preview'); return; }
  const end = Number(bar.dataset.index);
  if (end === d.start) return; // a click: handled by the click listener
  const [lo, hi] = d.start <= end ? [d.start, end] : [end, d.start];
  navigate({ from: d.list[lo].key, to: d.list[hi].key });
});

/* ---------- results ---------- */

function kindLabel(kind) {
  const data = lastSearch && lastSearch.data;
  const fv = data && data.facets && Array.isArray(data.facets.kind) ? data.facets.kind.find(v => v.value === kind) : null;
  return fv ? labelOf(fv) : (kind === 'record' ? t('record') : kind === 'article' ? t('article') : kind);
}

function money(amount) {
  if (!amount || (amount.cny == null && amount.usd == null)) return null;
  const parts = [];
  if (amount.cny != null) parts.push(`¥${Number(amount.cny).toLocaleString(lang)}`);
  if (amount.usd != null) parts.push(`US$${Number(amount.usd).toLocaleString(lang)}`);
  return `${amount.approximate ? t('approx') + ' ' : ''}${parts.join(' / ')}`;
}

function tags(hit) {
  const out = [];
  for (const dim of ['provider', 'chip', 'model', 'entity', 'intermediary', 'status', 'list']) {
    for (const v of hit[dim] || []) {
      const label = labelOf(v);
      if (dim === 'entity' || dim === 'intermediary') {
        out.push(el('li', { class: `tag tag-${dim}` },
          appLink(entHref(valueOf(v)), label, { doc: '', ent: valueOf(v) }, { title: t('dims')[dim] })));
      } else {
        out.push(el('li', { class: `tag tag-${dim}`, title: t('dims')[dim], text: label }));
      }
    }
  }
  return out.length ? el('ul', { class: 'tags' }, out) : null;
}

function renderResults(data) {
  const box = $('results');
  const total = data.total ?? 0;
  const count = t(state.q ? 'resultsFor' : 'results');
  const summary = state.q ? count(total, state.q) : count(total);
  $('summary').dataset.total = String(total);
  $('summary').replaceChildren(
    data.total_exact === false ? `${t('atLeast')} ` : '', summary,
    el('span', { class: 'took', text: ` · ${t('took')(data.took_ms ?? 0)}` }));
  const nodes = [];
  if (!state.q && !Object.keys(state.filters).length && !state.from && !state.to) {
    nodes.push(el('p', { class: 'welcome', text: t('welcome') }));
  }
  if (data.relaxed) nodes.push(el('p', { class: 'notice relaxed', text: t('relaxed') }));
  if (!total) {
    nodes.push(noResults());
    box.replaceChildren(...nodes);
    return;
  }
  const list = el('ol', { class: 'hits', start: (state.page - 1) * PAGE_SIZE + 1 });
  for (const hit of data.hits || []) list.append(renderHit(hit));
  nodes.push(list);
  box.replaceChildren(...nodes);
}

function renderHit(hit) {
  const title = (lang === 'zh' && hit.title_zh) || hit.title || hit.title_zh || hit.id;
  const otherTitle = title === hit.title_zh ? hit.title : hit.title_zh;
  const head = el('div', { class: 'hit-head' },
    el('span', { class: `badge kind-${hit.kind}`, text: kindLabel(hit.kind) }),
    el('h3', { class: 'hit-title' }, appLink(docHref(hit.id), title, { doc: hit.id, ent: '' }, { 'data-id': hit.id })));
  const second = otherTitle && otherTitle !== title ? el('p', { class: 'title-zh', text: otherTitle }) : null;
  const meta = el('p', { class: 'meta' },
    el('span', { class: 'date', text: hit.date || t('undated') }),
    money(hit.amount) ? el('span', { class: 'amount', text: money(hit.amount) }) : null);
  const snippets = (hit.snippets || []).slice(0, state.q ? 2 : 1).map(s => el('p', { class: 'snippet' }, snippetNodes(s)));
  let matched = null;
  if (hit.matched && hit.matched.length) {
    matched = el('p', { class: 'matched' }, el('span', { class: 'matched-label', text: `${t('matchedNames')}: ` }),
      hit.matched.map((m, i) => [i ? ', ' : '', el('span', { class: 'form', title: t('forms')[m.form] || m.form, text: m.text })]));
  }
  let versions = null;
  const others = hit.other_versions || [];
  if (others.length) {
    versions = el('details', { class: 'versions' }, el('summary', { text: t('otherVersions')(others.length) }),
      el('ul', {}, others.map(o => {
        const id = typeof o === 'object' ? o.id : o;
        const label = typeof o === 'object' ? (o.title || o.id) : o;
        return el('li', {}, appLink(docHref(id), label, { doc: id, ent: '' }));
      })));
  }
  return el('li', { class: `hit kind-${hit.kind}`, 'data-id': hit.id }, head, second, meta, tags(hit), snippets, matched, versions);
}

function noResults() {
  const tries = [];
  const words = state.q.replace(/["()]/g, ' ').split(/\s+/).filter(w => w && !/^(OR|AND|NOT)$/.test(w));
  if (words.length > 1 || /["()]/.test(state.q)) {
    const looser = words.join(' OR ');
    tries.push(el('li', {}, appLink(urlOf({ ...state, q: looser, page: 1, doc: '', ent: '' }), t('looser')(looser), { q: looser, page: 1 })));
  }
  for (const dim of DIMS) {
    for (const v of state.filters[dim] || []) {
      const f = cloneFilters();
      f[dim] = f[dim].filter(x => x !== v);
      if (!f[dim].length) delete f[dim];
      tries.push(el('li', {}, appLink(urlOf({ ...state, filters: f, page: 1, doc: '', ent: '' }),
        t('without')(`${t('dims')[dim]}: ${filterLabel(dim, v)}`), { filters: f, page: 1 })));
    }
  }
  if (state.from || state.to) {
    tries.push(el('li', {}, appLink(urlOf({ ...state, from: '', to: '', page: 1, doc: '', ent: '' }), t('withoutDates'), { from: '', to: '', page: 1 })));
  }
  if (state.q || Object.keys(state.filters).length) {
    tries.push(el('li', {}, appLink('/', t('allDocuments'), { q: '', filters: {}, from: '', to: '', page: 1 })));
  }
  return el('div', { class: 'no-results' }, el('p', { class: 'no-results-title', text: t('noResults') }),
    tries.length ? el('p', { text: t('tryInstead') }) : null, tries.length ? el('ul', {}, tries) : null);
}

function renderPager(data) {
  const box = $('pager');
  const total = data.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) { box.replaceChildren(); return; }
  const p = state.page;
  const link = (page, text, rel) => appLink(urlOf({ ...state, page, doc: '', ent: '' }), text, { page }, { rel, 'data-focus-key': `page:${rel}` });
  box.replaceChildren(
    p > 1 ? link(p - 1, t('prev'), 'prev') : el('span', { class: 'disabled', text: t('prev') }),
    el('span', { class: 'page-of', text: t('page')(p, pages) }),
    p < pages ? link(p + 1, t('next'), 'next') : el('span', { class: 'disabled', text: t('next') }));
}

/* ---------- detail views ---------- */

function backButton() {
  return el('button', { type: 'button', class: 'link back', 'data-focus-key': 'back',
    onclick: () => navigate({ doc: '', ent: '' }, { resetPage: false }) }, t('backToResults'));
}

function dl(rows) {
  const d = el('dl', { class: 'fields' });
  for (const [k, v] of rows) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    d.append(el('dt', { text: k }), el('dd', {}, v));
  }
  return d;
}

function list(values, fn = v => labelOf(v)) {
  if (!values || !values.length) return null;
  return values.map((v, i) => [i ? ', ' : '', fn(v)]);
}

function idOf(v) { return v && typeof v === 'object' ? (v.id || v.value) : v; }

function allFields(doc) {
  return el('details', { class: 'all-fields' }, el('summary', { text: t('fields') }),
    el('pre', { text: JSON.stringify(doc, null, 2) }));
}

async function renderDoc(id) {
  const box = $('detail');
  box.replaceChildren(el('p', { text: t('loading') }));
  let doc;
  try {
    doc = await api(`/api/docs/${encodeURIComponent(id)}`);
  } catch (e) {
    if (state.doc !== id) return;
    box.replaceChildren(backButton(), el('p', { class: 'error' }, el('strong', { text: e.status === 404 ? t('notFound') : t('error') }), `: ${e.message}`));
    return;
  }
  if (state.doc !== id) return;
  const d = doc.document || doc;
  const links = doc.links || {};
  const isRecord = (doc.kind || d.kind) === 'record' || 'title_en' in d || 'amount' in d;
  const content = isRecord ? await recordView(d, links) : articleView(d, links);
  if (state.doc !== id) return;
  box.replaceChildren(backButton(), content, allFields(d));
  box.querySelector('h2').focus();
}

async function profileOf(ref) {
  const id = idOf(ref);
  if (!id) return null;
  try { return await api(`/api/entities/${encodeURIComponent(id)}`); } catch (e) { return null; }
}

function docLink(ref, { meta = true } = {}) {
  const id = idOf(ref);
  const title = typeof ref === 'object' ? ((lang === 'zh' && ref.title_zh) || ref.title || ref.title_zh || id) : id;
  return el('span', { class: 'doc-ref' },
    typeof ref === 'object' && ref.kind ? el('span', { class: `badge kind-${ref.kind}`, text: kindLabel(ref.kind) }) : null,
    typeof ref === 'object' && ref.kind ? ' ' : '',
    appLink(docHref(id), title, { doc: id, ent: '' }, { class: 'source-link', 'data-id': id }),
    meta && typeof ref === 'object' && (ref.date || ref.outlet) ? el('span', { class: 'doc-ref-meta', text: ` — ${[ref.outlet, ref.date].filter(Boolean).join(', ')}` }) : null);
}

async function recordView(r, links) {
  const entityRef = links.entity || r.entity;
  const interRef = (links.intermediary && links.intermediary.entity) || r.intermediary;
  const role = (links.intermediary && links.intermediary.role) || r.intermediary_role;
  const [entity, intermediary] = await Promise.all([profileOf(entityRef), profileOf(interRef)]);
  const amount = r.amount || {};
  const amountNode = (amount.cny != null || amount.usd != null || amount.stated) ? el('span', {},
    amount.cny != null ? el('span', { class: 'cny', text: `¥${Number(amount.cny).toLocaleString(lang)} (CNY)` }) : null,
    amount.cny != null && amount.usd != null ? ' · ' : '',
    amount.usd != null ? el('span', { class: 'usd', text: `US$${Number(amount.usd).toLocaleString(lang)}` }) : null,
    amount.approximate ? ` (${t('approx')})` : '',
    amount.stated ? el('span', { class: 'stated', text: ` — “${amount.stated}”` }) : null) : null;
  const sources = (links.sources || r.sources || []).map(s => el('li', {}, docLink(s)));
  const restrictions = (links.restrictions || r.restrictions || []).map(x => el('li', {},
    labelOf(x.list || x), x.since ? ` (${t('since')} ${x.since})` : '', x.scope ? ` — ${x.scope}` : ''));
  const zhFirst = lang === 'zh';
  const title = zhFirst ? (r.title_zh || r.title_en) : (r.title_en || r.title_zh);
  const other = zhFirst ? r.title_en : r.title_zh;
  return el('article', { class: 'record' },
    el('span', { class: 'badge kind-record', text: t('record') }),
    el('h2', { tabindex: '-1', text: title || r.id }),
    other && other !== title ? el('p', { class: 'title-zh', text: other }) : null,
    dl([
      [t('entity'), entityRef ? entityBlock(entityRef, entity) : null],
      [t('intermediary'), interRef ? el('div', {}, entityBlock(interRef, intermediary),
        role ? el('p', { class: 'role', text: `${t('role')}: ${labelOf(role)}` }) : null) : null],
      [t('amount'), amountNode],
      [t('date'), r.date || t('undated')],
      [t('providers'), list(links.providers || r.providers)],
      [t('chips'), list(links.chips || r.chips)],
      [t('models'), list(links.models || r.models)],
      [t('sought'), [r.sought_en, r.sought_zh].filter(Boolean).map(s => el('p', { text: s }))],
      [t('quantity'), [r.quantity_en, r.quantity_zh].filter(Boolean).map(s => el('p', { text: s }))],
      [t('status'), r.status ? filterLabel('status', r.status) : null],
      [t('restrictions'), restrictions.length ? el('ul', { class: 'lists' }, restrictions) : null],
      [t('summary'), [r.summary_en, r.summary_zh].filter(Boolean).map(s => el('p', { text: s }))],
      [t('sources'), sources.length ? el('ul', { class: 'sources' }, sources) : null],
    ]));
}

function nameForms(e) {
  if (!e) return [];
  const out = [];
  if (e.names && !Array.isArray(e.names) && typeof e.names === 'object') {
    for (const [form, texts] of Object.entries(e.names)) for (const text of [].concat(texts)) out.push([form, text]);
    return out;
  }
  if (e.en) out.push(['en', e.en]);
  for (const a of e.aliases || []) out.push(['alias', a]);
  for (const a of e.acronyms || []) out.push(['acronym', a]);
  for (const a of e.old_romanizations || []) out.push(['old_romanization', a]);
  if (e.zh_hans) out.push(['zh-Hans', e.zh_hans]);
  if (e.zh_hant) out.push(['zh-Hant', e.zh_hant]);
  for (const a of e.zh_aliases || []) out.push(['zh-alias', a]);
  if (e.pinyin) out.push(['pinyin', e.pinyin]);
  return out;
}

function namesList(e) {
  const forms = nameForms(e);
  if (!forms.length) return null;
  return el('ul', { class: 'names' }, forms.map(([form, text]) =>
    el('li', {}, el('span', { class: 'name', text }), form ? el('span', { class: 'form', text: ` ${t('forms')[form] || form}` }) : null)));
}

function entityBlock(ref, profile) {
  const id = idOf(ref);
  const name = labelOf(profile && profile.label ? profile : (typeof ref === 'object' ? ref : { value: id }));
  return el('div', { class: 'entity-block' }, appLink(entHref(id), name || id, { doc: '', ent: id }, { class: 'entity-link' }), namesList(profile));
}

function articleView(a, links) {
  const href = a.url ? safeHref(a.url) : null;
  const paragraphs = (a.body || '').split(/\n{2,}/).filter(p => p.trim()).map(p => el('p', { text: p }));
  const mentioned = (links.entities || []).map(m => {
    const label = labelOf(m.entity);
    const forms = (m.forms || []).filter(f => f !== label);
    return el('li', {}, appLink(entHref(idOf(m.entity)), label, { doc: '', ent: idOf(m.entity) }),
      forms.length ? el('span', { class: 'names-used', text: ` (${forms.join(', ')})` }) : null);
  });
  const records = (links.records || []).map(r => el('li', {}, docLink(r)));
  const copies = (links.syndicated || []).map(r => el('li', {}, docLink(r)));
  return el('article', { class: 'article' },
    el('span', { class: 'badge kind-article', text: t('article') }),
    el('h2', { tabindex: '-1', text: a.title || a.id }),
    dl([
      [t('outlet'), a.outlet || null],
      [t('date'), a.date || t('undated')],
      [t('language'), a.language ? filterLabel('language', a.language) : null],
      [t('url'), href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', text: a.url }) : (a.url || null)],
      [t('mentions'), mentioned.length ? el('ul', { class: 'mentions' }, mentioned) : null],
      [t('citedBy'), records.length ? el('ul', { class: 'sources' }, records) : null],
      [t('otherVersions')(copies.length), copies.length ? el('ul', { class: 'sources' }, copies) : null],
    ]),
    el('div', { class: 'body', lang: a.language || null }, paragraphs));
}

async function renderEntity(id) {
  const box = $('detail');
  box.replaceChildren(el('p', { text: t('loading') }));
  let e;
  try {
    e = await api(`/api/entities/${encodeURIComponent(id)}`);
  } catch (err) {
    if (state.ent !== id) return;
    box.replaceChildren(backButton(), el('p', { class: 'error' }, el('strong', { text: err.status === 404 ? t('notFound') : t('error') }), `: ${err.message}`));
    return;
  }
  if (state.ent !== id) return;
  const timeline = await entityTimeline(id, e);
  if (state.ent !== id) return;
  const lists = (e.lists || []).map(l => el('li', { class: 'listed' }, labelOf(l.list || l),
    l.since ? ` (${t('since')} ${l.since})` : '', l.scope ? ` — ${l.scope}` : ''));
  const parentId = idOf(e.parent);
  const children = (e.children || []).map(c => el('li', {}, appLink(entHref(idOf(c)), labelOf(c), { doc: '', ent: idOf(c) })));
  box.replaceChildren(backButton(), el('article', { class: 'entity' },
    el('span', { class: 'badge kind-entity', text: t('entityPage') }),
    el('h2', { tabindex: '-1', text: labelOf(e.label ? e : { value: id }) }),
    dl([
      [t('names'), namesList(e)],
      [t('type'), e.type ? filterLabel('entity_type', e.type) : null],
      [t('parent'), parentId ? appLink(entHref(parentId), labelOf(e.parent), { doc: '', ent: parentId }) : null],
      [t('children'), children.length ? el('ul', { class: 'children' }, children) : null],
      [t('lists'), lists.length ? el('ul', { class: 'lists' }, lists) : t('notListed')],
      [t('description'), e.description || null],
    ]),
    el('h3', { text: t('timeline') }), timeline));
  box.querySelector('h2').focus();
}

async function entityTimeline(id, profile) {
  let docs;
  if (Array.isArray(profile.records) || Array.isArray(profile.articles)) {
    docs = [...(profile.records || []), ...(profile.articles || [])];
  } else {
    try {
      docs = (await api('/api/search', new URLSearchParams({ entity: id, sort: 'date', size: '100' }))).hits || [];
    } catch (err) {
      return el('p', { class: 'error', text: err.message });
    }
  }
  docs.sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999') || String(a.id).localeCompare(String(b.id)));
  if (!docs.length) return el('p', { text: t('noResults') });
  return el('ol', { class: 'timeline' }, docs.map(h => el('li', {},
    el('time', { text: h.date || t('undated') }), ' ', docLink(h, { meta: false }),
    h.outlet ? el('span', { class: 'doc-ref-meta', text: ` — ${h.outlet}` }) : null)));
}

/* ---------- search box and suggestions ---------- */

let suggestSeq = 0;
let suggestTimer = 0;
let activeSuggestion = -1;
let suggestionItems = [];

function closeSuggestions() {
  const ul = $('suggestions');
  ul.hidden = true;
  ul.replaceChildren();
  suggestionItems = [];
  activeSuggestion = -1;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function suggestionText(s) { return typeof s === 'string' ? s : (s.text || s.name || s.label || s.value || ''); }

async function fetchSuggestions(q) {
  const seq = ++suggestSeq;
  let data;
  try {
    data = await api('/api/suggest', new URLSearchParams({ q }));
  } catch (e) {
    return; // suggestions are a convenience: a failure leaves the box working as a plain search
  }
  if (seq !== suggestSeq || $('q').value !== q) return;
  const items = Array.isArray(data) ? data : (data.suggestions || data.items || []);
  showSuggestions(items.slice(0, 10));
}

function showSuggestions(items) {
  const ul = $('suggestions');
  suggestionItems = items;
  activeSuggestion = -1;
  if (!items.length) { closeSuggestions(); return; }
  ul.dataset.q = $('q').value;
  ul.replaceChildren(...items.map((s, i) => {
    const text = suggestionText(s);
    const extra = typeof s === 'object' ? [
      s.label && s.label !== text ? (lang === 'zh' && s.label_zh ? s.label_zh : s.label) : (s.entity_label || null),
      s.form ? (t('forms')[s.form] || s.form) : null,
    ].filter(Boolean).join(' · ') : '';
    return el('li', { id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
      onmousedown: e => { e.preventDefault(); chooseSuggestion(i); } },
    el('span', { class: 'suggestion-text', text }), extra ? el('span', { class: 'suggestion-extra', text: extra }) : null);
  }));
  ul.hidden = false;
  $('q').setAttribute('aria-expanded', 'true');
}

function moveSuggestion(delta) {
  if (!suggestionItems.length) return;
  activeSuggestion = (activeSuggestion + delta + suggestionItems.length + 1) % (suggestionItems.length + 1);
  if (activeSuggestion === suggestionItems.length) activeSuggestion = -1;
  const lis = $('suggestions').children;
  for (let i = 0; i < lis.length; i++) lis[i].setAttribute('aria-selected', String(i === activeSuggestion));
  if (activeSuggestion >= 0) {
    $('q').setAttribute('aria-activedescendant', `suggestion-${activeSuggestion}`);
    lis[activeSuggestion].scrollIntoView({ block: 'nearest' });
  } else $('q').removeAttribute('aria-activedescendant');
}

function chooseSuggestion(i) {
  const text = suggestionText(suggestionItems[i]);
  closeSuggestions();
  $('q').value = text;
  navigate({ q: text });
}

$('q').addEventListener('input', e => {
  const q = e.target.value;
  clearTimeout(suggestTimer);
  if (!q.trim()) { suggestSeq++; closeSuggestions(); return; }
  suggestTimer = setTimeout(() => fetchSuggestions(q), 120);
});

$('q').addEventListener('keydown', e => {
  const open = !$('suggestions').hidden;
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    if (open) moveSuggestion(1); else if ($('q').value.trim()) fetchSuggestions($('q').value);
  } else if (e.key === 'ArrowUp' && open) {
    e.preventDefault(); moveSuggestion(-1);
  } else if (e.key === 'Enter' && open && activeSuggestion >= 0) {
    e.preventDefault(); chooseSuggestion(activeSuggestion);
  } else if (e.key === 'Escape' && open) {
    e.preventDefault(); closeSuggestions();
  }
});

$('q').addEventListener('blur', () => setTimeout(closeSuggestions, 150));

$('search-form').addEventListener('submit', e => {
  e.preventDefault();
  clearTimeout(suggestTimer);
  suggestSeq++;
  navigate({ q: $('q').value.trim() });
});

$('date-range').addEventListener('submit', e => {
  e.preventDefault();
  navigate({ from: $('from').value.trim(), to: $('to').value.trim() });
});

$('sort').addEventListener('change', e => navigate({ sort: e.target.value }));

$('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* not remembered, still switched */ }
  render();
});

$('home').addEventListener('click', e => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate({ q: '', filters: {}, from: '', to: '', sort: 'relevance', page: 1 });
});

// At phone widths the filters fold away above the results; this button opens them.
$('filters-toggle').addEventListener('click', () => {
  const open = !document.body.classList.contains('filters-open');
  document.body.classList.toggle('filters-open', open);
  $('filters-toggle').setAttribute('aria-expanded', String(open));
});

// Escape closes a document or entity view (unless it is closing the suggestion list).
document.addEventListener('keydown', e => {
  if (e.key !== 'Escape' || e.defaultPrevented || !(state.doc || state.ent)) return;
  navigate({ doc: '', ent: '' }, { resetPage: false });
});

window.addEventListener('popstate', () => { state = readUrl(); render(); });

render();
