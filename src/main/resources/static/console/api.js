// The platform's HTTP API as the console uses it: bearer token from sessionStorage, JSON in and
// out, RFC 9457 problem details turned into errors the views can show.
import { reactive } from 'vue';

const TOKEN = 'cityops.token';
const USER = 'cityops.user';

export const session = reactive({
  token: sessionStorage.getItem(TOKEN),
  user: JSON.parse(sessionStorage.getItem(USER) || 'null'),
});

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status;
    this.errors = (body && body.errors) || [];
  }
}

async function send(method, path, body, isForm, contentType) {
  const headers = {};
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  if (body !== undefined && !isForm) headers['Content-Type'] = contentType || 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : (isForm || contentType ? body : JSON.stringify(body)),
  });
  if (res.status === 401 && session.token) {
    logout();
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
  if (!res.ok) throw new Problem(res.status, json);
  return json;
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, body) => send('POST', path, body === undefined ? {} : body),
  put: (path, body) => send('PUT', path, body),
  /** Sends a document as it is (YAML or JSON text) under its content type. */
  putText: (path, text, contentType) => send('PUT', path, text, false, contentType),
  form: (path, formData) => send('POST', path, formData, true),
  // Attachments need the bearer token, so an <img src> cannot load them: fetch as a blob URL.
  async blobUrl(path) {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + session.token } });
    if (!res.ok) throw new Problem(res.status, null);
    return URL.createObjectURL(await res.blob());
  },
};

export async function login(username, password) {
  const r = await send('POST', '/api/v1/auth/login', { username, password });
  session.token = r.token;
  session.user = { username: r.username, displayName: r.displayName, role: r.role, roleName: r.roleName,
    regionCode: r.regionCode, departmentId: r.departmentId };
  sessionStorage.setItem(TOKEN, r.token);
  sessionStorage.setItem(USER, JSON.stringify(session.user));
}

export function logout() {
  session.token = null;
  session.user = null;
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
}
