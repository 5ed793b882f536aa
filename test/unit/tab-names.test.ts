import { nearMiss } from '../../src/sheet/tab-names';

describe('nearMiss', () => {
  it.each([
    ['Messages', ['Message'], 'Message'],
    ['Messages', ['messages'], 'messages'],
    ['Messages', ['Mesages'], 'Mesages'],
    ['Messages', ['Messages2'], 'Messages2'],
    ['Members', ['Member s'], 'Member s'],
    ['Spaces', ['Spaced'], 'Spaced'],
    ['Messages', ['Messages'], null],
    ['Messages', ['Mess'], null],
    ['Log', ['Logs', 'Loge'], null], // two candidates: no guess
    ['Spaces', ['Sheet1', 'Notes'], null],
  ])('%s among %j → %s', (wanted, names, found) => {
    expect(nearMiss(wanted, names)).toBe(found);
  });
});
