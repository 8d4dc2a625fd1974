/**
 * The chat page at `/__sim/`: play an end user of an authorized account, see the passive reply and the
 * customer-service messages the workflow sends. Plain DOM, text only (never innerHTML with data).
 */
export function chatPage(): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WeChat simulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#ededed;color:#111}
header{background:#2e2e2e;color:#fff;padding:10px 16px}
main{display:grid;grid-template-columns:320px 1fr;gap:16px;padding:16px}
fieldset{border:1px solid #ccc;background:#fff;margin:0 0 12px;padding:10px}
label{display:block;font-size:12px;margin-top:6px}
input,select{width:100%;box-sizing:border-box;padding:4px}
button{margin-top:8px;padding:6px 10px;cursor:pointer}
#chat{background:#f5f5f5;border:1px solid #ccc;height:70vh;overflow:auto;padding:10px}
.msg{max-width:70%;padding:8px 10px;margin:6px 0;border-radius:6px;white-space:pre-wrap;word-break:break-word}
.user{background:#95ec69;margin-left:auto}
.bot{background:#fff}
.note{color:#666;font-size:12px;text-align:center}
form.send{display:flex;gap:8px;margin-top:8px}
form.send input{flex:1}
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
<label>Your openid<input id="openid" value="oSimUserTestOpenId0000000001"></label>
<button id="subscribe">Send "subscribe" event</button>
</fieldset>
<p class="note">State: <a href="/__sim/state" target="_blank">/__sim/state</a></p>
</section>
<section><div id="chat"></div>
<form class="send" id="form"><input id="text" placeholder="Type a message" autocomplete="off"><button>Send</button></form>
</section></main>
<script>
const $ = (id) => document.getElementById(id);
for (const id of ['authUrl', 'msgUrl', 'openid']) {
  $(id).value = localStorage.getItem('sim.' + id) || $(id).value;
  $(id).addEventListener('change', () => localStorage.setItem('sim.' + id, $(id).value));
}
function line(kind, text) {
  const d = document.createElement('div');
  d.className = kind === 'note' ? 'note' : 'msg ' + kind;
  d.textContent = text;
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
  if (r.reply) return line('bot', describe(r.reply.fields) + (r.reply.signatureValid ? '' : '  (bad signature!)'));
  if (r.replyError) return line('note', 'Unreadable reply: ' + r.replyError);
  line('note', 'HTTP ' + r.status + (r.body ? ' "' + r.body.slice(0, 80) + '"' : ' (empty)'));
}
let seen = 0, accounts = [];
async function refresh() {
  const s = await (await fetch('/__sim/state')).json();
  const sel = $('account');
  const ids = s.authorizers.map((a) => a.appId).join();
  if (ids !== accounts.join()) {
    const current = sel.value;
    sel.textContent = '';
    for (const a of s.authorizers) {
      const o = document.createElement('option');
      o.value = a.appId; o.textContent = a.nickName + ' (' + a.appId + (a.authorized ? '' : ', not authorized') + ')';
      sel.appendChild(o);
    }
    if (current) sel.value = current;
    accounts = s.authorizers.map((a) => a.appId);
  }
  const msgs = s.sentMessages;
  if (seen > msgs.length) seen = 0;
  for (const m of msgs.slice(seen)) {
    if (m.kind === 'typing') continue;
    const b = m.body;
    const text = m.kind === 'template' ? '[template ' + b.template_id + '] ' + JSON.stringify(b.data)
      : b.msgtype === 'text' ? b.text.content : '[' + b.msgtype + '] ' + JSON.stringify(b[b.msgtype]);
    line('bot', text + '  (via ' + m.kind + ' API to ' + b.touser + ')');
  }
  seen = msgs.length;
}
async function run(fn) { try { showResult(await fn()); } catch (e) { line('note', String(e.message || e)); } }
$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('text').value; if (!text) return;
  $('text').value = '';
  line('user', text);
  run(() => post('/__sim/push/message', { url: $('msgUrl').value, authorizerAppId: $('account').value,
    fields: { MsgType: 'text', Content: text, FromUserName: $('openid').value } }));
});
$('subscribe').addEventListener('click', () => { line('user', '(subscribes)');
  run(() => post('/__sim/push/message', { url: $('msgUrl').value, authorizerAppId: $('account').value,
    fields: { MsgType: 'event', Event: 'subscribe', EventKey: '', FromUserName: $('openid').value } })); });
$('ticket').addEventListener('click', () => run(() => post('/__sim/push/ticket', { url: $('authUrl').value })));
$('authorize').addEventListener('click', () => run(() => post('/__sim/push/authorization',
  { url: $('authUrl').value, infoType: 'authorized', authorizerAppId: $('account').value })));
refresh(); setInterval(() => refresh().catch(() => {}), 1500);
</script></body></html>`;
}
