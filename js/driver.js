'use strict';
// The driver loop: the only place where the core meets the outside world.
//
// Every input goes to the core with the current time; after every input the
// driver drains the core's actions and performs each one through the table
// below (kind -> handler; the kinds are the core's, wasm/include/authing/action.h),
// and keeps one timer for the core's next deadline. It holds no auth state of
// its own.

var bridge = require('./wx-bridge.js');
var errors = require('./errors.js');

// Text crosses into the core as UTF-8 bytes (its std::string parameters take
// a Uint8Array) and comes back as a view of the batch's bytes: TextEncoder and
// TextDecoder do that natively where the runtime has them; elsewhere (mini
// programs) the module's own UTF-8 routines do it.
var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
var decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;

function toCore(text) {
  return encoder ? encoder.encode(text) : text;
}

// `modulePromise` is the loaded wasm module (loader.js); the driver makes its
// core from `optionsJson`. `onLoadFailed` runs when the module cannot load,
// so the owner can forget this driver and let a later client try again.
function Driver(modulePromise, optionsJson, onLoadFailed, encryptFunction) {
  this.core = null;    // the core: an instance of the module's Core class
  this.encryptFunction = encryptFunction || null;  // v4's option, for the `encrypt` need
  this.module = null;  // the loaded module
  this.broken = null;
  this.calls = {};
  this.listeners = Object.create(null);  // by the caller's event names, which may be any string
  this.timer = null;
  this.timerDeadline = -1;  // when the timer fires
  this.deadline = -1;       // the core's next deadline
  this.draining = false;
  var self = this;
  this.ready = modulePromise.then(function (loaded) {
    self.module = loaded;
    self.core = new loaded.Core(optionsJson);
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

// The core's actions, by kind. Actions with an id wait for an outcome, which
// goes back through driver.outcome (asynchronous: a drain of its own) or
// driver.feed (synchronous, inside the current drain).
var ACTIONS = {
  http: function (driver, action) {
    bridge.request(action.request, function (status, headers, body) {
      // A body over the core's limit is never copied into wasm memory, which
      // does not shrink again; the core still measures what it is given.
      if (body.length > action.request.maxBodyBytes) {
        driver.outcome(action.id, { oversize: { status: status, length: body.length } });
      } else {
        driver.outcome(action.id, { status: status, headers: headers }, body);
      }
    }, function (fail) {
      driver.outcome(action.id, { fail: fail });
    });
  },
  need: function (driver, action) {
    var perform = NEEDS.hasOwnProperty(action.need) ? NEEDS[action.need] : unknownNeed;
    perform(action.params, function (value) {
      driver.outcome(action.id, { value: value });
    }, function (fail) {
      driver.outcome(action.id, { fail: fail });
    }, driver);
  },
  // Storage is local and synchronous: its outcome goes back in the same turn.
  'storage.get': function (driver, action) {
    driver.feed(action.id, bridge.getStorage(action.key));
  },
  'storage.set': function (driver, action) {
    driver.feed(action.id, bridge.setStorage(action.key, action.value));
  },
  'storage.remove': function (driver, action) {
    driver.feed(action.id, bridge.removeStorage(action.key));
  },
  resolve: function (driver, action) {
    if (action.dates) reviveDates(action.result, action.dates);
    driver.settle(action.op, null, action.result);
  },
  reject: function (driver, action) {
    driver.settle(action.op, action.error);
  },
  event: function (driver, action) {
    driver.emit(action.name, action.payload);
  },
};

// The outside inputs an operation can wait for (the core's need kinds,
// wasm/src/need.cpp), by kind: perform(params, supply, fail).
var NEEDS = {
  'wx.login': function (params, supply, fail) {
    bridge.login(params.timeoutMs, supply, fail);
  },
  'wx.getRandomValues': function (params, supply, fail) {
    bridge.randomBytes(params.length, supply, fail);
  },
  'wx.chooseMedia': function (params, supply, fail) {
    bridge.chooseImage(supply, fail);
  },
  'wx.uploadFile': function (params, supply, fail) {
    bridge.uploadFile(params, supply, fail);
  },
  // The client's own encryptFunction(plainText, publicKey) option (v4's).
  encrypt: function (params, supply, fail, driver) {
    var encrypt = driver.encryptFunction;
    var settled = false;
    function failWith() {
      if (settled) return;
      settled = true;
      // The error itself stays out: it may quote the password.
      fail({ errMsg: 'encryptFunction threw or rejected' });
    }
    try {
      Promise.resolve(encrypt(params.plainText, params.publicKey)).then(function (value) {
        if (settled) return;
        settled = true;
        supply(value);
      }, failWith);
    } catch (error) {
      failWith();
    }
  },
};

// Turns the values at `paths` (arrays of keys) of a result into Dates: numbers
// are milliseconds since the epoch, strings ISO dates. The keys are the
// server's (a custom field may be called __proto__ or constructor), so only
// own properties are followed and replaced: a path never reaches a prototype.
function reviveDates(result, paths) {
  paths.forEach(function (path) {
    var parent = result;
    for (var i = 0; i < path.length - 1; i++) {
      if (!hasOwn(parent, path[i])) return;
      parent = parent[path[i]];
    }
    var key = path[path.length - 1];
    if (!hasOwn(parent, key)) return;
    // An own data property: assigning it sets that property, even for __proto__.
    if (typeof parent[key] === 'number' || typeof parent[key] === 'string') parent[key] = new Date(parent[key]);
  });
}

function hasOwn(object, key) {
  return object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key);
}

function unknownNeed(params, supply, fail) {
  fail({ errMsg: 'the SDK has no way to obtain this input' });
}

// Starts one call; `report` is the caller's onError hook (or null), run once
// before the promise rejects.
Driver.prototype.call = function (name, argsJson, report) {
  var self = this;
  return this.ready.then(function () {
    return new Promise(function (resolve, reject) {
      if (!self.broken) {
        try {
          var op = self.core._start(name, toCore(argsJson), Date.now());
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

// An action's outcome that arrives later (a wx callback): one input, then a drain.
Driver.prototype.outcome = function (id, outcome, body) {
  if (this.broken) return;
  try {
    this.feed(id, outcome, body);
  } catch (error) {
    this.fail(error);
    return;
  }
  this.drain();
};

// Hands the core an action's outcome, and an http answer's body beside it.
// Inside a drain (storage, or a wx API that failed at once), the drain's next
// poll picks up what follows.
Driver.prototype.feed = function (id, outcome, body) {
  this.core._handle(id, toCore(JSON.stringify(outcome)), toCore(body || ''), Date.now());
};

// Performs the core's actions until it has none, then arms the timer for its
// next deadline. A drain never runs inside another: actions are performed in
// the order the core emitted them.
Driver.prototype.drain = function () {
  if (this.draining || this.broken) return;
  this.draining = true;
  try {
    for (var actions = this.poll(); actions.length > 0; actions = this.poll()) {
      for (var i = 0; i < actions.length; i++) {
        var action = actions[i];
        if (!ACTIONS.hasOwnProperty(action.kind)) throw new Error('unknown action kind ' + action.kind);
        ACTIONS[action.kind](this, action);
        if (this.broken) return;  // fail() has settled every call and cleared the timer
      }
    }
    this.schedule(this.core._pollTimeout());
  } catch (error) {
    this.fail(error);
  } finally {
    this.draining = false;
  }
};

Driver.prototype.poll = function () {
  var bytes = this.core._poll();
  return JSON.parse(decoder ? decoder.decode(bytes) : this.module.UTF8ArrayToString(bytes, 0, bytes.length));
};

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
// While nothing waits, the timer does not keep a Node process alive (mini
// program timers have no such notion).
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
    if (self.deadline < 0 || self.broken) return;
    if (Date.now() < self.deadline) {
      self.arm(self.deadline);
      return;
    }
    try {
      self.core._handleTimeout(Date.now());
    } catch (error) {
      self.fail(error);
      return;
    }
    self.drain();
  }, Math.max(0, deadline - Date.now()));
};

// The core threw or trapped, or emitted what the driver cannot perform: that
// is a bug, never an expected path. Every waiting caller still gets a typed
// error instead of a hang.
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

module.exports = { Driver: Driver };
