import { checkTimerInput } from './timer-input';

describe('checkTimerInput', () => {
  test('numbers in range start; an empty field counts as 0', () => {
    expect(checkTimerInput({ hours: '0', minutes: '25', seconds: '' })).toEqual({ ok: true, hours: 0, minutes: 25, seconds: 0 });
    expect(checkTimerInput({ hours: '23', minutes: '59', seconds: '59' })).toMatchObject({ ok: true });
  });

  test('out of range, not a number or all zero is refused with its reason', () => {
    expect(checkTimerInput({ hours: '24', minutes: '0', seconds: '0' })).toEqual({ ok: false, reason: 'format' });
    expect(checkTimerInput({ hours: '0', minutes: '60', seconds: '0' })).toEqual({ ok: false, reason: 'format' });
    expect(checkTimerInput({ hours: '0', minutes: 'a', seconds: '0' })).toEqual({ ok: false, reason: 'format' });
    expect(checkTimerInput({ hours: '0', minutes: '-1', seconds: '0' })).toEqual({ ok: false, reason: 'format' });
    expect(checkTimerInput({ hours: '0', minutes: '0', seconds: '0' })).toEqual({ ok: false, reason: 'zero' });
  });
});
