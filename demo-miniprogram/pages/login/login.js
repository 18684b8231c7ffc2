// Other ways to log in: a phone number and an SMS code (sendSmsCode, then
// loginByPhoneCode), or an account and a password (loginByPhonePassword,
// loginByEmail or loginByUsername, as the account looks). The SDK encrypts the
// password before it leaves the phone; the page never stores it.
const { authing } = require('../../utils/authing.js');
const { whileBusy } = require('../../utils/feedback.js');

const PHONE = /^1\d{10}$/;
const RESEND_SECONDS = 60;

Component({
  data: {
    mode: 'sms', // sms | password
    phone: '',
    code: '',
    account: '',
    password: '',
    sentTo: '',
    countdown: 0,
    busy: false,
    busyLabel: '',
    error: '',
  },

  methods: {
    onUnload() {
      clearInterval(this.timer);
    },

    switchMode(event) {
      this.setData({ mode: event.currentTarget.dataset.mode, error: '' });
    },

    onInput(event) {
      this.setData({ [event.currentTarget.dataset.field]: event.detail.value });
    },

    async sendCode() {
      const phone = this.data.phone.trim();
      if (!PHONE.test(phone)) {
        wx.showToast({ title: '请输入 11 位手机号', icon: 'none' });
        return;
      }
      await whileBusy(this, '正在发送验证码…', async () => {
        await authing.sendSmsCode(phone);
        this.setData({ sentTo: phone });
        this.startCountdown();
      });
    },

    startCountdown() {
      this.setData({ countdown: RESEND_SECONDS });
      clearInterval(this.timer);
      this.timer = setInterval(() => {
        const countdown = this.data.countdown - 1;
        this.setData({ countdown });
        if (countdown <= 0) clearInterval(this.timer);
      }, 1000);
    },

    async logIn() {
      const user = this.data.mode === 'sms' ? await this.logInWithCode() : await this.logInWithPassword();
      if (!user) return;
      this.setData({ password: '', code: '' });
      wx.showToast({ title: '登录成功', icon: 'success' });
      wx.reLaunch({ url: '/pages/index/index' });
    },

    logInWithCode() {
      const phone = this.data.phone.trim();
      const code = this.data.code.trim();
      if (!PHONE.test(phone) || !code) {
        wx.showToast({ title: '请输入手机号和验证码', icon: 'none' });
        return undefined;
      }
      return whileBusy(this, '正在登录…', () => authing.loginByPhoneCode(phone, code));
    },

    logInWithPassword() {
      const account = this.data.account.trim();
      const { password } = this.data;
      if (!account || !password) {
        wx.showToast({ title: '请输入账号和密码', icon: 'none' });
        return undefined;
      }
      return whileBusy(this, '正在登录…', () => {
        if (PHONE.test(account)) return authing.loginByPhonePassword(account, password);
        if (account.includes('@')) return authing.loginByEmail(account, password);
        return authing.loginByUsername(account, password);
      });
    },
  },
});
