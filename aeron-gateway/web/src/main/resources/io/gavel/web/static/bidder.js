// The bidder's page: one big button bids the ask shown, with its ask version; a stale click is refused ASK_MOVED.
'use strict';
(() => {
  const G = Gavel;
  const el = G.el;
  let status = { text: '', kind: '' };
  let shownLot = 0;
  let shown = null; // what the button bids: { lot, ask, askVersion }
  document.getElementById('auction').textContent = G.auctionId();

  function setStatus(text, kind) { status = { text, kind }; }
  function render() {
    const s = G.state;
    const lot = G.onBlock();
    G.video(el('video'));
    if (!lot) { el('lot-state').textContent = 'No lots yet'; return; }
    if (lot.lot !== shownLot) { shownLot = lot.lot; setStatus('', ''); }
    const timed = lot.endTime > 0;
    el('lot-id').textContent = lot.lot;
    const stateText = { OPEN: 'Open', GOING: 'Fair warning', SOLD: 'SOLD', PASSED: 'PASSED', SCHEDULED: 'Not open yet' };
    el('lot-state').textContent = stateText[lot.state] || lot.state;
    el('lot-state').className = 'lot-state ' + lot.state;
    el('price').textContent = G.money(lot.price);
    el('ask').textContent = lot.ask ? G.money(lot.ask) : '-';
    document.getElementById('ask-label').textContent = timed ? 'Minimum next maximum' : 'Ask';
    const open = lot.state === 'OPEN' || lot.state === 'GOING';
    const button = el('bid-button');
    if (lot.state === 'SOLD') {
      setStatus((lot.leader === s.me ? 'You won: SOLD ' : 'SOLD ') + G.money(lot.price), lot.leader === s.me ? 'leading' : '');
    } else if (lot.state === 'PASSED') {
      setStatus('PASSED', '');
    } else if (open && lot.leader === s.me && s.me) {
      setStatus('You are the high bidder', 'leading');
    } else if (open && status.kind === 'leading') {
      setStatus('Outbid', 'outbid');
    }
    if (!timed && open && lot.ask) {
      shown = { lot: lot.lot, ask: lot.ask, askVersion: lot.askVersion };
      button.disabled = lot.leader === s.me;
      button.textContent = 'Bid ' + G.money(lot.ask);
    } else {
      shown = null;
      button.disabled = true;
      button.textContent = timed ? 'Enter a maximum below' : 'Bid';
    }
    const next = G.nextUp(lot);
    el('next-lot').textContent = next ? 'Lot ' + next.lot + ' from ' + G.money(next.price) : 'none';
    // Maximum: on a timed lot, or left in advance on the next live lot (a commission bid).
    const maxLot = timed && open ? lot : (!timed && next ? next : null);
    document.getElementById('max-entry').style.display = maxLot ? '' : 'none';
    if (maxLot) {
      document.getElementById('max-label').textContent = timed ? 'Your maximum' : 'Leave a maximum on lot ' + maxLot.lot;
      el('min-next').textContent = G.money(maxLot.ask || maxLot.price);
      el('max-button').dataset.lot = maxLot.lot;
    }
    el('countdown').textContent = timed && open ? countdown(lot.endTime) : '';
    el('status').textContent = status.text;
    el('status').className = 'status ' + status.kind;
    G.renderHistory(el('history'), lot.lot);
  }
  function countdown(endMillis) {
    const left = Math.max(0, endMillis - (Date.now() + G.state.clockOffset));
    const s = Math.floor(left / 1000);
    return 'Closes in ' + Math.floor(s / 3600) + 'h ' + Math.floor(s / 60) % 60 + 'm ' + s % 60 + 's';
  }
  el('bid-button').addEventListener('click', () => {
    if (shown) {
      G.send({ action: 'bid', lot: shown.lot, amount: shown.ask, askVersion: shown.askVersion });
    }
  });
  el('max-button').addEventListener('click', () => {
    const amount = Math.round(Number(el('max-input').value) * 100);
    G.send({ action: 'max', lot: Number(el('max-button').dataset.lot), amount });
  });
  G.onMessage(msg => {
    if (msg.t === 'welcome') { el('connection').textContent = 'signed in as bidder ' + msg.principal; }
    if (msg.t === 'closed') { el('connection').textContent = msg.reason; }
    if (msg.t === 'upstream') { el('connection').textContent = msg.message; }
    if (msg.t === 'answer' && !msg.ok) {
      if (msg.reason === 'ASK_MOVED' || msg.reason === 'NOT_AT_ASK') {
        setStatus('The ask moved — the new ask is shown', 'moved');
      } else {
        setStatus('Not accepted: ' + msg.reason, 'moved');
      }
    }
    if (msg.t === 'answer' && msg.ok && msg.action === 'max') { el('notices').textContent = 'Your maximum is in'; }
    if (msg.t === 'outbid' && msg.lot === shownLot) { setStatus('Outbid', 'outbid'); }
    if (msg.t === 'won') { el('notices').textContent = 'You won lot ' + msg.lot + ' at ' + G.money(msg.price); }
    if (msg.t === 'settled') {
      el('notices').textContent = msg.result === 'PAID' ? 'Lot ' + msg.lot + ': payment received, thank you'
        : 'Lot ' + msg.lot + ': payment failed — the house will contact you';
    }
    if (msg.t === 'error') { el('notices').textContent = msg.message; }
    if (msg.t === 'limit') {
      // The engine's own count (RULES.md R5, premium included), so it agrees with OVER_LIMIT.
      el('limit-left').textContent = msg.limit === null ? 'No limit' : 'Limit left: ' + G.money(msg.left);
    }
    render();
  });
  setInterval(render, 1000);
  G.connect();
})();
