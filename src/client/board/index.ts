/**
 * The board, loaded on demand (this module pulls in Phaser): one Phaser
 * game per screen, drawn into a host element. The loop sleeps between
 * changes, so an idle board costs no CPU.
 */
import * as Phaser from 'phaser';
import type { BoardModel } from './model';
import { BoardScene, H, W } from './scene';

export interface BoardHandle {
  show(model: BoardModel): void;
  playRound(round: number, from: number, to: number, reduceMotion: boolean): void;
  destroy(): void;
}

export function createBoard(host: HTMLElement): BoardHandle {
  const scene = new BoardScene();
  const game = new Phaser.Game({
    type: softwareWebGL() ? Phaser.CANVAS : Phaser.AUTO,
    parent: host,
    width: W,
    height: H,
    backgroundColor: '#f4f6f8',
    banner: false,
    audio: { noAudio: true },
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_HORIZONTALLY },
    render: { antialias: true, preserveDrawingBuffer: true },
    scene,
  });
  // The loop runs only while something changes: a few frames after a redraw, longer for an animation.
  let sleepTimer: ReturnType<typeof setTimeout> | null = null;
  let framesLeft = 0;
  const awake = (ms: number, frames = 3) => {
    if (sleepTimer) clearTimeout(sleepTimer);
    framesLeft = ms > 0 ? Number.POSITIVE_INFINITY : Math.max(framesLeft, frames);
    game.loop?.wake();
    if (ms > 0) sleepTimer = setTimeout(() => (framesLeft = 2), ms);
  };
  game.events.on(Phaser.Core.Events.POST_RENDER, () => {
    if (--framesLeft <= 0) game.loop?.sleep();
  });
  game.events.once(Phaser.Core.Events.READY, () => awake(0));
  const canvas = () => host.querySelector('canvas');
  game.events.once(Phaser.Core.Events.READY, () => {
    canvas()?.setAttribute('aria-hidden', 'true');
    canvas()?.setAttribute('tabindex', '-1');
  });
  return {
    show(model) {
      scene.show(model);
      awake(0);
    },
    playRound(round, from, to, reduceMotion) {
      awake(3500);
      scene.playRound(round, from, to, reduceMotion);
    },
    destroy() {
      if (sleepTimer) clearTimeout(sleepTimer);
      game.destroy(true);
    },
  };
}

/**
 * Whether WebGL here is drawn by the CPU (SwiftShader, llvmpipe: no GPU, as
 * on many projector laptops and virtual machines). The board is a few shapes
 * and labels, which Phaser's canvas renderer draws far faster in that case.
 */
function softwareWebGL(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software|softpipe/i.test(renderer);
  } catch {
    return true;
  }
}
