// What the pages show while a call is in flight and when it fails.

// The text a user sees for an AuthingError: its message and its code, so a
// support request can quote both.
function errorText(error) {
  if (!error) return '未知错误';
  const message = error.message || '未知错误';
  return error.code !== undefined && error.code !== null ? `${message}（${error.code}）` : message;
}

function showError(page, error) {
  const text = errorText(error);
  page.setData({ error: text });
  wx.showModal({ title: '操作失败', content: text, showCancel: false });
}

// Runs one call with the page marked busy; a second tap while it runs is
// ignored. Failures are shown, never thrown into the framework.
async function whileBusy(page, label, task) {
  if (page.data.busy) return undefined;
  page.setData({ busy: true, busyLabel: label, error: '' });
  try {
    return await task();
  } catch (error) {
    showError(page, error);
    return undefined;
  } finally {
    page.setData({ busy: false, busyLabel: '' });
  }
}

function formatTime(seconds) {
  const date = new Date(seconds * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// The fields of a user the pages show.
function userView(user) {
  if (!user) return null;
  return {
    id: user.id,
    nickname: user.nickname || '微信用户',
    phone: user.phone || '未绑定',
    photo: user.photo || '',
    lastLogin: user.lastLogin || '',
  };
}

module.exports = { errorText, showError, whileBusy, formatTime, userView };
