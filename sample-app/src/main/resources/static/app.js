'use strict';

// The sample page: who you are, buttons that make SeeStack capture something, and a live view of
// /actuator/seestack. Elements have stable ids; rows of the live view carry data-* attributes for tests.

const $ = (id) => document.getElementById(id);
let actionCount = 0;

async function showWhoIAm() {
  const response = await fetch('/api/me', { headers: { Accept: 'application/json' } });
  const me = await response.json();
  $('who').textContent = me.authenticated ? me.name : 'anonymous';
  $('who-seestack').textContent = me.seeStackUser ?? 'anonymous';
  $('login-link').hidden = me.authenticated;
  $('logout-form').hidden = !me.authenticated;
  const csrf = $('logout-csrf');
  csrf.name = me.csrfParameter;
  csrf.value = me.csrfToken;
}

// A reference per click: it ends up in the captured message, so a click can be matched with its payloads.
function newRef() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

async function runAction(button) {
  const ref = newRef();
  let status;
  try {
    const response = await fetch(`${button.dataset.path}?ref=${ref}`, { headers: { Accept: 'application/json' } });
    status = String(response.status);
  } catch (error) {
    status = `failed: ${error}`;
  }
  $('last-action').textContent = button.textContent;
  $('last-ref').textContent = ref;
  $('last-status').textContent = status;
  $('action-count').textContent = String(++actionCount);
}

// One row per error, per log entry, and per item of an HTTP request batch.
function rowsOf(payload) {
  // The endpoint gives the body as a JSON object; accept it as a JSON string too.
  const body = (typeof payload.body === 'string' ? JSON.parse(payload.body) : payload.body) ?? {};
  const base = { recordedAt: payload.recordedAt, key: `${payload.recordedAt}|${payload.path}` };
  if (payload.path.endsWith('/errors')) {
    return [{ ...base, kind: 'error', user: body.user?.id ?? '', ref: refIn(body.message),
      what: `${body.exceptionClass}: ${body.message}` }];
  }
  if (payload.path.endsWith('/logs')) {
    const signIn = body.metadata?.signIn;
    return [{ ...base, kind: 'log', user: body.metadata?.userId ?? '', ref: body.metadata?.ref ?? refIn(body.message),
      signIn: signIn?.outcome,
      what: `${body.level} ${body.message}` + (signIn ? ` (${signIn.method}, login ${signIn.login ?? '–'})` : '') }];
  }
  if (payload.path.endsWith('/heartbeat')) {
    return [{ ...base, kind: 'heartbeat', user: '', ref: '', slug: body.slug, status: body.status,
      what: `${body.slug} ${body.status} (${body.durationMs} ms)` + (body.message ? `: ${body.message}` : '') }];
  }
  if (payload.path.endsWith('/http-requests')) {
    return (body.requests ?? []).map((item, i) => ({ ...base, key: `${base.key}|${i}`, kind: 'http',
      user: item.userId ?? '', ref: '', path: item.path, status: String(item.statusCode),
      what: `${item.method} ${item.path} → ${item.statusCode} (${item.durationMs} ms)` }));
  }
  return [{ ...base, kind: 'other', user: '', ref: '', what: `${payload.path} ${JSON.stringify(body)}` }];
}

function refIn(message) {
  const match = /\(ref ([A-Za-z0-9-]+)\)/.exec(message ?? '');
  return match ? match[1] : '';
}

function cell(className, text) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  return td;
}

function render(status) {
  $('mode').textContent = status.mode;
  $('target').textContent = status.target ?? '';
  $('disabled-reason').textContent = status.disabledReason ? ` (disabled: ${status.disabledReason})` : '';
  $('counters').textContent = Object.entries(status.features ?? {})
    .map(([feature, c]) => `${feature} sent ${c.sent}, dropped ${c.dropped}, buffered ${c.buffered}/${c.capacity}`)
    .join(' · ') || 'none';
  $('remote-note').hidden = status.mode !== 'REMOTE';
  const payloads = status.recentPayloads ?? [];
  $('payload-count').textContent = String(payloads.length);
  const rows = payloads.flatMap((payload) => rowsOf(payload)).reverse(); // newest first
  const tbody = document.querySelector('#payloads tbody');
  tbody.replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.key = row.key;
    tr.dataset.kind = row.kind;
    tr.dataset.user = row.user;
    tr.dataset.ref = row.ref;
    if (row.signIn !== undefined) {
      tr.dataset.signIn = row.signIn;
    }
    if (row.slug !== undefined) {
      tr.dataset.slug = row.slug;
      tr.dataset.status = row.status;
    }
    if (row.path !== undefined) {
      tr.dataset.path = row.path;
      tr.dataset.status = row.status;
    }
    tr.append(cell('recorded', new Date(row.recordedAt).toLocaleTimeString([], { hour12: false })), cell('kind', row.kind),
      cell('user', row.user), cell('what', row.what), cell('ref', row.ref));
    return tr;
  }));
}

async function poll() {
  try {
    const response = await fetch('/actuator/seestack', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`/actuator/seestack answered ${response.status}`);
    }
    render(await response.json());
    $('poll-error').textContent = '';
  } catch (error) {
    $('poll-error').textContent = String(error.message ?? error);
  } finally {
    setTimeout(poll, 1000);
  }
}

document.querySelectorAll('.actions button').forEach((button) =>
  button.addEventListener('click', () => runAction(button)));
showWhoIAm();
poll();
