// The live stream (GET /api/v1/stream, Server-Sent Events). EventSource cannot send the bearer
// header, so the stream is read with fetch() and a ReadableStream and parsed here: `event:`,
// `id:`, `data:` lines, a blank line ends an event. On a drop it reconnects with the
// Last-Event-ID header; while it is down (or the endpoint does not exist yet) the status says
// offline and nothing is thrown to the console.
import { reactive } from 'vue';
import { session } from './api.js';

/** Returns the complete events in the buffer and the unfinished rest. */
export function parseSse(buffer) {
  const events = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop();
  for (const block of blocks) {
    const ev = { event: 'message', id: null, data: '' };
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') ev.event = value;
      else if (field === 'id') ev.id = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length && ev.event === 'message') continue;
    ev.data = data.join('\n');
    events.push(ev);
  }
  return { events, rest };
}

/**
 * Opens the live stream and calls onEvent({event, id, data}) for each event (data parsed as JSON
 * when it is). Returns { state, close }: state.online tells whether the stream is connected.
 */
export function openLive(onEvent, path = '/api/v1/stream') {
  const state = reactive({ online: false });
  let lastId = null;
  let stopped = false;
  let hidden = false;
  let controller = null;
  let delay = 2000;

  // Leaving the page must end the stream at once: a browser may keep the left page (and its open
  // response) for back/forward navigation, and its six connections per host then fill up with
  // streams of pages no longer shown, stalling the next page's requests for about a minute.
  function onHide() {
    hidden = true;
    if (controller) controller.abort();
  }
  function onShow() {
    if (hidden && !stopped) {
      hidden = false;
      connect();
    }
  }
  window.addEventListener('pagehide', onHide);
  window.addEventListener('pageshow', onShow);

  async function connect() {
    if (stopped || hidden || !session.token) return;
    controller = new AbortController();
    const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + session.token };
    if (lastId) headers['Last-Event-ID'] = lastId;
    try {
      const res = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
      const type = res.headers.get('Content-Type') || '';
      if (!res.ok || !res.body || !type.startsWith('text/event-stream')) {
        // not (yet) there: an ordinary answer, not an error worth a console message
        try { await res.text(); } catch (e) { /* the body is not needed */ }
        throw new Error('offline');
      }
      state.online = true;
      delay = 2000;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        for (const ev of parsed.events) {
          if (ev.id) lastId = ev.id;
          let data = ev.data;
          try { data = ev.data ? JSON.parse(ev.data) : null; } catch (e) { /* plain text data stays text */ }
          onEvent({ event: ev.event, id: ev.id, data });
        }
      }
    } catch (e) {
      // aborted, refused, 404 or dropped: all mean "offline" until the next attempt
    }
    state.online = false;
    if (!stopped && !hidden) {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    }
  }

  connect();
  return {
    state,
    close() {
      stopped = true;
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
      if (controller) controller.abort();
    },
  };
}
