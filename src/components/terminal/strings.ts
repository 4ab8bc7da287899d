/** The terminal's UI text in both course languages, rendered into the page so the client needs no lookup. */
export type TerminalLang = 'zh' | 'en';

import type { TimerStrings } from './session-timer.ts';

export interface TerminalStrings extends TimerStrings {
  region: string;
  nodes: string;
  placeholder: string;
  noScript: string;
  hint: string;
  reset: string;
  resetConfirm: string;
  copyAll: string;
  copied: string;
  copyFailed: string;
  status: Record<TerminalStatus, string>;
  expiredLine: string;
  busyLine: string;
  errorLine: string;
  /** After a server restart: the terminal reconnected to a fresh sandbox. */
  restartedLine: string;
  /** The real driver's engine is down (protocol error `unavailable`). */
  unavailableLine: string;
  /** Keys typed while disconnected, beyond the few that are kept and sent on reconnect. */
  inputRefusedLine: string;
  /** Narrow screens: the docked terminal folds down to its toolbar and opens again. */
  collapse: string;
  expand: string;
  /** The on-screen key bar (touch and narrow screens) and the names of its keys for screen readers. */
  keyBar: string;
  keys: Record<KeyBarKey, string>;
}

/** Keys of the on-screen key bar; see key-bar.ts. */
export type KeyBarKey = 'ctrl' | 'esc' | 'tab' | 'left' | 'up' | 'down' | 'right' | 'pipe' | 'dash';

/** Where a terminal pane is between the placeholder and a live shell. */
export type TerminalStatus = 'idle' | 'loading' | 'connecting' | 'connected' | 'reconnecting' | 'expired' | 'busy' | 'error';

const STRINGS: Record<TerminalLang, TerminalStrings> = {
  en: {
    region: 'Terminal',
    nodes: 'Sandbox nodes',
    placeholder: 'Terminal loads when visible',
    noScript: 'The terminal needs JavaScript. You can still read the lesson and copy its commands.',
    hint: 'Press Esc, then Tab, to move focus out of the terminal.',
    reset: 'Reset',
    resetConfirm: 'Reset the sandbox? Containers, networks and history are thrown away and a fresh host starts.',
    copyAll: 'Copy all',
    copied: 'Copied',
    copyFailed: 'Copy failed',
    status: {
      idle: 'Not started',
      loading: 'Loading…',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      expired: 'Session expired',
      busy: 'Server full, retrying…',
      error: 'Error',
    },
    expiredLine: 'The sandbox expired. Press any key to start a fresh one.',
    busyLine: 'All sandboxes are in use; retrying shortly.',
    errorLine: 'The sandbox is unavailable',
    restartedLine: 'The sandbox restarted: the server was restarted, so this is a fresh sandbox. Earlier containers, networks and history are gone.',
    unavailableLine: 'The sandbox engine (Docker) is unavailable right now; retrying.',
    inputRefusedLine: 'Not connected: further typing is not sent. What you typed before this is sent once the terminal reconnects.',
    timerLeft: '{minutes} min left',
    timerEnding: 'Time limit: the sandbox ends in {minutes} min',
    timerIdle: 'Idle: the sandbox closes in {minutes} min unless you type',
    collapse: 'Hide terminal',
    expand: 'Show terminal',
    keyBar: 'Terminal keys',
    keys: {
      ctrl: 'Control (applies to the next key)',
      esc: 'Escape',
      tab: 'Tab',
      left: 'Left arrow',
      up: 'Up arrow',
      down: 'Down arrow',
      right: 'Right arrow',
      pipe: 'Vertical bar',
      dash: 'Hyphen',
    },
  },
  zh: {
    region: '终端',
    nodes: '沙箱节点',
    placeholder: '终端将在可见时加载',
    noScript: '终端需要 JavaScript。你仍然可以阅读课程并复制其中的命令。',
    hint: '先按 Esc 再按 Tab，可将焦点移出终端。',
    reset: '重置',
    resetConfirm: '要重置沙箱吗？容器、网络和命令历史都会被清除，并启动一台全新的主机。',
    copyAll: '复制全部',
    copied: '已复制',
    copyFailed: '复制失败',
    status: {
      idle: '未启动',
      loading: '加载中…',
      connecting: '连接中…',
      connected: '已连接',
      reconnecting: '重新连接中…',
      expired: '会话已过期',
      busy: '服务器已满，稍后重试…',
      error: '出错',
    },
    expiredLine: '沙箱已过期。按任意键启动一个新的沙箱。',
    busyLine: '所有沙箱都在使用中，稍后自动重试。',
    errorLine: '沙箱不可用',
    restartedLine: '沙箱已重启：服务器重新启动过，这是一个全新的沙箱。之前的容器、网络和命令历史都已不存在。',
    unavailableLine: '沙箱引擎（Docker）暂时不可用，正在重试。',
    inputRefusedLine: '尚未连接：之后的输入不会发送。在此之前输入的内容会在终端重新连接后发送。',
    timerLeft: '剩余 {minutes} 分钟',
    timerEnding: '时间限制：沙箱将在 {minutes} 分钟后结束',
    timerIdle: '长时间无操作：{minutes} 分钟内不输入，沙箱将被关闭',
    collapse: '收起终端',
    expand: '展开终端',
    keyBar: '终端按键',
    keys: {
      ctrl: 'Ctrl 键（作用于下一个按键）',
      esc: 'Esc 键',
      tab: 'Tab 键',
      left: '左方向键',
      up: '上方向键',
      down: '下方向键',
      right: '右方向键',
      pipe: '竖线',
      dash: '连字符',
    },
  },
};

/** The strings for `lang` (English for anything unknown). */
export function terminalStrings(lang: string | undefined): TerminalStrings {
  return lang === 'zh' ? STRINGS.zh : STRINGS.en;
}
