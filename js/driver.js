'use strict';
// The driver loop: the only place where the core meets the outside world.
//
// Every input goes to the core with the current time; after every input the
// driver drains the core's actions, performs each one (wx.request, wx.login,
// storage, settling a caller's promise, an event) and keeps one timer for the
// core's next deadline. It holds no auth state of its own.

var bridge = require('./wx-bridge.js');
var errors = require('./errors.js');

// `modulePromise` is the loaded wasm module (loader.js); the driver makes its
// core from `optionsJson`. `onLoadFailed` runs when the module cannot load,
// so the owner can forget this driver and let a later client try again.
function Driver(modulePromise, optionsJson, onLoadFailed) {
  this.core = 0;       // the address of the core in wasm memory
  this.module = null;  // the module's exports (authing_* functions) and memory
  this.broken = null;
  this.calls = {};
  this.listeners = {};
  this.timer = null;
  this.timerDeadline = -1;  // when the timer fires
  this.deadline = -1;       // the core's next deadline
  this.fedCore = false;
  this.draining = false;
  this.written = null;  // storage.set values of this drain, by action id, for resolves that name them
  this.inputLengths = [0, 0];
  var self = this;
  this.ready = modulePromise.then(function (loaded) {
    self.module = loaded;
    self.core = loaded._authing_core_new(self.writeInput(optionsJson, '')[0]);
  }).then(null, function (error) {
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
          var lengths = self.writeInput(name, argsJson);
          var op = self.module._authing_core_start(self.core, lengths[0], lengths[1], Date.now());
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
    feed();
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
// A resolve may name a storage.set of the same drain ({resultOf: id}) instead
// of repeating its value; the values are forgotten when the outermost drain
// ends (a wx API that fails synchronously runs a drain inside another).
Driver.prototype.drain = function () {
  var outermost = !this.draining;
  this.draining = true;
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
  } finally {
    if (outermost) {
      this.draining = false;
      this.written = null;
    }
  }
};

Driver.prototype.poll = function () {
  return JSON.parse(framedText(this.module, this.module._authing_core_poll(this.core)));
};

// The text the core left at `address` behind its 4-byte little-endian length.
// The heap view is read here, after the call that made the text: that call
// may have grown memory.
function framedText(module, address) {
  var heap = module.HEAPU8;
  var length = heap[address] | (heap[address + 1] << 8) | (heap[address + 2] << 16) | (heap[address + 3] << 24);
  return asciiText(heap, address + 4, length);
}

// The core's outputs are ASCII only, so each byte is one char code. Mini
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
  var id = action.id;
  switch (action.kind) {
    case 'http':
      bridge.request(action, function (status, headers, body) {
        // A body over the core's limit is never copied into wasm memory, which
        // does not shrink again; the core still measures what it is given.
        if (body.length > action.request.maxBodyBytes) {
          self.outcome(id, { oversize: { status: status, length: body.length } });
          return;
        }
        self.input(function () {
          var lengths = self.writeInput(JSON.stringify(headers), body);
          self.module._authing_core_handle_http(self.core, id, status, lengths[0], lengths[1], Date.now());
        });
      }, function (fail) {
        self.outcome(id, { fail: fail });
      });
      return;
    case 'wx.login':
      bridge.login(action, function (code) {
        self.outcome(id, { code: code });
      }, function (fail) {
        self.outcome(id, { fail: fail });
      });
      return;
    case 'storage.set':
      (this.written || (this.written = {}))[id] = action.value;
      // falls through
    case 'storage.get':
    case 'storage.remove':
      this.fedCore = true;
      this.handle(id, bridge.storage(action));
      return;
    case 'resolve':
      // wx storage keeps its own copy of what it is given (it serialises at
      // once), so the caller may have the same object.
      if (action.resultOf === undefined) {
        this.settle(action.op, null, action.result);
      } else if (this.written && Object.prototype.hasOwnProperty.call(this.written, action.resultOf)) {
        this.settle(action.op, null, this.written[action.resultOf]);
      } else {
        this.settle(action.op, { kind: 'runtime', code: 'INTERNAL_ERROR', message: 'The SDK core named a result it never stored' });
      }
      return;
    case 'reject':
      this.settle(action.op, action.error);
      return;
    case 'event':
      this.emit(action.name, action.payload);
      return;
  }
};

// Hands the core an action's outcome, as one input of its own.
Driver.prototype.outcome = function (id, outcome) {
  var self = this;
  this.input(function () { self.handle(id, outcome); });
};

Driver.prototype.handle = function (id, outcome) {
  var lengths = this.writeInput(JSON.stringify(outcome), '');
  this.module._authing_core_handle(this.core, id, lengths[0], Date.now());
};

// Writes two texts back to back into the core's input buffer as UTF-8, and
// returns their byte lengths (in an array reused by every call).
Driver.prototype.writeInput = function (first, second) {
  var units = first.length + second.length;
  // Three bytes per UTF-16 unit always suffice; for longer texts the exact
  // length is counted instead, since wasm memory never shrinks.
  var room = units <= 16384 ? 3 * units : utf8Length(first) + utf8Length(second);
  var address = this.module._authing_input(room);
  // The heap view is read after the call: authing_input may have grown memory.
  var heap = this.module.HEAPU8;
  var lengths = this.inputLengths;
  lengths[0] = writeUtf8(heap, address, first);
  lengths[1] = writeUtf8(heap, address + lengths[0], second);
  return lengths;
};

var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;

function writeUtf8(heap, address, text) {
  if (encoder) return encoder.encodeInto(text, heap.subarray(address)).written;
  return encodeUtf8(heap, address, text);
}

// UTF-8 by hand, for runtimes without TextEncoder (mini programs); a lone
// surrogate becomes U+FFFD, as TextEncoder writes it.
function encodeUtf8(heap, address, text) {
  var at = address;
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 0x80) {
      heap[at++] = c;
    } else if (c < 0x800) {
      heap[at++] = 0xC0 | (c >> 6);
      heap[at++] = 0x80 | (c & 0x3F);
    } else {
      if (c >= 0xD800 && c <= 0xDFFF) {
        var low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
          var code = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          i++;
          heap[at++] = 0xF0 | (code >> 18);
          heap[at++] = 0x80 | ((code >> 12) & 0x3F);
          heap[at++] = 0x80 | ((code >> 6) & 0x3F);
          heap[at++] = 0x80 | (code & 0x3F);
          continue;
        }
        c = 0xFFFD;
      }
      heap[at++] = 0xE0 | (c >> 12);
      heap[at++] = 0x80 | ((c >> 6) & 0x3F);
      heap[at++] = 0x80 | (c & 0x3F);
    }
  }
  return at - address;
}

function utf8Length(text) {
  var length = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 0x80) {
      length += 1;
    } else if (c < 0x800) {
      length += 2;
    } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length &&
               text.charCodeAt(i + 1) >= 0xDC00 && text.charCodeAt(i + 1) <= 0xDFFF) {
      length += 4;
      i++;
    } else {
      length += 3;
    }
  }
  return length;
}

Driver.prototype.settle = function (op, errorFields, result) {
  var call = this.calls[op];
  if (!call) return;
  delete this.calls[op];
  if (errorFields) this.rejectCall(call, errorFields);
  else call.resolve(result);
};

// One timer serves the core's deadlines. Each request moves the deadline
// later, so an armed timer is kept while it fires no later than the core's
// next deadline; when it fires early it is armed again for that deadline.
// Arming and clearing a timer for every request cost about as much as the
// rest of the driver's own bookkeeping. While nothing waits, the timer does not keep a
// Node process alive (mini program timers have no such notion).
Driver.prototype.schedule = function (deadline) {
  this.deadline = deadline;
  if (deadline < 0) {
    if (this.timer !== null && this.timer.unref) this.timer.unref();
    return;
  }
  if (this.timer !== null && this.timerDeadline <= deadline) {
    if (this.timer.ref) this.timer.ref();
    return;
  }
  this.arm(deadline);
};

Driver.prototype.arm = function (deadline) {
  if (this.timer !== null) clearTimeout(this.timer);
  this.timerDeadline = deadline;
  var self = this;
  this.timer = setTimeout(function () {
    self.timer = null;
    self.timerDeadline = -1;
    if (self.deadline < 0) return;
    if (Date.now() < self.deadline) {
      self.arm(self.deadline);
      return;
    }
    self.input(function () { self.module._authing_core_handle_timeout(self.core, Date.now()); });
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
  this.deadline = -1;
  for (var op in calls) this.rejectCall(calls[op], this.broken);
};

// framedText also reads the operation table at build time; encodeUtf8 and
// utf8Length are exported for the tests that hold them to TextEncoder.
module.exports = { Driver: Driver, framedText: framedText, encodeUtf8: encodeUtf8, utf8Length: utf8Length };
