// The clerk's console: runs the lot on the block; keyboard shortcuts O W H P R F J I (not while typing a number).
'use strict';
(() => {
  const G = Gavel;
  const el = G.el;
  let lotId = 0;
  let pinned = false;
  document.getElementById('auction').textContent = G.auctionId();

  function current() {
    if (!pinned) {
      const onBlock = G.onBlock();
      const open = onBlock && (onBlock.state === 'OPEN' || onBlock.state === 'GOING');
      const next = G.nextUp(open ? onBlock : null);
      const pick = open ? onBlock : (onBlock && (onBlock.state === 'SOLD' || onBlock.state === 'PASSED') && !next ?
        onBlock : next || onBlock);
      lotId = pick ? pick.lot : 0;
      el('lot-input').value = lotId || '';
    }
    return lotId ? G.lot(lotId) : null;
  }
  function render() {
    const lot = current();
    if (!lot) { return; }
    el('lot-state').textContent = lot.state;
    el('lot-state').className = 'lot-state ' + lot.state;
    el('price').textContent = G.money(lot.price);
    el('ask').textContent = lot.ask ? G.money(lot.ask) : '-';
    el('leader').textContent = lot.leader || '-';
    const next = G.nextUp(lot);
    el('next-lot').textContent = next ? 'Lot ' + next.lot : 'none';
    G.renderHistory(el('history'), lot.lot);
  }
  function act(action, extra) {
    const lot = current();
    if (!lot) { return; }
    G.send(Object.assign({ action, lot: lot.lot }, extra || {}));
  }
  const actions = {
    open: () => act('open'), warn: () => act('warn'), hammer: () => act('hammer'), pass: () => act('pass'),
    reopen: () => act('reopen'),
    floor: () => {
      const lot = current();
      act('floor', { paddle: Number(el('paddle-input').value), amount: lot.ask, askVersion: lot.askVersion });
    },
    jump: () => act('jump', { ask: Math.round(Number(el('jump-input').value) * 100) }),
    increment: () => act('increment', { increment: Math.round(Number(el('increment-input').value) * 100) }),
  };
  Object.keys(actions).forEach(name => el(name + '-button').addEventListener('click', actions[name]));
  el('lot-input').addEventListener('change', () => { pinned = true; lotId = Number(el('lot-input').value); render(); });
  const keys = { o: 'open', w: 'warn', h: 'hammer', p: 'pass', r: 'reopen', f: 'floor', j: 'jump', i: 'increment' };
  document.addEventListener('keydown', ev => {
    if (ev.target.tagName === 'INPUT' && ev.key !== 'Enter') { return; }
    const name = ev.key === 'Enter' && ev.target === el('paddle-input') ? 'floor' : keys[ev.key.toLowerCase()];
    if (name && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); actions[name](); }
  });
  G.onMessage(msg => {
    // Until its session with the engine is open the console says so; welcome means it is connected.
    if (msg.t === 'console') { el('connection').textContent = msg.message; }
    if (msg.t === 'welcome') { el('connection').textContent = msg.role + ' ' + msg.principal; }
    if (msg.t === 'closed') { el('connection').textContent = msg.reason; }
    if (msg.t === 'upstream') { el('connection').textContent = msg.message; }
    if (msg.t === 'answer') {
      el('status').textContent = msg.action + (msg.ok ? ': done' : ': refused ' + msg.reason);
      el('status').className = 'status ' + (msg.ok ? 'leading' : 'moved');
    }
    if (msg.t === 'error') { el('status').textContent = msg.message; }
    render();
  });
  G.connect();
})();
