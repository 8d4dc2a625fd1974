import { DEFAULT_OPENID } from './model';

/**
 * The chat page at `/__sim/`: play an end user of an authorized account, see the passive reply and the
 * customer-service messages the workflow sends, and a log of what went over the wire (pushes to n8n,
 * API calls from n8n). Plain DOM, text only (never innerHTML with data).
 *
 * `?authUrl=…&msgUrl=…` in the page address pre-fills the two platform URLs, so a launcher can print
 * one link that is ready to use.
 */
export function chatPage(): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WeChat simulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#ededed;color:#111}
header{background:#2e2e2e;color:#fff;padding:10px 16px}
main{display:grid;grid-template-columns:320px 1fr 380px;gap:16px;padding:16px}
fieldset{border:1px solid #ccc;background:#fff;margin:0 0 12px;padding:10px}
label{display:block;font-size:12px;margin-top:6px}
input,select{width:100%;box-sizing:border-box;padding:4px}
button{margin-top:8px;padding:6px 10px;cursor:pointer}
#chat{background:#f5f5f5;border:1px solid #ccc;height:70vh;overflow:auto;padding:10px}
.msg{max-width:70%;padding:8px 10px;margin:6px 0;border-radius:6px;white-space:pre-wrap;word-break:break-word}
.user{background:#95ec69;margin-left:auto}
.bot{background:#fff}
.via{display:block;color:#888;font-size:11px;margin-top:4px}
.note{color:#666;font-size:12px;text-align:center}
form.send{display:flex;gap:8px;margin-top:8px}
form.send input{flex:1}
h2{font-size:13px;margin:0 0 6px}
.log{background:#fff;border:1px solid #ccc;height:calc(35vh - 20px);overflow:auto;margin:0 0 12px;padding:6px;font:12px ui-monospace,monospace;list-style:none}
.log li{padding:3px 0;border-bottom:1px solid #eee;word-break:break-all}
.bad{color:#b00020}
</style></head>
<body><header>WeChat simulator — play an end user of an authorized account</header>
<main><section>
<fieldset><legend>Platform URLs (from the trigger node)</legend>
<label>Authorization-event URL<input id="authUrl" placeholder="http://localhost:5678/webhook/…/authorization"></label>
<label>Message URL (may contain $APPID$)<input id="msgUrl" placeholder="http://localhost:5678/webhook/…/$APPID$/callback"></label>
<button id="ticket">Push ticket</button> <button id="authorize">Authorize account</button>
</fieldset>
<fieldset><legend>Conversation</legend>
<label>Account<select id="account"></select></label>
<label>Your openid<input id="openid" value="${DEFAULT_OPENID}"></label>
<button id="subscribe">Send "subscribe" event</button>
<label>Menu key (EventKey)<input id="menuKey" value="MENU_HELLO"></label>
<button id="click">Send menu click</button>
</fieldset>
<fieldset><legend>Fast registrations (from Mini Program Registration)</legend>
<label>Waiting for confirmation<select id="registration"></select></label>
<button id="approve">Confirm (registered)</button> <button id="reject">Reject</button>
</fieldset>
<p class="note">State: <a href="/__sim/state" target="_blank">/__sim/state</a></p>
</section>
<section><div id="chat"></div>
<form class="send" id="form"><input id="text" placeholder="Type a message" autocomplete="off"><button id="send">Send</button></form>
</section>
<section>
<h2>Pushes to n8n (newest first)</h2><ul class="log" id="pushLog"></ul>
<h2>API calls from n8n (newest first)</h2><ul class="log" id="apiLog"></ul>
</section></main>
<script>
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
for (const id of ['authUrl', 'msgUrl', 'openid']) {
  const given = params.get(id);
  if (given) localStorage.setItem('sim.' + id, given);
  $(id).value = localStorage.getItem('sim.' + id) || $(id).value;
  $(id).addEventListener('change', () => localStorage.setItem('sim.' + id, $(id).value));
}
function line(kind, text, via) {
  const d = document.createElement('div');
  d.className = kind === 'note' ? 'note' : 'msg ' + kind;
  d.textContent = text;
  if (via) { const s = document.createElement('span'); s.className = 'via'; s.textContent = via; d.appendChild(s); }
  $('chat').appendChild(d);
  $('chat').scrollTop = $('chat').scrollHeight;
}
async function post(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.status);
  return j;
}
function describe(fields) {
  if (!fields) return '';
  if (fields.MsgType === 'text') return fields.Content;
  return '[' + fields.MsgType + '] ' + JSON.stringify(fields);
}
function showResult(r) {
  if (r.timedOut) return line('note', 'No answer within 5 s: WeChat would show "this account cannot serve you now" and retry.');
  if (r.reply) return line('bot', describe(r.reply.fields), 'passive reply, ' + r.elapsedMs + ' ms' + (r.reply.signatureValid ? '' : ', BAD SIGNATURE'));
  if (r.replyError) return line('note', 'Unreadable reply: ' + r.replyError);
  line('note', 'HTTP ' + r.status + (r.body ? ' "' + r.body.slice(0, 80) + '"' : ' (empty)') + ', ' + r.elapsedMs + ' ms. ' + why(r.status, r.body));
}
// What a user of the chat page can do about an answer without a reply, in plain words.
function why(status, body) {
  if (status === 404) return 'n8n does not know this URL: publish (activate) the workflow, or for a Test URL click "Execute workflow" in n8n first, then send again.';
  if (status === 403 || status === 401) return 'n8n refused the push: the Token and EncodingAESKey of the credential must be those of the simulator (API Base URL ' + location.origin + ').';
  if (status >= 500) return 'The workflow failed: open its executions in n8n to see why.';
  if (status >= 400) return 'n8n rejected the push.';
  if (body === 'success' || !body) return 'No reply: no active workflow answers this (the trigger ignores it, or the workflow has no Reply for it). The user sees nothing.';
  return '';
}
// The URL a button needs, or a plain sentence saying where to find it.
function need(id, what) {
  const v = $(id).value.trim();
  if (v) return v;
  throw new Error('Paste the ' + what + ' first: open the WeChat Open Platform Trigger in n8n and copy it from the node (Production or Test URL).');
}
function time(ms) { return new Date(ms).toISOString().slice(11, 19); }
function fill(list, rows) {
  const el = $(list);
  const text = rows.map((r) => r.text).join('\\n');
  if (el.dataset.text === text) return;
  el.dataset.text = text;
  el.textContent = '';
  for (const r of rows) {
    const li = document.createElement('li');
    li.textContent = r.text;
    if (r.bad) li.className = 'bad';
    el.appendChild(li);
  }
}
function pushRow(p) {
  let path = p.url;
  // Long ids (the webhook's UUID) shortened so the interesting end of the path stays readable.
  try { path = new URL(p.url).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, (id) => id.slice(0, 8) + '…'); } catch (e) {}
  if (p.error) return { text: p.kind + ' → ' + path + '  failed: ' + p.error, bad: true };
  const r = p.result;
  const answer = r.timedOut ? 'no answer in 5 s' : 'HTTP ' + r.status + (r.reply ? ' ' + r.reply.fields.MsgType + ' reply' : r.body ? ' "' + r.body.slice(0, 40) + '"' : ' (empty)');
  return { text: p.kind + ' → ' + path + '  ' + answer + ', ' + r.elapsedMs + ' ms', bad: r.timedOut || r.status >= 400 };
}
function apiRow(q) {
  const query = Object.keys(q.query || {}).join(',');
  return { text: time(q.at) + ' ' + q.method + ' ' + q.path + (query ? '  ?' + query : '') };
}
let seen = 0, accounts = [];
async function refresh() {
  const s = await (await fetch('/__sim/state')).json();
  const sel = $('account');
  const ids = s.authorizers.map((a) => a.appId + a.authorized).join();
  if (ids !== accounts.join()) {
    const current = sel.value;
    sel.textContent = '';
    for (const a of s.authorizers) {
      const o = document.createElement('option');
      o.value = a.appId; o.textContent = a.nickName + ' (' + a.appId + (a.authorized ? '' : ', not authorized') + ')';
      sel.appendChild(o);
    }
    const firstAuthorized = s.authorizers.find((a) => a.authorized);
    if (current && s.authorizers.some((a) => a.appId === current)) sel.value = current;
    else if (firstAuthorized) sel.value = firstAuthorized.appId;
    accounts = s.authorizers.map((a) => a.appId + a.authorized);
  }
  const pending = (s.fastRegistrations || []).filter((t) => t.state === 'pending');
  const reg = $('registration');
  if (reg.dataset.ids !== pending.map((t) => t.id).join()) {
    const current = reg.value;
    reg.textContent = '';
    for (const t of pending) {
      const o = document.createElement('option');
      o.value = t.id; o.textContent = t.kind + ': ' + (t.info.name || t.info.idname || t.id);
      reg.appendChild(o);
    }
    if (pending.some((t) => t.id === current)) reg.value = current;
    reg.dataset.ids = pending.map((t) => t.id).join();
  }
  const msgs = s.sentMessages;
  if (seen > msgs.length) seen = 0;
  for (const m of msgs.slice(seen)) {
    if (m.kind === 'typing') continue;
    const b = m.body;
    const text = m.kind === 'template' ? '[template ' + b.template_id + '] ' + JSON.stringify(b.data)
      : b.msgtype === 'text' ? b.text.content : '[' + b.msgtype + '] ' + JSON.stringify(b[b.msgtype]);
    line('bot', text, 'via ' + m.kind + ' message API to ' + b.touser);
  }
  seen = msgs.length;
  fill('pushLog', s.pushes.slice().reverse().map(pushRow));
  fill('apiLog', s.recentRequests.slice().reverse().map(apiRow));
}
async function run(fn) { try { showResult(await fn()); } catch (e) { line('note', String(e.message || e)); } refresh().catch(() => {}); }
function pushEvent(label, fields) {
  line('user', label);
  run(() => post('/__sim/push/message', { url: need('msgUrl', 'Message URL'), authorizerAppId: $('account').value,
    fields: Object.assign({ MsgType: 'event', FromUserName: $('openid').value }, fields) }));
}
$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('text').value; if (!text) return;
  $('text').value = '';
  line('user', text);
  run(() => post('/__sim/push/message', { url: need('msgUrl', 'Message URL'), authorizerAppId: $('account').value,
    fields: { MsgType: 'text', Content: text, FromUserName: $('openid').value } }));
});
$('subscribe').addEventListener('click', () => pushEvent('(follows the account)', { Event: 'subscribe', EventKey: '' }));
$('click').addEventListener('click', () => pushEvent('(taps menu ' + $('menuKey').value + ')', { Event: 'CLICK', EventKey: $('menuKey').value }));
$('ticket').addEventListener('click', () => run(() => post('/__sim/push/ticket', { url: need('authUrl', 'Authorization-event URL') })));
$('authorize').addEventListener('click', () => run(() => post('/__sim/push/authorization',
  { url: need('authUrl', 'Authorization-event URL'), infoType: 'authorized', authorizerAppId: $('account').value })));
// The legal person (or user) answers in WeChat; WeChat pushes the result to the authorization-event URL.
function completeRegistration(approve) {
  if (!$('registration').value) return line('note', 'No registration is waiting: run Register Mini Program in n8n first.');
  line('note', approve ? 'The legal person confirms the registration.' : 'WeChat rejects the registration.');
  run(async () => (await post('/__sim/fast-registration/complete', { id: $('registration').value, approve,
    url: need('authUrl', 'Authorization-event URL') })).push);
}
$('approve').addEventListener('click', () => completeRegistration(true));
$('reject').addEventListener('click', () => completeRegistration(false));
refresh(); setInterval(() => refresh().catch(() => {}), 1500);
</script></body></html>`;
}
