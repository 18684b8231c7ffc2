'use strict';
// WeChat's side of a mini program login, as the dev server plays it: wx.login
// codes (single use, five minutes), the session_key each code rotates, the
// AES-128-CBC sealing of getPhoneNumber / getUserInfo data with it, the phone
// codes of getPhoneNumber on base library 2.21.2+ (single use, five minutes),
// and WeChat's refusals a test asks for (failNext).

const crypto = require('node:crypto');

const CODE_TTL_SECONDS = 300;

// WeChat's errmsg for the refusals a test can ask for.
const REFUSALS = {
  40029: 'invalid code',
  40163: 'code been used',
  40226: 'code blocked',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  '-1': 'system error',
};

class WechatSimulator {
  constructor({ appId, now }) {
    this.appId = appId;
    this.now = now;
    this.reset();
  }

  reset() {
    this.codes = new Map();        // code -> {openid, unionid, sessionKey, expires, used}
    this.sessionKeys = new Map();  // openid -> current session_key (Buffer)
    this.phoneCodes = new Map();   // phone code -> {phoneNumber, countryCode, expires, used}
    this.refusals = [];            // errcodes the next exchanges answer with
  }

  // The next `times` exchanges (of a login or a phone code) answer `errcode`:
  // 45011 (rate limit), 40226 (high-risk user), -1 (system busy), ... They
  // leave the code unspent, as a refusal before WeChat looked at it.
  failNext(errcode, times = 1) {
    for (let i = 0; i < times; i++) this.refusals.push(Number(errcode));
  }

  refusal() {
    if (this.refusals.length === 0) return null;
    const errcode = this.refusals.shift();
    return { errcode, errmsg: REFUSALS[errcode] || 'refused' };
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
    const refused = this.refusal();
    if (refused) return refused;
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

  // getPhoneNumber's e.detail.code: a dynamic token for one phone number.
  phoneCode(phoneNumber, countryCode = '86') {
    const code = crypto.randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phoneNumber: String(phoneNumber), countryCode: String(countryCode), expires: this.now() + CODE_TTL_SECONDS, used: false });
    return code;
  }

  // phonenumber.getPhoneNumber: {phone_info} or {errcode, errmsg}.
  exchangePhoneCode(code) {
    const refused = this.refusal();
    if (refused) return refused;
    const entry = typeof code === 'string' ? this.phoneCodes.get(code) : undefined;
    if (!entry || entry.used || entry.expires <= this.now()) return { errcode: 40029, errmsg: 'invalid code' };
    entry.used = true;
    return {
      phone_info: {
        phoneNumber: entry.countryCode === '86' ? entry.phoneNumber : `+${entry.countryCode} ${entry.phoneNumber}`,
        purePhoneNumber: entry.phoneNumber,
        countryCode: entry.countryCode,
        watermark: { appid: this.appId, timestamp: this.now() },
      },
    };
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
