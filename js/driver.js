'use strict';
// The driver loop: the only place where the core meets the outside world.
//
// Every input goes to the core with the current time; after every input the
// driver drains the core's actions, performs each one (wx.request, wx.login,
// storage, settling a caller's promise, an event) and keeps one timer for the
// core's next deadline. It holds no auth state of its own.

var bridge = require('./wx-bridge.js');
var errors = require('./errors.js');

// `onLoadFailed` runs when the module cannot load, so the owner can forget
// this driver and let a later client try again.
function Driver(corePromise, onLoadFailed) {
  this.core = null;
  this.module = null;
  this.broken = null;
  this.calls = {};
  this.listeners = {};
  this.timer = null;
  this.timerDeadline = -1;
  this.fedCore = false;
  var self = this;
  this.ready = corePromise.then(function (loaded) {
    self.core = loaded.core;
    self.module = loaded.module;
  }, function (error) {
    self.broken = {
      kind: 'runtime',
      code: 'WASM_LOAD_FAILED',
      message: 'The SDK could not load its WebAssembly module: ' + (error && error.message ? error.message : error) +
        '. Run "Tools → Build npm" again, or pass the wasmPath option if the package lives elsewhere.',
    };
    onLoadFailed();
  });
}

// Starts one call; `report` is the caller's onError hook (or null), run once
// before the promise rejects.
Driver.prototype.call = function (name, argsJson, report) {
  var self = this;
  return this.ready.then(function () {
    return new Promise(function (resolve, reject) {
      if (!self.broken) {
        try {
          var op = self.core._start(name, argsJson, Date.now());
          self.calls[op] = { resolve: resolve, reject: reject, report: report };
          self.drain();
          return;
        } catch (error) {
          self.fail(error);
        }
      }
      self.rejectCall({ reject: reject, report: report }, self.broken);
    });
  });
};

Driver.prototype.rejectCall = function (call, fields) {
  var error = new errors.AuthingError(fields);
  if (call.report) {
    try {
      call.report(error.code, error.message, error.data);
    } catch (hookError) {
      console.error('authing-wxapp-sdk: onError threw', hookError);
    }
  }
  call.reject(error);
};

Driver.prototype.on = function (name, listener) {
  (this.listeners[name] || (this.listeners[name] = [])).push(listener);
};

Driver.prototype.off = function (name, listener) {
  var list = this.listeners[name];
  var index = list ? list.indexOf(listener) : -1;
  if (index >= 0) list.splice(index, 1);
};

Driver.prototype.emit = function (name, payload) {
  var list = this.listeners[name];
  if (!list || list.length === 0) {
    if (name === 'storageError') {
      console.warn('authing-wxapp-sdk: wx storage refused to save "' + payload.key + '": ' + payload.errMsg);
    }
    return;
  }
  list.slice().forEach(function (listener) {
    try {
      listener(payload);
    } catch (listenerError) {
      console.error('authing-wxapp-sdk: a "' + name + '" listener threw', listenerError);
    }
  });
};

// Runs one input into the core, then performs what it asks for.
Driver.prototype.input = function (feed) {
  if (this.broken) return;
  try {
    feed(this.core);
  } catch (error) {
    this.fail(error);
    return;
  }
  this.drain();
  // A wx API that fails synchronously lands here inside a drain's loop; that
  // drain must poll again, since its batch's deadline is no longer current.
  this.fedCore = true;
};

// Performs the core's actions until it has none. Storage actions, and wx APIs
// that fail synchronously, feed the core in the same turn; when a batch had
// none of those, its deadline is current and no second poll is needed.
Driver.prototype.drain = function () {
  try {
    for (;;) {
      var batch = this.poll();
      this.fedCore = false;
      for (var i = 0; i < batch.actions.length; i++) this.perform(batch.actions[i]);
      if (this.broken) return;  // fail() has settled every call and cleared the timer
      if (!this.fedCore) {
        this.schedule(batch.deadline);
        return;
      }
    }
  } catch (error) {
    this.fail(error);
  }
};

Driver.prototype.poll = function () {
  var address = this.core._poll();
  // The heap view is read after the poll: the poll may have grown memory.
  var heap = this.module.HEAPU8;
  var length = heap[address] | (heap[address + 1] << 8) | (heap[address + 2] << 16) | (heap[address + 3] << 24);
  return JSON.parse(asciiText(heap, address + 4, length));
};

// The core's batches are ASCII only, so each byte is one char code. Mini
// program runtimes have no TextDecoder; where one exists it is faster.
var decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;

function asciiText(heap, address, length) {
  if (decoder) return decoder.decode(heap.subarray(address, address + length));
  // Chunks keep fromCharCode's argument count well under every engine's limit.
  var text = '';
  for (var at = address, end = address + length; at < end; at += 8192) {
    text += String.fromCharCode.apply(null, heap.subarray(at, Math.min(at + 8192, end)));
  }
  return text;
}

Driver.prototype.perform = function (action) {
  var self = this;
  var core = this.core;
  var id = action.id;
  switch (action.kind) {
    case 'http':
      bridge.request(action, function (status, headers, body) {
        // A body over the core's limit is never copied into wasm memory, which
        // does not shrink again; the core still measures what it is given.
        if (body.length > action.request.maxBodyBytes) {
          var oversize = { oversize: { status: status, length: body.length } };
          self.input(function () { core._handle(id, JSON.stringify(oversize), Date.now()); });
          return;
        }
        self.input(function () { core._handleHttp(id, status, JSON.stringify(headers), body, Date.now()); });
      }, function (fail) {
        self.input(function () { core._handle(id, JSON.stringify({ fail: fail }), Date.now()); });
      });
      return;
    case 'wx.login':
      bridge.login(action, function (code) {
        self.input(function () { core._handle(id, JSON.stringify({ code: code }), Date.now()); });
      }, function (fail) {
        self.input(function () { core._handle(id, JSON.stringify({ fail: fail }), Date.now()); });
      });
      return;
    case 'storage.get':
    case 'storage.set':
    case 'storage.remove':
      this.fedCore = true;
      core._handle(id, JSON.stringify(bridge.storage(action)), Date.now());
      return;
    case 'resolve':
      this.settle(action.op, null, action.result);
      return;
    case 'reject':
      this.settle(action.op, action.error);
      return;
    case 'event':
      this.emit(action.name, action.payload);
      return;
  }
};

Driver.prototype.settle = function (op, errorFields, result) {
  var call = this.calls[op];
  if (!call) return;
  delete this.calls[op];
  if (errorFields) this.rejectCall(call, errorFields);
  else call.resolve(result);
};

Driver.prototype.schedule = function (deadline) {
  if (deadline === this.timerDeadline) return;
  if (this.timer !== null) clearTimeout(this.timer);
  this.timer = null;
  this.timerDeadline = deadline;
  if (deadline < 0) return;
  var self = this;
  this.timer = setTimeout(function () {
    self.timer = null;
    self.timerDeadline = -1;
    self.input(function (core) { core._handleTimeout(Date.now()); });
  }, Math.max(0, deadline - Date.now()));
};

// The core threw or trapped: that is a bug, never an expected path. Every
// waiting caller still gets a typed error instead of a hang.
Driver.prototype.fail = function (cause) {
  this.broken = {
    kind: 'runtime',
    code: 'INTERNAL_ERROR',
    message: 'The SDK core failed: ' + (cause && cause.message ? cause.message : cause),
  };
  var calls = this.calls;
  this.calls = {};
  if (this.timer !== null) clearTimeout(this.timer);
  this.timer = null;
  this.timerDeadline = -1;
  for (var op in calls) this.rejectCall(calls[op], this.broken);
};

module.exports = { Driver: Driver };
