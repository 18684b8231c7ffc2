// A user's Node test of a page, as docs/testing.md writes it, typed by
// types/testing.d.ts; and the kit's wrong uses, which must not compile.
import { startMiniprogram, startDevServer, createFakeWx, createSandbox, createFakeClock } from 'authing-wxapp-sdk/testing';
import type { Miniprogram, DevServer, PageInstance, ReceivedRequest } from 'authing-wxapp-sdk/testing';

interface IndexData {
  nickname: string;
  error: string;
}

export async function indexPageLogsIn(root: string): Promise<string> {
  const mp: Miniprogram = await startMiniprogram({ root, userPoolId: 'YOUR_USERPOOL_ID', appId: 'YOUR_APP_ID', openid: 'o-alice' });
  try {
    const alice = mp.server.seedUser({ openid: 'o-alice', nickname: 'Alice' });
    const page: PageInstance<IndexData> = mp.loadPage<IndexData>('pages/index/index', { scene: '1001' });
    await page.onLoad(page.options);
    page.setData({ 'list[0].name': 'x' }, () => undefined);
    const logins: ReceivedRequest[] = mp.server.requests().filter((request) => request.path.endsWith('/auth'));
    mp.wx.__faults.offline = true;
    mp.wx.__faults.requestFail = { errMsg: 'request:fail interrupted' };
    mp.wx.__faults.loginFail = { errMsg: 'login:fail privacy', errno: 104 };
    mp.wx.__faults.storageRefuse = ['_authing_user'];
    mp.server.fault({ path: '/graphql/v2', hang: true });
    mp.server.wechatError(45011, 2);
    const detail = await mp.wx.__getPhoneNumberCodeDetail('13800138000');
    const again: Miniprogram = mp.restart();
    const current = again.currentPage();
    return `${alice.id} ${page.data.nickname} ${logins.length} ${detail.code ?? ''} ${current ? current.route : ''}`;
  } finally {
    await mp.close();
  }
}

export async function lowerLevelPieces(): Promise<number> {
  const server: DevServer = await startDevServer({ userPoolId: 'pool', tokenTtlSeconds: 60 });
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  clock.now += 1000;
  const wx = createFakeWx({ server: server.url, storage: new Map(), domains: { 'https://core.authing.cn': server.url } });
  const sandbox = createSandbox({ root: '/abs/project', wx, clock, promiseMode: 'ios15' });
  sandbox.require('authing-wxapp-sdk', 'packageA/pages/login');
  await server.close();
  return sandbox.wasmCalls.length;
}

export async function wrongUses(mp: Miniprogram): Promise<void> {
  // @ts-expect-error hosts is a list of URLs
  await startMiniprogram({ hosts: 'https://core.authing.cn' });
  // @ts-expect-error a fault names the path it applies to
  mp.server.fault({ hang: true });
  // @ts-expect-error offline is a switch
  mp.wx.__faults.offline = 'yes';
  // @ts-expect-error promiseMode is native or ios15
  await startMiniprogram({ promiseMode: 'ios14' });
  // @ts-expect-error the page's data is typed by the test
  const count: number = mp.loadPage<IndexData>('pages/index/index').data.nickname;
  void count;
}
