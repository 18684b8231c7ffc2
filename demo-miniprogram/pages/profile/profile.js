// The profile page: shows the user, changes the avatar, edits the nickname,
// checks the login status with the server, logs out. Every call carries the stored token; the
// SDK refreshes it when it nears its end.
const { authing } = require('../../utils/authing.js');
const { whileBusy, userView, formatTime } = require('../../utils/feedback.js');

Component({
  data: {
    loaded: false,
    loggedIn: false,
    user: null,
    nickname: '',
    loginStatus: '',
    busy: false,
    busyLabel: '',
    error: '',
  },

  methods: {
    onShow() {
      this.loadUser();
    },

    async loadUser() {
      await whileBusy(this, '正在读取资料…', async () => {
        const user = await authing.getCurrentUser();
        this.setData({
          loaded: true,
          loggedIn: Boolean(user),
          user: userView(user),
          nickname: user ? user.nickname || '' : '',
        });
      });
    },

    onNicknameInput(event) {
      this.setData({ nickname: event.detail.value });
    },

    async saveNickname() {
      const nickname = this.data.nickname.trim();
      if (!nickname) {
        wx.showToast({ title: '昵称不能为空', icon: 'none' });
        return;
      }
      await whileBusy(this, '正在保存…', async () => {
        const user = await authing.updateProfile({ nickname });
        this.setData({ user: userView(user), nickname: user.nickname || '' });
        wx.showToast({ title: '已保存', icon: 'success' });
      });
    },

    // <button open-type="chooseAvatar"> hands over the picked image's path;
    // updateAvatar uploads it and makes it the profile photo.
    async onChooseAvatar(event) {
      const filePath = event.detail && event.detail.avatarUrl;
      if (!filePath) return;
      await whileBusy(this, '正在上传头像…', async () => {
        const user = await authing.updateAvatar({ filePath });
        this.setData({ user: userView(user) });
        wx.showToast({ title: '头像已更新', icon: 'success' });
      });
    },

    async checkLoginStatus() {
      await whileBusy(this, '正在检查登录状态…', async () => {
        const result = await authing.checkLoginStatus();
        this.setData({
          loginStatus: result.status ? `登录有效，${formatTime(result.exp)} 到期` : `登录已失效：${result.message}`,
        });
      });
    },

    async logout() {
      await whileBusy(this, '正在退出…', async () => {
        await authing.logout();
        this.setData({ loggedIn: false, user: null, nickname: '', loginStatus: '' });
        wx.showToast({ title: '已退出登录', icon: 'none' });
      });
    },

    backToLogin() {
      wx.reLaunch({ url: '/pages/index/index' });
    },
  },
});
