/** Virtual time shared by the runtime and the Chat emulator: nothing in the sandbox reads the real clock. */
export class VirtualClock {
  private t: number;

  constructor(start: Date | number = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move the clock by ${ms} ms`);
    this.t += ms;
  }

  set(t: number): void {
    if (t < this.t) throw new RangeError('the virtual clock never goes back');
    this.t = t;
  }
}
