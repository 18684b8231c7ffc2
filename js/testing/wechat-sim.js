'use strict';
// WeChat's side of a mini program login, as the dev server plays it: wx.login
// codes (single use, five minutes), the session_key each code rotates, and
// the AES-128-CBC sealing of getPhoneNumber / getUserInfo data with it.

const crypto = require('node:crypto');

const CODE_TTL_SECONDS = 300;

class WechatSimulator {
  constructor({ appId, now }) {
    this.appId = appId;
    this.now = now;
    this.reset();
  }

  reset() {
    this.codes = new Map();        // code -> {openid, unionid, sessionKey, expires, used}
    this.sessionKeys = new Map();  // openid -> current session_key (Buffer)
  }

  // wx.login: a fresh code, and a fresh session_key for the user.
  login(openid, unionid) {
    const sessionKey = crypto.randomBytes(16);
    this.sessionKeys.set(openid, sessionKey);
    const code = crypto.randomBytes(16).toString('hex');
    this.codes.set(code, { openid, unionid: unionid || null, sessionKey, expires: this.now() + CODE_TTL_SECONDS, used: false });
    return code;
  }

  // code2session: {openid, unionid, sessionKey} or {errcode, errmsg}.
  exchange(code) {
    const entry = typeof code === 'string' ? this.codes.get(code) : undefined;
    if (!entry || entry.expires <= this.now()) return { errcode: 40029, errmsg: 'invalid code' };
    if (entry.used) return { errcode: 40163, errmsg: 'code been used' };
    entry.used = true;
    return { openid: entry.openid, unionid: entry.unionid, sessionKey: entry.sessionKey };
  }

  seal(openid, payload) {
    const key = this.sessionKeys.get(openid);
    if (!key) throw new Error('call wx.login first: this user has no session_key');
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('aes-128-cbc', key, iv);
    const data = { ...payload, watermark: { appid: this.appId, timestamp: this.now() } };
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), encryptedData: encrypted.toString('base64') };
  }

  // The decrypted object, or null when the data was not sealed with this key.
  static open(sessionKey, iv, encryptedData) {
    try {
      const decipher = crypto.createDecipheriv('aes-128-cbc', sessionKey, Buffer.from(String(iv), 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(String(encryptedData), 'base64')), decipher.final()]);
      const value = JSON.parse(text.toString('utf8'));
      return value && typeof value === 'object' ? value : null;
    } catch (error) {
      return null;
    }
  }

  phone(openid, phoneNumber, countryCode = '86') {
    return this.seal(openid, { phoneNumber, purePhoneNumber: phoneNumber, countryCode });
  }

  userInfo(openid, { nickName, avatarUrl, gender = 0 }) {
    const profile = { nickName, gender, language: 'zh_CN', city: '', province: '', country: '', avatarUrl };
    const rawData = JSON.stringify(profile);
    const sealed = this.seal(openid, { ...profile, openId: openid });
    const signature = crypto.createHash('sha1').update(rawData + this.sessionKeys.get(openid).toString('base64')).digest('hex');
    return { rawData, signature, ...sealed, userInfo: profile };
  }
}

module.exports = { WechatSimulator };
