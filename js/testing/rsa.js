'use strict';
// The password encryption Authing's v2 API expects: the client encrypts with
// the pool's RSA public key (PKCS#1 v1.5, as JSEncrypt does) and sends base64.
//
// Node 20 refuses privateDecrypt with RSA_PKCS1_PADDING (the Marvin timing
// attack), so the server decrypts the raw block with RSA_NO_PADDING and checks
// the v1.5 type-2 padding itself. Timing does not matter to a dev server.

const crypto = require('node:crypto');

function generateKeys() {
  return new Promise((resolve, reject) => {
    crypto.generateKeyPair('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })));
  });
}

// Node still allows PKCS#1 v1.5 for encryption: what the SDK's JSEncrypt sends.
function encrypt(publicKey, plain) {
  return crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(String(plain), 'utf8')).toString('base64');
}

// The plain text, or null when `text` is not base64 of a block this key
// opens to 00 02 <at least 8 nonzero bytes> 00 <message>.
function decrypt(privateKey, text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const key = crypto.createPrivateKey(privateKey);
  const size = Math.ceil(key.asymmetricKeyDetails.modulusLength / 8);
  let cipher = Buffer.from(text, 'base64');
  if (cipher.length > size) return null;
  // JSEncrypt's hex (and so its base64) drops leading zero bytes.
  if (cipher.length < size) cipher = Buffer.concat([Buffer.alloc(size - cipher.length), cipher]);
  let block;
  try {
    block = crypto.privateDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, cipher);
  } catch (error) {
    return null;
  }
  if (block[0] !== 0x00 || block[1] !== 0x02) return null;
  const separator = block.indexOf(0x00, 2);
  if (separator < 10) return null;
  return block.subarray(separator + 1).toString('utf8');
}

module.exports = { generateKeys, encrypt, decrypt };
