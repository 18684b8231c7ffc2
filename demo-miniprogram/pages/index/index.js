// The first page: logs the user in silently on load (a stored session is
// reused, otherwise wx.login and loginByCode), and offers phone-number login.
// Pages are built with Component(), so lifecycle handlers live in `methods`.
const { authing } = require('../../utils/authing.js');
const { whileBusy, userView } = require('../../utils/feedback.js');

Component({
  data: {
    state: 'loading', // loading | loggedIn | loggedOut
    how: '',
    user: null,
    busy: false,
    busyLabel: '',
    error: '',
  },

  methods: {
    onLoad() {
      this.logInSilently();
    },

    onShow() {
      // Back from the profile page: the nickname may have changed, or the user logged out.
      if (this.loaded) this.refreshUser();
    },

    async logInSilently() {
      await whileBusy(this, '正在登录…', async () => {
        let user = await authing.getCurrentUser();
        let how = '已恢复上次的登录';
        if (!user) {
          const { code } = await wx.login();
          user = await authing.loginByCode(code);
          how = '已通过微信静默登录';
        }
        this.setData({ state: 'loggedIn', how, user: userView(user) });
      });
      if (this.data.state !== 'loggedIn') this.setData({ state: 'loggedOut' });
      this.loaded = true;
      this.prepareLoginCode();
    },

    async refreshUser() {
      await whileBusy(this, '正在刷新…', async () => {
        const user = await authing.getCurrentUser();
        if (user) this.setData({ state: 'loggedIn', user: userView(user) });
        else this.setData({ state: 'loggedOut', how: '', user: null });
      });
    },

    // WeChat seals the phone number with the session of the latest wx.login, so
    // the code for loginByPhone is fetched before the button is tapped.
    async prepareLoginCode() {
      try {
        this.loginCode = (await wx.login()).code;
      } catch (error) {
        this.loginCode = null;
      }
    },

    async onGetPhoneNumber(event) {
      const { iv, encryptedData } = event.detail || {};
      if (!encryptedData) {
        wx.showToast({ title: '未授权手机号', icon: 'none' });
        return;
      }
      const code = this.loginCode;
      this.loginCode = null;
      await whileBusy(this, '正在用手机号登录…', async () => {
        const user = await authing.loginByPhone(code || (await wx.login()).code, iv, encryptedData);
        this.setData({ state: 'loggedIn', how: '已通过手机号登录', user: userView(user) });
        wx.showToast({ title: '登录成功', icon: 'success' });
      });
      this.prepareLoginCode();
    },

    openProfile() {
      wx.navigateTo({ url: '/pages/profile/profile' });
    },

    openOtherLogin() {
      wx.navigateTo({ url: '/pages/login/login' });
    },
  },
});
