// The preview page's own behaviour: the deal picker and the NetSuite sandbox control panel.
// The card itself is the real card bundle (static/preview/card.js); nothing here touches it.
(function () {
  'use strict';

  var picker = document.querySelector('select[data-autosubmit]');
  if (picker) picker.addEventListener('change', function () { picker.form.submit(); });

  var panel = document.getElementById('sandbox-panel');
  if (!panel) return;
  var statusLine = document.getElementById('sandbox-status-line');
  var orderSelect = document.getElementById('sandbox-order');
  var latencyInput = document.getElementById('sandbox-latency');
  var onlineButton = document.getElementById('sandbox-online');
  var STATUS_LABELS = {
    A: 'Pending Approval', B: 'Pending Fulfillment', C: 'Cancelled', D: 'Partially Fulfilled',
    E: 'Pending Billing/Partially Fulfilled', F: 'Pending Billing', G: 'Billed', H: 'Closed'
  };

  function say(text) { statusLine.textContent = text; }

  function render(state) {
    var chosen = orderSelect.value;
    orderSelect.textContent = '';
    state.orders.slice().reverse().forEach(function (order) {
      var option = document.createElement('option');
      option.value = order.id;
      option.textContent = (order.number || order.id) + ' · ' + (STATUS_LABELS[order.status] || order.status);
      orderSelect.appendChild(option);
    });
    if (chosen) orderSelect.value = chosen;
    latencyInput.value = String(state.latency);
    onlineButton.textContent = state.down ? 'Bring NetSuite online' : 'Take NetSuite offline';
    onlineButton.setAttribute('aria-pressed', state.down ? 'true' : 'false');
    panel.dataset.down = String(state.down);
  }

  function call(method, path, body) {
    return window.fetch(path, {
      method: method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.message || ('HTTP ' + response.status));
        return data;
      });
    });
  }

  function act(promise, done) {
    return promise.then(function (state) { render(state); say(done(state)); })
      .catch(function (error) { say('Sandbox: ' + error.message); });
  }

  act(call('GET', '/preview/sandbox/netsuite'), function (state) {
    return state.down ? 'NetSuite is offline.' : 'NetSuite is online.';
  });

  document.getElementById('order-status-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var option = orderSelect.options[orderSelect.selectedIndex];
    var number = option ? option.textContent.split(' · ')[0] : orderSelect.value;
    var code = document.getElementById('sandbox-status').value;
    act(call('POST', '/preview/sandbox/netsuite/orders/' + encodeURIComponent(orderSelect.value) + '/status',
      { status: code }), function () { return number + ' is now ' + STATUS_LABELS[code] + ' in NetSuite.'; });
  });

  document.getElementById('latency-form').addEventListener('submit', function (event) {
    event.preventDefault();
    act(call('POST', '/preview/sandbox/netsuite', { latency: Number(latencyInput.value) }), function (state) {
      return 'NetSuite now answers after ' + state.latency + ' s.';
    });
  });

  onlineButton.addEventListener('click', function () {
    var down = onlineButton.getAttribute('aria-pressed') !== 'true';
    act(call('POST', '/preview/sandbox/netsuite', { down: down }), function (state) {
      return state.down ? 'NetSuite is offline.' : 'NetSuite is online.';
    });
  });
})();
