// The shared part of the pages: the socket, the auction's state (snapshot, then events in sequence), money.
// No build step: plain script. The token comes from the address's fragment (#token=...), so it never reaches a log.
'use strict';
const Gavel = (() => {
  const decoder = new TextDecoder();
  const state = { seq: 0, lots: new Map(), history: [], me: 0, role: '', video: '', clockOffset: 0, closed: null };
  let ws = null;
  let listeners = [];
  let nextId = 1;
  let retry = 500;

  function token() {
    const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : '';
  }
  function auctionId() {
    const m = /\/(\d+)$/.exec(location.pathname);
    return m ? Number(m[1]) : 0;
  }
  function money(minor) {
    if (minor === undefined || minor === null) { return '-'; }
    return (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function lot(id) {
    if (!state.lots.has(id)) {
      state.lots.set(id, { lot: id, state: 'SCHEDULED', leader: 0, price: 0, ask: 0, askVersion: 0, endTime: 0 });
    }
    return state.lots.get(id);
  }
  function onBlock() {
    const lots = [...state.lots.values()].sort((a, b) => a.lot - b.lot);
    return lots.find(l => l.state === 'OPEN' || l.state === 'GOING') ||
      [...lots].reverse().find(l => l.state === 'SOLD' || l.state === 'PASSED') || lots[0] || null;
  }
  function nextUp(current) {
    const lots = [...state.lots.values()].sort((a, b) => a.lot - b.lot);
    return lots.find(l => l.state === 'SCHEDULED' && (!current || l.lot > current.lot)) || null;
  }
  function apply(e) {
    const l = e.lot ? lot(e.lot) : null;
    switch (e.t) {
      case 'lotAdded': l.state = e.endTime ? 'OPEN' : 'SCHEDULED'; l.price = e.start; l.ask = e.endTime ? e.start : 0;
        l.endTime = e.endTime; break;
      case 'opened': case 'reopened': l.state = 'OPEN'; l.leader = e.leader; l.price = e.price; l.ask = e.ask;
        l.askVersion = e.askVersion; break;
      case 'bid': if (l.state === 'GOING') { l.state = 'OPEN'; } l.leader = e.leader; l.price = e.price; l.ask = e.ask;
        l.askVersion = e.askVersion; state.history.push(e); break;
      case 'price': l.leader = e.leader; l.price = e.price; l.ask = e.ask; break;
      case 'ask': l.ask = e.ask; l.askVersion = e.askVersion; break;
      case 'warning': l.state = 'GOING'; break;
      case 'extended': l.endTime = e.endTime; break;
      case 'sold': l.state = 'SOLD'; l.leader = e.bidder; l.price = e.price; if (l.endTime) { l.ask = 0; } break;
      case 'passed': l.state = 'PASSED'; if (l.endTime) { l.ask = 0; } break;
      default: break;
    }
  }
  function receive(raw) {
    const msg = JSON.parse(typeof raw === 'string' ? raw : decoder.decode(raw));
    if (msg.t === 'welcome') {
      state.me = msg.principal; state.role = msg.role;
    } else if (msg.t === 'snapshot') {
      state.seq = msg.seq; state.lots = new Map(); state.video = msg.video; state.history = msg.history.slice();
      state.clockOffset = msg.now - Date.now();
      msg.lots.forEach(l => state.lots.set(l.lot, Object.assign({}, l)));
    } else if (msg.seq !== undefined) {
      if (msg.seq <= state.seq) { return; }
      if (msg.seq !== state.seq + 1) {
        // A missed event: never show a stale ask; ask for a fresh snapshot.
        send({ action: 'sync' });
        return;
      }
      state.seq = msg.seq;
      apply(msg);
    }
    listeners.forEach(f => f(msg));
  }
  function connect() {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { retry = 500; ws.send(JSON.stringify({ action: 'hello', token: token(), auction: auctionId() })); };
    ws.onmessage = ev => receive(ev.data);
    ws.onclose = ev => {
      state.closed = ev.reason || ('closed (' + ev.code + ')');
      listeners.forEach(f => f({ t: 'closed', code: ev.code, reason: state.closed }));
      if (ev.code !== 1008 && ev.code !== 1009) {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 8000);
      }
    };
  }
  function send(message) {
    message.id = nextId++;
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); }
    return message.id;
  }
  function el(testid) { return document.querySelector('[data-testid="' + testid + '"]'); }
  function who(e) {
    const source = { INTERNET: 'Internet', FLOOR: 'Floor', COMMISSION: 'Commission', PROXY: 'Internet (max)',
      BUY_NOW: 'Buy now' }[e.source] || e.source;
    return source + ' · paddle ' + e.paddle;
  }
  function renderHistory(list, lotId) {
    list.innerHTML = '';
    state.history.filter(e => e.lot === lotId).slice().reverse().forEach(e => {
      const li = document.createElement('li');
      li.textContent = money(e.price) + ' — ' + who(e) + (e.bidder === state.me ? ' (you)' : '');
      list.appendChild(li);
    });
  }
  function video(container) {
    if (container.dataset.url === state.video) { return; }
    container.dataset.url = state.video;
    container.innerHTML = '';
    if (!state.video) { container.textContent = 'No video for this sale'; return; }
    const media = /\.(mp4|webm|ogg|m3u8)(\?|$)/i.test(state.video);
    const node = document.createElement(media ? 'video' : 'iframe');
    node.src = state.video;
    if (media) { node.autoplay = true; node.muted = true; node.controls = true; node.playsInline = true; }
    else { node.allow = 'autoplay; fullscreen'; }
    container.appendChild(node);
  }
  return { state, connect, send, money, lot, onBlock, nextUp, el, renderHistory, video, auctionId,
    onMessage: f => listeners.push(f) };
})();
