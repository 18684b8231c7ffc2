// The SDK needs no set-up in App(): the client in utils/authing.js loads the
// wasm core on first use and restores the stored session by itself.
App({});
